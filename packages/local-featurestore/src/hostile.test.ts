/**
 * Hostile input: every malformed, oversized or hostile request gets a named AWS error,
 * never a 500, and never stalls other clients. The fuzz suite is seeded (repeatable) and
 * bounded by a request count, not by the clock; the figures it prints (tried, 500s,
 * longest request) go into the closing note, they are not asserted against time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEVELOPER_KEY } from './server.js';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

let stack: TestStack;
let port: number;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
  port = Number(new URL(stack.store.url).port);
});
afterAll(() => stopTestStack(stack));

interface RawResponse {
  status: number;
  errorType: string | undefined;
  body: string;
}

/** Sends exactly this method, path and headers (no URL normalisation), over node:http. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const errorType = response.headers['x-amzn-errortype'];
        resolve({ status: response.statusCode ?? 0, errorType: typeof errorType === 'string' ? errorType : undefined, body: Buffer.concat(chunks).toString() });
      });
      response.on('error', reject);
    });
    // The server may answer and close before an unauthenticated body is sent: that is the point.
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? resolve({ status: -1, errorType: undefined, body: '' }) : reject(error),
    );
    if (body !== undefined) request.end(body);
    else request.end();
  });
}

/** Sends raw bytes on a socket and returns the status line and headers it gets back. */
function sendRaw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

/** Signs with the developer key for the given scope; the body and headers are signed as given. */
async function signed(
  method: string,
  path: string,
  query: Record<string, string | string[]>,
  body: string,
  extra: Record<string, string> = {},
  scope = { region: 'us-east-1', service: 'sagemaker' },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: DEVELOPER_KEY, region: scope.region, service: scope.service, sha256: Sha256 });
  const request = new HttpRequest({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port,
    path,
    query,
    headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...extra },
    ...(body ? { body } : {}),
  });
  const result = await signer.sign(request, { signingDate: new Date() });
  return result.headers as Record<string, string>;
}

/** An Authorization header with the public developer key id and a made-up signature: passes every check but the signature. */
function plausibleAuthorization(signedHeaders = 'host;x-amz-date'): Record<string, string> {
  const date = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${DEVELOPER_KEY.accessKeyId}/${date.slice(0, 8)}/us-east-1/sagemaker/aws4_request, SignedHeaders=${signedHeaders}, Signature=${'0'.repeat(64)}`,
    'x-amz-date': date,
  };
}

const isNamed = (response: RawResponse) => response.status === -1 || (response.status >= 400 && response.status < 500 && !!response.errorType);

describe('the causes of 500s found by hand', () => {
  it('a malformed % escape in the query string or the offline-store path is a named 400', async () => {
    const query = await send('GET', '/FeatureGroup/customers?RecordIdentifierValueAsString=%E0%A4%A', plausibleAuthorization());
    expect(query).toMatchObject({ status: 400, errorType: 'ValidationError' });
    const offline = await send('GET', '/_local/offline-store/%E0%A4%A');
    expect(offline).toMatchObject({ status: 400, errorType: 'ValidationError' });
  });

  it('query keys named constructor, __proto__ or toString are plain keys', async () => {
    for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const response = await send('GET', `/FeatureGroup/customers?${key}=1&RecordIdentifierValueAsString=C-1001`, plausibleAuthorization());
      expect(response).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    }
  });

  it('SignedHeaders naming constructor is a signature error, not a crash', async () => {
    const response = await send('GET', '/FeatureGroup/customers?RecordIdentifierValueAsString=C-1001', plausibleAuthorization('constructor;host;x-amz-date'));
    expect(response).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
  });

  it('JSON nested 20,000 levels deep is a ValidationError, signed or not', async () => {
    const deep = `{"Record":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const headers = await signed('PUT', '/FeatureGroup/customers', {}, deep);
    expect(await send('PUT', '/FeatureGroup/customers', headers, deep)).toMatchObject({ status: 400, errorType: 'ValidationError' });
    const batch = `{"Entries":[{"FeatureGroupName":"customers","Record":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}]}`;
    const batchHeaders = await signed('POST', '/BatchWriteRecord', {}, batch);
    expect(await send('POST', '/BatchWriteRecord', batchHeaders, batch)).toMatchObject({ status: 400, errorType: 'ValidationError' });
  });

  it('"Logins": null is an absent Logins; any other non-map to Cognito is InvalidParameterException', async () => {
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' };
    const getId = (logins: string) => send('POST', '/', headers, `{"IdentityPoolId":"us-east-1:00000000-0000-4000-8000-000000000001","Logins":${logins}}`);
    // JSON null is an unset member (AWS's JSON protocols ignore nulls in structures).
    expect(await getId('null')).toMatchObject({ status: 200 });
    for (const logins of ['[]', '1', '{"a":1}']) {
      expect(await getId(logins)).toMatchObject({ status: 400, errorType: 'InvalidParameterException' });
    }
    const credentials = await send(
      'POST',
      '/',
      { ...headers, 'x-amz-target': 'AWSCognitoIdentityService.GetCredentialsForIdentity' },
      '{"IdentityId":"us-east-1:00000000-0000-4000-8000-000000000001","Logins":null}',
    );
    expect(credentials.status).toBe(400);
    expect(credentials.errorType).toMatch(/InvalidParameterException|ResourceNotFoundException/);
  });
});

