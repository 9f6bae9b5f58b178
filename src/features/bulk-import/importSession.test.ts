import { describe, expect, it } from 'vitest';
import type { BatchWriteAnswer, BatchWriteRecordInputLike } from '../../domain/importBatches';
import type { ImportSettings } from '../../domain/importMapping';
import { customersSchema } from '../../domain/testSchemas';
import type { ImportProgress } from '../../storage';
import { WriteControl, dryRun, generatedMapping, generatedSource, writeRows, type SessionHooks } from './importSession';

const settings: ImportSettings = {
  mapping: generatedMapping(customersSchema),
  columns: customersSchema.features.map((spec) => spec.name),
  listFormat: { kind: 'json' },
  format: 'csv',
  seed: 1,
  now: '2026-12-01T08:00:00.000Z',
};
const template = [
  { FeatureName: 'customer_id', ValueAsString: 'C-{{seq}}' },
  { FeatureName: 'event_time', ValueAsString: '{{now}}' },
  { FeatureName: 'age', ValueAsString: '{{int:1:99}}' },
];

function hooks(count: number, send: (input: BatchWriteRecordInputLike) => Promise<BatchWriteAnswer>, extra: Partial<SessionHooks> = {}): SessionHooks {
  const source = { kind: 'generate' as const, name: 't', count, record: template };
  return {
    schema: customersSchema,
    settings,
    source,
    openSource: () => generatedSource(customersSchema, source, settings),
    send,
    classify: (error) => ({ kind: (error as Error).name === 'ThrottlingException' ? 'throttled' : 'final', errorCode: (error as Error).name, message: 'x' }),
    maxInFlight: 3,
    now: () => Date.now(),
    ...extra,
  };
}

