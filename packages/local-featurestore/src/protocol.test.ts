import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { GetRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { ListFeatureGroupsCommand } from '@aws-sdk/client-sagemaker';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEVELOPER_KEY } from './server.js';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
});
afterAll(() => stopTestStack(stack));

/** Signs a hand-built request, for the cases the SDK cannot produce. */
async function signedFetch(
  path: string,
  init: { method: string; body?: string; headers?: Record<string, string> },
  options: { signingDate?: Date; secret?: string; tamper?: (headers: Record<string, string>) => void } = {},
) {
  const url = new URL(stack.store.url);
  const signer = new SignatureV4({
    credentials: { accessKeyId: DEVELOPER_KEY.accessKeyId, secretAccessKey: options.secret ?? DEVELOPER_KEY.secretAccessKey },
    region: 'us-east-1',
    service: 'sagemaker',
    sha256: Sha256,
  });
  const [pathOnly = '', search = ''] = path.split('?');
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  const request = new HttpRequest({
    method: init.method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: pathOnly,
    query,
    headers: { host: url.host, 'content-type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const signed = await signer.sign(request, { signingDate: options.signingDate ?? new Date() });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  options.tamper?.(headers);
  return fetch(`${stack.store.url}${path}`, { method: init.method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { __type?: string; message?: string; Message?: string };
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), body };
}

describe('SigV4', () => {
  it('accepts a correctly signed hand-built request', async () => {
    const response = await signedFetch('/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001', { method: 'GET' });
    expect(response.status).toBe(200);
  });

  it('rejects a request with no signature: 403 MissingAuthenticationTokenException', async () => {
    const response = await fetch(`${stack.store.url}/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001`);
    expect(await errorOf(response)).toMatchObject({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      body: { __type: 'MissingAuthenticationTokenException' },
    });
  });

  it('rejects a malformed Authorization header: 403 IncompleteSignatureException', async () => {
    const response = await fetch(`${stack.store.url}/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 nonsense' },
    });
    expect(await errorOf(response)).toMatchObject({ status: 403, type: 'IncompleteSignatureException' });
  });

  it('rejects a wrong secret: 403 InvalidSignatureException', async () => {
    const response = await signedFetch('/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001', { method: 'GET' }, { secret: 'wrong' });
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(error.body.message).toMatch(/signature we calculated does not match/);
  });

  it('rejects a body changed after signing', async () => {
    const body = JSON.stringify({ Record: record({ customer_id: 'X', event_time: new Date().toISOString() }) });
    const response = await signedFetch('/FeatureGroup/customers', { method: 'PUT', body }, {});
    expect(response.status).toBe(200);
    const tampered = await signedFetch(
      '/FeatureGroup/customers',
      { method: 'PUT', body, headers: { 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') } },
      { tamper: (headers) => void (headers['x-amz-content-sha256'] = createHash('sha256').update('other').digest('hex')) },
    );
    expect((await errorOf(tampered)).type).toBe('InvalidSignatureException');
  });

  it('rejects an unknown access key: 403 UnrecognizedClientException', async () => {
    const client = new SageMakerFeatureStoreRuntimeClient({
      region: 'us-east-1',
      endpoint: stack.store.url,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIANOTKNOWN', secretAccessKey: 'x' },
    });
    await expectAwsError(
      client.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' })),
      'UnrecognizedClientException',
    );
    client.destroy();
  });

  it('rejects a clock skewed by more than 15 minutes', async () => {
    const skewed = new Date(Date.now() - 16 * 60 * 1000);
    const error = await errorOf(await signedFetch('/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001', { method: 'GET' }, { signingDate: skewed }));
    expect(error).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(error.body.message).toMatch(/Signature expired/);
    const within = new Date(Date.now() - 14 * 60 * 1000);
    expect((await signedFetch('/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001', { method: 'GET' }, { signingDate: within })).status).toBe(200);
  });

  it('lets the SDK correct its clock: a skewed client still succeeds after one retry', async () => {
    const client = new SageMakerFeatureStoreRuntimeClient({
      region: 'us-east-1',
      endpoint: stack.store.url,
      credentials: DEVELOPER_KEY,
      systemClockOffset: -30 * 60 * 1000,
    });
    const response = await client.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' }));
    expect(response.Record).toBeDefined();
    client.destroy();
  });

  it('verifies a percent-encoded ARN in the path', async () => {
    const arn = encodeURIComponent('arn:aws:sagemaker:us-east-1:000000000000:feature-group/customers');
    expect((await signedFetch(`/FeatureGroup/${arn}?RecordIdentifierValueAsString=C-1001`, { method: 'GET' })).status).toBe(200);
  });
});

describe('Cognito guest credentials', () => {
  it('issues credentials that expire in one hour and sign requests', async () => {
    const response = await stack.guestRuntime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' }));
    expect(response.Record).toBeDefined();
    const credentials = await stack.guestRuntime.config.credentials();
    expect(credentials.sessionToken).toBeTruthy();
    const lifetime = (credentials.expiration?.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it('answers GetId for an unknown pool with ResourceNotFoundException', async () => {
    const response = await fetch(stack.store.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
      body: JSON.stringify({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-00000000dead' }),
    });
    expect(await errorOf(response)).toMatchObject({ status: 400, body: { __type: 'ResourceNotFoundException' } });
  });

  it('rejects a guest token that does not match the key', async () => {
    const credentials = await stack.guestRuntime.config.credentials();
    const client = new SageMakerFeatureStoreRuntimeClient({
      region: 'us-east-1',
      endpoint: stack.store.url,
      maxAttempts: 1,
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: 'forged' },
    });
    await expectAwsError(
      client.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' })),
      'UnrecognizedClientException',
    );
    client.destroy();
  });
});

describe('expired credentials', () => {
  it('answers a guest whose credentials have expired with 403 ExpiredTokenException', async () => {
    // Credentials issued by a store whose clock is two hours behind expired an hour ago.
    const past = await startTestStack({ seed: true, now: () => new Date(Date.now() - 2 * 60 * 60 * 1000) });
    try {
      const error = await expectAwsError(
        past.guestRuntime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' })),
        'ExpiredTokenException',
        /expired/,
      );
      expect(error.$metadata?.httpStatusCode).toBe(403);
    } finally {
      await stopTestStack(past);
    }
  });
});

describe('permissions', () => {
  it('lets the guest read but not write the read-only group: AccessForbidden', async () => {
    const read = await stack.guestRuntime.send(new GetRecordCommand({ FeatureGroupName: 'exchange-rates', RecordIdentifierValueAsString: 'EURUSD' }));
    expect(read.Record).toBeDefined();
    const error = await expectAwsError(
      stack.guestRuntime.send(new PutRecordCommand({ FeatureGroupName: 'exchange-rates', Record: record({ currency_pair: 'X', as_of: '1780000000' }) })),
      'AccessForbidden',
      /not authorized to perform: sagemaker:PutRecord on resource: arn:aws:sagemaker:us-east-1:000000000000:feature-group\/exchange-rates/,
    );
    expect(error.$metadata?.httpStatusCode).toBe(403);
    await stack.guestRuntime.send(
      new PutRecordCommand({ FeatureGroupName: 'customers', Record: record({ customer_id: 'G-1', event_time: new Date().toISOString() }) }),
    );
  });

  it('lets the guest list feature groups', async () => {
    const response = await stack.guestSagemaker.send(new ListFeatureGroupsCommand({ MaxResults: 100 }));
    expect(response.FeatureGroupSummaries?.map((s) => s.FeatureGroupName)).toContain('exchange-rates');
  });

  it('follows a configured policy', async () => {
    const restricted = await startTestStack({
      seed: true,
      guestPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sagemaker:GetRecord'], Resource: ['arn:aws:sagemaker:us-east-1:000000000000:feature-group/customers'] }],
      },
    });
    try {
      await restricted.guestRuntime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'C-1001' }));
      await expectAwsError(
        restricted.guestRuntime.send(new GetRecordCommand({ FeatureGroupName: 'transactions', RecordIdentifierValueAsString: '1' })),
        'AccessForbidden',
      );
      await expectAwsError(restricted.guestSagemaker.send(new ListFeatureGroupsCommand({})), 'AccessDeniedException');
    } finally {
      await stopTestStack(restricted);
    }
  });
});

describe('wire errors and CORS', () => {
  it('answers preflight without auth for Cognito, allowing the SDK headers', async () => {
    const response = await fetch(`${stack.store.url}/`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/x-amz-target/);
  });

  it('refuses browsers on the SageMaker services, as AWS is assumed to (the console uses its relay)', async () => {
    const preflight = await fetch(`${stack.store.url}/FeatureGroup/customers`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // The control plane shares `/` with Cognito: its preflight passes, its answer carries no CORS headers.
    const controlPlane = await fetch(`${stack.store.url}/`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'x-amz-target': 'SageMaker.ListFeatureGroups', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(controlPlane.status).toBe(403);
    expect(controlPlane.headers.get('access-control-allow-origin')).toBeNull();
    const cognito = await fetch(`${stack.store.url}/`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'x-amz-target': 'AWSCognitoIdentityService.GetId', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(cognito.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('exposes the error headers on errors too, and opens every service with LOCAL_FEATURESTORE_CORS=all', async () => {
    const open = await startTestStack({ corsForAllServices: true });
    try {
      const preflight = await fetch(`${open.store.url}/FeatureGroup/customers`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization' },
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const response = await fetch(`${open.store.url}/FeatureGroup/customers?RecordIdentifierValueAsString=x`, {
        headers: { origin: 'http://localhost:5173' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(response.headers.get('access-control-expose-headers')).toMatch(/x-amzn-RequestId.*x-amzn-ErrorType.*x-amzn-ErrorMessage.*Date/);
      expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await stopTestStack(open);
    }
  });

  it('answers malformed JSON with ValidationError', async () => {
    const error = await errorOf(await signedFetch('/FeatureGroup/customers', { method: 'PUT', body: '{"Record": [' }));
    expect(error).toMatchObject({ status: 400, type: 'ValidationError' });
    expect(error.body.message).toMatch(/not valid JSON/);
  });

  it('allows no origin but loopback ones and the configured list: never *', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      const response = await fetch(`${stack.store.url}/`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-amz-target' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('answers an oversized signed body with 413', async () => {
    const body = JSON.stringify({ Record: [{ FeatureName: 's', ValueAsString: 'x'.repeat(11 * 1024 * 1024) }] });
    const response = await signedFetch('/FeatureGroup/customers', { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-errortype')).toBe('ValidationError');
  });

  it('refuses an unsigned body before reading or parsing it', async () => {
    const body = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await fetch(`${stack.store.url}/FeatureGroup/customers`, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('answers an unknown route with 404 UnknownOperationException', async () => {
    const error = await errorOf(await fetch(`${stack.store.url}/nothing/here`, { method: 'POST' }));
    expect(error).toMatchObject({ status: 404, type: 'UnknownOperationException' });
    const target = await errorOf(await signedFetch('/', { method: 'POST', body: '{}', headers: { 'x-amz-target': 'SageMaker.DeleteEverything' } }));
    expect(target.type).toBe('UnknownOperationException');
  });

  it('survives a failing request and keeps serving', async () => {
    const group = await createGroup(stack);
    await signedFetch(`/FeatureGroup/${group}`, { method: 'PUT', body: 'null' });
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'ok', ts: new Date().toISOString() }) }));
  });
});
