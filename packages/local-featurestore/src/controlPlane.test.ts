import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateFeatureGroupCommand,
  DeleteFeatureGroupCommand,
  DescribeFeatureGroupCommand,
  DescribeFeatureMetadataCommand,
  ListFeatureGroupsCommand,
} from '@aws-sdk/client-sagemaker';
import { GetRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, uniqueName, type TestStack } from './testing.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
});
afterAll(() => stopTestStack(stack));

describe('seed data', () => {
  it('covers every type, collection, storage type, an offline-only group and both event-time types', async () => {
    const names = ['customers', 'transactions', 'product-embeddings', 'clickstream-events', 'exchange-rates'];
    const groups = await Promise.all(names.map((name) => stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name }))));
    const definitions = groups.flatMap((group) => group.FeatureDefinitions ?? []);
    expect(new Set(definitions.map((d) => d.FeatureType))).toEqual(new Set(['Integral', 'Fractional', 'String']));
    expect(new Set(definitions.map((d) => d.CollectionType).filter(Boolean))).toEqual(new Set(['List', 'Set', 'Vector']));
    expect(new Set(groups.map((g) => g.OnlineStoreConfig?.StorageType).filter(Boolean))).toEqual(new Set(['Standard', 'Standard_V2', 'InMemory']));
    expect(groups.some((g) => !g.OnlineStoreConfig && g.OfflineStoreConfig)).toBe(true);
    expect(groups.some((g) => g.OnlineStoreConfig?.TtlDuration)).toBe(true);
    expect(groups.some((g) => g.OnlineStoreConfig?.EnableOnlineStore && !g.OnlineStoreConfig.TtlDuration)).toBe(true);
    const eventTimeTypes = groups.map((g) => g.FeatureDefinitions?.find((d) => d.FeatureName === g.EventTimeFeatureName)?.FeatureType);
    expect(new Set(eventTimeTypes)).toEqual(new Set(['String', 'Fractional']));
    const seeded = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' }));
    expect(seeded.Record?.find((v) => v.FeatureName === 'account_balance_micros')?.ValueAsString).toBe('9007199254740993');
  });

  it('describes feature metadata', async () => {
    const metadata = await stack.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: 'customers', FeatureName: 'age' }));
    expect(metadata.Description).toMatch(/years/);
    await expectAwsError(stack.sagemaker.send(new DescribeFeatureMetadataCommand({ FeatureGroupName: 'customers', FeatureName: 'nope' })), 'ResourceNotFound');
  });
});

describe('CreateFeatureGroup', () => {
  it('returns the ARN and describes the group as Created', async () => {
    const name = await createGroup(stack);
    const described = await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name }));
    expect(described).toMatchObject({
      FeatureGroupName: name,
      FeatureGroupStatus: 'Created',
      RecordIdentifierFeatureName: 'id',
      EventTimeFeatureName: 'ts',
      NextToken: '',
    });
    expect(described.FeatureGroupArn).toBe(`arn:aws:sagemaker:us-east-1:000000000000:feature-group/${name}`);
    expect(described.CreationTime).toBeInstanceOf(Date);
  });

  it.each([
    [{ FeatureGroupName: 'bad name' }, /featureGroupName/],
    [{ FeatureDefinitions: [] }, /'featureDefinitions' failed to satisfy constraint: Member must have length greater than or equal to 1/],
    [
      {
        FeatureDefinitions: [
          { FeatureName: 'id', FeatureType: 'String' },
          { FeatureName: 'ts', FeatureType: 'String' },
          { FeatureName: 'write_time', FeatureType: 'String' },
        ],
      },
      /reserved/,
    ],
    [
      {
        FeatureDefinitions: [
          { FeatureName: 'id', FeatureType: 'String' },
          { FeatureName: 'ts', FeatureType: 'String' },
          { FeatureName: 'id', FeatureType: 'String' },
        ],
      },
      /more than once/,
    ],
    [{ RecordIdentifierFeatureName: 'missing' }, /RecordIdentifierFeatureName 'missing'/],
    [
      {
        FeatureDefinitions: [
          { FeatureName: 'id', FeatureType: 'String' },
          { FeatureName: 'ts', FeatureType: 'Integral' },
        ],
      },
      /Event time feature 'ts'/,
    ],
    [{ OnlineStoreConfig: undefined, OfflineStoreConfig: undefined }, /online store.*offline store/],
    [
      {
        FeatureDefinitions: [
          { FeatureName: 'id', FeatureType: 'String' },
          { FeatureName: 'ts', FeatureType: 'String' },
          { FeatureName: 'l', FeatureType: 'String', CollectionType: 'List' },
        ],
      },
      /only in feature groups whose online store StorageType is InMemory/,
    ],
    [
      {
        OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
        FeatureDefinitions: [
          { FeatureName: 'id', FeatureType: 'String' },
          { FeatureName: 'ts', FeatureType: 'String' },
          { FeatureName: 'v', FeatureType: 'Fractional', CollectionType: 'Vector', CollectionConfig: { VectorConfig: { Dimension: 9000 } } },
        ],
      },
      /'featureDefinitions\.3\.member\.collectionConfig\.vectorConfig\.dimension' failed to satisfy constraint: Member must have value less than or equal to 8192/,
    ],
    [
      { OnlineStoreConfig: { EnableOnlineStore: true, TtlDuration: { Unit: 'Years', Value: 1 } } },
      /'onlineStoreConfig\.ttlDuration\.unit' failed to satisfy constraint: Member must satisfy enum value set/,
    ],
  ])('rejects %j with ValidationException', async (overrides, message) => {
    await expectAwsError(createGroup(stack, { FeatureGroupName: uniqueName('bad'), ...overrides } as never), 'ValidationException', message);
  });

  it('answers a taken name with ResourceInUse', async () => {
    const name = await createGroup(stack);
    await expectAwsError(createGroup(stack, { FeatureGroupName: name }), 'ResourceInUse');
  });

  it('accepts 2,500 features and pages them in DescribeFeatureGroup', async () => {
    const definitions = [
      { FeatureName: 'id', FeatureType: 'String' as const },
      { FeatureName: 'ts', FeatureType: 'String' as const },
    ];
    for (let index = 0; definitions.length < 2500; index += 1) definitions.push({ FeatureName: `f${index}`, FeatureType: 'String' });
    const name = await createGroup(stack, { FeatureDefinitions: definitions });
    const pages: number[] = [];
    let token: string | undefined;
    do {
      const page = await stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name, ...(token ? { NextToken: token } : {}) }));
      pages.push(page.FeatureDefinitions?.length ?? 0);
      token = page.NextToken || undefined;
    } while (token);
    expect(pages).toEqual([500, 500, 500, 500, 500]);
    definitions.push({ FeatureName: 'one-too-many', FeatureType: 'String' });
    await expectAwsError(createGroup(stack, { FeatureDefinitions: definitions }), 'ValidationException', /2500/);
  });
});

