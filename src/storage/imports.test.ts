// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress } from './imports';

/** IndexedDB stand-in: what was put and deleted, in order. */
const log: { op: 'put' | 'delete'; seq?: number; written?: unknown }[] = [];
const rows = new Map<string, { seq: number; progress: unknown }>();
vi.mock('./database', () => ({
  database: async () => ({
    transaction: () => ({
      store: {
        get: async (key: [string, string]) => rows.get(key.join('|')),
        put: async (row: { scope: string; key: string; seq: number; progress: ImportProgress }) => {
          log.push({ op: 'put', seq: row.seq, written: row.progress.written });
          rows.set(`${row.scope}|${row.key}`, row);
        },
      },
      done: Promise.resolve(),
    }),
    delete: async (_store: string, key: [string, string]) => {
      log.push({ op: 'delete' });
      rows.delete(key.join('|'));
    },
  }),
}));

const { IMPORT_SAVE_INTERVAL_MS, discardImportProgress, saveImportProgress } = await import('./imports');
const { JOURNAL_KEY, persistInFlightWrites, takeJournal } = await import('./journal');

const scope = { environment: 'local', user: 'guest' };
const progress = (through: number): ImportProgress => ({
  group: 'customers',
  fileName: 'c.csv',
  size: 1,
  lastModified: 1,
  startedAt: 't',
  updatedAt: 't',
  settings: { mapping: [], columns: [], listFormat: { kind: 'json' }, format: 'csv', seed: 1, now: 't' } as unknown as ImportProgress['settings'],
  written: [[1, through]],
  failed: [],
  inFlight: [],
  finished: false,
});
/** Lets the fake database's promises settle without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('import progress saves', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    log.length = 0;
    rows.clear();
    localStorage.clear();
  });
  afterEach(async () => {
    await vi.runAllTimersAsync();
    vi.useRealTimers();
  });

  it('write IndexedDB at most every interval, the newest progress last, and journal the newest at once', async () => {
    const first = saveImportProgress(scope, 'k', progress(25));
    await settle();
    expect(log).toHaveLength(1);
    // Answers keep coming right after the first save committed: they wait for the interval.
    const later = [50, 75, 100].map((through) => saveImportProgress(scope, 'k', progress(through)));
    await settle();
    expect(log).toHaveLength(1);
    // A reload now still keeps the newest progress: the journal has it.
    persistInFlightWrites();
    const journalled = takeJournal();
    expect(journalled.map((entry) => (entry.kind === 'import' ? (entry.progress as ImportProgress).written : undefined))).toEqual([[[1, 100]]]);
    expect(localStorage.getItem(JOURNAL_KEY)).toBeNull();

    await vi.advanceTimersByTimeAsync(IMPORT_SAVE_INTERVAL_MS);
    expect(log.map((entry) => entry.written)).toEqual([[[1, 25]], [[1, 100]]]);
    // Every caller hears that its progress (or a newer one) is stored.
    expect(await first).toEqual({ ok: true, value: undefined });
    for (const result of await Promise.all(later)) expect(result).toEqual({ ok: true, value: undefined });
    // Nothing was left waiting: the journal is empty again.
    persistInFlightWrites();
    expect(takeJournal()).toEqual([]);
  });

  it('a discard drops the save still waiting, so the progress does not come back', async () => {
    void saveImportProgress(scope, 'k', progress(25));
    await settle();
    void saveImportProgress(scope, 'k', progress(50));
    await discardImportProgress(scope, 'k');
    await vi.advanceTimersByTimeAsync(IMPORT_SAVE_INTERVAL_MS * 2);
    expect(log.map((entry) => entry.op)).toEqual(['put', 'delete']);
    expect(rows.size).toBe(0);
  });
});
