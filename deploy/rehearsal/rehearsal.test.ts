/**
 * The deploy rehearsal, in-process: the synthesized template (the test console fixture as
 * the build) served by the local edge in front of a local Feature Store on port 0. What
 * the edge does with the site's paths and with AWS's answers through the relay behaviours,
 * and proof that its check catches a distribution-wide custom error response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { AthenaClient, GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { sendThroughRelay } from '../../src/aws/relay';
import { DEVELOPER_KEY } from '../../packages/local-featurestore/src/server';
import { startRehearsal, synthesizeDeploy, type Rehearsal } from './rehearsal';
import { checkRelayedRefusals } from './relayCheck';
import { compileCloudFrontFunction, MAX_FUNCTION_BYTES } from './cloudFrontFunction';

const deploy = synthesizeDeploy({ consoleDirectory: fileURLToPath(new URL('../test-fixtures/console', import.meta.url)) });
afterAll(() => fs.rmSync(deploy.assembly.directory, { recursive: true, force: true }));

/** An SDK client as the console makes one: signed for AWS's endpoint, sent to the edge under the relay prefix. */
function runtimeThrough(rehearsal: Rehearsal, credentials = DEVELOPER_KEY) {
  const client = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
  const edge = new URL(rehearsal.url);
  sendThroughRelay(client, 'featureStoreRuntime', { protocol: edge.protocol, hostname: edge.hostname, port: edge.port });
  return client;
}
const WRONG_KEY = { accessKeyId: DEVELOPER_KEY.accessKeyId, secretAccessKey: 'not-the-developer-secret' };
const putCustomer = (id: string) =>
  new PutRecordCommand({
    FeatureGroupName: 'customers',
    Record: [
      { FeatureName: 'customer_id', ValueAsString: id },
      { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
    ],
  });

describe('the rehearsed distribution', () => {
  let rehearsal: Rehearsal;
  beforeAll(async () => {
    rehearsal = await startRehearsal({ deploy });
  });
  afterAll(async () => {
    await rehearsal.close();
  });

  it("serves the console's routes as index.html, its files as they are, and a missing file as the bucket's 403 (never index.html)", async () => {
    const index = await (await fetch(`${rehearsal.url}/index.html`)).text();
    for (const route of ['/', '/groups/customers/table', '/auth/callback?code=abc&state=xyz']) {
      const response = await fetch(`${rehearsal.url}${route}`);
      expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, 'text/html', index]);
    }
    const script = await fetch(`${rehearsal.url}/assets/app.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript']);
    const missing = await fetch(`${rehearsal.url}/assets/missing.js`);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('<Code>AccessDenied</Code>');
    // The deploy never uploads source maps.
    expect((await fetch(`${rehearsal.url}/assets/app.js.map`)).status).toBe(403);
  });

  it("sends the template's CSP and security headers on the site, with Cognito's origins replaced by the local stand-in", async () => {
    const template = deploy.template.Resources;
    const policy = Object.values(template).find((resource) => resource.Type === 'AWS::CloudFront::ResponseHeadersPolicy');
    const templateCsp = JSON.stringify(policy?.Properties).match(/"ContentSecurityPolicy":"([^"]+)"/)?.[1] ?? '';
    const expected = [...rehearsal.standIns].reduce((text, [aws, local]) => text.split(aws).join(local), templateCsp);
    const response = await fetch(`${rehearsal.url}/`);
    expect(response.headers.get('content-security-policy')).toBe(expected);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains; preload');
    expect([...rehearsal.standIns.keys()].some((origin) => origin.includes('amazoncognito.com'))).toBe(true);
    // config.json is the deploy's, its deploy-time values the local ones.
    const config = (await (await fetch(`${rehearsal.url}/config.json`)).json()) as {
      identityPoolId: string;
      auth: { authority: string; allowGuests: boolean };
    };
    expect(config.auth.authority).toBe(rehearsal.featureStore.userPool.issuer);
    expect(config.auth.allowGuests).toBe(false);
  });

  it("deploys with history: config.json names the template's workgroup and Athena's stand-in, which the CSP lets through and the local store answers", async () => {
    const workGroup = Object.values(deploy.template.Resources).find((resource) => resource.Type === 'AWS::Athena::WorkGroup');
    expect(workGroup?.Properties?.Name).toBe('FeatureStoreRecordConsole-history');
    const config = (await (await fetch(`${rehearsal.url}/config.json`)).json()) as { athena?: { workGroup: string }; endpoints?: { athena?: string } };
    const localAthena = rehearsal.standIns.get('https://athena.us-east-1.amazonaws.com');
    expect(localAthena).toMatch(/^http:\/\/localhost:[0-9]+$/);
    // Its own origin: the Cognito stand-in's origin in connect-src does not let Athena's calls through.
    expect(localAthena).not.toBe(new URL(rehearsal.featureStore.url).origin);
    expect(config.athena).toEqual({ workGroup: 'FeatureStoreRecordConsole-history' });
    expect(config.endpoints?.athena).toBe(localAthena);
    const csp = (await fetch(`${rehearsal.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp.match(/connect-src ([^;]+)/)?.[1]?.split(' ')).toContain(localAthena);
    const athena = new AthenaClient({ region: 'us-east-1', credentials: DEVELOPER_KEY, endpoint: localAthena, maxAttempts: 1 });
    const answer = await athena.send(new GetWorkGroupCommand({ WorkGroup: 'FeatureStoreRecordConsole-history' }));
    expect(answer.WorkGroup?.Configuration).toMatchObject({
      EnforceWorkGroupConfiguration: true,
      BytesScannedCutoffPerQuery: 1024 * 1024 * 1024,
      ResultConfiguration: { OutputLocation: expect.stringMatching(/^s3:\/\/historyresults[0-9a-z]+\/results\/$/) },
    });
    // Only the deploy's workgroup: not even Athena's `primary`.
    await expect(athena.send(new GetWorkGroupCommand({ WorkGroup: 'primary' }))).rejects.toMatchObject({ name: 'InvalidRequestException' });
  });

  it("relays signed calls with Host set to AWS's name, and AWS's refusals and not-founds reach the SDK as they are", async () => {
    const runtime = runtimeThrough(rehearsal);
    await runtime.send(putCustomer('REH-1'));
    expect((await runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'REH-1' }))).Record).toBeDefined();
    await expect(runtime.send(new GetRecordCommand({ FeatureGroupName: 'no-such-group', RecordIdentifierValueAsString: 'x' }))).rejects.toMatchObject({
      name: 'ResourceNotFound',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(runtimeThrough(rehearsal, WRONG_KEY).send(putCustomer('REH-2'))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    expect(await checkRelayedRefusals(rehearsal.url, rehearsal.distribution, rehearsal.region)).toEqual([
      { prefix: '/aws/featurestore-runtime', status: 403, errorName: 'UnrecognizedClientException' },
      { prefix: '/aws/sagemaker', status: 403, errorName: 'UnrecognizedClientException' },
    ]);
  });
});

