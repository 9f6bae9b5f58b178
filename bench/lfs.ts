/**
 * The local Feature Store against its peers, in one run, with one load generator that
 * does not saturate first: requests are signed up front (SigV4, the developer key) and
 * replayed by autocannon, so the client spends no CPU on signing while it measures.
 *   - PutRecord and GetRecord at concurrency 1 and 16 vs a bare Node HTTP server (200 {}).
 *   - Cognito GetId + GetCredentialsForIdentity and DescribeFeatureGroup vs moto's server
 *     (`python3 -m moto.server`), skipped with a note where moto is absent.
 * Every measurement is a fixed number of requests (bounded), never asserted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';

export interface PeerResult {
  operation: string;
  concurrency: number;
  server: string;
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
}

interface PreparedRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function sign(
  url: string,
  method: PreparedRequest['method'],
  path: string,
  query: Record<string, string>,
  body: string,
  extra: Record<string, string>,
  service = 'sagemaker',
): Promise<PreparedRequest> {
  const { host, hostname, port } = new URL(url);
  const signer = new SignatureV4({ credentials: DEVELOPER_KEY, region: 'us-east-1', service, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method, protocol: 'http:', hostname, port: Number(port), path, query, headers: { host, ...extra }, ...(body ? { body } : {}) }),
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  const search = new URLSearchParams(query).toString();
  return { method, path: search ? `${path}?${search}` : path, headers, ...(body ? { body } : {}) };
}

async function fire(url: string, requests: PreparedRequest[], connections: number, amount: number): Promise<Omit<PeerResult, 'operation' | 'server'>> {
  const result = await autocannon({ url, connections, amount, requests, timeout: 30 });
  return {
    concurrency: connections,
    requestsPerSecond: round(amount / (result.duration || 1), 0),
    p50ms: round(result.latency.p50),
    p99ms: round(result.latency.p99),
    non2xx: result.non2xx + result.errors,
  };
}

/** PutRecord requests with distinct identifiers and increasing event times; GetRecord requests for them. */
async function recordRequests(url: string, operation: 'PutRecord' | 'GetRecord', count: number): Promise<PreparedRequest[]> {
  const base = Date.now();
  return Promise.all(
    Array.from({ length: count }, (_, index) => {
      const id = `BENCH-${index}`;
      if (operation === 'GetRecord') return sign(url, 'GET', '/FeatureGroup/customers', { RecordIdentifierValueAsString: id }, '', {});
      const body = JSON.stringify({
        Record: [
          { FeatureName: 'customer_id', ValueAsString: id },
          { FeatureName: 'event_time', ValueAsString: new Date(base + index).toISOString() },
          { FeatureName: 'age', ValueAsString: String(index % 90) },
          { FeatureName: 'lifetime_value', ValueAsString: '1234.5' },
          { FeatureName: 'segment', ValueAsString: 'consumer' },
        ],
      });
      return sign(url, 'PUT', '/FeatureGroup/customers', {}, body, { 'content-type': 'application/json' });
    }),
  );
}

/** Local Feature Store vs the bare server: PutRecord and GetRecord at concurrency 1 and 16. */
export async function benchAgainstBareServer(featureStoreUrl: string, bareUrl: string): Promise<PeerResult[]> {
  const results: PeerResult[] = [];
  for (const operation of ['PutRecord', 'GetRecord'] as const) {
    for (const connections of [1, 16]) {
      const amount = connections === 1 ? 3000 : 10000;
      for (const [server, url] of [
        ['local Feature Store', featureStoreUrl],
        ['bare Node HTTP server', bareUrl],
      ] as const) {
        // Signed for the server's own host; the bare server ignores everything.
        const requests = await recordRequests(url, operation, Math.min(amount, 2000));
        await fire(url, requests.slice(0, 200), connections, 200); // warm up
        results.push({ operation, server, ...(await fire(url, requests, connections, amount)) });
      }
    }
  }
  return results;
}

function startMoto(): Promise<{ url: string; child: ChildProcess } | { skipped: string }> {
  const probe = spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' });
  if (probe.status !== 0) return Promise.resolve({ skipped: 'moto is not installed (python3 -m moto.server)' });
  const port = String(5100 + Math.floor(Math.random() * 400));
  const child = spawn('python3', ['-m', 'moto.server', '-p', port], { stdio: 'ignore' });
  // Never outlive the bench, whatever happens to the measurement.
  child.unref();
  process.once('exit', () => child.kill('SIGTERM'));
  const url = `http://127.0.0.1:${port}`;
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      fetch(`${url}/moto-api/`)
        .then(() => resolve({ url, child }))
        .catch(() => (Date.now() - started > 30_000 ? resolve({ skipped: 'moto did not start within 30 s' }) : setTimeout(poll, 200)));
    };
    poll();
  });
}

