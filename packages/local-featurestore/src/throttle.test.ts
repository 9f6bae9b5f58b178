import { afterEach, describe, expect, it } from 'vitest';
import { BatchWriteRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEVELOPER_KEY, startLocalFeatureStore, type LocalFeatureStore } from './server.js';
import { ThrottleModel, parseThrottleSetting } from './model/throttle.js';

let store: LocalFeatureStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const entry = (id: string) => ({
  FeatureGroupName: 'customers',
  Record: [
    { FeatureName: 'customer_id', ValueAsString: id },
    { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
  ],
});

function client(url: string, maxAttempts = 1) {
  return new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: url, credentials: DEVELOPER_KEY, maxAttempts });
}

describe('throttling', () => {
  it('answers ThrottlingException (400) beyond the rate, which the real SDK treats as throttling, and writes nothing', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const set = await fetch(`${store.url}/_local/throttle/customers?requestsPerSecond=0.001&burst=2`, { method: 'PUT' });
    expect(set.status).toBe(200);
    const sdk = client(store.url);
    await sdk.send(new BatchWriteRecordCommand({ Entries: [entry('TH-1')] }));
    await sdk.send(new PutRecordCommand(entry('TH-2')));
    const error = await sdk
      .send(new BatchWriteRecordCommand({ Entries: [entry('TH-3')] }))
      .catch((caught: unknown) => caught as Error & { $metadata: { httpStatusCode: number }; $retryable?: unknown });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    expect(store.records.offlineRows('customers').some((row) => row.customer_id === 'TH-3')).toBe(false);
    // The SDK's standard retry strategy retries it as throttling (3 attempts, all throttled here).
    const retried = await client(store.url, 3)
      .send(new PutRecordCommand(entry('TH-4')))
      .catch((caught: unknown) => caught as { $metadata: { attempts?: number } });
    expect(retried.$metadata.attempts).toBe(3);
    const shown = (await (await fetch(`${store.url}/_local/throttle/customers`)).json()) as { throttle: { throttled: number; allowed: number } };
    expect(shown.throttle).toMatchObject({ allowed: 2, throttled: 4 });
    // Another group is not throttled; removing the setting lifts it.
    await fetch(`${store.url}/_local/throttle/customers`, { method: 'DELETE' });
    await sdk.send(new PutRecordCommand(entry('TH-5')));
  });

  it('refills at the configured rate (model, with its own clock)', () => {
    let now = 0;
    const model = new ThrottleModel(() => now);
    model.set('*', { requestsPerSecond: 2, burst: 1 });
    model.check('PutRecord', ['g']);
    expect(() => model.check('BatchWriteRecord', ['g'])).toThrow('Rate exceeded');
    model.check('GetRecord', ['g']);
    now = 500;
    model.check('PutRecord', ['g']);
    expect(model.describe('*')).toMatchObject({ allowed: 2, throttled: 1 });
    expect(parseThrottleSetting('abc', undefined)).toMatch(/positive number/);
    expect(parseThrottleSetting('5', undefined)).toEqual({ requestsPerSecond: 5, burst: 5 });
    expect(parseThrottleSetting('0', '1')).toMatch(/above 0/);
  });
});
