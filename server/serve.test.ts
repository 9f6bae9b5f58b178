import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { createConsoleServer } from './serve';

let server: http.Server;
let base: string;
beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.map'), '{}');
  fs.writeFileSync(
    path.join(root, 'config.json'),
    JSON.stringify({
      region: 'eu-west-1',
      identityPoolId: 'x',
      endpoints: { cognitoIdentity: 'http://127.0.0.1:4566' },
      auth: { authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X', clientId: 'c', domain: 'https://team.auth.eu-west-1.amazoncognito.com/' },
    }),
  );
  fs.writeFileSync(path.join(os.tmpdir(), 'outside-secret.txt'), 'secret');
  server = createConsoleServer({ root });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('npm run serve', () => {
  it('serves the app with the strict CSP built from config.json, and index.html for app routes', async () => {
    const response = await fetch(`${base}/groups/customers/record?id=a`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>console</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('https://cognito-identity.eu-west-1.amazonaws.com');
    expect(csp).toContain('http://127.0.0.1:4566');
    expect(csp).toContain("require-trusted-types-for 'script'");
    // Sign-in: the managed login's token endpoint is called, and its pages are navigated to.
    expect(csp).toMatch(/connect-src [^;]*https:\/\/team\.auth\.eu-west-1\.amazoncognito\.com/);
    expect(csp).toMatch(/form-action 'self' https:\/\/team\.auth\.eu-west-1\.amazoncognito\.com/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('caches hashed assets for good, never serves source maps, config.json uncached', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/index-abc123.js.map`)).status).toBe(404);
    expect((await fetch(`${base}/config.json`)).headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside its root, and only reads', async () => {
    for (const probe of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt']) {
      const response = await fetch(`${base}${probe}`);
      expect(await response.text()).not.toBe('secret');
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
  });
});

describe('npm run serve relays the SageMaker services', () => {
  it('forwards a request signed for AWS to config.json relayUpstream and answers 405 for other writes', async () => {
    const { startTestStack, stopTestStack } = await import('../packages/local-featurestore/src/testing');
    const { SageMakerClient, ListFeatureGroupsCommand } = await import('@aws-sdk/client-sagemaker');
    const { sendThroughRelay } = await import('../src/aws/relay');
    const { DEVELOPER_KEY } = await import('../packages/local-featurestore/src/server');
    const stack = await startTestStack({ seed: true, requireAwsHosts: true });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'config.json'), JSON.stringify({ region: 'us-east-1', identityPoolId: 'x', relayUpstream: stack.store.url }));
    const relaying = createConsoleServer({ root });
    await new Promise<void>((resolve) => relaying.listen(0, '127.0.0.1', resolve));
    const origin = new URL(`http://127.0.0.1:${(relaying.address() as AddressInfo).port}`);
    const client = new SageMakerClient({ region: 'us-east-1', credentials: DEVELOPER_KEY, maxAttempts: 1 });
    sendThroughRelay(client, 'sagemaker', origin);
    try {
      const listed = await client.send(new ListFeatureGroupsCommand({}));
      expect(listed.FeatureGroupSummaries?.map((summary) => summary.FeatureGroupName)).toContain('customers');
      // The relay answers only under its prefixes; everything else is still read-only.
      expect((await fetch(`${origin.origin}/groups`, { method: 'PUT' })).status).toBe(405);
    } finally {
      client.destroy();
      relaying.closeAllConnections();
      await new Promise((resolve) => relaying.close(resolve));
      await stopTestStack(stack);
    }
  });
});

describe('npm run serve bounds its relay', () => {
  it('survives a chunked 17 MiB upload to a still-reading upstream, and bounds request times', async () => {
    const http = await import('node:http');
    // The upstream reads every byte and never answers: it is still reading when the limit is passed.
    const upstream = http.createServer((request) => void request.resume());
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>console</title>');
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    fs.writeFileSync(path.join(root, 'config.json'), JSON.stringify({ region: 'us-east-1', identityPoolId: 'x', relayUpstream: upstreamUrl }));
    const serving = createConsoleServer({ root });
    await new Promise<void>((resolve) => serving.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(serving.address() as AddressInfo).port}`;
    try {
      expect({ headersTimeout: serving.headersTimeout, requestTimeout: serving.requestTimeout }).toEqual({ headersTimeout: 20_000, requestTimeout: 120_000 });
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.request(`${origin}/aws/featurestore-runtime/FeatureGroup/g`, { method: 'PUT', agent: false });
        let answered = false;
        request.on('response', (response) => {
          answered = true;
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', (error) => setImmediate(() => (answered ? undefined : reject(error))));
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        void (async () => {
          for (let sent = 0; sent < 17 && !answered && !request.destroyed; sent++) {
            if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained).once('close', drained));
          }
          if (!request.destroyed) request.end();
        })();
      });
      expect(status).toBe(413);
      expect((await fetch(`${origin}/`)).status).toBe(200);
    } finally {
      serving.closeAllConnections();
      upstream.closeAllConnections();
      await new Promise((resolve) => serving.close(resolve));
      await new Promise((resolve) => upstream.close(resolve));
    }
  });
});
