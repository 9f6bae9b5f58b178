import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BatchGetRecordCommand,
  BatchWriteRecordCommand,
  DeleteRecordCommand,
  GetRecordCommand,
  ListRecordsCommand,
  PutRecordCommand,
  UpdateRecordCommand,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { createGroup, expectAwsError, offlineRows, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

let stack: TestStack;
let clock = Date.parse('2026-06-01T12:00:00.000Z');
const iso = (offsetSeconds: number) => new Date(Date.parse('2026-06-01T12:00:00.000Z') + offsetSeconds * 1000).toISOString();

beforeAll(async () => {
  stack = await startTestStack({ now: () => new Date(clock) });
});
afterAll(() => stopTestStack(stack));

async function get(group: string, id: string, extra: { FeatureNames?: string[] } = {}) {
  return stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: id, ExpirationTimeResponse: 'Enabled', ...extra }));
}
const valueOf = (response: { Record?: { FeatureName?: string; ValueAsString?: string; ValueAsStringList?: string[] }[] }, name: string) =>
  response.Record?.find((value) => value.FeatureName === name);

describe('PutRecord and GetRecord', () => {
  it('stores a record and reads it back, by name and by ARN', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(
      new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0), n: '9223372036854775807', x: '1e308', s: 'héllo ✓' }) }),
    );
    const byName = await get(group, 'a');
    expect(byName.Record).toEqual(record({ id: 'a', ts: iso(0), n: '9223372036854775807', x: '1e308', s: 'héllo ✓' }));
    const arn = `arn:aws:sagemaker:us-east-1:000000000000:feature-group/${group}`;
    const byArn = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: arn, RecordIdentifierValueAsString: 'a' }));
    expect(byArn.Record).toHaveLength(5);
  });

  it('returns only the FeatureNames asked for (repeated query parameter)', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0), n: '1', x: '2', s: 'x' }) }));
    const response = await get(group, 'a', { FeatureNames: ['n', 's'] });
    expect(response.Record?.map((value) => value.FeatureName)).toEqual(['n', 's']);
  });

  it('answers {} for a record that does not exist', async () => {
    const group = await createGroup(stack);
    const response = await get(group, 'missing');
    expect(response.Record).toBeUndefined();
  });

  it('is a full overwrite: features left out are gone', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0), n: '1', s: 'keep?' }) }));
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(1), n: '2' }) }));
    const response = await get(group, 'a');
    expect(valueOf(response, 'n')?.ValueAsString).toBe('2');
    expect(valueOf(response, 's')).toBeUndefined();
  });

  it('writes an older EventTime to the offline store only', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(10), n: '1' }) }));
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(5), n: '2' }) }));
    expect(valueOf(await get(group, 'a'), 'n')?.ValueAsString).toBe('1');
    const rows = await offlineRows(stack, group);
    expect(rows.map((row) => row.n)).toEqual(['1', '2']);
    expect(rows[1]).toMatchObject({ id: 'a', is_deleted: false });
    expect(typeof rows[1]?.write_time).toBe('string');
    expect(typeof rows[1]?.api_invocation_time).toBe('string');
  });

  it('lets an equal EventTime replace the online record (documented decision)', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(10), n: '1' }) }));
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(10), n: '2' }) }));
    expect(valueOf(await get(group, 'a'), 'n')?.ValueAsString).toBe('2');
  });

  it('respects TargetStores', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'off', ts: iso(0) }), TargetStores: ['OfflineStore'] }));
    expect((await get(group, 'off')).Record).toBeUndefined();
    expect((await offlineRows(stack, group)).map((row) => row.id)).toEqual(['off']);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'on', ts: iso(0) }), TargetStores: ['OnlineStore'] }));
    expect((await get(group, 'on')).Record).toBeDefined();
    expect((await offlineRows(stack, group)).map((row) => row.id)).toEqual(['off']);
  });

  it('computes ExpiresAt from the record TTL, else the group default, and hides expired records', async () => {
    const group = await createGroup(stack, {
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard', TtlDuration: { Unit: 'Days', Value: 30 } },
    });
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'default', ts: iso(0) }) }));
    await stack.runtime.send(
      new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'custom', ts: iso(0) }), TtlDuration: { Unit: 'Hours', Value: 2 } }),
    );
    expect((await get(group, 'default')).ExpiresAt).toBe(iso(30 * 86400));
    expect((await get(group, 'custom')).ExpiresAt).toBe(iso(2 * 3600));
    const withoutExpiration = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'custom' }));
    expect(withoutExpiration.ExpiresAt).toBeUndefined();

    clock += 2 * 3600 * 1000; // the custom record's ExpiresAt
    try {
      expect((await get(group, 'custom')).Record).toBeUndefined();
      expect((await get(group, 'default')).Record).toBeDefined();
      const listed = await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group }));
      expect(listed.RecordIdentifiers).toEqual(['default']);
      const batch = await stack.runtime.send(
        new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: group, RecordIdentifiersValueAsString: ['custom', 'default'] }] }),
      );
      expect(batch.Records?.map((r) => r.RecordIdentifierValueAsString)).toEqual(['default']);
    } finally {
      clock -= 2 * 3600 * 1000;
    }
  });

  it('has no ExpiresAt when neither the record nor the group has a TTL', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0) }) }));
    expect((await get(group, 'a')).ExpiresAt).toBeUndefined();
  });
});

