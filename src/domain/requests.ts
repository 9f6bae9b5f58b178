/**
 * Request builders: the exact inputs of PutRecord, UpdateRecord and DeleteRecord
 * that the console previews and sends. Shapes match the SDK's command inputs.
 */
import { requestTtl } from './expiry';
import { formValuesToRecord, type FeatureValueLike, type RecordFormValues } from './recordForm';
import type { FeatureGroupSchema, TargetStore } from './schema';
import type { TtlDuration } from './ttl';

export interface PutRecordInputLike {
  FeatureGroupName: string;
  Record: FeatureValueLike[];
  TargetStores?: TargetStore[];
  TtlDuration?: TtlDuration;
}

export interface UpdateRecordInputLike {
  FeatureGroupName: string;
  RecordIdentifierValueAsString: string;
  Features: FeatureValueLike[];
  TargetStores?: TargetStore[];
  TtlDuration?: TtlDuration;
}

export interface DeleteRecordInputLike {
  FeatureGroupName: string;
  RecordIdentifierValueAsString: string;
  EventTime: string;
  TargetStores?: TargetStore[];
  DeletionMode: 'SoftDelete' | 'HardDelete';
}

/**
 * TargetStores is sent only when the user narrowed it: with every store of the group
 * checked the request carries none, which means "all stores" to the service.
 */
export function requestTargetStores(schema: FeatureGroupSchema, choice: { online: boolean; offline: boolean }): TargetStore[] | undefined {
  const chosen: TargetStore[] = [];
  if (choice.online && schema.onlineStore) chosen.push('OnlineStore');
  if (choice.offline && schema.offlineStore) chosen.push('OfflineStore');
  const all = Number(schema.onlineStore !== undefined) + Number(schema.offlineStore);
  return chosen.length === all ? undefined : chosen;
}

export function buildPutRecordInput(schema: FeatureGroupSchema, values: RecordFormValues): PutRecordInputLike {
  const input: PutRecordInputLike = { FeatureGroupName: schema.name, Record: formValuesToRecord(schema, values) };
  const stores = requestTargetStores(schema, values.targetStores);
  if (stores) input.TargetStores = stores;
  const ttl = requestTtl(schema, values);
  if (ttl) input.TtlDuration = ttl;
  return input;
}

export function buildDeleteRecordInput(
  schema: FeatureGroupSchema,
  recordId: string,
  eventTime: string,
  mode: 'SoftDelete' | 'HardDelete',
  stores: { online: boolean; offline: boolean },
): DeleteRecordInputLike {
  const input: DeleteRecordInputLike = { FeatureGroupName: schema.name, RecordIdentifierValueAsString: recordId, EventTime: eventTime, DeletionMode: mode };
  const targetStores = requestTargetStores(schema, stores);
  if (targetStores) input.TargetStores = targetStores;
  return input;
}