describe('SigV4 as strict as AWS', () => {
  it('refuses a request signed for another region or service', async () => {
    const path = '/FeatureGroup/customers';
    const query = { RecordIdentifierValueAsString: 'C-1001' };
    for (const scope of [
      { region: 'eu-west-1', service: 'sagemaker' },
      { region: 'us-east-1', service: 's3' },
    ]) {
      const headers = await signed('GET', path, query, '', {}, scope);
      const response = await send('GET', `${path}?RecordIdentifierValueAsString=C-1001`, headers);
      expect(response).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    }
  });

  it('refuses the developer key with a session token', async () => {
    const path = '/FeatureGroup/customers';
    const headers = await signed('GET', path, { RecordIdentifierValueAsString: 'C-1001' }, '', { 'x-amz-security-token': 'anything' });
    const response = await send('GET', `${path}?RecordIdentifierValueAsString=C-1001`, headers);
    expect(response).toMatchObject({ status: 403, errorType: 'UnrecognizedClientException' });
  });

  it('refuses an X-Amz-Target with more than Service.Operation', async () => {
    const body = '{}';
    const headers = await signed('POST', '/', {}, body, { 'x-amz-target': 'SageMaker.ListFeatureGroups.Extra', 'content-type': 'application/x-amz-json-1.1' });
    const response = await send('POST', '/', headers, body);
    expect(response.errorType).toBe('UnknownOperationException');
  });
});

describe('values', () => {
  it('refuses identifiers with unpaired surrogates instead of colliding', async () => {
    const group = await createGroup(stack);
    for (const id of ['\ud800', 'a\udc00b', 'x\ud83d']) {
      await expectAwsError(
        stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id, ts: new Date().toISOString() }) })),
        'ValidationError',
      );
    }
  });

  it('an 80 KB number is refused at once, and other clients keep being served', async () => {
    const group = await createGroup(stack, {
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'String' },
        { FeatureName: 'ts', FeatureType: 'String' },
        { FeatureName: 'x', FeatureType: 'Fractional' },
      ],
    });
    const hostile = `${'1'.repeat(80_000)}x`;
    await expectAwsError(
      stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'a', ts: new Date().toISOString(), x: hostile }) })),
      'ValidationError',
    );
    expect((await send('GET', '/_local/health')).status).toBe(200);
  });
});

