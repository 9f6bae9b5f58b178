/**
 * Request validation from AWS's service models, through the real AWS SDK v3 over HTTP.
 * Each case's expectation is written from the constraint the model documents (cited in
 * the case: shape, and its length / pattern / enum / range), not from this store's code:
 * the error the service names for a malformed request, a message naming the member in
 * AWS's `Value '...' at '<member>' failed to satisfy constraint: ...` form, and a malformed
 * name answered before any lookup (a ValidationException, never ResourceNotFound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateFeatureGroupCommand,
  DeleteFeatureGroupCommand,
  DescribeFeatureGroupCommand,
  DescribeFeatureMetadataCommand,
  ListFeatureGroupsCommand,
  SearchCommand,
  UpdateFeatureGroupCommand,
  UpdateFeatureMetadataCommand,
  type CreateFeatureGroupCommandInput,
} from '@aws-sdk/client-sagemaker';
import {
  BatchGetRecordCommand,
  BatchWriteRecordCommand,
  DeleteRecordCommand,
  GetRecordCommand,
  ListRecordsCommand,
  PutRecordCommand,
  UpdateRecordCommand,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/nested-clients/cognito-identity';
import { DEFAULT_IDENTITY_POOL_ID } from './server.js';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, uniqueName, type TestStack } from './testing.js';

let stack: TestStack;
let cognito: CognitoIdentityClient;
let group: string;
let identityId: string;
beforeAll(async () => {
  stack = await startTestStack();
  cognito = new CognitoIdentityClient({ region: 'us-east-1', endpoint: stack.store.url, maxAttempts: 1 });
  group = await createGroup(stack);
  identityId = (await cognito.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID }))).IdentityId as string;
});
afterAll(async () => {
  cognito.destroy();
  await stopTestStack(stack);
});

/** Loose inputs: the cases send values the SDK's types forbid, as a hostile client would. */
type Loose = Record<string, unknown>;
const iso = () => new Date().toISOString();
const groupInput = (overrides: Loose = {}): CreateFeatureGroupCommandInput =>
  ({
    FeatureGroupName: uniqueName('v'),
    RecordIdentifierFeatureName: 'id',
    EventTimeFeatureName: 'ts',
    FeatureDefinitions: [
      { FeatureName: 'id', FeatureType: 'String' },
      { FeatureName: 'ts', FeatureType: 'String' },
    ],
    OnlineStoreConfig: { EnableOnlineStore: true },
    ...overrides,
  }) as CreateFeatureGroupCommandInput;
