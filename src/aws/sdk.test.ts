import http from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('sends a throttled BatchWriteRecord once: the import retries it (domain/importRun.ts), the SDK does not', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const api = createAwsApi(configFor(store.url));
    const entry = (id: string) => ({
      FeatureGroupName: 'customers',
      Record: [
        { FeatureName: 'customer_id', ValueAsString: id },
        { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
      ],
    });
    await fetch(`${store.url}/_local/throttle/customers?requestsPerSecond=0.001&burst=1`, { method: 'PUT' });
    await api.batchWriteRecord({ Entries: [entry('TH-1')] });
    const error = await api.batchWriteRecord({ Entries: [entry('TH-2')] }).catch((caught: unknown) => caught as Error & { $metadata?: { attempts?: number } });
    expect(error).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 400, attempts: 1 } });
    const shown = (await (await fetch(`${store.url}/_local/throttle/customers`)).json()) as { throttle: { throttled: number; allowed: number } };
    expect(shown.throttle).toMatchObject({ allowed: 1, throttled: 1 });
  });

  it('sends a BatchWriteRecord refused for clock skew once more, signed with the corrected clock', async () => {
    // Credentials from the local store; the runtime is a server whose clock is 20 minutes
    // ahead: it refuses the first signature as expired (AWS allows 15 minutes), with its Date.
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true });
    const ahead = () => new Date(Date.now() + 20 * 60_000);
    const signedAt: string[] = [];
    const runtime = http.createServer((request, response) => {
      signedAt.push(String(request.headers['x-amz-date']));
      request.resume();
      request.on('end', () => {
        if (signedAt.length === 1) {
          response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidSignatureException', date: ahead().toUTCString() });
          response.end(JSON.stringify({ message: 'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T002000Z - 15 min.)' }));
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json', date: ahead().toUTCString() });
        response.end(JSON.stringify({ Errors: [], UnprocessedEntries: [] }));
      });
    });
    await new Promise<void>((resolve) => runtime.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = runtime.address() as AddressInfo;
      const api = createAwsApi({ ...configFor(store.url), endpoints: { ...configFor(store.url).endpoints, featureStoreRuntime: `http://127.0.0.1:${port}` } });
      const answer = await api.batchWriteRecord({
        Entries: [
          {
            FeatureGroupName: 'customers',
            Record: [
              { FeatureName: 'customer_id', ValueAsString: 'SKEW-1' },
              { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
            ],
          },
        ],
      });
      expect(answer).toMatchObject({ errors: [], unprocessed: [] });
      expect(signedAt).toHaveLength(2);
      const minutes = (amzDate: string) => Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')) / 60_000;
      expect(minutes(signedAt[1] as string) - minutes(signedAt[0] as string)).toBeGreaterThan(19);
    } finally {
      await new Promise((resolve) => runtime.close(resolve));
    }
  });
});
