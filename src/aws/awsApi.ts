/**
 * What the console asks of AWS, as types only: api.ts (getAwsApi, typed errors) and
 * sdk.ts (the SDK behind it) both import these, so neither imports the other's module.
 */
import type { FeatureGroupDescriptionLike } from '../domain/schema';
import type { FeatureValueLike } from '../domain/recordForm';
import type { DeleteRecordInputLike, PutRecordInputLike, UpdateRecordInputLike } from '../domain/requests';
import type { BatchWriteAnswer, BatchWriteRecordInputLike } from '../domain/importBatches';

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

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** Amazon Athena, for a record's history from the offline store (athenaClient.ts, its own chunk). */
export interface AthenaApi {
  /** `parameters`: one Athena literal per `?` of the query (ExecutionParameters). */
  startQuery(input: { queryString: string; parameters: string[]; workGroup: string; outputLocation?: string }): Promise<{ queryExecutionId: string }>;
  getQueryExecution(queryExecutionId: string): Promise<{ state: QueryState; reason?: string; scannedBytes?: number }>;
  /** One page of up to 1,000 rows; the first page's first row is the header. Absent values are null. */
  getQueryResults(
    queryExecutionId: string,
    nextToken?: string,
  ): Promise<{ columns: { name: string; type: string }[]; rows: (string | null)[][]; nextToken?: string }>;
  stopQuery(queryExecutionId: string): Promise<void>;
}

export interface AwsApi extends AthenaApi {
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
  /** One call of at most 25 entries: per-entry Errors and UnprocessedEntries, as AWS answered them. */
  batchWriteRecord(input: BatchWriteRecordInputLike): Promise<BatchWriteAnswer>;
  listRecords(
    groupName: string,
    input: { nextToken?: string; includeSoftDeleted: boolean; maxResults?: number },
  ): Promise<{ recordIds: string[]; nextToken?: string }>;
}
