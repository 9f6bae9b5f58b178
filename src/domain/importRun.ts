/**
 * Bulk import's write loop, without the SDK, the DOM or a clock of its own (all injected,
 * so it is tested with fakes and runs the same in the console and the bench).
 *
 * - The source is read only when a call slot is free (`nextBatch`): backpressure reaches
 *   the file reader, so memory holds a bounded number of rows however large the file.
 * - At most `limit` calls in flight; throttling halves the limit and backs off with jitter,
 *   answered calls grow it back (InFlightLimit).
 * - UnprocessedEntries are sent again after a backoff; rows named in Errors fail with that
 *   error; a call that failed as a whole is retried when it was throttled or transient,
 *   else every row of it fails with the call's error.
 * - Pause stops new calls (those in flight finish); cancel stops reading and sending: rows
 *   waiting for a retry are reported `abandoned`, never failed and never written.
 * - A call refused as a whole for a reason no other call can escape (the identity may not
 *   write, the session expired, the group does not exist: kind `refused`) stops the import
 *   like a cancel: its rows fail with the refusal, nothing more is read or sent, and the
 *   result says why (`stopped`). The first call goes alone so that such a refusal costs one
 *   call, not `maxInFlight`.
 */
import {
  BATCH_SIZE,
  DEFAULT_RETRY_POLICY,
  InFlightLimit,
  backoffDelayMs,
  buildBatchWriteInput,
  settleBatch,
  type BatchWriteAnswer,
  type BatchWriteRecordInputLike,
  type ImportEntry,
  type ImportWriteOptions,
  type RetryPolicy,
} from './importBatches';
import type { FeatureGroupSchema } from './schema';

export interface CallFailure {
  /**
   * throttled: back off and retry with fewer calls in flight; transient: retry; final: the
   * rows fail; refused: the rows fail and the import stops (every other call would be refused too).
   */
  kind: 'throttled' | 'transient' | 'final' | 'refused';
  errorCode: string;
  message: string;
  /** For `refused`: what the screen says, in the form's words (e.g. "Your identity may not write to …"), and what to do. */
  title?: string;
  detail?: string;
}

export interface RowFailure {
  entry: ImportEntry;
  errorCode: string;
  message: string;
}

export interface ImportRunHooks {
  schema: FeatureGroupSchema;
  options: ImportWriteOptions;
  /** Up to 25 valid entries, or null when the source has no more. */
  nextBatch(): Promise<ImportEntry[] | null>;
  send(input: BatchWriteRecordInputLike): Promise<BatchWriteAnswer>;
  classify(error: unknown): CallFailure;
  onWritten(entries: ImportEntry[]): void;
  onFailed(failures: RowFailure[]): void;
  onAbandoned?(entries: ImportEntry[]): void;
  onRetry?(event: { reason: 'throttled' | 'transient' | 'unprocessed'; rows: number; attempt: number; delayMs: number; limit: number }): void;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  /** Resolves when the import is not paused. */
  whenRunning(): Promise<void>;
  signal: AbortSignal;
  maxInFlight: number;
  policy?: RetryPolicy;
}

export interface ImportRunResult {
  cancelled: boolean;
  /** Whether every row of the source was read. */
  sourceDone: boolean;
  /** Set when a refused call stopped the import. */
  stopped?: CallFailure;
}