describe('validation', () => {
  let group: string;
  let collections: string;
  beforeAll(async () => {
    group = await createGroup(stack);
    collections = await createGroup(stack, {
      RecordIdentifierFeatureName: 'id',
      EventTimeFeatureName: 'et',
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'Integral' },
        { FeatureName: 'et', FeatureType: 'Fractional' },
        { FeatureName: 'tags', FeatureType: 'String', CollectionType: 'Set' },
        { FeatureName: 'nums', FeatureType: 'Integral', CollectionType: 'List' },
        { FeatureName: 'vec', FeatureType: 'Fractional', CollectionType: 'Vector', CollectionConfig: { VectorConfig: { Dimension: 3 } } },
      ],
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
      OfflineStoreConfig: undefined,
    });
  });
  const put = (values: Record<string, string | string[]>, target = group) =>
    stack.runtime.send(new PutRecordCommand({ FeatureGroupName: target, Record: record(values) }));

  it.each([
    [{ id: 'a', ts: iso(0), n: '9223372036854775808' }, /'n'.*signed 64-bit/],
    [{ id: 'a', ts: iso(0), n: '-9223372036854775809' }, /'n'.*signed 64-bit/],
    [{ id: 'a', ts: iso(0), n: '1.5' }, /'n'.*whole numbers/],
    [{ id: 'a', ts: iso(0), n: ' 1' }, /'n'.*spaces/],
    [{ id: 'a', ts: iso(0), x: 'NaN' }, /'x'.*NaN and Infinity/],
    [{ id: 'a', ts: iso(0), x: '1e309' }, /'x'.*Too large/],
    [{ id: 'a', ts: iso(0), x: 'abc' }, /'x'.*number/],
    [{ id: 'a', ts: '2026-06-01T12:00:00+02:00' }, /'ts'.*offsets/],
    [{ id: 'a', ts: '2026-02-30T12:00:00Z' }, /'ts'.*calendar date/],
    [{ id: 'a', ts: '2026-06-01 12:00:00Z' }, /'ts'.*ISO-8601/],
    [{ id: 'a', ts: '2026-06-01T12:00:00.1234567890Z' }, /'ts'.*ISO-8601/],
    [{ ts: iso(0) }, /record identifier feature 'id'/],
    [{ id: 'a' }, /event time feature 'ts'/],
    [{ id: '', ts: iso(0) }, /cannot be empty/],
    [{ id: 'x'.repeat(2049), ts: iso(0) }, /at most 2 KB/],
    [{ id: 'a', ts: iso(0), nope: '1' }, /'nope' is not defined/],
    [{ id: 'a', ts: iso(0), s: ['a'] }, /'s' is a scalar String feature/],
  ])('rejects %j', async (values, message) => {
    await expectAwsError(put(values), 'ValidationError', message);
  });

  it('accepts event times with 0 to 9 fraction digits', async () => {
    for (const ts of ['2026-06-01T12:00:00Z', '2026-06-01T12:00:00.1Z', '2026-06-01T12:00:00.123456789Z']) await put({ id: 'frac', ts });
  });

  it('keeps a Set element sent twice once ([a, b, a] is stored as [a, b], as the Developer Guide says)', async () => {
    await put({ id: '7', et: '1780000000', tags: ['a', 'b', 'a'] }, collections);
    const stored = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: collections, RecordIdentifierValueAsString: '7' }));
    expect(stored.Record?.find((feature) => feature.FeatureName === 'tags')?.ValueAsStringList).toEqual(['a', 'b']);
  });

  it('rejects duplicate feature names', async () => {
    await expectAwsError(
      stack.runtime.send(
        new PutRecordCommand({ FeatureGroupName: group, Record: [...record({ id: 'a', ts: iso(0) }), { FeatureName: 'id', ValueAsString: 'b' }] }),
      ),
      'ValidationError',
      /'id' appears more than once/,
    );
  });

  it('rejects a record over 350 KB', async () => {
    await expectAwsError(put({ id: 'a', ts: iso(0), s: 'x'.repeat(300_000), nope: 'y' }), 'ValidationError');
    const big = await createGroup(stack, {
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'String' },
        { FeatureName: 'ts', FeatureType: 'String' },
        { FeatureName: 'a', FeatureType: 'String' },
        { FeatureName: 'b', FeatureType: 'String' },
      ],
    });
    await expectAwsError(put({ id: 'a', ts: iso(0), a: 'x'.repeat(200_000), b: 'y'.repeat(200_000) }, big), 'ValidationError', /350 KB/);
  });

  it('checks collection values: list items, vector dimension (a Set repeat is kept once, see above)', async () => {
    await put({ id: '1', et: '1780000000.5', tags: ['a', 'b'], nums: ['1', '2', '2'], vec: ['0.1', '0.2', '-3e-2'] }, collections);
    await expectAwsError(put({ id: '1', et: '1780000000', nums: ['1', 'x'] }, collections), 'ValidationError', /'nums' element 2/);
    await expectAwsError(put({ id: '1', et: '1780000000', vec: ['1', '2'] }, collections), 'ValidationError', /exactly 3 elements, got 2/);
    await expectAwsError(put({ id: '1', et: '1780000000', tags: 'a' }, collections), 'ValidationError', /send ValueAsStringList/);
    await expectAwsError(put({ id: '1', et: 'yesterday' }, collections), 'ValidationError', /'et'.*epoch seconds/);
  });

  it('checks TargetStores and TtlDuration', async () => {
    const onlineOnly = await createGroup(stack, { OfflineStoreConfig: undefined });
    await expectAwsError(
      stack.runtime.send(new PutRecordCommand({ FeatureGroupName: onlineOnly, Record: record({ id: 'a', ts: iso(0) }), TargetStores: ['OfflineStore'] })),
      'ValidationError',
      /no offline store/,
    );
    await expectAwsError(
      stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0) }), TtlDuration: { Unit: 'Days', Value: 0 } })),
      'ValidationError',
      /'ttlDuration\.value' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    );
    const offlineOnly = await createGroup(stack, { OnlineStoreConfig: undefined });
    await expectAwsError(
      stack.runtime.send(
        new PutRecordCommand({ FeatureGroupName: offlineOnly, Record: record({ id: 'a', ts: iso(0) }), TtlDuration: { Unit: 'Days', Value: 1 } }),
      ),
      'ValidationError',
      /has none/,
    );
  });

  it('answers PutRecord to an unknown group with 400 ValidationError, GetRecord with 404 ResourceNotFound', async () => {
    const putError = await expectAwsError(
      put({ id: 'a', ts: iso(0) }, 'no-such-group'),
      'ValidationError',
      /can't find a FeatureGroup with name no-such-group/,
    );
    expect(putError.$metadata?.httpStatusCode).toBe(400);
    const getError = await expectAwsError(get('no-such-group', 'a'), 'ResourceNotFound');
    expect(getError.$metadata?.httpStatusCode).toBe(404);
    expect(getError.$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('DeleteRecord', () => {
  it('soft delete hides the record from GetRecord and BatchGetRecord, but ListRecords shows it when asked', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0), n: '1' }) }));
    await stack.runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: iso(1) }));
    expect((await get(group, 'a')).Record).toBeUndefined();
    const batch = await stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: group, RecordIdentifiersValueAsString: ['a'] }] }));
    expect(batch.Records).toEqual([]);
    expect((await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group }))).RecordIdentifiers).toEqual([]);
    expect((await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, IncludeSoftDeletedRecords: true }))).RecordIdentifiers).toEqual(['a']);
    const rows = await offlineRows(stack, group);
    expect(rows.at(-1)).toMatchObject({ id: 'a', ts: iso(1), n: null, is_deleted: true });
  });

  it('soft delete with an older EventTime changes nothing online but writes the marker', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(10), n: '1' }) }));
    await stack.runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: iso(5) }));
    expect((await get(group, 'a')).Record).toBeDefined();
    expect((await offlineRows(stack, group)).at(-1)).toMatchObject({ is_deleted: true });
  });

  it('hard delete removes the record; with an older EventTime it is a ValidationError', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(10) }) }));
    await expectAwsError(
      stack.runtime.send(
        new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: iso(10), DeletionMode: 'HardDelete' }),
      ),
      'ValidationError',
      /HardDelete needs an EventTime later/,
    );
    await stack.runtime.send(
      new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: iso(11), DeletionMode: 'HardDelete' }),
    );
    expect((await get(group, 'a')).Record).toBeUndefined();
    expect((await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, IncludeSoftDeletedRecords: true }))).RecordIdentifiers).toEqual([]);
  });

  it('a newer write revives a soft-deleted record', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0) }) }));
    await stack.runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: iso(5) }));
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(3), n: '1' }) }));
    expect((await get(group, 'a')).Record).toBeUndefined();
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(6), n: '2' }) }));
    expect(valueOf(await get(group, 'a'), 'n')?.ValueAsString).toBe('2');
  });

  it('requires a valid EventTime', async () => {
    const group = await createGroup(stack);
    await expectAwsError(
      stack.runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', EventTime: 'now' })),
      'ValidationError',
      /EventTime/,
    );
  });
});

