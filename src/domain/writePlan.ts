/**
 * Saving an edited record: UpdateRecord (only the changed features and the event
 * time) where the service allows it, else PutRecord with the full record, which
 * overwrites every feature. Also: whether the chosen event time will reach the
 * online store.
 */
import { diffRecords, type FeatureChange } from './diff';
import { parseEventTime } from './eventTime';
import { MAX_UPDATE_FEATURES } from './limits';
import type { FeatureValueLike, RecordFormValues } from './recordForm';
import { buildPutRecordInput, requestTargetStores, type UpdateRecordInputLike } from './requests';
import { requestTtl } from './expiry';
import { supportsUpdateRecord, type FeatureGroupSchema } from './schema';

export type WriteOperation = 'PutRecord' | 'UpdateRecord';
export type WritePreference = 'auto' | 'PutRecord';

export interface WriteChoice {
  operation: WriteOperation;
  reason: string;
}

export function chooseWriteOperation(
  schema: FeatureGroupSchema,
  values: RecordFormValues,
  changes: readonly FeatureChange[],
  preference: WritePreference,
): WriteChoice {
  const overwrite = 'PutRecord writes the full record: every feature is overwritten, and features left empty are removed.';
  if (preference === 'PutRecord') return { operation: 'PutRecord', reason: `You chose PutRecord. ${overwrite}` };
  if (!supportsUpdateRecord(schema)) {
    return {
      operation: 'PutRecord',
      reason: `This group's online store is ${schema.onlineStore ? schema.onlineStore.storageType : 'absent'}, which has no UpdateRecord. ${overwrite}`,
    };
  }
  if (!values.targetStores.online)
    return { operation: 'PutRecord', reason: `UpdateRecord changes the online record; this write targets the offline store only. ${overwrite}` };
  const featureChanges = changes.filter((change) => change.name !== schema.eventTimeName && change.name !== schema.recordIdentifierName);
  if (featureChanges.some((change) => change.kind === 'removed')) {
    return { operation: 'PutRecord', reason: `Removing a feature's value needs PutRecord: UpdateRecord can only set values. ${overwrite}` };
  }
  if (featureChanges.length > MAX_UPDATE_FEATURES) {
    return { operation: 'PutRecord', reason: `${featureChanges.length} features changed; UpdateRecord takes at most ${MAX_UPDATE_FEATURES}. ${overwrite}` };
  }
  return { operation: 'UpdateRecord', reason: 'UpdateRecord sends only the changed features and the event time; every other stored feature is kept.' };
}

export function buildUpdateRecordInput(
  schema: FeatureGroupSchema,
  values: RecordFormValues,
  changes: readonly FeatureChange[],
  recordId: string,
): UpdateRecordInputLike {
  const put = buildPutRecordInput(schema, values);
  const eventTime = put.Record.find((value) => value.FeatureName === schema.eventTimeName);
  const features: FeatureValueLike[] = changes
    .filter((change) => change.after && change.name !== schema.eventTimeName && change.name !== schema.recordIdentifierName)
    .map((change) => change.after as FeatureValueLike);
  const input: UpdateRecordInputLike = {
    FeatureGroupName: schema.name,
    RecordIdentifierValueAsString: recordId,
    Features: eventTime ? [...features, eventTime] : features,
  };
  const stores = requestTargetStores(schema, values.targetStores);
  if (stores) input.TargetStores = stores;
  const ttl = requestTtl(schema, values);
  if (ttl) input.TtlDuration = ttl;
  return input;
}

export type EventTimeOrder = 'newer' | 'equal' | 'older' | 'unknown';

export function compareEventTimes(schema: FeatureGroupSchema, next: string, stored: string | undefined): EventTimeOrder {
  if (stored === undefined) return 'unknown';
  const a = parseEventTime(schema.eventTimeType, next);
  const b = parseEventTime(schema.eventTimeType, stored);
  if (!a.ok || !b.ok) return 'unknown';
  return a.nanos > b.nanos ? 'newer' : a.nanos === b.nanos ? 'equal' : 'older';
}

/** A plain warning when the chosen event time will not do what the user expects; null when fine. */
export function eventTimeWarning(operation: WriteOperation, order: EventTimeOrder): string | null {
  if (order !== 'older') return null;
  return operation === 'PutRecord'
    ? 'This event time is older than the stored record’s: this write goes to the offline store only, and the online record stays as it is. Use "Now" to update it.'
    : 'This event time is older than the stored record’s: UpdateRecord will be rejected (ConflictException). Use "Now".';
}

export interface StoredRecordBase {
  recordId: string;
  record: FeatureValueLike[];
  expiresAt?: string;
}

export type PlannedWrite =
  | { operation: 'PutRecord'; input: ReturnType<typeof buildPutRecordInput>; changes?: FeatureChange[]; reason?: string }
  | { operation: 'UpdateRecord'; input: UpdateRecordInputLike; changes: FeatureChange[]; reason: string };

/** The write the console will send: what the preview shows is exactly what Save sends. */
export function planWrite(schema: FeatureGroupSchema, values: RecordFormValues, base: StoredRecordBase | undefined, preference: WritePreference): PlannedWrite {
  const put = buildPutRecordInput(schema, values);
  if (!base) return { operation: 'PutRecord', input: put };
  const changes = diffRecords(schema, base.record, put.Record);
  const choice = chooseWriteOperation(schema, values, changes, preference);
  if (choice.operation === 'UpdateRecord') {
    return { operation: 'UpdateRecord', input: buildUpdateRecordInput(schema, values, changes, base.recordId), changes, reason: choice.reason };
  }
  return { operation: 'PutRecord', input: put, changes, reason: choice.reason };
}

export function eventTimeText(schema: FeatureGroupSchema, values: RecordFormValues): string {
  const index = schema.features.findIndex((spec) => spec.role === 'eventTime');
  return values.features[index]?.text ?? '';
}
