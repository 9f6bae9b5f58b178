/**
 * The write calls (PutRecord, UpdateRecord, DeleteRecord) with their history entry.
 *
 * The outcome is AWS's answer alone. The history is recorded after the call, outside
 * its try: when recording fails (storage full, unavailable), a successful write still
 * resolves, with `historyWarning` for the screen to show next to the success; a failed
 * write still rejects with the AWS error (an AwsCallError), never a storage error.
 */
import type { DeleteRecordInputLike, PutRecordInputLike, UpdateRecordInputLike } from '../domain/requests';
import { appendHistory, MAX_IMPORT_FAILURES_KEPT, type BulkImportSummary, type HistoryOperation, type NewHistoryEntry } from '../storage';
import { getAwsApi } from './api';
import type { RuntimeConfig } from './config';
import { toAwsCallError, type AwsCallError } from './errors';
import { storageScopeFor } from './storageScope';
import { currentActor } from './signInState';

type WriteInput = (
  | { operation: 'PutRecord'; input: PutRecordInputLike; recordId: string }
  | { operation: 'UpdateRecord'; input: UpdateRecordInputLike; recordId: string }
  | { operation: 'DeleteRecord'; input: DeleteRecordInputLike; recordId: string }
) & {
  /**
   * Runs after AWS answered success and before the history entry is kept: what it returns
   * is kept as the entry's note (e.g. "reached the offline store only"). It cannot change
   * the outcome; when it fails, the entry is kept without a note.
   */
  afterSuccess?: () => Promise<string | undefined>;
};

export interface WriteDone {
  requestId?: string | undefined;
  at: Date;
  /** Set when the write succeeded but its history entry could not be kept, e.g. "not recorded in history: storage full". */
  historyWarning?: string;
}

/** Recent history warnings by request id, for a page shown after the write (e.g. the record page after an edit). */
const recentWarnings = new Map<string, string>();

/** The history warning of a recent successful write, by its request id. */
export function historyWarningFor(requestId: string | undefined): string | undefined {
  return requestId ? recentWarnings.get(requestId) : undefined;
}

/** How long a history append may take before the outcome is shown without it. */
const HISTORY_TIMEOUT_MS = 5_000;

async function record(config: RuntimeConfig, entry: NewHistoryEntry): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('not recorded in history: browser storage did not answer'), HISTORY_TIMEOUT_MS);
  });
  try {
    const recorded = appendHistory(storageScopeFor(config), entry).then((result) => (result.ok ? undefined : `not recorded in history: ${result.message}`));
    return await Promise.race([recorded, timeout]);
  } catch {
    return 'not recorded in history';
  } finally {
    clearTimeout(timer);
  }
}

export async function sendWrite(config: RuntimeConfig, write: WriteInput): Promise<WriteDone> {
  // Who made it, taken before the call: the user who pressed Write, even if the session ends meanwhile.
  const actor = currentActor();
  const base = {
    ...(actor ? { actor } : {}),
    featureGroup: write.input.FeatureGroupName,
    recordId: write.recordId,
    operation: write.operation as HistoryOperation,
    targetStores: write.input.TargetStores ?? ['all stores'],
    request: write.input,
  };
  let outcome: { ok: true; requestId?: string | undefined } | { ok: false; error: AwsCallError };
  try {
    const api = await getAwsApi(config);
    const result =
      write.operation === 'PutRecord'
        ? await api.putRecord(write.input)
        : write.operation === 'UpdateRecord'
          ? await api.updateRecord(write.input)
          : await api.deleteRecord(write.input);
    outcome = { ok: true, requestId: result.requestId };
  } catch (error) {
    outcome = { ok: false, error: toAwsCallError(error, { operation: write.operation, group: write.input.FeatureGroupName }) };
  }

  const at = new Date();
  if (outcome.ok) {
    const note = write.afterSuccess ? await write.afterSuccess().catch(() => undefined) : undefined;
    const historyWarning = await record(config, {
      ...base,
      at: at.toISOString(),
      outcome: 'success',
      ...(note ? { note } : {}),
      ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
    });
    if (historyWarning && outcome.requestId) {
      recentWarnings.set(outcome.requestId, historyWarning);
      // Only the last few are needed: the page after a write reads its own at once.
      for (const key of recentWarnings.keys()) if (recentWarnings.size > 20) recentWarnings.delete(key);
    }
    return { requestId: outcome.requestId, at, ...(historyWarning ? { historyWarning } : {}) };
  }
  const error = outcome.error;
  // Recorded, but whatever happens to the record, the AWS error is what the caller gets.
  await record(config, {
    ...base,
    at: at.toISOString(),
    outcome: 'error',
    errorName: error.awsName ?? error.name,
    errorKind: error.kind,
    message: error.message,
    ...(error.requestId ? { requestId: error.requestId } : {}),
  });
  throw error;
}

/**
 * A bulk import's one history entry (counts, source, failed rows), kept after its last
 * answer. Its outcome is the rows' outcomes: 'error' when any row failed or was left
 * unwritten. Resolves to a warning when the entry could not be kept; never throws.
 */
export function recordImportHistory(
  config: RuntimeConfig,
  entry: {
    /** Who pressed Write (taken then, like the form's writes); none for a guest. */
    actor?: { name: string; role?: string };
    featureGroup: string;
    targetStores: string[];
    request: unknown;
    bulkImport: BulkImportSummary;
  },
): Promise<string | undefined> {
  const { bulkImport } = entry;
  const complete = bulkImport.failed === 0 && bulkImport.invalid === 0 && bulkImport.notWritten === 0 && !bulkImport.cancelled;
  const summary = `${bulkImport.written.toLocaleString('en-US')} of ${bulkImport.rows.toLocaleString('en-US')} rows written from ${bulkImport.source}`;
  return record(config, {
    ...(entry.actor ? { actor: entry.actor } : {}),
    featureGroup: entry.featureGroup,
    recordId: '',
    operation: 'BatchWriteRecord',
    targetStores: entry.targetStores,
    request: entry.request,
    outcome: complete ? 'success' : 'error',
    ...(complete
      ? { note: summary }
      : {
          errorName: bulkImport.cancelled ? 'ImportCancelled' : 'RowsNotWritten',
          message: `${summary}; ${bulkImport.failed.toLocaleString('en-US')} failed, ${bulkImport.invalid.toLocaleString('en-US')} invalid, ${bulkImport.notWritten.toLocaleString('en-US')} not sent.`,
        }),
    bulkImport: { ...bulkImport, failures: bulkImport.failures.slice(0, MAX_IMPORT_FAILURES_KEPT) },
  });
}