export async function runImport(hooks: ImportRunHooks): Promise<ImportRunResult> {
  const policy = hooks.policy ?? DEFAULT_RETRY_POLICY;
  const limit = new InFlightLimit(hooks.maxInFlight);
  const inFlight = new Set<Promise<void>>();
  const retries: { entries: ImportEntry[]; attempt: number }[] = [];
  let sourceDone = false;
  let stopped: CallFailure | undefined;
  /** Until AWS has answered one call, one call at a time (a refusal then costs one call). */
  let answered = false;
  const aborted = () => hooks.signal.aborted || stopped !== undefined;

  async function backOff(reason: 'throttled' | 'transient' | 'unprocessed', rows: number, attempt: number): Promise<void> {
    const delayMs = backoffDelayMs(attempt, hooks.random, policy);
    hooks.onRetry?.({ reason, rows, attempt, delayMs, limit: limit.limit });
    await hooks.sleep(delayMs, hooks.signal);
  }

  async function sendBatch(entries: ImportEntry[], firstAttempt: number): Promise<void> {
    let attempt = firstAttempt;
    for (;;) {
      await hooks.whenRunning();
      if (aborted()) {
        hooks.onAbandoned?.(entries);
        return;
      }
      let answer: BatchWriteAnswer;
      try {
        answer = await hooks.send(buildBatchWriteInput(hooks.options, entries));
      } catch (error) {
        const failure = hooks.classify(error);
        if (failure.kind === 'refused') {
          stopped ??= failure;
          hooks.onFailed(entries.map((entry) => ({ entry, errorCode: failure.errorCode, message: failure.message })));
          return;
        }
        answered = true;
        if (failure.kind === 'throttled') limit.throttled();
        if (failure.kind !== 'final' && attempt + 1 < policy.maxAttempts) {
          attempt += 1;
          await backOff(failure.kind, entries.length, attempt);
          continue;
        }
        const exhausted = failure.kind === 'final' ? '' : ` (gave up after ${attempt + 1} attempts)`;
        hooks.onFailed(entries.map((entry) => ({ entry, errorCode: failure.errorCode, message: `${failure.message}${exhausted}` })));
        return;
      }
      answered = true;
      limit.answered();
      const settled = settleBatch(hooks.schema, entries, answer);
      if (settled.written.length > 0) hooks.onWritten(settled.written);
      if (settled.failed.length > 0) hooks.onFailed(settled.failed);
      if (settled.unprocessed.length === 0) return;
      if (attempt + 1 >= policy.maxAttempts) {
        hooks.onFailed(
          settled.unprocessed.map((entry) => ({
            entry,
            errorCode: 'UnprocessedEntry',
            message: `AWS returned the entry as unprocessed ${attempt + 1} times; it was not written.`,
          })),
        );
        return;
      }
      await backOff('unprocessed', settled.unprocessed.length, attempt + 1);
      // Queued, not sent here: unprocessed rows of several calls are sent together again.
      retries.push({ entries: settled.unprocessed, attempt: attempt + 1 });
      return;
    }
  }

  function start(entries: ImportEntry[], attempt: number): void {
    const call: Promise<void> = sendBatch(entries, attempt).finally(() => inFlight.delete(call));
    inFlight.add(call);
  }

  while (!aborted()) {
    await hooks.whenRunning();
    if (aborted()) break;
    if (inFlight.size >= (answered ? limit.limit : 1)) {
      await Promise.race(inFlight);
      continue;
    }
    const retry = retries.shift();
    if (retry) {
      // Top the batch up with other rows waiting for a retry (same attempt count or not).
      while (retry.entries.length < BATCH_SIZE && retries.length > 0) {
        const next = retries[0] as { entries: ImportEntry[]; attempt: number };
        const room = BATCH_SIZE - retry.entries.length;
        retry.entries.push(...next.entries.splice(0, room));
        retry.attempt = Math.max(retry.attempt, next.attempt);
        if (next.entries.length === 0) retries.shift();
      }
      start(retry.entries, retry.attempt);
      continue;
    }
    if (!sourceDone) {
      const batch = await hooks.nextBatch();
      if (batch === null) sourceDone = true;
      else if (batch.length > 0) start(batch, 0);
      continue;
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  for (const retry of retries.splice(0)) hooks.onAbandoned?.(retry.entries);
  return { cancelled: hooks.signal.aborted, sourceDone: sourceDone && !aborted(), ...(stopped ? { stopped } : {}) };
}
