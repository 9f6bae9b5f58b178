import { afterEach, describe, expect, it } from 'vitest';
import { startLocalFeatureStore, DEFAULT_IDENTITY_POOL_ID, type LocalFeatureStore } from '../../packages/local-featurestore/src/server';
import { createAwsApi } from './sdk';
import type { RuntimeConfig } from './config';

// Integration: the console's SDK layer against the real local Feature Store over HTTP.
let store: LocalFeatureStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

function configFor(url: string): RuntimeConfig {
  return { region: 'us-east-1', identityPoolId: DEFAULT_IDENTITY_POOL_ID, endpoints: { featureStoreRuntime: url, sagemaker: url, cognitoIdentity: url } };
}

describe('createAwsApi', () => {
  it('gets guest credentials from Cognito, describes every page of a group and writes and reads a record', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const api = createAwsApi(configFor(store.url));
    const identity = await api.identity();
    expect(identity.identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(identity.expiration!.getTime() - Date.now()).toBeGreaterThan(55 * 60 * 1000);
    const group = await api.describeFeatureGroup('customers');
    expect(group.FeatureDefinitions).toHaveLength(8);
    const { requestId } = await api.putRecord({
      FeatureGroupName: 'customers',
      Record: [
        { FeatureName: 'customer_id', ValueAsString: 'SDK-1' },
        { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
      ],
    });
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await api.getRecord('customers', 'SDK-1')).record?.[0]).toEqual({ FeatureName: 'customer_id', ValueAsString: 'SDK-1' });
    const batch = await api.batchGetRecord('customers', ['SDK-1', 'C-1001', 'nope']);
    expect(batch.records.map((record) => record.recordId).sort()).toEqual(['C-1001', 'SDK-1']);
  });

  it('reuses the identity across API instances (page loads), and replaces one the pool no longer knows', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const first = await createAwsApi(configFor(store.url)).identity();
    const again = await createAwsApi(configFor(store.url)).identity();
    expect(again.identityId).toBe(first.identityId);
    // A store reset forgets every identity: the reused id is refused, and a new one is made silently.
    await store.close();
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const fresh = await createAwsApi(configFor(store.url)).identity();
    expect(fresh.identityId).not.toBe(first.identityId);
    expect((await createAwsApi(configFor(store.url)).getRecord('customers', 'C-1001')).record).toBeDefined();
  });

  it('batches BatchGetRecord beyond 100 identifiers', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const api = createAwsApi(configFor(store.url));
    const ids = Array.from({ length: 150 }, (_, index) => `missing-${index}`);
    ids[120] = 'C-1002';
    const result = await api.batchGetRecord('customers', ids);
    expect(result.requestIds).toHaveLength(2);
    expect(result.records.map((record) => record.recordId)).toEqual(['C-1002']);
  });

  it('writes with BatchWriteRecord and returns the entries AWS refused, echoed as sent', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const api = createAwsApi(configFor(store.url));
    const now = new Date().toISOString();
    const good = {
      FeatureGroupName: 'customers',
      Record: [
        { FeatureName: 'customer_id', ValueAsString: 'BW-1' },
        { FeatureName: 'event_time', ValueAsString: now },
      ],
    };
    const bad = {
      FeatureGroupName: 'customers',
      Record: [
        { FeatureName: 'customer_id', ValueAsString: 'BW-2' },
        { FeatureName: 'event_time', ValueAsString: 'yesterday' },
      ],
    };
    const answer = await api.batchWriteRecord({ Entries: [good, bad], TtlDuration: { Unit: 'Days', Value: 2 } });
    expect(answer.unprocessed).toEqual([]);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]).toMatchObject({ errorCode: 'ValidationError', entry: bad });
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await api.getRecord('customers', 'BW-1');
    expect(stored.record?.[0]).toEqual({ FeatureName: 'customer_id', ValueAsString: 'BW-1' });
    expect(stored.expiresAt).toBeDefined();
  });

  it('renews credentials silently when the service stops accepting them', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const port = store.port;
    const api = createAwsApi(configFor(store.url));
    const before = await api.identity();
    await api.getRecord('customers', 'C-1001');
    // A restarted in-memory store has forgotten the identity and its credentials.
    await store.close();
    store = await startLocalFeatureStore({ port, dataDir: null, seed: true });
    const result = await api.getRecord('customers', 'C-1001');
    expect(result.record).toBeDefined();
    expect((await api.identity()).identityId).not.toBe(before.identityId);
  });
});
