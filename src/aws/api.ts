/**
 * What the console asks of AWS, without the SDK: the SDK itself is loaded by
 * getAwsApi() as a separate chunk after first paint (sdk.ts).
 */
import type { AwsApi } from './awsApi';
import { athenaEndpoint, featureStoreEndpoint, sagemakerEndpoint, type RuntimeConfig } from './config';
import { toAwsCallError } from './errors';

export type { AthenaApi, AwsApi, BatchRecordResult, FeatureGroupSummary, IdentityInfo, QueryState, StoredRecord } from './awsApi';

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
