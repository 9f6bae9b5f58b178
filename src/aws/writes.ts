/**
 * The write calls (PutRecord, UpdateRecord, DeleteRecord) with their history entry:
 * every write made from this browser is logged, success or failure, in one place.
 */
import type { DeleteRecordInputLike, PutRecordInputLike, UpdateRecordInputLike } from '../domain/requests';
import { getAwsApi } from './api';
import { environmentKey, type RuntimeConfig } from './config';
import { appendHistory, type HistoryOperation } from './history';

type WriteInput =
  | { operation: 'PutRecord'; input: PutRecordInputLike; recordId: string }
  | { operation: 'UpdateRecord'; input: UpdateRecordInputLike; recordId: string }
  | { operation: 'DeleteRecord'; input: DeleteRecordInputLike; recordId: string };

export async function sendWrite(config: RuntimeConfig, write: WriteInput): Promise<{ requestId?: string; at: Date }> {
  const api = await getAwsApi(config);
  const base = {
    environment: environmentKey(config),
    featureGroup: write.input.FeatureGroupName,
    recordId: write.recordId,
    operation: write.operation as HistoryOperation,
    targetStores: write.input.TargetStores ?? ['all stores'],
    request: write.input,
  };
  try {
    const result =
      write.operation === 'PutRecord'
        ? await api.putRecord(write.input)
        : write.operation === 'UpdateRecord'
          ? await api.updateRecord(write.input)
          : await api.deleteRecord(write.input);
    const entry = appendHistory({ ...base, outcome: 'success', ...(result.requestId ? { requestId: result.requestId } : {}) });
    return { ...result, at: new Date(entry.at) };
  } catch (error) {
    const sdkError = error as { name?: string; message?: string; $metadata?: { requestId?: string } };
    appendHistory({
      ...base,
      outcome: 'error',
      errorName: sdkError.name ?? 'Error',
      message: sdkError.message ?? String(error),
      ...(sdkError.$metadata?.requestId ? { requestId: sdkError.$metadata.requestId } : {}),
    });
    throw error;
  }
}
