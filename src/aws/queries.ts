/**
 * TanStack Query option factories, one per read, with stable keys scoped to the
 * environment (region + endpoint) so two configurations never share a cache entry.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { buildFeatureGroupSchema } from '../domain/schema';
import { getAwsApi } from './api';
import { environmentKey, type RuntimeConfig } from './config';

export const awsKeys = {
  environment: (config: RuntimeConfig) => ['aws', environmentKey(config)] as const,
  identity: (config: RuntimeConfig) => [...awsKeys.environment(config), 'identity'] as const,
  featureGroups: (config: RuntimeConfig, nameContains: string) => [...awsKeys.environment(config), 'featureGroups', { nameContains }] as const,
  featureGroup: (config: RuntimeConfig, name: string) => [...awsKeys.environment(config), 'featureGroup', name] as const,
  records: (config: RuntimeConfig, group: string) => [...awsKeys.featureGroup(config, group), 'records'] as const,
  record: (config: RuntimeConfig, group: string, recordId: string) => [...awsKeys.records(config, group), 'record', recordId] as const,
  recordList: (config: RuntimeConfig, group: string, includeSoftDeleted: boolean) =>
    [...awsKeys.records(config, group), 'list', { includeSoftDeleted }] as const,
  batch: (config: RuntimeConfig, group: string, ids: readonly string[]) => [...awsKeys.records(config, group), 'batch', ids] as const,
};

/** `who`: the signed-in user (or 'guest'), so a sign-in shows the new identity at once. */
export function identityQuery(config: RuntimeConfig, who = 'guest') {
  return queryOptions({
    queryKey: [...awsKeys.identity(config), who],
    queryFn: async () => (await getAwsApi(config)).identity(),
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

export function featureGroupsQuery(config: RuntimeConfig, nameContains: string) {
  return infiniteQueryOptions({
    queryKey: awsKeys.featureGroups(config, nameContains),
    queryFn: async ({ pageParam }) => (await getAwsApi(config)).listFeatureGroups({ nameContains, ...(pageParam ? { nextToken: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextToken,
    staleTime: 30_000,
  });
}

export function featureGroupQuery(config: RuntimeConfig, name: string) {
  return queryOptions({
    queryKey: awsKeys.featureGroup(config, name),
    queryFn: async () => buildFeatureGroupSchema(await (await getAwsApi(config)).describeFeatureGroup(name)),
    staleTime: 5 * 60_000,
  });
}

export function recordQuery(config: RuntimeConfig, group: string, recordId: string) {
  return queryOptions({
    queryKey: awsKeys.record(config, group, recordId),
    queryFn: async () => (await getAwsApi(config)).getRecord(group, recordId),
    staleTime: 0,
  });
}

export function recordListQuery(config: RuntimeConfig, group: string, includeSoftDeleted: boolean) {
  return infiniteQueryOptions({
    queryKey: awsKeys.recordList(config, group, includeSoftDeleted),
    queryFn: async ({ pageParam }) => (await getAwsApi(config)).listRecords(group, { includeSoftDeleted, ...(pageParam ? { nextToken: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextToken,
    staleTime: 0,
  });
}

export function batchRecordsQuery(config: RuntimeConfig, group: string, ids: readonly string[]) {
  return queryOptions({
    queryKey: awsKeys.batch(config, group, ids),
    queryFn: async () => (await getAwsApi(config)).batchGetRecord(group, [...ids]),
    staleTime: 0,
  });
}

/** Feature descriptions for help text: a few DescribeFeatureMetadata calls at a time, one query for the group. */
export function featureDescriptionsQuery(config: RuntimeConfig, group: string, featureNames: readonly string[]) {
  return queryOptions({
    queryKey: [...awsKeys.featureGroup(config, group), 'descriptions'] as const,
    queryFn: async () => {
      const api = await getAwsApi(config);
      const descriptions: Record<string, string> = {};
      const queue = [...featureNames];
      const worker = async () => {
        for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
          const metadata = await api.describeFeatureMetadata(group, name).catch(() => ({}) as { description?: string });
          if (metadata.description) descriptions[name] = metadata.description;
        }
      };
      await Promise.all(Array.from({ length: 6 }, worker));
      return descriptions;
    },
    staleTime: 10 * 60_000,
  });
}