const tags = (count: number) => Array.from({ length: count }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
const valid = 'arn:aws:sagemaker:us-east-1:000000000000:feature-group/';

interface Case {
  /** The model's constraint the case breaks (shape: constraint). */
  constraint: string;
  send: () => Promise<unknown>;
  /** The member path AWS names, and what it says. */
  message: RegExp;
}

const controlPlane: Record<string, Case[]> = {
  CreateFeatureGroup: [
    {
      constraint: 'FeatureGroupName: pattern [a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ FeatureGroupName: 'bad name!' }))),
      message: /Value 'bad name!' at 'featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
    },
    {
      constraint: 'FeatureGroupName: length max 64',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ FeatureGroupName: 'a'.repeat(65) }))),
      message: /at 'featureGroupName' failed to satisfy constraint: Member must have length less than or equal to 64/,
    },
    {
      constraint: 'CreateFeatureGroupRequest: EventTimeFeatureName required',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ EventTimeFeatureName: undefined }))),
      message: /Value null at 'eventTimeFeatureName' failed to satisfy constraint: Member must not be null/,
    },
    {
      constraint: 'Description: length max 128',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ Description: 'd'.repeat(129) }))),
      message: /at 'description' failed to satisfy constraint: Member must have length less than or equal to 128/,
    },
    {
      constraint: 'TagList: length max 50',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ Tags: tags(51) }))),
      message: /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50/,
    },
    {
      constraint: 'TagKey: pattern ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ Tags: [{ Key: 'team!', Value: 'ml' }] }))),
      message: /Value 'team!' at 'tags\.1\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'TagValue: length max 256',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ Tags: [{ Key: 'team', Value: 'v'.repeat(257) }] }))),
      message: /at 'tags\.1\.member\.value' failed to satisfy constraint: Member must have length less than or equal to 256/,
    },
    {
      constraint: 'Tag: Value required',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ Tags: [{ Key: 'team' }] }))),
      message: /Value null at 'tags\.1\.member\.value' failed to satisfy constraint: Member must not be null/,
    },
    {
      constraint: 'RoleArn: pattern arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ RoleArn: 'arn:aws:iam::123:role/FeatureStore' }))),
      message: /at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws/,
    },
    {
      constraint: 'RoleArn: length min 20',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ RoleArn: 'arn:aws:iam::1:role' }))),
      message: /at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/,
    },
    {
      constraint: 'TableFormat: enum [Default, Glue, Iceberg]',
      send: () =>
        stack.sagemaker.send(
          new CreateFeatureGroupCommand(groupInput({ OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://b/p' }, TableFormat: 'Parquet' } })),
        ),
      message:
        /Value 'Parquet' at 'offlineStoreConfig\.tableFormat' failed to satisfy constraint: Member must satisfy enum value set: \[Default, Glue, Iceberg\]/,
    },
    {
      constraint: 'S3Uri: pattern (https|s3)://([^/]+)/?(.*)',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ OfflineStoreConfig: { S3StorageConfig: { S3Uri: 'ftp://b/p' } } }))),
      message: /at 'offlineStoreConfig\.s3StorageConfig\.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'ThroughputMode: enum [OnDemand, Provisioned]',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ ThroughputConfig: { ThroughputMode: 'Burst' } }))),
      message: /at 'throughputConfig\.throughputMode' failed to satisfy constraint: Member must satisfy enum value set: \[OnDemand, Provisioned\]/,
    },
    {
      constraint: 'CapacityUnit: range max 10000000',
      send: () =>
        stack.sagemaker.send(
          new CreateFeatureGroupCommand(groupInput({ ThroughputConfig: { ThroughputMode: 'Provisioned', ProvisionedReadCapacityUnits: 10_000_001 } })),
        ),
      message: /at 'throughputConfig\.provisionedReadCapacityUnits' failed to satisfy constraint: Member must have value less than or equal to 10000000/,
    },
    {
      constraint: 'ThroughputConfig: ThroughputMode required',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ ThroughputConfig: { ProvisionedReadCapacityUnits: 5 } }))),
      message: /Value null at 'throughputConfig\.throughputMode' failed to satisfy constraint: Member must not be null/,
    },
    {
      constraint: 'StorageType: enum [Standard, InMemory, Standard_V2]',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Fast' } }))),
      message: /at 'onlineStoreConfig\.storageType' failed to satisfy constraint: Member must satisfy enum value set: \[Standard, InMemory, Standard_V2\]/,
    },
    {
      constraint: 'KmsKeyId: pattern [a-zA-Z0-9:/_-]*',
      send: () =>
        stack.sagemaker.send(
          new CreateFeatureGroupCommand(groupInput({ OnlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: 'my key' } } })),
        ),
      message: /at 'onlineStoreConfig\.securityConfig\.kmsKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'FeatureType: enum [Integral, Fractional, String]',
      send: () =>
        stack.sagemaker.send(
          new CreateFeatureGroupCommand(
            groupInput({
              FeatureDefinitions: [
                { FeatureName: 'id', FeatureType: 'String' },
                { FeatureName: 'ts', FeatureType: 'Timestamp' },
              ],
            }),
          ),
        ),
      message: /Value 'Timestamp' at 'featureDefinitions\.2\.member\.featureType' failed to satisfy constraint: Member must satisfy enum value set/,
    },
    {
      constraint: 'FeatureName: pattern [a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63} (in FeatureDefinitions)',
      send: () =>
        stack.sagemaker.send(
          new CreateFeatureGroupCommand(
            groupInput({
              FeatureDefinitions: [
                { FeatureName: 'id', FeatureType: 'String' },
                { FeatureName: 'ts', FeatureType: 'String' },
                { FeatureName: '-x', FeatureType: 'String' },
              ],
            }),
          ),
        ),
      message: /Value '-x' at 'featureDefinitions\.3\.member\.featureName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'several constraints at once are all counted',
      send: () => stack.sagemaker.send(new CreateFeatureGroupCommand(groupInput({ FeatureGroupName: 'bad name!', Description: 'd'.repeat(129) }))),
      message: /^2 validation errors detected: Value 'bad name!' at 'featureGroupName' .*; Value 'd{129}' at 'description' /,
    },
  ],
  ListFeatureGroups: [
    {
      constraint: 'FeatureGroupNameContains: length max 64',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ NameContains: 'n'.repeat(65) })),
      message: /at 'nameContains' failed to satisfy constraint: Member must have length less than or equal to 64/,
    },
    {
      constraint: 'FeatureGroupNameContains: length min 1',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ NameContains: '' })),
      message: /Value '' at 'nameContains' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'FeatureGroupStatus: enum [Creating, Created, CreateFailed, Deleting, DeleteFailed]',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ FeatureGroupStatusEquals: 'Ready' } as Loose)),
      message: /Value 'Ready' at 'featureGroupStatusEquals' failed to satisfy constraint: Member must satisfy enum value set: \[Creating, Created/,
    },
    {
      constraint: 'OfflineStoreStatusValue: enum [Active, Blocked, Disabled]',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ OfflineStoreStatusEquals: 'On' } as Loose)),
      message: /at 'offlineStoreStatusEquals' failed to satisfy constraint: Member must satisfy enum value set: \[Active, Blocked, Disabled\]/,
    },
    {
      constraint: 'FeatureGroupMaxResults: range min 1',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ MaxResults: 0 })),
      message: /Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    },
    {
      constraint: 'FeatureGroupMaxResults: range max 100',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ MaxResults: 101 })),
      message: /Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    },
    {
      constraint: 'FeatureGroupSortBy: enum [Name, FeatureGroupStatus, OfflineStoreStatus, CreationTime]',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ SortBy: 'Size' } as Loose)),
      message: /at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: \[Name, FeatureGroupStatus, OfflineStoreStatus, CreationTime\]/,
    },
    {
      constraint: 'FeatureGroupSortOrder: enum [Ascending, Descending]',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ SortOrder: 'Up' } as Loose)),
      message: /at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: \[Ascending, Descending\]/,
    },
    {
      constraint: 'CreationTime: timestamp (epoch seconds on the awsJson1_1 wire)',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ CreationTimeBefore: 'yesterday' as unknown as Date })),
      message: /Value 'yesterday' at 'creationTimeBefore' failed to satisfy constraint: Member must be a timestamp in epoch seconds/,
    },
    {
      constraint: 'NextToken: length max 8192',
      send: () => stack.sagemaker.send(new ListFeatureGroupsCommand({ NextToken: 't'.repeat(8193) })),
      message: /at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 8192/,
    },
  ],
  DescribeFeatureGroup: [
    {
      constraint: 'FeatureGroupNameOrArn: pattern (arn:...:feature-group\\/)?([a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63})',
      send: () => stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'no such/group' })),
      message: /Value 'no such\/group' at 'featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'FeatureGroupNameOrArn: length max 256',
      send: () => stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'g'.repeat(257) })),
      message: /at 'featureGroupName' failed to satisfy constraint: Member must have length less than or equal to 256/,
    },
  ],
  DeleteFeatureGroup: [
    {
      constraint: 'FeatureGroupName (a name, not an ARN): pattern [a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}',
      send: () => stack.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: `${valid}${group}` })),
      message: /at 'featureGroupName' failed to satisfy constraint: Member must (have length less than or equal to 64|satisfy regular expression pattern)/,
    },
    {
      constraint: 'FeatureGroupName: pattern (malformed, unknown name)',
      send: () => stack.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: 'gone_' })),
      message: /Value 'gone_' at 'featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
  ],
  UpdateFeatureGroup: [
    {
      constraint: 'FeatureAdditions: length min 1',
      send: () => stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, FeatureAdditions: [] })),
      message: /Value '\[\]' at 'featureAdditions' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'FeatureAdditions: length max 100',
      send: () =>
        stack.sagemaker.send(
          new UpdateFeatureGroupCommand({
            FeatureGroupName: group,
            FeatureAdditions: Array.from({ length: 101 }, (_, index) => ({ FeatureName: `f${index}`, FeatureType: 'String' as const })),
          }),
        ),
      message: /at 'featureAdditions' failed to satisfy constraint: Member must have length less than or equal to 100/,
    },
    {
      constraint: 'TtlDurationUnit: enum [Seconds, Minutes, Hours, Days, Weeks]',
      send: () =>
        stack.sagemaker.send(
          new UpdateFeatureGroupCommand({ FeatureGroupName: group, OnlineStoreConfig: { TtlDuration: { Unit: 'Years', Value: 1 } } } as Loose as never),
        ),
      message: /Value 'Years' at 'onlineStoreConfig\.ttlDuration\.unit' failed to satisfy constraint: Member must satisfy enum value set/,
    },
    {
      constraint: 'ThroughputMode: enum [OnDemand, Provisioned] (ThroughputConfigUpdate)',
      send: () =>
        stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, ThroughputConfig: { ThroughputMode: 'Burst' } } as Loose as never)),
      message: /at 'throughputConfig\.throughputMode' failed to satisfy constraint: Member must satisfy enum value set: \[OnDemand, Provisioned\]/,
    },
    {
      constraint: 'FeatureGroupNameOrArn: pattern (malformed name, before any lookup)',
      send: () => stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: 'a__' })),
      message: /Value 'a__' at 'featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
  ],
  DescribeFeatureMetadata: [
    {
      constraint: 'FeatureName: pattern [a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}',
      send: () => stack.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'bad name' })),
      message: /Value 'bad name' at 'featureName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'FeatureGroupNameOrArn: pattern (malformed, before any lookup)',
      send: () => stack.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: 'bad group', FeatureName: 'id' })),
      message: /Value 'bad group' at 'featureGroupName'/,
    },
  ],
  UpdateFeatureMetadata: [
    {
      constraint: 'FeatureDescription: length max 255',
      send: () => stack.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'n', Description: 'd'.repeat(256) })),
      message: /at 'description' failed to satisfy constraint: Member must have length less than or equal to 255/,
    },
    {
      constraint: 'FeatureParameterAdditions: length max 25',
      send: () =>
        stack.sagemaker.send(
          new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'n', ParameterAdditions: tags(26) as { Key: string; Value: string }[] }),
        ),
      message: /at 'parameterAdditions' failed to satisfy constraint: Member must have length less than or equal to 25/,
    },
    {
      constraint: 'FeatureParameterKey: pattern ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-]*)',
      send: () =>
        stack.sagemaker.send(
          new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'n', ParameterAdditions: [{ Key: 'owner@team', Value: 'ml' }] }),
        ),
      message: /Value 'owner@team' at 'parameterAdditions\.1\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'FeatureParameterValue: length min 1',
      send: () =>
        stack.sagemaker.send(
          new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'n', ParameterAdditions: [{ Key: 'owner', Value: '' }] }),
        ),
      message: /Value '' at 'parameterAdditions\.1\.member\.value' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'FeatureParameterRemovals: members are FeatureParameterKey (length 1-255, pattern)',
      send: () => stack.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'n', ParameterRemovals: ['a!'] })),
      message:
        /Value '\[a!\]' at 'parameterRemovals' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy regular expression pattern/,
    },
  ],
  Search: [
    {
      constraint: 'ResourceType: enum',
      send: () => stack.sagemaker.send(new SearchCommand({ Resource: 'Bucket' } as Loose as never)),
      message: /Value 'Bucket' at 'resource' failed to satisfy constraint: Member must satisfy enum value set: \[TrainingJob/,
    },
    {
      constraint: 'SearchRequest: Resource required',
      send: () => stack.sagemaker.send(new SearchCommand({} as never)),
      message: /Value null at 'resource' failed to satisfy constraint: Member must not be null/,
    },
    {
      constraint: 'MaxResults: range max 100',
      send: () => stack.sagemaker.send(new SearchCommand({ Resource: 'FeatureGroup', MaxResults: 101 })),
      message: /at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    },
    {
      constraint: 'FilterList: length max 20',
      send: () =>
        stack.sagemaker.send(
          new SearchCommand({
            Resource: 'FeatureGroup',
            SearchExpression: { Filters: Array.from({ length: 21 }, () => ({ Name: 'FeatureGroupName', Operator: 'Exists' as const })) },
          }),
        ),
      message: /at 'searchExpression\.filters' failed to satisfy constraint: Member must have length less than or equal to 20/,
    },
    {
      constraint: 'Operator: enum [Equals, NotEquals, ...]',
      send: () =>
        stack.sagemaker.send(
          new SearchCommand({
            Resource: 'FeatureGroup',
            SearchExpression: { Filters: [{ Name: 'FeatureGroupName', Operator: 'Like', Value: 'a' }] },
          } as Loose as never),
        ),
      message: /Value 'Like' at 'searchExpression\.filters\.1\.member\.operator' failed to satisfy constraint: Member must satisfy enum value set/,
    },
    {
      constraint: 'FilterValue: length max 1024',
      send: () =>
        stack.sagemaker.send(
          new SearchCommand({ Resource: 'FeatureGroup', SearchExpression: { Filters: [{ Name: 'FeatureGroupName', Value: 'v'.repeat(1025) }] } }),
        ),
      message: /at 'searchExpression\.filters\.1\.member\.value' failed to satisfy constraint: Member must have length less than or equal to 1024/,
    },
    {
      constraint: 'SearchSortOrder: enum [Ascending, Descending]',
      send: () => stack.sagemaker.send(new SearchCommand({ Resource: 'FeatureGroup', SortOrder: 'Up' } as Loose as never)),
      message: /at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: \[Ascending, Descending\]/,
    },
    {
      constraint: 'VisibilityConditionsList: length max 5',
      send: () =>
        stack.sagemaker.send(
          new SearchCommand({ Resource: 'FeatureGroup', VisibilityConditions: Array.from({ length: 6 }, () => ({ Key: 'k', Value: 'v' })) }),
        ),
      message: /at 'visibilityConditions' failed to satisfy constraint: Member must have length less than or equal to 5/,
    },
  ],
};

