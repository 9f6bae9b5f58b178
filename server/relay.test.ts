/**
 * The same-origin relay end to end in Node: SDK clients that sign for AWS's regional
 * endpoints and send to the relay (src/aws/relay.ts, as in the browser), the relay
 * (server/relay.ts), and a local Feature Store that answers the SageMaker services only
 * as AWS's host names. Proves the path users take on AWS: the signature for the AWS
 * host, the Host rewrite, ARN-encoded paths, repeated query parameters, large bodies;
 * and that a request the relay changed is refused.
 */
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
import { DescribeFeatureGroupCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from '../packages/local-featurestore/src/testing';
import { sendThroughRelay, type RelayedService } from '../src/aws/relay';
import { createRelay, relayRoutes, type RelayOptions } from './relay';

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
    const group = await createGroup({ sagemaker });
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
    const group = await createGroup({ sagemaker: relayedClients(await startRelay(stack.store.url)).sagemaker });
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
