/**
 * The same-origin relay end to end in Node: SDK clients that sign for AWS's regional
 * endpoints and send to the relay (src/aws/relay.ts, as in the browser), the relay
 * (server/relay.ts), and a local Feature Store that answers the SageMaker services only
 * as AWS's host names. Proves the path users take on AWS: the signature for the AWS
 * host, the Host rewrite, ARN-encoded paths, repeated query parameters, large bodies;
 * and that a request the relay changed is refused.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeleteRecordCommand,
  GetRecordCommand,
  PutRecordCommand,
  SageMakerFeatureStoreRuntimeClient,
  type SageMakerFeatureStoreRuntimeClientConfig,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DeleteFeatureGroupCommand, DescribeFeatureGroupCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from '../packages/local-featurestore/src/testing';
import { relayedRequest, sendThroughRelay, type RelayedService } from '../src/aws/relay';
import { createRelay, RELAYED_OPERATIONS, relayRoutes, type RelayOptions } from './relay';

let stack: TestStack;
const servers: http.Server[] = [];

async function startRelay(upstream: string, options: RelayOptions = {}): Promise<string> {
  const relay = createRelay(relayRoutes('us-east-1', upstream), options);
  const server = http.createServer((request, response) => {
    if (!relay(request, response)) response.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function relayedClients(relayUrl: string) {
  const origin = new URL(relayUrl);
  const config: SageMakerFeatureStoreRuntimeClientConfig = { region: 'us-east-1', credentials: DEVELOPER_KEY, maxAttempts: 1 };
  const runtime = new SageMakerFeatureStoreRuntimeClient(config);
  const sagemaker = new SageMakerClient(config);
  const relayed: [{ middlewareStack: unknown }, RelayedService][] = [
    [runtime, 'featureStoreRuntime'],
    [sagemaker, 'sagemaker'],
  ];
  for (const [client, service] of relayed) sendThroughRelay(client, service, origin);
  return { runtime, sagemaker };
}

/**
 * A control-plane client that signs for AWS's host name and goes to the store directly, not
 * through the relay: for setting up groups (CreateFeatureGroup is not a console operation,
 * so the relay refuses it).
 */
function setupClient(storeUrl: string): { sagemaker: SageMakerClient } {
  const sagemaker = new SageMakerClient({ region: 'us-east-1', credentials: DEVELOPER_KEY, maxAttempts: 1 });
  const origin = new URL(storeUrl);
  (sagemaker.middlewareStack as unknown as { addRelativeTo(middleware: unknown, options: unknown): void }).addRelativeTo(
    (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) =>
      next({ ...args, request: relayedRequest(args.request as Parameters<typeof relayedRequest>[0], '', origin) }),
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'directToStoreMiddleware', override: true },
  );
  return { sagemaker };
}

beforeAll(async () => {
  stack = await startTestStack({ requireAwsHosts: true });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await stopTestStack(stack);
});

describe('the same-origin relay', () => {
  it('carries signed requests for the AWS host names to the store unchanged', async () => {
    // The test stack's own clients sign for 127.0.0.1: refused while the store requires AWS hosts.
    await expectAwsError(stack.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'anything' })), 'InvalidSignatureException');

    const direct = await startTestStack();
    try {
      const group = await createGroup(direct);
      const described = await direct.sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }));
      expect(described.FeatureGroupArn).toContain(group);
    } finally {
      await stopTestStack(direct);
    }
  });

  it('serves the control plane and the runtime: ARN paths, repeated query parameters, large bodies', async () => {
    const relayUrl = await startRelay(stack.store.url);
    const { runtime, sagemaker } = relayedClients(relayUrl);
    const group = await createGroup(setupClient(stack.store.url));
    const { FeatureGroupArn: arn } = await sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: group }));
    expect(arn).toMatch(/^arn:aws:sagemaker:us-east-1:\d{12}:feature-group\//);

    // An ARN travels percent-encoded as one path segment; the relay must not decode it.
    const large = 'é'.repeat(170_000); // 340,000 bytes: near the record limit
    await runtime.send(new PutRecordCommand({ FeatureGroupName: arn, Record: record({ id: 'r/1?&', ts: '2026-11-24T10:00:00Z', n: '7', s: large }) }));
    // FeatureName repeats in the query string, once per name.
    const read = await runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'r/1?&', FeatureNames: ['n', 's'] }));
    expect(read.Record?.map((value) => value.FeatureName).sort()).toEqual(['n', 's']);
    expect(read.Record?.find((value) => value.FeatureName === 's')?.ValueAsString).toBe(large);

    // TargetStores repeats too.
    await runtime.send(
      new DeleteRecordCommand({
        FeatureGroupName: arn,
        RecordIdentifierValueAsString: 'r/1?&',
        EventTime: '2026-11-24T11:00:00Z',
        TargetStores: ['OnlineStore', 'OfflineStore'],
        DeletionMode: 'HardDelete',
      }),
    );
    const gone = await runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'r/1?&' }));
    expect(gone.Record).toBeUndefined();
    runtime.destroy();
    sagemaker.destroy();
  });

  it('passes AWS errors through with their names and request ids', async () => {
    const relayUrl = await startRelay(stack.store.url);
    const { runtime, sagemaker } = relayedClients(relayUrl);
    const error = await expectAwsError(sagemaker.send(new DescribeFeatureGroupCommand({ FeatureGroupName: 'no-such-group' })), 'ResourceNotFound');
    expect((error as { $metadata?: { requestId?: string } }).$metadata?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    runtime.destroy();
    sagemaker.destroy();
  });

  it('cannot change a request without breaking its signature', async () => {
    const group = await createGroup(setupClient(stack.store.url));
    const alterations: NonNullable<RelayOptions['alter']>[] = [
      (outgoing) => void (outgoing.path = outgoing.path.replace(group, `${group}x`)),
      (outgoing) => void (outgoing.path = `${outgoing.path}&FeatureName=n`),
      (outgoing) => void (outgoing.headers['x-amz-date'] = '20261124T100000Z'),
    ];
    for (const alter of alterations) {
      const { runtime } = relayedClients(await startRelay(stack.store.url, { alter }));
      await expectAwsError(runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'x' })), 'InvalidSignatureException');
      runtime.destroy();
    }
  });

  it('names an unreachable upstream and an oversized body', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const { runtime } = relayedClients(await startRelay(closedUrl));
    await expectAwsError(runtime.send(new GetRecordCommand({ FeatureGroupName: 'g', RecordIdentifierValueAsString: 'x' })), 'RelayUpstreamUnreachable');
    runtime.destroy();

    const small = relayedClients(await startRelay(stack.store.url, { maxBodyBytes: 1024 })).runtime;
    const error = await expectAwsError(
      small.send(new PutRecordCommand({ FeatureGroupName: 'g', Record: record({ id: 'x', ts: '2026-11-24T10:00:00Z', s: 'x'.repeat(4096) }) })),
      'RequestEntityTooLarge',
    );
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(413);
    small.destroy();
  });
});