const runtimeCases: Record<string, Case[]> = {
  PutRecord: [
    {
      constraint: 'FeatureGroupNameOrArn: pattern (path label; malformed, before any lookup)',
      send: () => stack.runtime.send(new PutRecordCommand({ FeatureGroupName: 'no such group', Record: record({ id: 'a', ts: iso() }) })),
      message: /Value 'no such group' at 'featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'FeatureGroupNameOrArn: length max 150',
      send: () => stack.runtime.send(new PutRecordCommand({ FeatureGroupName: 'g'.repeat(151), Record: record({ id: 'a', ts: iso() }) })),
      message: /at 'featureGroupName' failed to satisfy constraint: Member must have length less than or equal to 150/,
    },
    {
      constraint: 'Record: length min 1',
      send: () => stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: [] })),
      message: /Value '\[\]' at 'record' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'FeatureName: pattern ^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}',
      send: () => stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: [{ FeatureName: 'a b', ValueAsString: '1' }] })),
      message: /Value 'a b' at 'record\.1\.member\.featureName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'ValueAsString: length max 358400',
      send: () => stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: [{ FeatureName: 's', ValueAsString: 's'.repeat(358_401) }] })),
      message: /at 'record\.1\.member\.valueAsString' failed to satisfy constraint: Member must have length less than or equal to 358400/,
    },
    {
      constraint: 'TargetStores: length max 2',
      send: () =>
        stack.runtime.send(
          new PutRecordCommand({
            FeatureGroupName: group,
            Record: record({ id: 'a', ts: iso() }),
            TargetStores: ['OnlineStore', 'OfflineStore', 'OnlineStore'],
          }),
        ),
      message: /at 'targetStores' failed to satisfy constraint: Member must have length less than or equal to 2/,
    },
    {
      constraint: 'TargetStore: enum [OnlineStore, OfflineStore]',
      send: () =>
        stack.runtime.send(
          new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso() }), TargetStores: ['Cache'] } as Loose as never),
        ),
      message:
        /Value '\[Cache\]' at 'targetStores' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[OnlineStore, OfflineStore\]\]/,
    },
    {
      constraint: 'TtlDurationUnit: enum',
      send: () =>
        stack.runtime.send(
          new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso() }), TtlDuration: { Unit: 'Years', Value: 1 } } as Loose as never),
        ),
      message: /Value 'Years' at 'ttlDuration\.unit' failed to satisfy constraint: Member must satisfy enum value set/,
    },
  ],
  GetRecord: [
    {
      constraint: 'FeatureGroupNameOrArn: pattern (malformed, before any lookup)',
      send: () => stack.runtime.send(new GetRecordCommand({ FeatureGroupName: 'not a group', RecordIdentifierValueAsString: 'a' })),
      message: /Value 'not a group' at 'featureGroupName'/,
    },
    {
      constraint: 'FeatureNames: members are FeatureName (pattern)',
      send: () => stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', FeatureNames: ['n', 'x y'] })),
      message:
        /Value '\[n, x y\]' at 'featureNames' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'ExpirationTimeResponse: enum [Enabled, Disabled]',
      send: () =>
        stack.runtime.send(
          new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', ExpirationTimeResponse: 'Yes' } as Loose as never),
        ),
      message: /Value 'Yes' at 'expirationTimeResponse' failed to satisfy constraint: Member must satisfy enum value set: \[Enabled, Disabled\]/,
    },
  ],
  DeleteRecord: [
    {
      constraint: 'DeletionMode: enum [SoftDelete, HardDelete]',
      send: () =>
        stack.runtime.send(
          new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: iso(), DeletionMode: 'Shred' } as Loose as never),
        ),
      message: /Value 'Shred' at 'deletionMode' failed to satisfy constraint: Member must satisfy enum value set: \[SoftDelete, HardDelete\]/,
    },
    {
      constraint: 'FeatureGroupNameOrArn: pattern (malformed, before any lookup)',
      send: () => stack.runtime.send(new DeleteRecordCommand({ FeatureGroupName: 'x!', RecordIdentifierValueAsString: 'a', EventTime: iso() })),
      message: /Value 'x!' at 'featureGroupName'/,
    },
  ],
  UpdateRecord: [
    {
      constraint: 'Features (a Record): length min 1',
      send: () => stack.runtime.send(new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: [] })),
      message: /Value '\[\]' at 'features' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'TargetStores: length min 1',
      send: () =>
        stack.runtime.send(
          new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: record({ n: '1' }), TargetStores: [] }),
        ),
      message: /at 'targetStores' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
  ],
  ListRecords: [
    {
      constraint: 'ListRecordsNextToken: length max 8192',
      send: () => stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, NextToken: 't'.repeat(8193) })),
      message: /at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 8192/,
    },
    {
      constraint: 'ListRecordsNextToken: length min 1',
      send: () => stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, NextToken: '' })),
      message: /Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'ListRecordsMaxResults: range min 1',
      send: () => stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, MaxResults: 0 })),
      message: /Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    },
  ],
  BatchGetRecord: [
    {
      constraint: 'BatchGetRecordIdentifiers: length min 1',
      send: () => stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [] })),
      message: /at 'identifiers' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'BatchGetRecordIdentifiers: length max 100',
      send: () =>
        stack.runtime.send(
          new BatchGetRecordCommand({ Identifiers: Array.from({ length: 101 }, () => ({ FeatureGroupName: group, RecordIdentifiersValueAsString: ['a'] })) }),
        ),
      message: /at 'identifiers' failed to satisfy constraint: Member must have length less than or equal to 100/,
    },
    {
      constraint: 'RecordIdentifiers: length max 100',
      send: () =>
        stack.runtime.send(
          new BatchGetRecordCommand({
            Identifiers: [{ FeatureGroupName: group, RecordIdentifiersValueAsString: Array.from({ length: 101 }, (_, index) => `r${index}`) }],
          }),
        ),
      message: /at 'identifiers\.1\.member\.recordIdentifiersValueAsString' failed to satisfy constraint: Member must have length less than or equal to 100/,
    },
    {
      constraint: 'FeatureNames: length min 1',
      send: () =>
        stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: group, RecordIdentifiersValueAsString: ['a'], FeatureNames: [] }] })),
      message: /at 'identifiers\.1\.member\.featureNames' failed to satisfy constraint: Member must have length greater than or equal to 1/,
    },
    {
      constraint: 'FeatureGroupNameOrArn: pattern (in an identifier)',
      send: () => stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: 'a b', RecordIdentifiersValueAsString: ['a'] }] })),
      message: /Value 'a b' at 'identifiers\.1\.member\.featureGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
  ],
  BatchWriteRecord: [
    {
      constraint: 'BatchWriteRecordEntries: length max 25',
      send: () =>
        stack.runtime.send(
          new BatchWriteRecordCommand({
            Entries: Array.from({ length: 26 }, (_, index) => ({ FeatureGroupName: group, Record: record({ id: `${index}`, ts: iso() }) })),
          }),
        ),
      message: /at 'entries' failed to satisfy constraint: Member must have length less than or equal to 25/,
    },
    {
      constraint: 'BatchWriteRecordEntry: Record required',
      send: () => stack.runtime.send(new BatchWriteRecordCommand({ Entries: [{ FeatureGroupName: group }] } as Loose as never)),
      message: /Value null at 'entries\.1\.member\.record' failed to satisfy constraint: Member must not be null/,
    },
    {
      constraint: 'TtlDurationValue: range min 1 (request level)',
      send: () =>
        stack.runtime.send(
          new BatchWriteRecordCommand({
            Entries: [{ FeatureGroupName: group, Record: record({ id: 'a', ts: iso() }) }],
            TtlDuration: { Unit: 'Days', Value: 0 },
          }),
        ),
      message: /Value '0' at 'ttlDuration\.value' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    },
    {
      constraint: 'TtlDurationValue: a signed 32-bit integer (decision: beyond it, the range wording)',
      send: () =>
        stack.runtime.send(
          new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso() }), TtlDuration: { Unit: 'Seconds', Value: 2_147_483_648 } }),
        ),
      message: /Value '2147483648' at 'ttlDuration\.value' failed to satisfy constraint: Member must have value less than or equal to 2147483647/,
    },
  ],
};