describe('a distribution-wide 403 → 200 custom error response, put back into the template', () => {
  let rehearsal: Rehearsal;
  beforeAll(async () => {
    rehearsal = await startRehearsal({
      deploy,
      alterTemplate: (template) => {
        const distribution = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::CloudFront::Distribution');
        const config = distribution!.Properties!.DistributionConfig as Record<string, unknown>;
        config.CustomErrorResponses = [{ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 }];
      },
    });
  });
  afterAll(async () => {
    await rehearsal.close();
  });

  it("turns AWS's refusal into the site's HTML with 200: a refused PutRecord resolves as written, and the rehearsal's check fails", async () => {
    const unsigned = await fetch(`${rehearsal.url}/aws/featurestore-runtime/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001`);
    expect([unsigned.status, unsigned.headers.get('content-type'), unsigned.headers.get('x-amzn-errortype')]).toEqual([200, 'text/html', null]);
    // The false success of issue 15: PutRecord's output is empty, so the SDK accepts any 200.
    await expect(runtimeThrough(rehearsal, WRONG_KEY).send(putCustomer('REH-3'))).resolves.toBeDefined();
    await expect(checkRelayedRefusals(rehearsal.url, rehearsal.distribution, rehearsal.region)).rejects.toThrow(
      /does not pass AWS's refusal through \/aws\/featurestore-runtime\/: .*HTTP 200 \(SyntaxError\), not AWS's 403/,
    );
  });
});

