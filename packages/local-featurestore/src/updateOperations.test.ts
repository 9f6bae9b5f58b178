/**
 * UpdateFeatureGroup and UpdateFeatureMetadata through the AWS SDK v3, and validation
 * before lookup, as the SageMaker API reference and its service model describe them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteFeatureGroupCommand,
  DescribeFeatureGroupCommand,
  DescribeFeatureMetadataCommand,
  SearchCommand,
  UpdateFeatureGroupCommand,
  UpdateFeatureMetadataCommand,
} from '@aws-sdk/client-sagemaker';
import { GetRecordCommand, PutRecordCommand, UpdateRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
});
afterAll(() => stopTestStack(stack));

describe('validation before lookup', () => {
  it('a malformed name is ValidationException, not ResourceNotFound', async () => {
    for (const name of ['bad name!', '-starts-with-dash', 'x'.repeat(151)]) {
      await expectAwsError(stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name })), 'ValidationException');
    }
    await expectAwsError(stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'well-formed-but-absent' })), 'ResourceNotFound');
  });

  it('DeleteFeatureGroup takes a name, not an ARN', async () => {
    const group = await createGroup(stack);
    const arn = (await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }))).FeatureGroupArn;
    await expectAwsError(stack.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: arn })), 'ValidationException');
    await stack.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: group }));
  });
});

describe('UpdateFeatureGroup', () => {
  it('adds features, which records can then carry', async () => {
    const group = await createGroup(stack);
    await stack.sagemaker.send(
      new UpdateFeatureGroupCommand({ FeatureGroupName: group, FeatureAdditions: [{ FeatureName: 'added', FeatureType: 'Integral' }] }),
    );
    const described = await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }));
    expect(described.FeatureDefinitions?.map((d) => d.FeatureName)).toContain('added');
    expect(described.LastUpdateStatus?.Status).toBe('Successful');
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: new Date().toISOString(), added: '7' }) }));
    const read = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a' }));
    expect(read.Record?.find((v) => v.FeatureName === 'added')?.ValueAsString).toBe('7');
    await expectAwsError(
      stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, FeatureAdditions: [{ FeatureName: 'added', FeatureType: 'String' }] })),
      'ValidationException',
    );
    await expectAwsError(stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, FeatureAdditions: [] })), 'ValidationException');
  });

  it('sets, changes and removes the default TTL; it applies to records written afterwards', async () => {
    const group = await createGroup(stack);
    const ts = '2026-11-24T10:00:00.000Z';
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'before', ts }) }));
    await stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, OnlineStoreConfig: { TtlDuration: { Unit: 'Days', Value: 400 } } }));
    expect((await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }))).OnlineStoreConfig?.TtlDuration).toEqual({
      Unit: 'Days',
      Value: 400,
    });
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'after', ts }) }));
    const before = await stack.runtime.send(
      new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'before', ExpirationTimeResponse: 'Enabled' }),
    );
    const after = await stack.runtime.send(
      new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'after', ExpirationTimeResponse: 'Enabled' }),
    );
    expect(before.ExpiresAt).toBeUndefined();
    expect(after.ExpiresAt).toBe('2027-12-29T10:00:00.000Z');
    await expectAwsError(
      stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, OnlineStoreConfig: { TtlDuration: { Unit: 'Days', Value: 0 } } })),
      'ValidationException',
    );
    // Unit and Value null removes the default.
    await stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, OnlineStoreConfig: { TtlDuration: {} } }));
    expect((await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }))).OnlineStoreConfig?.TtlDuration).toBeUndefined();
  });

  it('migrates Standard to Standard_V2 once, which enables UpdateRecord; never back', async () => {
    const group = await createGroup(stack, { OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' } });
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: new Date().toISOString() }) }));
    await expectAwsError(
      stack.runtime.send(
        new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: [{ FeatureName: 'id', ValueAsString: 'a' }] }),
      ),
      'ValidationError',
    );
    await stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, OnlineStoreConfig: { StorageType: 'Standard_V2' } }));
    expect((await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }))).OnlineStoreConfig?.StorageType).toBe('Standard_V2');
    await expectAwsError(
      stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: group, OnlineStoreConfig: { StorageType: 'Standard' } })),
      'ValidationException',
    );
    await expectAwsError(
      stack.sagemaker.send(new UpdateFeatureGroupCommand({ FeatureGroupName: 'product-embeddings', OnlineStoreConfig: { StorageType: 'Standard_V2' } })),
      'ValidationException',
    );
  });
});

describe('UpdateFeatureMetadata', () => {
  it('sets the description and adds and removes parameters', async () => {
    const group = await createGroup(stack);
    await stack.sagemaker.send(
      new UpdateFeatureMetadataCommand({
        FeatureGroupName: group,
        FeatureName: 'id',
        Description: 'the customer',
        ParameterAdditions: [
          { Key: 'owner', Value: 'team-a' },
          { Key: 'pii', Value: 'no' },
        ],
      }),
    );
    await stack.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'id', ParameterRemovals: ['pii'] }));
    const metadata = await stack.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'id' }));
    expect(metadata.Description).toBe('the customer');
    expect(metadata.Parameters).toEqual([{ Key: 'owner', Value: 'team-a' }]);
    await expectAwsError(
      stack.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'id', Description: 'x'.repeat(256) })),
      'ValidationException',
    );
    await expectAwsError(stack.sagemaker.send(new UpdateFeatureMetadataCommand({ FeatureGroupName: group, FeatureName: 'nope' })), 'ResourceNotFound');
  });
});

describe('Creating and Deleting, when the realism switch is on', () => {
  it('a new group is Creating until its delay passes; a deleted one Deleting; records wait for Created', async () => {
    let nowMs = Date.parse('2026-11-25T00:00:00Z');
    const slow = await startTestStack({ seed: true, now: () => new Date(nowMs), createDelayMs: 60_000, deleteDelayMs: 60_000 });
    try {
      // Seeded groups are ready at once.
      expect((await slow.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'customers' }))).FeatureGroupStatus).toBe('Created');
      const group = await createGroup(slow);
      expect((await slow.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }))).FeatureGroupStatus).toBe('Creating');
      const write = () => slow.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: new Date(nowMs).toISOString() }) }));
      await expectAwsError(write(), 'ValidationError');
      nowMs += 60_000;
      expect((await slow.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }))).FeatureGroupStatus).toBe('Created');
      await write();
      await slow.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: group }));
      const deleting = await slow.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }));
      expect(deleting.FeatureGroupStatus).toBe('Deleting');
      expect(Object.keys(deleting)).not.toContain('DeletionTimeMs');
      await expectAwsError(slow.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a' })), 'ValidationError');
      nowMs += 60_000;
      await expectAwsError(slow.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group })), 'ResourceNotFound');
    } finally {
      await stopTestStack(slow);
    }
  });
});

describe('Search', () => {
  it('finds feature groups by filters, nested Or, sorts and pages', async () => {
    const prefix = `srch${Date.now().toString(36)}`;
    await createGroup(stack, { FeatureGroupName: `${prefix}-a`, OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' } });
    await createGroup(stack, { FeatureGroupName: `${prefix}-b` });
    await createGroup(stack, { FeatureGroupName: `${prefix}-c` });
    const contains = { Name: 'FeatureGroupName', Operator: 'Contains' as const, Value: prefix };
    const all = await stack.sagemaker.send(
      new SearchCommand({
        Resource: 'FeatureGroup',
        SearchExpression: { Filters: [contains] },
        SortBy: 'FeatureGroupName',
        SortOrder: 'Ascending',
        MaxResults: 2,
      }),
    );
    expect(all.Results?.map((r) => r.FeatureGroup?.FeatureGroupName)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    const next = await stack.sagemaker.send(
      new SearchCommand({
        Resource: 'FeatureGroup',
        SearchExpression: { Filters: [contains] },
        SortBy: 'FeatureGroupName',
        SortOrder: 'Ascending',
        MaxResults: 2,
        NextToken: all.NextToken,
      }),
    );
    expect(next.Results?.map((r) => r.FeatureGroup?.FeatureGroupName)).toEqual([`${prefix}-c`]);
    expect(next.NextToken).toBeUndefined();
    const standard = await stack.sagemaker.send(
      new SearchCommand({
        Resource: 'FeatureGroup',
        SearchExpression: { Filters: [contains, { Name: 'OnlineStoreConfig.StorageType', Operator: 'Equals', Value: 'Standard' }] },
      }),
    );
    expect(standard.Results?.map((r) => r.FeatureGroup?.FeatureGroupName)).toEqual([`${prefix}-a`]);
    expect(standard.Results?.[0]?.FeatureGroup?.CreationTime).toBeInstanceOf(Date);
    const either = await stack.sagemaker.send(
      new SearchCommand({
        Resource: 'FeatureGroup',
        SearchExpression: {
          Operator: 'Or',
          Filters: [
            { Name: 'FeatureGroupName', Operator: 'Equals', Value: `${prefix}-a` },
            { Name: 'FeatureGroupName', Operator: 'Equals', Value: `${prefix}-c` },
          ],
        },
      }),
    );
    expect(either.Results?.map((r) => r.FeatureGroup?.FeatureGroupName).sort()).toEqual([`${prefix}-a`, `${prefix}-c`]);
    await expectAwsError(stack.sagemaker.send(new SearchCommand({ Resource: 'FeatureGroup', MaxResults: 101 })), 'ValidationException');
  });

  it('finds feature metadata by description and parameters', async () => {
    const results = await stack.sagemaker.send(
      new SearchCommand({
        Resource: 'FeatureMetadata',
        SearchExpression: {
          Filters: [
            { Name: 'FeatureGroupName', Operator: 'Equals', Value: 'customers' },
            { Name: 'Description', Operator: 'Contains', Value: 'YEARS' },
          ],
        },
      }),
    );
    expect(results.Results?.map((r) => r.FeatureMetadata?.FeatureName)).toEqual(['age']);
  });
});