const cognitoCases: Record<string, Case[]> = {
  GetId: [
    {
      constraint: 'IdentityPoolId: pattern [\\w-]+:[0-9a-f-]+',
      send: () => cognito.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:NOT-HEX' })),
      message:
        /Value 'us-east-1:NOT-HEX' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\w-\]\+:\[0-9a-f-\]\+/,
    },
    {
      constraint: 'IdentityPoolId: length max 55',
      send: () => cognito.send(new GetIdCommand({ IdentityPoolId: `us-east-1:${'0'.repeat(50)}` })),
      message: /at 'identityPoolId' failed to satisfy constraint: Member must have length less than or equal to 55/,
    },
    {
      constraint: 'AccountId: pattern \\d+',
      send: () => cognito.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, AccountId: '12ab' })),
      message: /Value '12ab' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d\+/,
    },
    {
      constraint: 'LoginsMap: length max 10',
      send: () =>
        cognito.send(
          new GetIdCommand({
            IdentityPoolId: DEFAULT_IDENTITY_POOL_ID,
            Logins: Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`p${index}`, 't'])),
          }),
        ),
      message: /at 'logins' failed to satisfy constraint: Member must have length less than or equal to 10/,
    },
  ],
  GetCredentialsForIdentity: [
    {
      constraint: 'IdentityId: pattern [\\w-]+:[0-9a-f-]+',
      send: () => cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: 'no-colon' })),
      message: /Value 'no-colon' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    },
    {
      constraint: 'ARNString (CustomRoleArn): length min 20',
      send: () => cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: DEFAULT_IDENTITY_POOL_ID, CustomRoleArn: 'arn:aws:iam::1:role' })),
      message: /at 'customRoleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/,
    },
  ],
};