/** An upstream that counts requests: it answers a GET at once and any other method only when its body has ended. */
async function startCountingUpstream(options: { answerUploads: boolean }) {
  const seen = { requests: 0, bytes: 0 };
  const server = http.createServer((request, response) => {
    seen.requests += 1;
    if (request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    // Still reading: the body is consumed as it arrives, the answer waits for its end.
    request.on('data', (chunk: Buffer) => void (seen.bytes += chunk.length));
    request.on('end', () => {
      if (options.answerUploads) response.writeHead(200).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

interface RawAnswer {
  status: number;
  errorType: string | undefined;
}

/** Sends `chunks` MiB as a chunked body (no Content-Length), stopping once an answer arrives. */
function sendChunked(url: string, path: string, chunks: number): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(`${url}${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, agent: false });
    request.on('response', (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, errorType: response.headers['x-amzn-errortype'] as string | undefined });
    });
    // The relay closes the connection after its answer: writes after that fail, as they should.
    request.on('error', (error) => {
      if (!answered) setImmediate(() => (answered ? undefined : reject(error)));
    });
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    void (async () => {
      for (let sent = 0; sent < chunks && !answered && !request.destroyed; sent++) {
        if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained).once('close', drained));
      }
      if (!request.destroyed) request.end();
    })();
  });
}

/** A plain request to the relay's server; resolves with the status and the relay's error name. */
async function ask(url: string, init: RequestInit = {}): Promise<RawAnswer> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype') ?? undefined };
}

describe('the relay bounds what it accepts', () => {
  it('answers a chunked body over 16 MiB once with 413 and keeps serving', async () => {
    const upstream = await startCountingUpstream({ answerUploads: false });
    const relayUrl = await startRelay(upstream.url);
    // 17 MiB with no Content-Length, to an upstream that is still reading it.
    const answer = await sendChunked(relayUrl, '/aws/featurestore-runtime/FeatureGroup/g', 17);
    expect(answer).toEqual({ status: 413, errorType: 'RequestEntityTooLarge' });
    expect(upstream.seen.bytes).toBeLessThanOrEqual(16 * 1024 * 1024);
    // The same process answers the next request.
    expect(await ask(`${relayUrl}/aws/featurestore-runtime/FeatureGroup/g?RecordIdentifierValueAsString=x`)).toEqual({ status: 200, errorType: undefined });
  });

  it('holds at most maxConcurrent relayed requests: 2,000 slow uploads, the rest answered 503 RelayBusy at once', async () => {
    const upstream = await startCountingUpstream({ answerUploads: true });
    const relayUrl = await startRelay(upstream.url);
    const limit = 64; // the default
    const total = 2000;
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    const busy: RawAnswer[] = [];
    const uploads: http.ClientRequest[] = [];
    const answered = new WeakSet<http.ClientRequest>();
    let dropped = 0;
    for (let index = 0; index < total; index++) {
      // Each says it will send 1,000 bytes and sends 10: an upload that has not finished.
      const upload = http.request(`${relayUrl}/aws/featurestore-runtime/BatchWriteRecord`, {
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': '1000' },
      });
      upload.on('response', (response) => {
        answered.add(upload);
        response.resume();
        busy.push({ status: response.statusCode ?? 0, errorType: response.headers['x-amzn-errortype'] as string | undefined });
      });
      // A connection the machine itself drops (its accept queue full on a slow, loaded machine)
      // never reaches the relay's upstream either: counted as not accepted, never as forwarded.
      upload.on('error', () => {
        if (!answered.has(upload)) dropped++;
      });
      upload.write('{"Entries"');
      uploads.push(upload);
    }
    // Every upload is either answered by the relay or has reached the upstream.
    await expect.poll(() => busy.length + dropped + upstream.seen.requests, { timeout: 120_000, interval: 20 }).toBe(total);
    expect(upstream.seen.requests).toBe(limit);
    expect(busy.length + dropped).toBe(total - limit);
    expect(busy.every((answer) => answer.status === 503 && answer.errorType === 'RelayBusy')).toBe(true);

    // Meanwhile a normal request is answered, at once and by name; the server's other paths too.
    const getRecord = `${relayUrl}/aws/featurestore-runtime/FeatureGroup/g?RecordIdentifierValueAsString=x`;
    expect(await ask(getRecord)).toEqual({ status: 503, errorType: 'RelayBusy' });
    expect((await ask(`${relayUrl}/index.html`)).status).toBe(404);

    // Uploads that end free their places.
    for (const upload of uploads) upload.destroy();
    let answer: RawAnswer = { status: 0, errorType: undefined };
    for (let attempt = 0; attempt < 1000 && answer.status !== 200; attempt++) answer = await ask(getRecord);
    expect(answer).toEqual({ status: 200, errorType: undefined });
    agent.destroy();
  }, 180_000);

  it('forwards only the operations the console calls; anything else is 404 RelayOperationNotAllowed and never sent', async () => {
    const upstream = await startCountingUpstream({ answerUploads: true });
    const relayUrl = await startRelay(upstream.url);
    const refused: [string, string, Record<string, string>?][] = [
      ['GET', '/aws/featurestore-runtime'],
      ['GET', '/aws/featurestore-runtime/'],
      ['POST', '/aws/featurestore-runtime/FeatureGroup/g'],
      ['PATCH', '/aws/featurestore-runtime/FeatureGroup/g'],
      ['GET', '/aws/featurestore-runtime/FeatureGroup/g/Record'],
      ['PUT', '/aws/featurestore-runtime/FeatureGroup/g/x'],
      ['DELETE', '/aws/featurestore-runtime/BatchWriteRecord'],
      ['POST', '/aws/sagemaker/', { 'X-Amz-Target': 'SageMaker.DeleteFeatureGroup' }],
      ['POST', '/aws/sagemaker/', { 'X-Amz-Target': 'SageMaker.CreatePresignedDomainUrl' }],
      ['POST', '/aws/sagemaker/'],
      ['GET', '/aws/sagemaker/', { 'X-Amz-Target': 'SageMaker.DescribeFeatureGroup' }],
      ['POST', '/aws/sagemaker/other', { 'X-Amz-Target': 'SageMaker.DescribeFeatureGroup' }],
    ];
    for (const [method, path, headers] of refused) {
      const answer = await ask(`${relayUrl}${path}`, { method, headers: headers ?? {}, ...(method === 'POST' || method === 'PUT' ? { body: '{}' } : {}) });
      expect({ method, path, ...answer }).toEqual({ method, path, status: 404, errorType: 'RelayOperationNotAllowed' });
    }
    expect(upstream.seen.requests).toBe(0);

    // Through the SDK, as a page would send it: a control-plane call the console never makes.
    const { sagemaker } = relayedClients(relayUrl);
    await expectAwsError(sagemaker.send(new DeleteFeatureGroupCommand({ FeatureGroupName: 'customers' })), 'RelayOperationNotAllowed');
    sagemaker.destroy();
    expect(upstream.seen.requests).toBe(0);
  });

  it('names an upstream that closes the connection mid-upload as such, not as unreachable', async () => {
    const closing = http.createServer((request) => request.once('data', () => request.socket.destroy()));
    servers.push(closing);
    await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
    const relayUrl = await startRelay(`http://127.0.0.1:${(closing.address() as AddressInfo).port}`);
    expect(await sendChunked(relayUrl, '/aws/featurestore-runtime/FeatureGroup/g', 4)).toEqual({ status: 502, errorType: 'RelayUpstreamClosed' });
  });

  it('lists exactly the operations src/aws/sdk.ts sends', () => {
    const source = fs.readFileSync(new URL('../src/aws/sdk.ts', import.meta.url), 'utf8');
    const sent = new Set([...source.matchAll(/new (\w+)Command\(/g)].map((match) => match[1] ?? ''));
    const allowed = new Set([
      ...Object.keys(RELAYED_OPERATIONS.featureStoreRuntime),
      ...RELAYED_OPERATIONS.sagemaker.map((target) => target.replace(/^SageMaker\./, '')),
    ]);
    expect([...sent].sort()).toEqual([...allowed].sort());
  });
});