describe('ListFeatureGroups', () => {
  it('filters, sorts and pages', async () => {
    const prefix = uniqueName('lst');
    for (const suffix of ['b', 'a', 'c']) await createGroup(stack, { FeatureGroupName: `${prefix}-${suffix}` });
    const first = await stack.sagemaker.send(new ListFeatureGroupsCommand({ NameContains: prefix, SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 2 }));
    expect(first.FeatureGroupSummaries?.map((s) => s.FeatureGroupName)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.FeatureGroupSummaries?.[0]).toMatchObject({ FeatureGroupStatus: 'Created', OfflineStoreStatus: { Status: 'Active' } });
    const second = await stack.sagemaker.send(
      new ListFeatureGroupsCommand({ NameContains: prefix, SortBy: 'Name', SortOrder: 'Ascending', MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.FeatureGroupSummaries?.map((s) => s.FeatureGroupName)).toEqual([`${prefix}-c`]);
    expect(second.NextToken).toBeUndefined();
    const newestFirst = await stack.sagemaker.send(new ListFeatureGroupsCommand({ NameContains: prefix }));
    expect(newestFirst.FeatureGroupSummaries?.map((s) => s.FeatureGroupName)).toEqual([`${prefix}-c`, `${prefix}-a`, `${prefix}-b`]);
    const none = await stack.sagemaker.send(new ListFeatureGroupsCommand({ NameContains: prefix, FeatureGroupStatusEquals: 'Deleting' }));
    expect(none.FeatureGroupSummaries).toEqual([]);
    await expectAwsError(stack.sagemaker.send(new ListFeatureGroupsCommand({ MaxResults: 0 })), 'ValidationException');
  });
});

describe('DeleteFeatureGroup', () => {
  it('removes the group and its online records', async () => {
    const name = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: name, Record: record({ id: 'a', ts: new Date().toISOString() }) }));
    await stack.sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: name }));
    await expectAwsError(stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: name })), 'ResourceNotFound');
    await expectAwsError(stack.runtime.send(new GetRecordCommand({ FeatureGroupName: name, RecordIdentifierValueAsString: 'a' })), 'ResourceNotFound');
    await stack.sagemaker.send(
      new CreateFeatureGroupCommand({
        FeatureGroupName: name,
        RecordIdentifierFeatureName: 'id',
        EventTimeFeatureName: 'ts',
        FeatureDefinitions: [
          { FeatureName: 'id', FeatureType: 'String' },
          { FeatureName: 'ts', FeatureType: 'String' },
        ],
        OnlineStoreConfig: { EnableOnlineStore: true },
      }),
    );
    const fresh = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: name, RecordIdentifierValueAsString: 'a' }));
    expect(fresh.Record).toBeUndefined();
  });
});
