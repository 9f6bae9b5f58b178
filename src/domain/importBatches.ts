/**
 * Bulk import's writes: rows become BatchWriteRecord calls of at most 25 entries (one
 * request-level TtlDuration and one TargetStores choice per import), and AWS's answer is
 * turned back into per-row outcomes: a row named in `Errors` failed with that error, a row
 * in `UnprocessedEntries` is retried, every other row of an answered call was written.
 *
 * BatchWriteRecord's Errors and UnprocessedEntries echo whole entries, not positions: a row
 * is found again by its identifier and event time, in order among equal ones.
 */
import { MAX_BATCH_WRITE_ENTRIES } from './limits';
import type { FeatureValueLike } from './recordForm';
import type { FeatureGroupSchema, TargetStore } from './schema';
import type { TtlDuration } from './ttl';

/** A valid row, ready to send: `row` is its 1-based data row number in the source. */
export interface ImportEntry {
  row: number;
  record: FeatureValueLike[];
}

export interface BatchWriteEntryLike {
  FeatureGroupName: string;
  Record: FeatureValueLike[];
  TargetStores?: TargetStore[];
  TtlDuration?: TtlDuration;
}

export interface BatchWriteRecordInputLike {
  Entries: BatchWriteEntryLike[];
  TtlDuration?: TtlDuration;
}

/** What a BatchWriteRecord call answered (the SDK's output, names kept). */
export interface BatchWriteAnswer {
  errors: { entry: BatchWriteEntryLike | undefined; errorCode: string; message: string }[];
  unprocessed: BatchWriteEntryLike[];
  requestId?: string | undefined;
}

export interface ImportWriteOptions {
  groupName: string;
  /** Undefined: every store the group has. */
  targetStores?: TargetStore[] | undefined;
  /** Request-level TtlDuration: applies to every entry of every call. */
  ttl?: TtlDuration | undefined;
}

export const BATCH_SIZE = MAX_BATCH_WRITE_ENTRIES;

export function buildBatchWriteInput(options: ImportWriteOptions, entries: readonly ImportEntry[]): BatchWriteRecordInputLike {
  if (entries.length === 0 || entries.length > BATCH_SIZE) throw new RangeError(`A BatchWriteRecord call takes 1 to ${BATCH_SIZE} entries.`);
  const input: BatchWriteRecordInputLike = {
    Entries: entries.map((entry) => ({
      FeatureGroupName: options.groupName,
      Record: entry.record,
      ...(options.targetStores ? { TargetStores: options.targetStores } : {}),
    })),
  };
  if (options.ttl) input.TtlDuration = options.ttl;
  return input;
}

function valueOf(record: readonly FeatureValueLike[] | undefined, name: string): string {
  return record?.find((value) => value.FeatureName === name)?.ValueAsString ?? '';
}

function keyOf(schema: FeatureGroupSchema, record: readonly FeatureValueLike[] | undefined): string {
  return `${valueOf(record, schema.recordIdentifierName)}\u0000${valueOf(record, schema.eventTimeName)}`;
}

export interface SettledBatch {
  written: ImportEntry[];
  failed: { entry: ImportEntry; errorCode: string; message: string }[];
  unprocessed: ImportEntry[];
}

/** Per-row outcomes of an answered call. An echoed entry that matches no row is ignored (it cannot be placed). */
export function settleBatch(schema: FeatureGroupSchema, entries: readonly ImportEntry[], answer: BatchWriteAnswer): SettledBatch {
  const byKey = new Map<string, ImportEntry[]>();
  for (const entry of entries) {
    const key = keyOf(schema, entry.record);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const take = (record: readonly FeatureValueLike[] | undefined) => byKey.get(keyOf(schema, record))?.shift();
  const failed: SettledBatch['failed'] = [];
  const unprocessed: ImportEntry[] = [];
  const settled = new Set<ImportEntry>();
  for (const error of answer.errors) {
    const entry = take(error.entry?.Record);
    if (!entry) continue;
    settled.add(entry);
    failed.push({ entry, errorCode: error.errorCode, message: error.message });
  }
  for (const echoed of answer.unprocessed) {
    const entry = take(echoed.Record);
    if (!entry) continue;
    settled.add(entry);
    unprocessed.push(entry);
  }
  return { written: entries.filter((entry) => !settled.has(entry)), failed, unprocessed };
}

/** How the import retries: full-jitter exponential backoff, and a limit on calls in flight that halves on throttling. */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts per batch (throttled, transient or unprocessed) before its rows are reported failed. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 100, maxDelayMs: 20_000, maxAttempts: 10 };

/** Delay before retry number `attempt` (1 for the first retry): uniform in [0, min(max, base * 2^attempt)). */
export function backoffDelayMs(attempt: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Calls in flight, adapted to the service (additive increase, multiplicative decrease):
 * throttling halves the limit (at least 1) and success grows it back by one per `limit`
 * answered calls, up to `max`.
 */
export class InFlightLimit {
  private successes = 0;
  limit: number;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('At least one call in flight.');
    this.limit = max;
  }

  throttled(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
  }

  answered(): void {
    this.successes += 1;
    if (this.successes >= this.limit && this.limit < this.max) {
      this.limit += 1;
      this.successes = 0;
    }
  }
}