describe('a CSP whose connect-src leaves Athena out, put into the template', () => {
  let rehearsal: Rehearsal;
  beforeAll(async () => {
    rehearsal = await startRehearsal({
      deploy,
      alterTemplate: (template) => {
        const policy = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::CloudFront::ResponseHeadersPolicy');
        const headers = (
          policy!.Properties!.ResponseHeadersPolicyConfig as { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } } }
        ).SecurityHeadersConfig.ContentSecurityPolicy;
        headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.replace(' https://athena.us-east-1.amazonaws.com', '');
      },
    });
  });
  afterAll(async () => {
    await rehearsal.close();
  });

  it('serves that policy: no origin of the local store stands in for Athena, while config.json still sends history queries to it', async () => {
    const csp = (await fetch(`${rehearsal.url}/`)).headers.get('content-security-policy') ?? '';
    const connect = csp.match(/connect-src ([^;]+)/)?.[1]?.split(' ') ?? [];
    const config = (await (await fetch(`${rehearsal.url}/config.json`)).json()) as { endpoints?: { athena?: string } };
    expect(config.endpoints?.athena).toMatch(/^http:\/\/localhost:[0-9]+$/);
    expect(connect).not.toContain(config.endpoints?.athena);
    expect(connect).toContain(new URL(rehearsal.featureStore.url).origin);
  });
});

describe('CloudFront Functions as the rehearsal runs them', () => {
  const event = (uri: string, querystring = {}) => ({
    version: '1.0' as const,
    context: { distributionDomainName: 'localhost', distributionId: 'E1', eventType: 'viewer-request' as const, requestId: 'r' },
    viewer: { ip: '127.0.0.1' },
    request: { method: 'GET', uri, querystring, headers: { host: { value: 'localhost' } }, cookies: {}, rawQueryString: () => 'a=1' },
  });

  it("runs the handler in its own context, without Node's globals, and returns a response or the changed request", async () => {
    const run = compileCloudFrontFunction({
      name: 'probe',
      eventType: 'viewer-request',
      runtime: 'cloudfront-js-2.0',
      code: `function handler(event) {
        if (event.request.uri === '/teapot') return { statusCode: 418, statusDescription: "I'm a teapot", headers: { 'x-process': { value: typeof process } } };
        event.request.querystring.added = { value: event.request.rawQueryString() };
        return event.request;
      }`,
    });
    expect(await run(event('/teapot'))).toMatchObject({ statusCode: 418, headers: { 'x-process': { value: 'undefined' } } });
    expect(await run(event('/x', { a: { value: '1' } }))).toMatchObject({ uri: '/x', querystring: { a: { value: '1' }, added: { value: 'a=1' } } });
  });

  it("refuses what CloudFront refuses: code over 10 KB, no handler, another event type's function", () => {
    const big = `function handler(event) { return event.request; }\n//${'x'.repeat(MAX_FUNCTION_BYTES)}`;
    expect(() => compileCloudFrontFunction({ name: 'big', eventType: 'viewer-request', runtime: 'cloudfront-js-2.0', code: big })).toThrow(
      /over CloudFront's 10240/,
    );
    expect(() => compileCloudFrontFunction({ name: 'none', eventType: 'viewer-request', runtime: 'cloudfront-js-2.0', code: 'var x = 1;' })).toThrow(
      /no handler/,
    );
  });
});