const flatten = (cases: Record<string, Case[]>) => Object.entries(cases).flatMap(([operation, list]) => list.map((entry) => ({ operation, ...entry })));

describe('request validation from the service models, through the AWS SDK', () => {
  it.each(flatten(controlPlane))('SageMaker $operation: $constraint is a ValidationException naming the member', async ({ send, message }) => {
    const error = await expectAwsError(send(), 'ValidationException', message);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^\d+ validation errors? detected: /);
  });

  it.each(flatten(runtimeCases))('Feature Store runtime $operation: $constraint is a ValidationError naming the member', async ({ send, message }) => {
    const error = await expectAwsError(send(), 'ValidationError', message);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/^\d+ validation errors? detected: /);
  });

  it.each(flatten(cognitoCases))('Cognito $operation: $constraint is an InvalidParameterException naming the member', async ({ send, message }) => {
    const error = await expectAwsError(send(), 'InvalidParameterException', message);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('validates before looking up: a well-formed unknown name is ResourceNotFound, a malformed one a ValidationException', async () => {
    await expectAwsError(stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'no-such-group' })), 'ResourceNotFound');
    await expectAwsError(
      stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'no-such-group-' })),
      'ValidationException',
      /'featureGroupName'/,
    );
    await expectAwsError(
      stack.runtime.send(new GetRecordCommand({ FeatureGroupName: 'no-such-group', RecordIdentifierValueAsString: 'a' })),
      'ResourceNotFound',
    );
    await expectAwsError(
      stack.runtime.send(new GetRecordCommand({ FeatureGroupName: 'no-such-group-', RecordIdentifierValueAsString: 'a' })),
      'ValidationError',
      /'featureGroupName'/,
    );
  });

  it('still accepts valid requests that use every constrained member', async () => {
    const name = uniqueName('valid');
    await stack.sagemaker.send(
      new CreateFeatureGroupCommand(
        groupInput({
          FeatureGroupName: name,
          Description: 'd'.repeat(128),
          Tags: [...tags(49), { Key: 'équipe ML:/=+-@', Value: '' }],
          RoleArn: 'arn:aws:iam::123456789012:role/service-role/FeatureStore',
          OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard_V2', SecurityConfig: { KmsKeyId: 'alias/feature-store' } },
          OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://bucket/prefix' }, TableFormat: 'Iceberg' },
          ThroughputConfig: { ThroughputMode: 'Provisioned', ProvisionedReadCapacityUnits: 10_000_000, ProvisionedWriteCapacityUnits: 0 },
        }),
      ),
    );
    const listed = await stack.sagemaker.send(
      new ListFeatureGroupsCommand({
        NameContains: name,
        FeatureGroupStatusEquals: 'Created',
        OfflineStoreStatusEquals: 'Active',
        CreationTimeAfter: new Date(Date.now() - 3_600_000),
        CreationTimeBefore: new Date(Date.now() + 3_600_000),
        SortBy: 'Name',
        SortOrder: 'Ascending',
        MaxResults: 100,
      }),
    );
    expect(listed.FeatureGroupSummaries?.map((summary) => summary.FeatureGroupName)).toEqual([name]);
    await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: `${valid}${name}` }));
    await stack.sagemaker.send(
      new UpdateFeatureMetadataCommand({
        FeatureGroupName: name,
        FeatureName: 'id',
        Description: 'd'.repeat(255),
        ParameterAdditions: [{ Key: 'owner', Value: 'team ml' }],
        ParameterRemovals: ['gone'],
      }),
    );
    await stack.sagemaker.send(
      new UpdateFeatureGroupCommand({ FeatureGroupName: name, FeatureAdditions: [{ FeatureName: 'extra_1', FeatureType: 'Integral' }] }),
    );
    const found = await stack.sagemaker.send(
      new SearchCommand({
        Resource: 'FeatureGroup',
        SearchExpression: { Filters: [{ Name: 'FeatureGroupName', Operator: 'Equals', Value: name }] },
        MaxResults: 100,
      }),
    );
    expect(found.Results).toHaveLength(1);
    await stack.runtime.send(
      new PutRecordCommand({ FeatureGroupName: name, Record: record({ id: 'r-1', ts: iso() }), TargetStores: ['OnlineStore', 'OfflineStore'] }),
    );
    const listedRecords = await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: name, MaxResults: 100 }));
    expect(listedRecords.RecordIdentifiers).toEqual(['r-1']);
    const got = await stack.runtime.send(
      new GetRecordCommand({
        FeatureGroupName: `${valid}${name}`,
        RecordIdentifierValueAsString: 'r-1',
        FeatureNames: ['id'],
        ExpirationTimeResponse: 'Enabled',
      }),
    );
    expect(got.Record).toEqual([{ FeatureName: 'id', ValueAsString: 'r-1' }]);
    await stack.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: name }));
    const credentials = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
    expect(credentials.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect((await cognito.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, AccountId: '000000000000' }))).IdentityId).toMatch(/^us-east-1:/);
  });
});
