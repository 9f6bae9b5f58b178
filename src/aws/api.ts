/**
 * What the console asks of AWS, without the SDK: the SDK itself is loaded by
 * getAwsApi() as a separate chunk after first paint (sdk.ts).
 */
import type { FeatureGroupDescriptionLike } from '../domain/schema';
import type { FeatureValueLike } from '../domain/recordForm';
import type { DeleteRecordInputLike, PutRecordInputLike, UpdateRecordInputLike } from '../domain/requests';
import type { RuntimeConfig } from './config';

export interface FeatureGroupSummary {
  name: string;
  arn: string;
  status: string;
  offlineStoreStatus?: string;
  creationTime?: Date;
}

export interface StoredRecord {
  record?: FeatureValueLike[];
  expiresAt?: string;
  requestId?: string;
}

export interface BatchRecordResult {
  records: { recordId: string; record: FeatureValueLike[]; expiresAt?: string }[];
  errors: { recordId: string; errorCode: string; message: string }[];
  unprocessed: string[];
  requestIds: string[];
}

export interface IdentityInfo {
  identityId: string;
  expiration?: Date;
}

export interface AwsApi {
  identity(): Promise<IdentityInfo>;
  listFeatureGroups(input: { nameContains?: string; nextToken?: string }): Promise<{ groups: FeatureGroupSummary[]; nextToken?: string }>;
  /** Every page of FeatureDefinitions, merged. */
  describeFeatureGroup(nameOrArn: string): Promise<FeatureGroupDescriptionLike>;
  describeFeatureMetadata(groupName: string, featureName: string): Promise<{ description?: string }>;
  putRecord(input: PutRecordInputLike): Promise<{ requestId?: string }>;
  updateRecord(input: UpdateRecordInputLike): Promise<{ requestId?: string }>;
  deleteRecord(input: DeleteRecordInputLike): Promise<{ requestId?: string }>;
  getRecord(groupName: string, recordId: string): Promise<StoredRecord>;
  batchGetRecord(groupName: string, recordIds: string[]): Promise<BatchRecordResult>;
  listRecords(
    groupName: string,
    input: { nextToken?: string; includeSoftDeleted: boolean; maxResults?: number },
  ): Promise<{ recordIds: string[]; nextToken?: string }>;
}

const apis = new WeakMap<RuntimeConfig, Promise<AwsApi>>();

/** One set of SDK clients per configuration, created once. */
export function getAwsApi(config: RuntimeConfig): Promise<AwsApi> {
  let api = apis.get(config);
  if (!api) {
    api = import('./sdk').then((module) => module.createAwsApi(config));
    apis.set(config, api);
  }
  return api;
}