describe('framing', () => {
  it('answers a bad request line, CL/TE conflicts and oversized headers with named errors', async () => {
    const badLine = await sendRaw('BLAH\r\n\r\n');
    expect(badLine).toMatch(/^HTTP\/1\.1 400/);
    expect(badLine).toMatch(/x-amzn-ErrorType: MalformedHttpRequestException/);
    const conflict = await sendRaw('POST /BatchWriteRecord HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    expect(conflict).toMatch(/^HTTP\/1\.1 400/);
    expect(conflict).toMatch(/x-amzn-ErrorType: \w+/);
    const huge = await sendRaw(`GET /_local/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431/);
    expect(huge).toMatch(/x-amzn-ErrorType: RequestHeaderFieldsTooLarge/);
    expect((await send('GET', '/_local/health')).status).toBe(200);
  });
});

/** mulberry32: a small seeded generator, so every run tries the same requests. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

const PATHS = [
  '/',
  '/FeatureGroup/customers',
  '/FeatureGroup/customers/Record',
  '/FeatureGroup/customers/ListRecords',
  '/FeatureGroup/arn%3Aaws%3Asagemaker%3Aus-east-1%3A000000000000%3Afeature-group%2Fcustomers',
  '/FeatureGroup/%E0%A4%A',
  '/FeatureGroup/%ZZ',
  '/FeatureGroup/constructor',
  '/FeatureGroup/__proto__/Record',
  '/FeatureGroup/' + 'a'.repeat(300),
  '/BatchGetRecord',
  '/BatchWriteRecord',
  '/_local/health',
  '/_local/offline-store/customers',
  '/_local/offline-store/%',
  '/_local/nothing',
  '/nothing',
];
const QUERY_PARTS = [
  'RecordIdentifierValueAsString=C-1001',
  'RecordIdentifierValueAsString=%',
  'RecordIdentifierValueAsString=%ED%A0%80',
  'FeatureName=name&FeatureName=name',
  'EventTime=2026-01-01T00:00:00Z',
  'EventTime=' + '9'.repeat(5000),
  'DeletionMode=HardDelete',
  'DeletionMode=constructor',
  'TargetStores=OnlineStore&TargetStores=OnlineStore&TargetStores=OfflineStore',
  'ExpirationTimeResponse=Enabled',
  '__proto__=1',
  'constructor=x',
  'toString',
  '=',
  '&&&',
  '%00=%00',
];
const TARGETS = [
  'SageMaker.ListFeatureGroups',
  'SageMaker.DescribeFeatureGroup',
  'SageMaker.CreateFeatureGroup',
  'SageMaker.DeleteFeatureGroup',
  'SageMaker.DescribeFeatureMetadata',
  'SageMaker.ListFeatureGroups.Extra',
  'SageMaker.constructor',
  'SageMaker.__proto__',
  'AWSCognitoIdentityService.GetId',
  'AWSCognitoIdentityService.GetCredentialsForIdentity',
  'AWSCognitoIdentityService.toString',
  '',
  '.',
];

function randomJson(random: ReturnType<typeof seeded>, depth: number): unknown {
  const kind = random.int(depth > 6 ? 5 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1e308, 1.5, 2 ** 63, Number.MAX_SAFE_INTEGER]);
    case 2:
      return random.pick(['', 'customers', 'C-1001', '\ud800', 'x'.repeat(random.int(3000)), '2026-01-01T00:00:00Z', 'Enabled', 'OnlineStore', '__proto__']);
    case 3:
      return random.next() < 0.5;
    case 4:
      return random.pick(['FeatureName', 'ValueAsString', 'ValueAsStringList']);
    case 5:
      return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
    default: {
      const keys = [
        'FeatureGroupName',
        'Record',
        'Entries',
        'Identifiers',
        'RecordIdentifiersValueAsString',
        'RecordIdentifierValueAsString',
        'Features',
        'TargetStores',
        'TtlDuration',
        'Unit',
        'Value',
        'FeatureName',
        'ValueAsString',
        'ValueAsStringList',
        'MaxResults',
        'NextToken',
        'IdentityPoolId',
        'IdentityId',
        'Logins',
        'FeatureDefinitions',
        'constructor',
        '__proto__',
      ];
      const object: Record<string, unknown> = {};
      for (let i = random.int(5); i > 0; i--) object[random.pick(keys)] = randomJson(random, depth + 1);
      return object;
    }
  }
}

function randomBody(random: ReturnType<typeof seeded>): string {
  switch (random.int(8)) {
    case 0:
      return '';
    case 1:
      return '{"a":' + '['.repeat(random.int(5000)) + ']'.repeat(random.int(5000)) + '}';
    case 2:
      return 'not json ' + '{'.repeat(random.int(100));
    case 3:
      return 'null';
    case 4:
      return JSON.stringify({ Record: [{ FeatureName: 'customer_id', ValueAsString: '1'.repeat(random.int(400_000)) }] });
    default:
      return JSON.stringify(randomJson(random, 0));
  }
}

describe('fuzz over every route and service', () => {
  it('answers 1,500 seeded hostile requests with named 4xx errors or success, never a 500, and keeps serving', async () => {
    const random = seeded(20261125);
    const statuses = new Map<number, number>();
    let tried = 0;
    let fiveHundreds = 0;
    let unnamed = 0;
    let longestMs = 0;
    for (let i = 0; i < 1500; i++) {
      const method = random.pick(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
      const path = random.pick(PATHS);
      const query = Array.from({ length: random.int(4) }, () => random.pick(QUERY_PARTS)).join('&');
      const fullPath = query ? `${path}?${query}` : path;
      const body = method === 'GET' || method === 'HEAD' ? '' : randomBody(random);
      const headers: Record<string, string> = {};
      if (random.next() < 0.6) headers['x-amz-target'] = random.pick(TARGETS);
      headers['content-type'] = random.pick(['application/json', 'application/x-amz-json-1.1', 'text/plain']);
      const auth = random.int(4);
      if (auth === 1)
        Object.assign(headers, plausibleAuthorization(random.pick(['host;x-amz-date', 'constructor;host', 'host;x-amz-date;x-amz-target', '__proto__'])));
      if (auth === 2) headers.authorization = random.pick(['AWS4-HMAC-SHA256 ' + 'a'.repeat(3000), 'Bearer x', 'AWS4-HMAC-SHA256 Credential=/']);
      if (auth === 3) {
        const [pathOnly = '/'] = path.split('?');
        const queryObject: Record<string, string> = {};
        for (const part of query.split('&')) {
          const [key = '', value = ''] = part.split('=');
          try {
            if (key) queryObject[decodeURIComponent(key)] = decodeURIComponent(value);
          } catch {
            queryObject[key] = value;
          }
        }
        Object.assign(headers, await signed(method, pathOnly, queryObject, body, headers['x-amz-target'] ? { 'x-amz-target': headers['x-amz-target'] } : {}));
      }
      const started = performance.now();
      const response = await send(method, fullPath, headers, body || undefined).catch((error: unknown) => {
        throw new Error(`request ${i} ${method} ${fullPath.slice(0, 80)} auth ${auth} body ${body.length}: ${String(error)}`);
      });
      longestMs = Math.max(longestMs, performance.now() - started);
      tried++;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) fiveHundreds++;
      else if (response.status >= 400 && method !== 'HEAD' && !isNamed(response)) unnamed++;
      if (i % 100 === 99) expect((await send('GET', '/_local/health')).status).toBe(200);
    }
    console.log(
      `hostile fuzz: tried ${tried}, 500s ${fiveHundreds}, unnamed errors ${unnamed}, longest request ${longestMs.toFixed(0)} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(fiveHundreds).toBe(0);
    expect(unnamed).toBe(0);
    // Bounded by the request count; this limit only stops a hung server, on any machine.
  }, 300_000);
});
