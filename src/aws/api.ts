/**
 * What the console asks of AWS, without the SDK: the SDK itself is loaded by
 * getAwsApi() as a separate chunk after first paint (sdk.ts).
 */
import type { FeatureGroupDescriptionLike } from '../domain/schema';
import type { FeatureValueLike } from '../domain/recordForm';
import type { DeleteRecordInputLike, PutRecordInputLike, UpdateRecordInputLike } from '../domain/requests';
import type { BatchWriteAnswer, BatchWriteRecordInputLike } from '../domain/importBatches';
import { athenaEndpoint, featureStoreEndpoint, sagemakerEndpoint, type RuntimeConfig } from './config';
import { toAwsCallError } from './errors';

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

const apis = new WeakMap<RuntimeConfig, Promise<AwsApi>>();

/** The AWS operation and endpoint behind each AwsApi method, for AwsCallError. */
const OPERATIONS: Record<keyof AwsApi, { operation: string; service: 'runtime' | 'sagemaker' | 'identity' | 'athena' }> = {
  identity: { operation: 'GetCredentialsForIdentity', service: 'identity' },
  listFeatureGroups: { operation: 'ListFeatureGroups', service: 'sagemaker' },
  describeFeatureGroup: { operation: 'DescribeFeatureGroup', service: 'sagemaker' },
  describeFeatureMetadata: { operation: 'DescribeFeatureMetadata', service: 'sagemaker' },
  putRecord: { operation: 'PutRecord', service: 'runtime' },
  updateRecord: { operation: 'UpdateRecord', service: 'runtime' },
  deleteRecord: { operation: 'DeleteRecord', service: 'runtime' },
  getRecord: { operation: 'GetRecord', service: 'runtime' },
  batchGetRecord: { operation: 'BatchGetRecord', service: 'runtime' },
  batchWriteRecord: { operation: 'BatchWriteRecord', service: 'runtime' },
  listRecords: { operation: 'ListRecords', service: 'runtime' },
  startQuery: { operation: 'StartQueryExecution', service: 'athena' },
  getQueryExecution: { operation: 'GetQueryExecution', service: 'athena' },
  getQueryResults: { operation: 'GetQueryResults', service: 'athena' },
  stopQuery: { operation: 'StopQueryExecution', service: 'athena' },
};

function groupOf(firstArgument: unknown): string | undefined {
  if (typeof firstArgument === 'string') return firstArgument;
  const entries = (firstArgument as { Entries?: { FeatureGroupName?: unknown }[] } | undefined)?.Entries;
  if (Array.isArray(entries) && typeof entries[0]?.FeatureGroupName === 'string') return entries[0].FeatureGroupName;
  const name = (firstArgument as { FeatureGroupName?: unknown } | undefined)?.FeatureGroupName;
  return typeof name === 'string' ? name : undefined;
}

/** Every method of `api`, with its failures turned into AwsCallError once, here, where calls are made. */
function withTypedErrors(config: RuntimeConfig, api: AwsApi): AwsApi {
  const wrapped = {} as Record<keyof AwsApi, (...args: unknown[]) => Promise<unknown>>;
  for (const method of Object.keys(OPERATIONS) as (keyof AwsApi)[]) {
    const { operation, service } = OPERATIONS[method];
    const endpoint =
      service === 'runtime'
        ? featureStoreEndpoint(config)
        : service === 'sagemaker'
          ? sagemakerEndpoint(config)
          : service === 'athena'
            ? athenaEndpoint(config)
            : config.endpoints?.cognitoIdentity;
    const call = api[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = async (...args) => {
      try {
        return await call.apply(api, args);
      } catch (error) {
        throw toAwsCallError(error, { operation, group: service === 'identity' || service === 'athena' ? undefined : groupOf(args[0]), endpoint });
      }
    };
  }
  return wrapped as unknown as AwsApi;
}

/** One set of SDK clients per configuration, created once. */
export function getAwsApi(config: RuntimeConfig): Promise<AwsApi> {
  let api = apis.get(config);
  if (!api) {
    api = import('./sdk').then(
      (module) => withTypedErrors(config, module.createAwsApi(config)),
      (error: unknown) => {
        apis.delete(config);
        throw toAwsCallError(error, { operation: 'Loading the AWS SDK' });
      },
    );
    apis.set(config, api);
  }
  return api;
}
