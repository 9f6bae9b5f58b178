import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  InFlightLimit,
  backoffDelayMs,
  buildBatchWriteInput,
  settleBatch,
  type BatchWriteAnswer,
  type BatchWriteRecordInputLike,
  type ImportEntry,
} from './importBatches';
import { runImport, type CallFailure, type ImportRunHooks, type RowFailure } from './importRun';
import { customersSchema } from './testSchemas';

const entry = (row: number, id = `c${row}`): ImportEntry => ({
  row,
  record: [
    { FeatureName: 'customer_id', ValueAsString: id },
    { FeatureName: 'event_time', ValueAsString: '2026-12-01T08:00:00Z' },
  ],
});
const options = { groupName: 'customers' };
const idOf = (e: { Record: { FeatureName: string; ValueAsString?: string }[] }) => e.Record[0]?.ValueAsString ?? '';

describe('buildBatchWriteInput and settleBatch', () => {
  it('puts TargetStores on every entry and the TTL on the request, and refuses more than 25 entries', () => {
    const input = buildBatchWriteInput({ groupName: 'customers', targetStores: ['OnlineStore'], ttl: { Unit: 'Hours', Value: 2 } }, [entry(1)]);
    expect(input).toEqual({
      Entries: [{ FeatureGroupName: 'customers', Record: entry(1).record, TargetStores: ['OnlineStore'] }],
      TtlDuration: { Unit: 'Hours', Value: 2 },
    });
    expect(() =>
      buildBatchWriteInput(
        options,
        Array.from({ length: 26 }, (_, i) => entry(i + 1)),
      ),
    ).toThrow(RangeError);
  });

  it('splits a batch into written, failed and unprocessed rows exactly, duplicates included (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('ok', 'error', 'unprocessed')), { minLength: 1, maxLength: 25 }),
        (rows) => {
          const entries = rows.map(([id], index) => entry(index + 1, id));
          const input = buildBatchWriteInput(options, entries);
          const answer: BatchWriteAnswer = { errors: [], unprocessed: [] };
          rows.forEach(([, outcome], index) => {
            const echoed = input.Entries[index];
            if (!echoed) return;
            if (outcome === 'error') answer.errors.push({ entry: echoed, errorCode: 'ValidationError', message: 'bad' });
            if (outcome === 'unprocessed') answer.unprocessed.push(echoed);
          });
          const settled = settleBatch(customersSchema, entries, answer);
          const count = (kind: string) => rows.filter(([, outcome]) => outcome === kind).length;
          expect(settled.written).toHaveLength(count('ok'));
          expect(settled.failed).toHaveLength(count('error'));
          expect(settled.unprocessed).toHaveLength(count('unprocessed'));
          const all = [...settled.written, ...settled.failed.map((f) => f.entry), ...settled.unprocessed].map((e) => e.row).sort((a, b) => a - b);
          expect(all).toEqual(entries.map((e) => e.row));
        },
      ),
    );
  });
});

describe('backoff and calls in flight', () => {
  it('keeps the delay under the exponential ceiling and the cap', () => {
    expect(backoffDelayMs(1, () => 0.999)).toBeLessThan(200);
    expect(backoffDelayMs(3, () => 0.999)).toBeLessThan(800);
    expect(backoffDelayMs(50, () => 0.999)).toBeLessThan(20_000);
    expect(backoffDelayMs(5, () => 0)).toBe(0);
  });

  it('halves on throttling down to one, and grows back by one per limit answered calls', () => {
    const limit = new InFlightLimit(8);
    limit.throttled();
    expect(limit.limit).toBe(4);
    limit.throttled();
    limit.throttled();
    limit.throttled();
    expect(limit.limit).toBe(1);
    limit.answered();
    expect(limit.limit).toBe(2);
    limit.answered();
    expect(limit.limit).toBe(2);
    limit.answered();
    expect(limit.limit).toBe(3);
  });
});

type Answer = (input: BatchWriteRecordInputLike, call: number) => BatchWriteAnswer | Error;

function harness(total: number, answer: Answer, extra: Partial<ImportRunHooks> = {}) {
  const entries = Array.from({ length: total }, (_, i) => entry(i + 1));
  let read = 0;
  let calls = 0;
  let inFlight = 0;
  let maxSeenInFlight = 0;
  const written: number[] = [];
  const failed: RowFailure[] = [];
  const abandoned: number[] = [];
  const retries: string[] = [];
  const controller = new AbortController();
  const hooks: ImportRunHooks = {
    schema: customersSchema,
    options,
    nextBatch: async () => {
      if (read >= entries.length) return null;
      const batch = entries.slice(read, read + 25);
      read += batch.length;
      return batch;
    },
    send: async (input) => {
      calls += 1;
      inFlight += 1;
      maxSeenInFlight = Math.max(maxSeenInFlight, inFlight);
      await Promise.resolve();
      inFlight -= 1;
      const result = answer(input, calls);
      if (result instanceof Error) throw result;
      return result;
    },
    classify: (error): CallFailure => {
      const name = (error as Error).name;
      return {
        kind:
          name === 'ThrottlingException'
            ? 'throttled'
            : name === 'ServiceUnavailable'
              ? 'transient'
              : ['AccessForbidden', 'ExpiredTokenException', 'ResourceNotFound'].includes(name)
                ? 'refused'
                : 'final',
        errorCode: name,
        message: (error as Error).message,
      };
    },
    onWritten: (done) => written.push(...done.map((e) => e.row)),
    onFailed: (failures) => failed.push(...failures),
    onAbandoned: (rows) => abandoned.push(...rows.map((e) => e.row)),
    onRetry: (event) => retries.push(event.reason),
    sleep: async () => {},
    random: () => 0.5,
    whenRunning: async () => {},
    signal: controller.signal,
    maxInFlight: 4,
    ...extra,
  };
  return { hooks, written, failed, abandoned, retries, controller, stats: () => ({ calls, read, maxSeenInFlight }) };
}