describe('UpdateRecord', () => {
  it('changes only the features sent and keeps the rest', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0), n: '1', s: 'keep' }) }));
    await stack.runtime.send(
      new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: record({ n: '2', ts: iso(1) }) }),
    );
    const response = await get(group, 'a');
    expect(valueOf(response, 'n')?.ValueAsString).toBe('2');
    expect(valueOf(response, 's')?.ValueAsString).toBe('keep');
    expect(valueOf(response, 'ts')?.ValueAsString).toBe(iso(1));
    expect((await offlineRows(stack, group)).at(-1)).toMatchObject({ n: '2', s: 'keep' });
  });

  it('is a ConflictException with an older EventTime, applied with an equal one', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(10), n: '1' }) }));
    const error = await expectAwsError(
      stack.runtime.send(new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: record({ n: '2', ts: iso(5) }) })),
      'ConflictException',
      /older than the stored/,
    );
    expect(error.$metadata?.httpStatusCode).toBe(409);
    await stack.runtime.send(
      new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: record({ n: '3', ts: iso(10) }) }),
    );
    expect(valueOf(await get(group, 'a'), 'n')?.ValueAsString).toBe('3');
  });

  it('needs the record to exist, a Standard_V2 or InMemory store, at most 100 features, and an EventTime with a TTL', async () => {
    const group = await createGroup(stack);
    await expectAwsError(
      stack.runtime.send(new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'none', Features: record({ n: '1' }) })),
      'ResourceNotFound',
    );
    const standard = await createGroup(stack, { OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' } });
    await expectAwsError(
      stack.runtime.send(new UpdateRecordCommand({ FeatureGroupName: standard, RecordIdentifierValueAsString: 'a', Features: record({ n: '1' }) })),
      'ValidationError',
      /Standard_V2 or InMemory/,
    );
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0) }) }));
    const many = Array.from({ length: 101 }, (_, index) => ({ FeatureName: `f${index}`, ValueAsString: '1' }));
    await expectAwsError(
      stack.runtime.send(new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'a', Features: many })),
      'ValidationError',
      /at most 100/,
    );
    await expectAwsError(
      stack.runtime.send(
        new UpdateRecordCommand({
          FeatureGroupName: group,
          RecordIdentifierValueAsString: 'a',
          Features: record({ n: '1' }),
          TtlDuration: { Unit: 'Days', Value: 1 },
        }),
      ),
      'ValidationError',
      /TtlDuration needs an EventTime/,
    );
    await stack.runtime.send(
      new UpdateRecordCommand({
        FeatureGroupName: group,
        RecordIdentifierValueAsString: 'a',
        Features: record({ n: '1', ts: iso(1) }),
        TtlDuration: { Unit: 'Days', Value: 1 },
      }),
    );
    expect((await get(group, 'a')).ExpiresAt).toBe(iso(86400 + 1));
  });
});

