/**
 * The verifier against the AWS SDK's own signer (@smithy/signature-v4): over generated
 * requests (paths with encoded, empty and dot segments, repeated query keys, unicode,
 * header values with inner whitespace, bodies, session tokens), whatever the SDK's signer
 * signs is accepted, and the same request changed in any signed part is refused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { ServiceError } from '../model/errors.js';
import type { IdentityModel } from '../model/identity.js';
import { parseQuery } from './messages.js';
import { checkAuthorization, verifySignature, type IncomingSignedRequest } from './sigv4.js';

const KEY = { accessKeyId: 'AKIATESTKEY', secretAccessKey: 'test-secret' };
const SESSION = { accessKeyId: 'ASIATESTSESSION', secretAccessKey: 'session-secret', sessionToken: 'token-123' };
const SCOPE = { region: 'us-east-1', service: 'sagemaker' };

/** Just the lookup the verifier uses (a module boundary; the model itself is tested through the server). */
const identities = {
  lookupAccessKey(accessKeyId: string) {
    if (accessKeyId === KEY.accessKeyId) return { secretAccessKey: KEY.secretAccessKey, principal: { kind: 'developer' as const, accessKeyId } };
    if (accessKeyId === SESSION.accessKeyId)
      return {
        secretAccessKey: SESSION.secretAccessKey,
        sessionToken: SESSION.sessionToken,
        principal: { kind: 'guest' as const, accessKeyId, identityId: 'us-east-1:identity' },
      };
    return undefined;
  },
} as unknown as IdentityModel;

const escapeUri = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

interface Generated {
  method: string;
  segments: string[];
  query: [string, string[]][];
  headers: [string, string][];
  body: string;
  session: boolean;
  checksumHeader: boolean;
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const generated: fc.Arbitrary<Generated> = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'),
  segments: fc.array(fc.oneof(text.map(escapeUri), fc.constantFrom('', '.', '..', 'FeatureGroup', 'a%2Fb')), { maxLength: 5 }),
  query: fc.uniqueArray(fc.tuple(text, fc.array(text, { minLength: 1, maxLength: 3 })), { selector: ([key]) => key, maxLength: 4 }),
  headers: fc.uniqueArray(fc.tuple(fc.stringMatching(/^x-test-[a-z0-9-]{1,8}$/), fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e\t]{0,16}[\x21-\x7e])?$/)), {
    selector: ([name]) => name,
    maxLength: 3,
  }),
  body: fc.oneof(fc.constant(''), fc.string({ unit: 'grapheme', maxLength: 40 })),
  session: fc.boolean(),
  checksumHeader: fc.boolean(),
});

/** Signs like the SDK, then presents the request as the server receives it off the wire. */
async function signAsTheSdk(input: Generated, signingDate: Date): Promise<IncomingSignedRequest> {
  const credentials = input.session ? SESSION : KEY;
  const signer = new SignatureV4({ credentials, ...SCOPE, sha256: Sha256, applyChecksum: input.checksumHeader });
  const rawPath = `/${input.segments.join('/')}`;
  const query: Record<string, string | string[]> = {};
  for (const [key, values] of input.query) query[key] = values.length === 1 ? (values[0] as string) : values;
  const signed = await signer.sign(
    new HttpRequest({
      method: input.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: rawPath,
      query,
      headers: { host: '127.0.0.1:4566', ...Object.fromEntries(input.headers) },
      ...(input.body ? { body: input.body } : {}),
    }),
    { signingDate },
  );
  const headers = Object.create(null) as Record<string, string>;
  // Node hands header values over without surrounding whitespace.
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value).trim();
  const search = input.query.flatMap(([key, values]) => values.map((value) => `${escapeUri(key)}=${escapeUri(value)}`)).join('&');
  return { method: input.method, rawPath, query: parseQuery(search), headers, body: Buffer.from(input.body) };
}

function verify(request: IncomingSignedRequest, now: Date) {
  return verifySignature(request, identities, now, SCOPE, checkAuthorization(request.headers, identities, now, SCOPE));
}