const error = (name: string) => Object.assign(new Error(`${name} happened`), { name });
const ok = (): BatchWriteAnswer => ({ errors: [], unprocessed: [] });

describe('runImport', () => {
  it('writes every row once in calls of 25, with at most maxInFlight calls at once', async () => {
    const run = harness(260, () => ok());
    const result = await runImport(run.hooks);
    expect(result).toEqual({ cancelled: false, sourceDone: true });
    expect([...run.written].sort((a, b) => a - b)).toEqual(Array.from({ length: 260 }, (_, i) => i + 1));
    expect(run.stats().calls).toBe(11);
    expect(run.stats().maxSeenInFlight).toBeLessThanOrEqual(4);
  });

  it('retries throttled calls and unprocessed entries until written, and reports per-row errors', async () => {
    const run = harness(50, (input, call) => {
      if (call <= 3) return error('ThrottlingException');
      const answer = ok();
      for (const e of input.Entries) {
        if (idOf(e) === 'c7') answer.errors.push({ entry: e, errorCode: 'ValidationError', message: 'no' });
        if (idOf(e) === 'c8' && call < 8) answer.unprocessed.push(e);
      }
      return answer;
    });
    await runImport(run.hooks);
    expect(run.failed.map((f) => [f.entry.row, f.errorCode])).toEqual([[7, 'ValidationError']]);
    expect([...run.written].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1).filter((row) => row !== 7));
    expect(run.retries.filter((reason) => reason === 'throttled')).toHaveLength(3);
    expect(run.retries).toContain('unprocessed');
  });

  it('fails the rows of a call rejected as a whole, and gives up on a throttled call after maxAttempts', async () => {
    const rejected = harness(30, (input) => (idOf(input.Entries[0] as never) === 'c1' ? error('ValidationError') : ok()));
    await runImport(rejected.hooks);
    expect(rejected.failed).toHaveLength(25);
    expect(rejected.written).toHaveLength(5);

    const throttled = harness(10, () => error('ThrottlingException'), { policy: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 } });
    await runImport(throttled.hooks);
    expect(throttled.stats().calls).toBe(3);
    expect(throttled.failed).toHaveLength(10);
    expect(throttled.failed[0]?.message).toMatch(/gave up after 3 attempts/);
  });

  it('stops at once when AWS refuses a whole call (AccessForbidden, expired session, missing group): one call, the rest not sent', async () => {
    for (const name of ['AccessForbidden', 'ExpiredTokenException', 'ResourceNotFound']) {
      const run = harness(2000, () => error(name));
      const result = await runImport(run.hooks);
      // The first call goes alone: nothing else is sent before AWS has answered once.
      expect(run.stats().calls).toBe(1);
      expect(result).toEqual({ cancelled: false, sourceDone: false, stopped: { kind: 'refused', errorCode: name, message: `${name} happened` } });
      expect(run.failed).toHaveLength(25);
      expect(run.written).toHaveLength(0);
      expect(run.stats().read).toBeLessThanOrEqual(50);
    }
  });

  it('a refusal after some calls were answered stops sending; calls already in flight settle', async () => {
    const run = harness(1000, (_input, call) => (call >= 3 ? error('AccessForbidden') : ok()));
    const result = await runImport(run.hooks);
    expect(result.stopped?.errorCode).toBe('AccessForbidden');
    expect(run.written).toHaveLength(50);
    // Calls in flight when the refusal arrived (at most 4) were refused too; nothing after.
    expect(run.stats().calls).toBeLessThanOrEqual(2 + 4);
    expect(run.failed.length).toBeLessThanOrEqual(4 * 25);
  });

  it('stops reading and sending on cancel: rows waiting for a retry are abandoned, not failed', async () => {
    let run: ReturnType<typeof harness>;
    // eslint-disable-next-line prefer-const
    run = harness(
      100,
      (input, call) => {
        if (call === 2) run.controller.abort();
        return { errors: [], unprocessed: call === 2 ? input.Entries.slice(0, 3) : [] };
      },
      { maxInFlight: 1 },
    );
    const result = await runImport(run.hooks);
    expect(result.cancelled).toBe(true);
    expect(run.written).toHaveLength(47);
    expect(run.abandoned).toHaveLength(3);
    expect(run.failed).toHaveLength(0);
    expect(run.stats().read).toBeLessThan(100);
  });

  it('sends nothing while paused and resumes where it stopped', async () => {
    let release: () => void = () => {};
    let paused = true;
    const gate = new Promise<void>((resolve) => {
      release = () => {
        paused = false;
        resolve();
      };
    });
    // The loop has reached the pause when it waits at the gate: a condition, not a delay.
    let atGate: () => void = () => {};
    const reachedGate = new Promise<void>((resolve) => (atGate = resolve));
    const run = harness(30, () => ok(), {
      whenRunning: () => {
        if (!paused) return Promise.resolve();
        atGate();
        return gate;
      },
    });
    const done = runImport(run.hooks);
    await reachedGate;
    expect(run.stats().calls).toBe(0);
    release();
    await done;
    expect(run.written).toHaveLength(30);
  });
});
