/**
 * Batch requests that violate the service model are rejected whole with 400, before any
 * entry is written; only semantic failures of well-formed entries go per entry into Errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchGetRecordCommand,
  BatchWriteRecordCommand,
  GetRecordCommand,
  type BatchWriteRecordCommandInput,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

let stack: TestStack;
let group: string;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  group = await createGroup(stack);
});
afterAll(() => stopTestStack(stack));

type Entry = NonNullable<BatchWriteRecordCommandInput['Entries']>[number];

describe('BatchWriteRecord', () => {
  const good = (id: string): Entry => ({ FeatureGroupName: group, Record: record({ id, ts: new Date().toISOString() }) });
  const malformed: [string, Entry][] = [
    ['an entry without Record', { FeatureGroupName: group } as Entry],
    ['an empty Record', { FeatureGroupName: group, Record: [] }],
    ['a bad group name', { FeatureGroupName: 'bad name!', Record: record({ id: 'x', ts: new Date().toISOString() }) }],
    ['a bad feature name', { FeatureGroupName: group, Record: [{ FeatureName: 'bad name!', ValueAsString: '1' }] }],
    ['three TargetStores', { ...good('t'), TargetStores: ['OnlineStore', 'OfflineStore', 'OnlineStore'] }],
    ['TtlDuration Value 0', { ...good('t'), TtlDuration: { Unit: 'Days', Value: 0 } }],
  ];
  it.each(malformed)('rejects the whole request for %s, writing nothing', async (_case, bad) => {
    const id = `whole-${Math.random().toString(36).slice(2)}`;
    await expectAwsError(stack.runtime.send(new BatchWriteRecordCommand({ Entries: [good(id), bad] })), 'ValidationError');
    const read = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: id }));
    expect(read.Record).toBeUndefined();
  });

  it('reports a well-formed entry that fails on its own in Errors, and writes the others', async () => {
    const result = await stack.runtime.send(
      new BatchWriteRecordCommand({
        Entries: [good('ok-1'), { FeatureGroupName: 'no-such-group', Record: record({ id: 'x', ts: new Date().toISOString() }) }],
      }),
    );
    expect(result.Errors).toHaveLength(1);
    expect((await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'ok-1' }))).Record).toBeDefined();
  });
});

describe('BatchGetRecord', () => {
  it('rejects empty or invalid FeatureNames and bad group names whole', async () => {
    await expectAwsError(
      stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: group, RecordIdentifiersValueAsString: ['a'], FeatureNames: [] }] })),
      'ValidationError',
    );
    await expectAwsError(
      stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: 'bad name!', RecordIdentifiersValueAsString: ['a'] }] })),
      'ValidationError',
    );
  });
});
