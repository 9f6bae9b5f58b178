/**
 * IAM decisions as AWS makes them, through the SDK against the store, with the policy
 * examples of the SageMaker Developer Guide (feature-store-security: "Restricting
 * UpdateRecord to specific features" and BatchWriteRecord's two checks) as the guest's
 * policy document.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BatchWriteRecordCommand, PutRecordCommand, UpdateRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DescribeFeatureGroupCommand } from '@aws-sdk/client-sagemaker';
import { featureGroupArn, type PolicyDocument } from 'featurestore-role-policies';
import { decide, parseGuestPolicy } from './model/permissions.js';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

const account = { region: 'us-east-1', account: '000000000000' };
const arn = (group: string) => featureGroupArn(account, group);
const READS = ['sagemaker:GetRecord', 'sagemaker:DescribeFeatureGroup'];

let stack: TestStack | undefined;
afterEach(async () => {
  if (stack) await stopTestStack(stack);
  stack = undefined;
});

/** A store whose guest has the policy, with groups `g1` and `g2` (features id, ts, n, x, s) and a record `r` in each. */
async function storeWithGuestPolicy(policy: (g1: string, g2: string) => PolicyDocument['Statement']): Promise<TestStack> {
  const created = await startTestStack({
    guestPolicy: { Version: '2012-10-17', Statement: policy(arn('g1'), arn('g2')) },
  });
  stack = created;
  for (const name of ['g1', 'g2']) {
    await createGroup(created, { FeatureGroupName: name });
    await created.runtime.send(new PutRecordCommand({ FeatureGroupName: name, Record: record({ id: 'r', ts: '2026-01-01T00:00:00Z', n: '1', s: 'a' }) }));
  }
  return created;
}

const update = (group: string, values: Record<string, string>) =>
  new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'r', Features: record(values) });
const put = (group: string) => new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'r', ts: '2026-01-03T00:00:00Z', n: '2', s: 'b' }) });
const batch = (...groups: string[]) =>
  new BatchWriteRecordCommand({
    Entries: groups.map((FeatureGroupName) => ({ FeatureGroupName, Record: record({ id: 'r', ts: '2026-01-04T00:00:00Z' }) })),
  } as never);

describe("the Developer Guide's UpdateRecord examples", () => {
  it('denies UpdateRecord of sensitive features (Deny with ForAnyValue:StringEquals on sagemaker:UpdatableFeatures)', async () => {
    const { guestRuntime } = await storeWithGuestPolicy((g1) => [
      { Effect: 'Allow', Action: ['sagemaker:PutRecord'], Resource: [g1] },
      {
        Effect: 'Deny',
        Action: ['sagemaker:PutRecord'],
        Resource: [g1],
        Condition: { 'ForAnyValue:StringEquals': { 'sagemaker:UpdatableFeatures': ['s'] } },
      },
    ]);
    await guestRuntime.send(update('g1', { n: '5' }));
    const denied = await expectAwsError(
      guestRuntime.send(update('g1', { n: '6', s: 'secret' })),
      'AccessForbidden',
      /is not authorized to perform: sagemaker:PutRecord on resource: arn:aws:sagemaker:us-east-1:000000000000:feature-group\/g1 with an explicit deny/,
    );
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    // A PutRecord carries no UpdatableFeatures: the Deny does not apply to it.
    await guestRuntime.send(put('g1'));
  });

  it('allows UpdateRecord of listed features only (Allow with Null false plus ForAllValues:StringEquals)', async () => {
    const { guestRuntime } = await storeWithGuestPolicy((g1) => [
      {
        Effect: 'Allow',
        Action: ['sagemaker:PutRecord'],
        Resource: [g1],
        Condition: {
          Bool: { 'sagemaker:IsUpdateRecord': 'true' },
          Null: { 'sagemaker:UpdatableFeatures': 'false' },
          'ForAllValues:StringEquals': { 'sagemaker:UpdatableFeatures': ['n', 'x'] },
        },
      },
    ]);
    await guestRuntime.send(update('g1', { n: '7' }));
    await guestRuntime.send(update('g1', { n: '8', x: '0.5' }));
    await expectAwsError(
      guestRuntime.send(update('g1', { n: '9', s: 'no' })),
      'AccessForbidden',
      /sagemaker:PutRecord on resource: .*feature-group\/g1 because no identity-based policy allows the sagemaker:PutRecord action/,
    );
    // No whole-record PutRecord (IsUpdateRecord false) and no BatchWriteRecord (its PutRecord check has no IsUpdateRecord).
    await expectAwsError(guestRuntime.send(put('g1')), 'AccessForbidden', /sagemaker:PutRecord/);
    await expectAwsError(guestRuntime.send(batch('g1')), 'AccessForbidden', /sagemaker:BatchWriteRecord/);
  });

  it('allows PutRecord and BatchWriteRecord but not UpdateRecord (BoolIfExists on sagemaker:IsUpdateRecord)', async () => {
    const { guestRuntime } = await storeWithGuestPolicy((g1) => [
      { Effect: 'Allow', Action: ['sagemaker:BatchWriteRecord'], Resource: [g1] },
      { Effect: 'Allow', Action: ['sagemaker:PutRecord'], Resource: [g1], Condition: { BoolIfExists: { 'sagemaker:IsUpdateRecord': 'false' } } },
    ]);
    await guestRuntime.send(put('g1'));
    const answer = await guestRuntime.send(batch('g1'));
    expect(answer.Errors ?? []).toEqual([]);
    await expectAwsError(guestRuntime.send(update('g1', { n: '1' })), 'AccessForbidden', /sagemaker:PutRecord/);
  });
});

