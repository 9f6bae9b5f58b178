import { getAwsApi } from '../../aws/api';
import type { RuntimeConfig } from '../../aws/config';
import { describeAwsError } from '../../aws/errors';
import { sendWrite } from '../../aws/writes';
import { predictExpiry } from '../../domain/expiry';
import { chooseRecordId, judgeOnlineLanding, storedEventTime } from '../../domain/rebase';
import type { RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import { eventTimeText, planWrite, type StoredRecordBase, type WritePreference } from '../../domain/writePlan';
import type { WriteResult } from './WriteOutcome';

/**
 * Save: the write the preview shows, then (when the online store is targeted) a read-back, and
 * where the write landed. The outcome is AWS's answer; a failed read-back is reported beside it.
 */
export async function saveRecord(
  config: RuntimeConfig,
  schema: FeatureGroupSchema,
  values: RecordFormValues,
  base: StoredRecordBase | undefined,
  preference: WritePreference,
): Promise<WriteResult> {
  const plan = planWrite(schema, values, base, preference);
  const recordId = chooseRecordId(schema, values, base);
  const reachedOnline = schema.onlineStore !== undefined && values.targetStores.online;
  // B1: re-read the stored event time just before an edit is saved; a Standard online store
  // answers an older PutRecord with success and keeps the newer record, so this (and the read-back) is how we tell.
  let before: { eventTime?: string } = {};
  if (base && reachedOnline) {
    try {
      const eventTime = storedEventTime(schema, (await (await getAwsApi(config)).getRecord(schema.name, recordId)).record);
      if (eventTime !== undefined) before = { eventTime };
    } catch {
      // Not knowing is fine here: the read-back after the write decides.
    }
  }
  let readBack: WriteResult['readBack'];
  let landing: WriteResult['landing'] = { kind: 'unknown' };
  // The read-back runs before the history entry is kept, so history says where the write landed too.
  const afterSuccess = async (): Promise<string | undefined> => {
    if (!reachedOnline) return undefined;
    try {
      readBack = await (await getAwsApi(config)).getRecord(schema.name, recordId);
    } catch (error) {
      readBack = { problem: describeAwsError(error, { operation: 'GetRecord', featureGroup: schema.name }) };
    }
    landing = judgeOnlineLanding(schema, eventTimeText(schema, values), before, readBack && 'record' in readBack ? readBack : undefined);
    return landing.kind === 'offline-only'
      ? `reached the offline store only: the online store keeps a newer record (event time ${landing.storedEventTime})`
      : undefined;
  };
  const written = await sendWrite(
    config,
    plan.operation === 'UpdateRecord'
      ? { operation: 'UpdateRecord', input: plan.input, recordId, afterSuccess }
      : { operation: 'PutRecord', input: plan.input, recordId, afterSuccess },
  );
  return {
    operation: plan.operation,
    recordId,
    requestId: written.requestId,
    at: written.at,
    ...(written.historyWarning ? { historyWarning: written.historyWarning } : {}),
    predicted: predictExpiry(schema, values, eventTimeText(schema, values)),
    reachedOnline,
    sentEventTime: eventTimeText(schema, values),
    ...(readBack ? { readBack } : {}),
    landing,
  };
}
