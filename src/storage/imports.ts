/**
 * Bulk import progress per scope and source file: which rows AWS acknowledged (written or
 * refused), journalled after every answer so that a closed tab loses nothing acknowledged,
 * and a resume skips exactly those rows. A file is known again by group, name, size and
 * lastModified (a browser gives no path or hash without reading the whole file).
 *
 * Saves are not awaited by the import: each registers in the unload journal (journal.ts)
 * while in flight or waiting, so the newest progress survives a reload even when IndexedDB
 * had no time to commit it. Rows are validated on read; a damaged row reads as "no progress".
 */
import * as z from 'zod/mini';
import { importSettingsSchema } from '../domain/importMapping';
import { database } from './database';
import { journalWhileInFlight, nextWriteSeq, noteSeenSeq } from './journal';
import { attempt, type StorageResult } from './result';
import { scopeKey, type StorageScope } from './scope';

const rangesSchema = z.array(z.tuple([z.number(), z.number()])).check(z.maxLength(1_000_000));

export const importProgressSchema = z.object({
  group: z.string().check(z.maxLength(150)),
  fileName: z.string().check(z.maxLength(1024)),
  size: z.number(),
  lastModified: z.number(),
  startedAt: z.string().check(z.maxLength(40)),
  updatedAt: z.string().check(z.maxLength(40)),
  settings: importSettingsSchema,
  /** Rows in the file (the dry run's count), for "stopped at 16,900 of 50,000 rows"; absent in saves from before it was kept. */
  rows: z.optional(z.number()),
  /** Rows AWS wrote. */
  written: rangesSchema,
  /** Rows AWS answered with an error, and rows the dry run found invalid: kept for "stopped at N rows"; a resume skips only written rows, so these are checked and sent again. */
  failed: rangesSchema,
  /** Rows sent whose answer had not arrived at the last save: their outcome is unknown. */
  inFlight: rangesSchema,
  finished: z.boolean(),
});

export type ImportProgress = z.infer<typeof importProgressSchema>;

export function importKey(group: string, file: { name: string; size: number; lastModified: number }): string {
  return JSON.stringify([group, file.name, file.size, file.lastModified]);
}

export function loadImportProgress(scope: StorageScope, key: string): Promise<StorageResult<ImportProgress | undefined>> {
  return attempt(async () => {
    const row = await (await database()).get('imports', [scopeKey(scope), key]);
    if (!row) return undefined;
    if (typeof row.seq === 'number') noteSeenSeq(row.seq);
    const parsed = importProgressSchema.safeParse(row.progress);
    return parsed.success ? parsed.data : undefined;
  });
}

interface PendingSave {
  seq: number;
  progress: ImportProgress;
  release: () => void;
  settled: ((result: StorageResult<undefined>) => void)[];
}

/** Per import: whether a save is in IndexedDB now, and the newest progress waiting for it. */
const saving = new Set<string>();
const waiting = new Map<string, PendingSave>();

/**
 * Least time between two IndexedDB transactions of one import. Every answer's progress is
 * journalled at once (a reload or a closed tab keeps it); only the IndexedDB copy trails by
 * up to this much, so a browser crash (no pagehide) may lose that long of acknowledgements:
 * a resume then sends those rows again (BatchWriteRecord of the same record and event time
 * writes the same online record; the offline store gets the row twice). One transaction per
 * answer was about a tenth of the page's main-thread time during an import (issue 18 §6).
 */
export const IMPORT_SAVE_INTERVAL_MS = 250;

/**
 * Saves the newest progress; older saves still in flight never land over it (seq). An
 * answer arrives every few milliseconds during an import, so saves are coalesced: while one
 * is in IndexedDB, or less than IMPORT_SAVE_INTERVAL_MS has passed since it committed, only
 * the newest progress waits (journalled at once, so a tab closed meanwhile still keeps it),
 * and it is saved after that: a few IndexedDB transactions a second per import instead of
 * one per answer. The promise resolves when the progress given (or a newer one) is stored.
 */
export function saveImportProgress(scope: StorageScope, key: string, progress: ImportProgress): Promise<StorageResult<undefined>> {
  const scoped = scopeKey(scope);
  const id = `${scoped}\u0000${key}`;
  const seq = nextWriteSeq();
  const release = journalWhileInFlight({ kind: 'import', scope: scoped, key, seq, progress });
  if (!saving.has(id)) return store(id, scoped, key, { seq, progress, release, settled: [] });
  const superseded = waiting.get(id);
  superseded?.release();
  return new Promise((resolve) => {
    waiting.set(id, { seq, progress, release, settled: [...(superseded?.settled ?? []), resolve] });
  });
}

function store(id: string, scoped: string, key: string, save: PendingSave): Promise<StorageResult<undefined>> {
  saving.add(id);
  return attempt(async () => {
    const db = await database();
    const tx = db.transaction('imports', 'readwrite');
    const existing = await tx.store.get([scoped, key]);
    if (!existing || typeof existing.seq !== 'number' || existing.seq < save.seq)
      await tx.store.put({ scope: scoped, key, seq: save.seq, progress: save.progress });
    await tx.done;
    return undefined;
  }).then((result) => {
    save.release();
    for (const settle of save.settled) settle(result);
    // Still "saving" for the interval: a save asked for meanwhile waits (journalled), then goes.
    setTimeout(() => {
      const next = waiting.get(id);
      if (next) {
        waiting.delete(id);
        void store(id, scoped, key, next);
      } else saving.delete(id);
    }, IMPORT_SAVE_INTERVAL_MS);
    return result;
  });
}

/** The most imports listed as interrupted on a group's import page. */
const MAX_LISTED = 20;

/**
 * This scope's unfinished imports into `group`, newest first: the import page shows them at
 * once after a reload or a leave ("customers50k.csv stopped at 16,900 of 50,000 rows").
 */
export function listInterruptedImports(scope: StorageScope, group: string): Promise<StorageResult<ImportProgress[]>> {
  return attempt(async () => {
    const scoped = scopeKey(scope);
    // Keys are importKey()'s JSON text, so this group's all start with `["group",`.
    const prefix = `[${JSON.stringify(group)},`;
    const rows = await (await database()).getAll('imports', IDBKeyRange.bound([scoped, prefix], [scoped, `${prefix}\uffff`]), 1000);
    const found: ImportProgress[] = [];
    for (const row of rows) {
      const parsed = importProgressSchema.safeParse(row.progress);
      if (parsed.success && parsed.data.group === group && !parsed.data.finished) found.push(parsed.data);
    }
    return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, MAX_LISTED);
  });
}

export function discardImportProgress(scope: StorageScope, key: string): Promise<StorageResult<undefined>> {
  // A save still waiting for its turn would bring the progress back after the delete.
  const id = `${scopeKey(scope)}\u0000${key}`;
  const pending = waiting.get(id);
  if (pending) {
    waiting.delete(id);
    pending.release();
    for (const settle of pending.settled) settle({ ok: true, value: undefined });
  }
  return attempt(async () => {
    await (await database()).delete('imports', [scopeKey(scope), key]);
    return undefined;
  });
}