describe('writeRows', () => {
  it('writes generated rows once, finishes, and saves progress that a resume skips', async () => {
    const sent: string[] = [];
    let calls = 0;
    const saved: ImportProgress[] = [];
    const send = async (input: BatchWriteRecordInputLike): Promise<BatchWriteAnswer> => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      for (const entry of input.Entries) sent.push(entry.Record[0]?.ValueAsString ?? '');
      return { errors: [], unprocessed: [] };
    };
    const dry = await dryRun(hooks(60, send), () => {}, new AbortController().signal);
    expect(dry).toMatchObject({ rows: 60, valid: 60, invalid: 0 });
    const state = await writeRows(hooks(60, send, { saveProgress: async (progress) => void saved.push(progress) }), new WriteControl(), dry, () => {});
    expect(state).toMatchObject({ phase: 'done', written: 60, failed: 0, cancelled: false, notWritten: 0 });
    expect(state.writtenRows.toString()).toBe('1-60');
    expect(new Set(sent).size).toBe(60);
    expect(sent).toHaveLength(60);
    const last = saved.at(-1) as ImportProgress;
    expect(last).toMatchObject({ written: [[1, 60]], inFlight: [], finished: true });

    // A resume of an import stopped after rows 1-25 sends only rows 26-60.
    const resumed: string[] = [];
    const partial = { ...last, written: [[1, 25]] as [number, number][], inFlight: [[26, 30]] as [number, number][], finished: false };
    const again = await writeRows(
      hooks(
        60,
        async (input) => {
          for (const entry of input.Entries) resumed.push(entry.Record[0]?.ValueAsString ?? '');
          return { errors: [], unprocessed: [] };
        },
        { resumeFrom: partial },
      ),
      new WriteControl(),
      { rows: 60, valid: 35 },
      () => {},
    );
    expect(resumed).toEqual(Array.from({ length: 35 }, (_, i) => `C-${i + 26}`));
    expect(again).toMatchObject({ written: 60, resentInDoubt: 5 });
  });

  it('tells the screen at most every interval, yet at once when paused and when done', async () => {
    const control = new WriteControl();
    const phases: string[] = [];
    let calls = 0;
    const state = await writeRows(
      hooks(
        500,
        async () => {
          calls += 1;
          if (calls === 10) control.pause();
          return { errors: [], unprocessed: [] };
        },
        // The clock never moves: only the updates that must not wait are sent.
        { now: () => 0 },
      ),
      control,
      { rows: 500, valid: 500 },
      (update) => {
        phases.push(update.phase);
        if (update.phase === 'paused') control.resume();
      },
      200,
    );
    expect(state).toMatchObject({ phase: 'done', written: 500 });
    // 20 calls; the screen heard of the pause, of the resume and of the end, not of every call.
    expect(phases).toEqual(['paused', 'writing', 'done']);
  });

  it('checks rows as batches are taken: a large chunk is not checked before the first call', async () => {
    const checkedBeforeFirstCall: number[] = [];
    let pulled = 0;
    const chunk = {
      rows: Array.from({ length: 5000 }, (_, i) => ({
        get cells() {
          pulled += 1;
          return [`C-${i + 1}`, '2026-12-01T08:00:00Z', '1', '', ''];
        },
      })),
      done: 1,
      total: 1,
    };
    const fileSettings: ImportSettings = { ...settings, columns: ['customer_id', 'event_time', 'age', 'lifetime_value', 'segment'] };
    const { automaticMapping } = await import('../../domain/importMapping');
    fileSettings.mapping = automaticMapping(customersSchema, fileSettings.columns);
    let served = false;
    const state = await writeRows(
      {
        ...hooks(5000, async () => {
          if (checkedBeforeFirstCall.length === 0) checkedBeforeFirstCall.push(pulled);
          return { errors: [], unprocessed: [] };
        }),
        settings: fileSettings,
        openSource: () => ({ next: async () => (served ? null : ((served = true), chunk)), close: () => {} }),
      },
      new WriteControl(),
      { rows: 5000, valid: 5000 },
      () => {},
    );
    expect(state).toMatchObject({ written: 5000, failed: 0 });
    // One batch of 25 rows was read (each row's cells once or twice), not the chunk's 5,000.
    expect(checkedBeforeFirstCall[0]).toBeLessThanOrEqual(50);
  });

  it('cancel stops sending: the summary counts what was written and what was not sent', async () => {
    const control = new WriteControl();
    let calls = 0;
    const state = await writeRows(
      hooks(
        200,
        async () => {
          calls += 1;
          if (calls === 2) control.cancel();
          return { errors: [], unprocessed: [] };
        },
        { maxInFlight: 1 },
      ),
      control,
      { rows: 200, valid: 200 },
      () => {},
    );
    expect(state.cancelled).toBe(true);
    expect(state.written).toBe(50);
    expect(state.notWritten).toBe(150);
  });
});

describe('dryRun', () => {
  it('keeps the first three valid records as they will be sent and the keys the source reports late', async () => {
    const chunks = [
      { rows: [{ cells: ['C-1', '2026-12-01T08:00:00Z', '1', '', ''] }, { cells: ['', 'x', '', '', ''] }], done: 1, total: 2 },
      {
        rows: [
          { cells: ['C-2', '2026-12-01T08:00:00Z', '2', '', ''] },
          { cells: ['C-3', '2026-12-01T08:00:00Z', '3', '', ''] },
          { cells: ['C-4', '2026-12-01T08:00:00Z', '4', '', ''] },
        ],
        done: 2,
        total: 2,
        newKeys: [{ key: 'late', line: 1501 }],
      },
    ];
    const fileSettings: ImportSettings = { ...settings, columns: ['customer_id', 'event_time', 'age', 'lifetime_value', 'segment'] };
    const { automaticMapping } = await import('../../domain/importMapping');
    fileSettings.mapping = automaticMapping(customersSchema, fileSettings.columns);
    const result = await dryRun(
      {
        schema: customersSchema,
        settings: fileSettings,
        openSource: () => {
          let index = 0;
          return { next: async () => chunks[index++] ?? null, close: () => {} };
        },
      },
      () => {},
      new AbortController().signal,
    );
    expect(result).toMatchObject({ rows: 5, valid: 4, invalid: 1, lateKeys: [{ key: 'late', line: 1501 }] });
    expect(result.sample.map((record) => record.find((value) => value.FeatureName === 'customer_id')?.ValueAsString)).toEqual(['C-1', 'C-2', 'C-3']);
  });
});