function refusal(request: IncomingSignedRequest, now: Date): string | undefined {
  try {
    verify(request, now);
    return undefined;
  } catch (error) {
    if (error instanceof ServiceError) return error.errorName;
    throw error;
  }
}

describe('SigV4 verification against the SDK signer', () => {
  const now = new Date('2026-12-01T08:00:00Z');

  it('accepts every request the SDK signs', async () => {
    await fc.assert(
      fc.asyncProperty(generated, async (input) => {
        const request = await signAsTheSdk(input, now);
        expect(verify(request, now)).toMatchObject({ kind: input.session ? 'guest' : 'developer' });
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('refuses the same request changed in its method, path, query, a signed header or its body', async () => {
    const change = fc.constantFrom('method', 'path', 'query', 'header', 'body');
    await fc.assert(
      fc.asyncProperty(generated, change, async (input, part) => {
        const request = await signAsTheSdk(input, now);
        const changed: IncomingSignedRequest = { ...request, headers: Object.assign(Object.create(null), request.headers) as Record<string, string> };
        if (part === 'method') changed.method = request.method === 'GET' ? 'PUT' : 'GET';
        if (part === 'path') changed.rawPath = `${request.rawPath}x`;
        if (part === 'query') changed.query = Object.assign(Object.create(null), request.query, { extra: ['1'] }) as Record<string, string[]>;
        if (part === 'header') changed.headers.host = '127.0.0.1:4567';
        if (part === 'body') changed.body = Buffer.concat([request.body, Buffer.from('x')]);
        expect(refusal(changed, now)).toBe('InvalidSignatureException');
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it('refuses a signature made with another secret, and a session key whose token is not signed', async () => {
    const input: Generated = { method: 'PUT', segments: ['FeatureGroup', 'g'], query: [], headers: [], body: '{}', session: false, checksumHeader: false };
    const request = await signAsTheSdk(input, now);
    const forged = new SignatureV4({ credentials: { ...KEY, secretAccessKey: 'wrong' }, ...SCOPE, sha256: Sha256 });
    const signed = await forged.sign(
      new HttpRequest({
        method: 'PUT',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4566,
        path: '/FeatureGroup/g',
        headers: { host: '127.0.0.1:4566' },
        body: '{}',
      }),
      { signingDate: now },
    );
    expect(refusal({ ...request, headers: Object.assign(Object.create(null), request.headers, { authorization: signed.headers.authorization }) }, now)).toBe(
      'InvalidSignatureException',
    );

    const session = await signAsTheSdk({ ...input, session: true }, now);
    // Re-sign with the token sent but left out of SignedHeaders.
    const unsignedToken = new SignatureV4({
      credentials: { accessKeyId: SESSION.accessKeyId, secretAccessKey: SESSION.secretAccessKey },
      ...SCOPE,
      sha256: Sha256,
    });
    const withoutToken = await unsignedToken.sign(
      new HttpRequest({
        method: 'PUT',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: 4566,
        path: '/FeatureGroup/g',
        headers: { host: '127.0.0.1:4566' },
        body: '{}',
      }),
      { signingDate: now },
    );
    const headers = Object.assign(Object.create(null), withoutToken.headers, { 'x-amz-security-token': SESSION.sessionToken }) as Record<string, string>;
    expect(refusal({ ...session, headers }, now)).toBe('InvalidSignatureException');
  });

  it('refuses a signing date more than 15 minutes away, and accepts one within', async () => {
    const input: Generated = { method: 'GET', segments: ['FeatureGroup', 'g'], query: [], headers: [], body: '', session: false, checksumHeader: false };
    const request = await signAsTheSdk(input, now);
    expect(refusal(request, new Date(now.getTime() + 14 * 60_000))).toBeUndefined();
    expect(refusal(request, new Date(now.getTime() + 16 * 60_000))).toBe('InvalidSignatureException');
    expect(refusal(request, new Date(now.getTime() - 16 * 60_000))).toBe('InvalidSignatureException');
  });
});