describe('ListRecords, BatchGetRecord, BatchWriteRecord', () => {
  it('pages identifiers in order', async () => {
    const group = await createGroup(stack);
    for (const id of ['c', 'a', 'e', 'b', 'd']) await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id, ts: iso(0) }) }));
    const first = await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, MaxResults: 2 }));
    expect(first.RecordIdentifiers).toEqual(['a', 'b']);
    const second = await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.RecordIdentifiers).toEqual(['c', 'd']);
    const third = await stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, MaxResults: 2, NextToken: second.NextToken }));
    expect(third).toMatchObject({ RecordIdentifiers: ['e'] });
    expect(third.NextToken).toBeUndefined();
    await expectAwsError(stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, NextToken: 'garbage' })), 'ValidationError', /NextToken/);
    // Another group's token is refused, not silently applied to this group.
    const other = await createGroup(stack);
    await expectAwsError(
      stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: other, NextToken: first.NextToken })),
      'ValidationError',
      /NextToken was returned for another feature group/,
    );
    await expectAwsError(
      stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: group, MaxResults: 101 })),
      'ValidationError',
      /'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100/,
    );
    await expectAwsError(stack.runtime.send(new ListRecordsCommand({ FeatureGroupName: 'no-such-group' })), 'ResourceNotFound');
  });

  it('names the group in BatchGetRecord results when it was asked for by ARN', async () => {
    const group = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0) }) }));
    const arn = `arn:aws:sagemaker:us-east-1:000000000000:feature-group/${group}`;
    const answer = await stack.runtime.send(
      new BatchGetRecordCommand({
        Identifiers: [
          { FeatureGroupName: arn, RecordIdentifiersValueAsString: ['a'] },
          { FeatureGroupName: `${arn}-gone`, RecordIdentifiersValueAsString: ['a'] },
        ],
      }),
    );
    expect(answer.Records?.map((result) => result.FeatureGroupName)).toEqual([group]);
    expect(answer.Errors?.map((error) => error.FeatureGroupName)).toEqual([`${group}-gone`]);
  });

  it('batch-gets across groups, reporting unknown groups in Errors', async () => {
    const one = await createGroup(stack);
    const two = await createGroup(stack);
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: one, Record: record({ id: 'a', ts: iso(0), n: '1' }) }));
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: two, Record: record({ id: 'b', ts: iso(0), n: '2' }) }));
    const response = await stack.runtime.send(
      new BatchGetRecordCommand({
        Identifiers: [
          { FeatureGroupName: one, RecordIdentifiersValueAsString: ['a', 'zzz'], FeatureNames: ['n'] },
          { FeatureGroupName: two, RecordIdentifiersValueAsString: ['b'] },
          { FeatureGroupName: 'no-such-group', RecordIdentifiersValueAsString: ['q'] },
        ],
      }),
    );
    expect(response.Records?.map((r) => [r.FeatureGroupName, r.RecordIdentifierValueAsString, r.Record?.length])).toEqual([
      [one, 'a', 1],
      [two, 'b', 5 - 2],
    ]);
    expect(response.Errors).toEqual([
      expect.objectContaining({ FeatureGroupName: 'no-such-group', RecordIdentifierValueAsString: 'q', ErrorCode: 'ResourceNotFound' }),
    ]);
    expect(response.UnprocessedIdentifiers).toEqual([]);
    const tooMany = Array.from({ length: 101 }, (_, index) => String(index));
    await expectAwsError(
      stack.runtime.send(new BatchGetRecordCommand({ Identifiers: [{ FeatureGroupName: one, RecordIdentifiersValueAsString: tooMany }] })),
      'ValidationError',
    );
  });

  it('batch-writes entries and reports the failed ones', async () => {
    const group = await createGroup(stack);
    const response = await stack.runtime.send(
      new BatchWriteRecordCommand({
        Entries: [
          { FeatureGroupName: group, Record: record({ id: 'a', ts: iso(0) }) },
          { FeatureGroupName: group, Record: record({ id: 'b', ts: iso(0), n: 'x' }) },
          { FeatureGroupName: group, Record: record({ id: 'c', ts: iso(0) }), TtlDuration: { Unit: 'Minutes', Value: 5 } },
        ],
        TtlDuration: { Unit: 'Hours', Value: 1 },
      }),
    );
    expect(response.Errors).toHaveLength(1);
    expect(response.Errors?.[0]).toMatchObject({ ErrorCode: 'ValidationError', Entry: { FeatureGroupName: group } });
    expect((await get(group, 'a')).ExpiresAt).toBe(iso(3600));
    expect((await get(group, 'c')).ExpiresAt).toBe(iso(300));
    expect((await get(group, 'b')).Record).toBeUndefined();
  });
});

describe('concurrency', () => {
  it('leaves the newest EventTime online when puts race', async () => {
    const group = await createGroup(stack);
    const times = Array.from({ length: 40 }, (_, index) => index).sort(() => Math.random() - 0.5);
    await Promise.all(
      times.map((t) => stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'race', ts: iso(t), n: String(t) }) }))),
    );
    expect(valueOf(await get(group, 'race'), 'n')?.ValueAsString).toBe('39');
    expect(await offlineRows(stack, group)).toHaveLength(40);
  });
});