/**
 * An awsJson1_1 call. Cognito's GetId and GetCredentialsForIdentity are unsigned on AWS;
 * moto's server can only route a request by its credential scope, so for moto they are
 * signed (moto verifies nothing, so signing costs it nothing).
 */
async function awsJson(url: string, target: string, body: object, signing: 'sagemaker' | 'cognito-identity' | 'none'): Promise<PreparedRequest> {
  const text = JSON.stringify(body);
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
  if (signing !== 'none') return sign(url, 'POST', '/', {}, text, headers, signing);
  return { method: 'POST', path: '/', headers, body: text };
}

async function call(url: string, request: PreparedRequest): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, ...(request.body ? { body: request.body } : {}) });
  return (await response.json()) as Record<string, unknown>;
}

/** Cognito GetId + GetCredentialsForIdentity and DescribeFeatureGroup, local Feature Store vs moto. */
export async function benchAgainstMoto(featureStoreUrl: string, identityPoolId: string): Promise<{ results: PeerResult[]; note?: string }> {
  // Bounded: a peer that stops answering ends this part with a note, never hangs the bench.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<{ results: PeerResult[]; note: string }>((resolve) => {
    timer = setTimeout(() => resolve({ results: [], note: 'moto did not finish within 120 s on this machine' }), 120_000);
  });
  try {
    return await Promise.race([measureAgainstMoto(featureStoreUrl, identityPoolId), limit]);
  } finally {
    clearTimeout(timer);
  }
}

async function measureAgainstMoto(featureStoreUrl: string, identityPoolId: string): Promise<{ results: PeerResult[]; note?: string }> {
  const moto = await startMoto();
  if ('skipped' in moto) return { results: [], note: moto.skipped };
  try {
    // The same resources in moto: an identity pool that allows guests, and the customers group.
    const pool = await call(
      moto.url,
      await awsJson(
        moto.url,
        'AWSCognitoIdentityService.CreateIdentityPool',
        { IdentityPoolName: 'bench', AllowUnauthenticatedIdentities: true },
        'cognito-identity',
      ),
    );
    await call(
      moto.url,
      await awsJson(
        moto.url,
        'SageMaker.CreateFeatureGroup',
        {
          FeatureGroupName: 'customers',
          RecordIdentifierFeatureName: 'customer_id',
          EventTimeFeatureName: 'event_time',
          FeatureDefinitions: [
            { FeatureName: 'customer_id', FeatureType: 'String' },
            { FeatureName: 'event_time', FeatureType: 'String' },
          ],
          OnlineStoreConfig: { EnableOnlineStore: true },
          OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://bench/offline' } },
          RoleArn: 'arn:aws:iam::123456789012:role/bench',
        },
        'sagemaker',
      ),
    );
    const targets = [
      ['local Feature Store', featureStoreUrl, identityPoolId],
      ['moto', moto.url, String(pool.IdentityPoolId)],
    ] as const;
    const results: PeerResult[] = [];
    const amount = 1500;
    for (const [server, url, poolId] of targets) {
      const cognitoSigning = server === 'moto' ? 'cognito-identity' : 'none';
      const getId = await awsJson(url, 'AWSCognitoIdentityService.GetId', { IdentityPoolId: poolId }, cognitoSigning);
      const identityId = String((await call(url, getId)).IdentityId);
      const credentials = await awsJson(url, 'AWSCognitoIdentityService.GetCredentialsForIdentity', { IdentityId: identityId }, cognitoSigning);
      const describe = await awsJson(url, 'SageMaker.DescribeFeatureGroup', { FeatureGroupName: 'customers' }, 'sagemaker');
      const ids = await fire(url, [getId], 1, amount);
      const creds = await fire(url, [credentials], 1, amount);
      // One guest sign-in is both calls: its rate is the harmonic combination of the two.
      results.push({
        operation: 'Cognito GetId + GetCredentialsForIdentity',
        server,
        concurrency: 1,
        requestsPerSecond: round(1 / (1 / ids.requestsPerSecond + 1 / creds.requestsPerSecond), 0),
        p50ms: round(ids.p50ms + creds.p50ms),
        p99ms: round(ids.p99ms + creds.p99ms),
        non2xx: ids.non2xx + creds.non2xx,
      });
      results.push({ operation: 'DescribeFeatureGroup', server, ...(await fire(url, [describe], 1, amount)) });
    }
    return { results };
  } finally {
    moto.child.kill('SIGTERM');
  }
}