describe('BatchWriteRecord needs sagemaker:BatchWriteRecord and sagemaker:PutRecord on every target group', () => {
  it('refuses without PutRecord, naming it', async () => {
    const { guestRuntime } = await storeWithGuestPolicy((g1) => [{ Effect: 'Allow', Action: ['sagemaker:BatchWriteRecord'], Resource: [g1] }]);
    await expectAwsError(guestRuntime.send(batch('g1')), 'AccessForbidden', /not authorized to perform: sagemaker:PutRecord on resource: .*\/g1/);
  });

  it('refuses without BatchWriteRecord, naming it', async () => {
    const { guestRuntime } = await storeWithGuestPolicy((g1) => [{ Effect: 'Allow', Action: ['sagemaker:PutRecord'], Resource: [g1] }]);
    await guestRuntime.send(put('g1'));
    await expectAwsError(guestRuntime.send(batch('g1')), 'AccessForbidden', /not authorized to perform: sagemaker:BatchWriteRecord on resource: .*\/g1/);
  });

  it('refuses the whole call when one target group denies PutRecord, writing nothing', async () => {
    const { guestRuntime, runtime } = await storeWithGuestPolicy((g1, g2) => [
      { Effect: 'Allow', Action: ['sagemaker:BatchWriteRecord', 'sagemaker:PutRecord', 'sagemaker:GetRecord'], Resource: [g1, g2] },
      { Effect: 'Deny', Action: ['sagemaker:PutRecord'], Resource: [g2] },
    ]);
    await expectAwsError(guestRuntime.send(batch('g1', 'g2')), 'AccessForbidden', /sagemaker:PutRecord on resource: .*\/g2 with an explicit deny/);
    const { GetRecordCommand } = await import('@aws-sdk/client-sagemaker-featurestore-runtime');
    const stored = await runtime.send(new GetRecordCommand({ FeatureGroupName: 'g1', RecordIdentifierValueAsString: 'r' }));
    expect(stored.Record?.find((feature) => feature.FeatureName === 'ts')?.ValueAsString).toBe('2026-01-01T00:00:00Z');
  });
});

describe('control plane refusals', () => {
  it('answers 400 AccessDeniedException naming the action and the group ARN', async () => {
    const { guestSagemaker } = await storeWithGuestPolicy((g1) => [{ Effect: 'Allow', Action: READS, Resource: [g1] }]);
    await guestSagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'g1' }));
    const denied = await expectAwsError(
      guestSagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'g2' })),
      'AccessDeniedException',
      /not authorized to perform: sagemaker:DescribeFeatureGroup on resource: arn:aws:sagemaker:us-east-1:000000000000:feature-group\/g2/,
    );
    expect(denied.$metadata?.httpStatusCode).toBe(400);
  });
});

describe('LOCAL_FEATURESTORE_GUEST_POLICY', () => {
  it('refuses the old format with a message that shows it as an IAM policy document', async () => {
    const old = { statements: [{ effect: 'Allow', actions: ['GetRecord', 'UpdateRecord'], featureGroups: ['customers'] }] };
    const error = await parseGuestPolicy(old, account).then(
      () => undefined,
      (caught: Error) => caught,
    );
    expect(error?.message).toMatch(/now an IAM policy document/);
    const shown = JSON.parse(error?.message.slice(error.message.indexOf('{')) ?? '{}') as PolicyDocument;
    expect(shown.Statement[0]).toEqual({ Effect: 'Allow', Action: ['sagemaker:GetRecord', 'sagemaker:PutRecord'], Resource: [arn('customers')] });
  });

  it('refuses a document that is not valid IAM, and accepts a valid one', async () => {
    await expect(
      parseGuestPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Action: 'sagemaker:GetRecord', Resource: '*' }] }, account),
    ).rejects.toThrow(/not a valid IAM policy document/);
    await expect(parseGuestPolicy({ hello: 1 }, account)).rejects.toThrow(/must be an IAM policy document/);
    const valid = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sagemaker:GetRecord', Resource: '*' }] };
    expect(await parseGuestPolicy(valid, account)).toBe(valid);
  });
});

describe('decision cache', () => {
  it('gives the same decision from the cache as from the simulator, per document', () => {
    const allow: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sagemaker:GetRecord'], Resource: [arn('g1')] }] };
    const deny: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['sagemaker:GetRecord'], Resource: ['*'] }] };
    const check = { action: 'sagemaker:GetRecord', resource: arn('g1'), context: {} };
    expect(decide(allow, account.account, check)).toBe('Allowed');
    expect(decide(allow, account.account, check)).toBe('Allowed');
    expect(decide(deny, account.account, check)).toBe('ExplicitlyDenied');
    expect(decide(allow, account.account, { ...check, resource: arn('g2') })).toBe('ImplicitlyDenied');
  });
});
