/**
 * The local user pool (OAuth 2.0 / OIDC endpoints, through plain fetch as a browser's
 * OIDC client uses them) and signed-in identities (through the AWS SDK v3's Cognito
 * identity client and credential provider).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import {
  BatchWriteRecordCommand,
  DeleteRecordCommand,
  GetRecordCommand,
  PutRecordCommand,
  SageMakerFeatureStoreRuntimeClient,
  UpdateRecordCommand,
} from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/nested-clients/cognito-identity';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { DEFAULT_APP_CLIENT_ID, DEFAULT_IDENTITY_POOL_ID, DEFAULT_USER_POOL_ID, roleArnFor } from './server.js';
import { READ_ONLY_GROUP } from './model/seed.js';
import { createGroup, expectAwsError, memoryIdentityCache, record, startTestStack, stopTestStack, type TestStack } from './testing.js';

const CALLBACK = 'http://localhost:5173/auth/callback';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(base: string, params: Record<string, string>): string {
  const url = new URL(`${base}/oauth2/authorize`);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: DEFAULT_APP_CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: 'openid email',
    ...params,
  })) {
    url.searchParams.set(name, value);
  }
  return url.toString();
}

async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** Signs in through the login page as a browser would; returns the tokens and the session cookie. */
/** The identity pool's login provider name for the local user pool at `base` (host and port, then the pool id). */
function providerName(base: string): string {
  return `${base.replace(/^http:\/\//, '')}/${DEFAULT_USER_POOL_ID}`;
}

/** A runtime client whose credentials the identity pool issues for this ID token, as the console's are. */
function runtimeSignedIn(base: string, idToken: string): SageMakerFeatureStoreRuntimeClient {
  return new SageMakerFeatureStoreRuntimeClient({
    region: 'us-east-1',
    endpoint: base,
    maxAttempts: 1,
    credentials: fromCognitoIdentityPool({
      identityPoolId: DEFAULT_IDENTITY_POOL_ID,
      logins: { [providerName(base)]: idToken },
      clientConfig: { region: 'us-east-1', endpoint: base },
      cache: memoryIdentityCache(),
    }),
  });
}

async function signIn(base: string, username: string, password: string) {
  const { verifier, challenge } = pkce();
  const params = {
    response_type: 'code',
    client_id: DEFAULT_APP_CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: 'openid email',
    state: 's1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  const login = await postForm(`${base}/oauth2/authorize`, { ...params, username, password });
  expect(login.status).toBe(302);
  const location = new URL(login.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe(CALLBACK);
  expect(location.searchParams.get('state')).toBe('s1');
  const code = location.searchParams.get('code') ?? '';
  const token = await postForm(`${base}/oauth2/token`, {
    grant_type: 'authorization_code',
    client_id: DEFAULT_APP_CLIENT_ID,
    code,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
  expect(token.status).toBe(200);
  const tokens = (await token.json()) as { id_token: string; access_token: string; refresh_token: string; expires_in: number; token_type: string };
  return { tokens, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

describe('local user pool', () => {
  let stack: TestStack;
  let base: string;
  let issuer: string;
  beforeAll(async () => {
    stack = await startTestStack();
    base = stack.store.url;
    issuer = `${base}/${DEFAULT_USER_POOL_ID}`;
  });
  afterAll(() => stopTestStack(stack));

  it('publishes Cognito-shaped discovery and JWKS, and its ID tokens verify against them', async () => {
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(issuer);
    expect(discovery.authorization_endpoint).toBe(`${base}/oauth2/authorize`);
    expect(discovery.token_endpoint).toBe(`${base}/oauth2/token`);
    expect(discovery.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`);
    const { tokens } = await signIn(base, 'writer@example.com', 'Writer-demo-1');
    expect(tokens.token_type).toBe('Bearer');
    expect(tokens.expires_in).toBe(3600);
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(String(discovery.jwks_uri))), {
      issuer,
      audience: DEFAULT_APP_CLIENT_ID,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.token_use).toBe('id');
    expect(payload['cognito:groups']).toEqual(['writers']);
    expect(payload['cognito:username']).toBe('writer@example.com');
    expect(typeof payload.exp).toBe('number');
    const access = decodeJwt(tokens.access_token);
    expect(access.token_use).toBe('access');
    expect(access.client_id).toBe(DEFAULT_APP_CLIENT_ID);
  });

  it('shows a labelled, script-free login page with its own strict CSP and escaped values', async () => {
    const response = await fetch(authorizeUrl(base, { state: '"><script>alert(1)</script>', code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<label for="username">');
    expect(html).toContain('<label for="password">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' http://localhost:5173");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('says a wrong password is wrong and issues no code', async () => {
    const { challenge } = pkce();
    const response = await postForm(`${base}/oauth2/authorize`, {
      response_type: 'code',
      client_id: DEFAULT_APP_CLIENT_ID,
      redirect_uri: CALLBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      username: 'reader@example.com',
      password: 'wrong',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('Incorrect username or password.');
  });

  it('requires PKCE S256 and refuses a redirect URI the client does not allow', async () => {
    const noPkce = await fetch(authorizeUrl(base, { state: 'x' }), { redirect: 'manual' });
    expect(noPkce.status).toBe(302);
    const location = new URL(noPkce.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('x');
    const plain = await fetch(authorizeUrl(base, { code_challenge: pkce().challenge, code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    const evil = await fetch(authorizeUrl(base, { redirect_uri: 'https://evil.example/cb', code_challenge: pkce().challenge, code_challenge_method: 'S256' }), {
      redirect: 'manual',
    });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    expect(await evil.text()).toContain('redirect_mismatch');
    const unknownClient = await fetch(authorizeUrl(base, { client_id: 'nope', code_challenge: pkce().challenge, code_challenge_method: 'S256' }), {
      redirect: 'manual',
    });
    expect(unknownClient.status).toBe(400);
  });

  it('exchanges a code once, only with its verifier and redirect URI', async () => {
    const { verifier, challenge } = pkce();
    const login = await postForm(`${base}/oauth2/authorize`, {
      response_type: 'code',
      client_id: DEFAULT_APP_CLIENT_ID,
      redirect_uri: CALLBACK,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      username: 'reader@example.com',
      password: 'Reader-demo-1',
    });
    const code = new URL(login.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const wrongVerifier = await postForm(`${base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: DEFAULT_APP_CLIENT_ID,
      code,
      redirect_uri: CALLBACK,
      code_verifier: pkce().verifier,
    });
    expect(wrongVerifier.status).toBe(400);
    expect(((await wrongVerifier.json()) as { error: string }).error).toBe('invalid_grant');
    // The failed attempt used the code up, as a stolen code must not be retried.
    const reused = await postForm(`${base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: DEFAULT_APP_CLIENT_ID,
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
    });
    expect(((await reused.json()) as { error: string }).error).toBe('invalid_grant');
    const missing = await postForm(`${base}/oauth2/token`, { grant_type: 'authorization_code', client_id: DEFAULT_APP_CLIENT_ID, redirect_uri: CALLBACK });
    expect(((await missing.json()) as { error: string }).error).toBe('invalid_request');
    const grant = await postForm(`${base}/oauth2/token`, { grant_type: 'password', client_id: DEFAULT_APP_CLIENT_ID });
    expect(((await grant.json()) as { error: string }).error).toBe('unsupported_grant_type');
    const client = await postForm(`${base}/oauth2/token`, { grant_type: 'refresh_token', client_id: 'nope', refresh_token: 'x' });
    expect(client.status).toBe(400);
    expect(((await client.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('refreshes with the refresh token, and the managed-login session answers a new authorize at once', async () => {
    const { tokens, cookie } = await signIn(base, 'admin@example.com', 'Admin-demo-1');
    const refreshed = await postForm(`${base}/oauth2/token`, {
      grant_type: 'refresh_token',
      client_id: DEFAULT_APP_CLIENT_ID,
      refresh_token: tokens.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as Record<string, string>;
    expect(decodeJwt(body.id_token ?? '')['cognito:groups']).toEqual(['admins']);
    expect(body.refresh_token).toBeUndefined();
    const again = await fetch(authorizeUrl(base, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const info = await fetch(`${base}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(((await info.json()) as { email: string }).email).toBe('admin@example.com');
    const badInfo = await fetch(`${base}/oauth2/userInfo`, { headers: { authorization: 'Bearer nope' } });
    expect(badInfo.status).toBe(401);
  });

  it('answers hostile requests with OAuth errors, never a 500', async () => {
    const big = await postForm(`${base}/oauth2/token`, { grant_type: 'refresh_token', client_id: DEFAULT_APP_CLIENT_ID, refresh_token: 'x'.repeat(20_000) });
    expect(big.status).toBe(400);
    expect(((await big.json()) as { error: string }).error).toBe('invalid_request');
    const json = await fetch(`${base}/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(400);
    const longState = await fetch(authorizeUrl(base, { state: 's'.repeat(5000), code_challenge: pkce().challenge, code_challenge_method: 'S256' }), {
      redirect: 'manual',
    });
    expect(longState.status).toBe(302);
    expect(new URL(longState.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    const cookie = await fetch(authorizeUrl(base, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), {
      headers: { cookie: `local_featurestore_session=${'%'.repeat(4000)}` },
      redirect: 'manual',
    });
    expect(cookie.status).toBe(200);
    const badCodes = await postForm(`${base}/oauth2/token`, {
      grant_type: 'authorization_code',
      client_id: DEFAULT_APP_CLIENT_ID,
      code: '__proto__',
      redirect_uri: CALLBACK,
      code_verifier: 'v'.repeat(43),
    });
    expect(((await badCodes.json()) as { error: string }).error).toBe('invalid_grant');
    const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: `${base}/${DEFAULT_USER_POOL_ID}`, token_use: 'access' })).toString('base64url')}.`;
    const info = await fetch(`${base}/oauth2/userInfo`, { headers: { authorization: `Bearer ${noneAlg}` } });
    expect(info.status).toBe(401);
    expect(info.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('answers 300 seeded random requests to its endpoints with OAuth errors or pages, never a 500', async () => {
    // mulberry32: the same requests every run.
    let seed = 20261201;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const paths = ['/oauth2/authorize', '/oauth2/token', '/oauth2/userInfo', '/oauth2/revoke', '/logout', `/${DEFAULT_USER_POOL_ID}/.well-known/jwks.json`];
    const parts = [
      'client_id=' + DEFAULT_APP_CLIENT_ID,
      'client_id=__proto__',
      'redirect_uri=' + encodeURIComponent(CALLBACK),
      'redirect_uri=javascript:alert(1)',
      'logout_uri=http://localhost:1/',
      'logout_uri=%',
      'response_type=code',
      'response_type=token',
      'code_challenge_method=S256',
      'code_challenge=' + pkce().challenge,
      'scope=openid',
      'scope=%00',
      'grant_type=authorization_code',
      'grant_type=refresh_token',
      'code=x',
      'code_verifier=' + 'a'.repeat(50),
      'refresh_token=constructor',
      'state=%E0%A4%A',
      'username=admin@example.com',
      'password=x',
      'token=x',
      'a'.repeat(3000) + '=1',
    ];
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const method = pick(['GET', 'POST', 'PUT', 'DELETE']);
      const path = pick(paths);
      const params = Array.from({ length: Math.floor(next() * 6) }, () => pick(parts)).join('&');
      const response = await fetch(method === 'POST' ? `${base}${path}` : `${base}${path}?${params}`, {
        method,
        redirect: 'manual',
        headers: {
          'content-type': pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']),
          ...(next() < 0.3 ? { cookie: pick(['local_featurestore_session=x', `local_featurestore_session=${'%'.repeat(300)}`, '=;;=']) } : {}),
          ...(next() < 0.3 ? { authorization: pick(['Bearer x.y.z', 'Bearer ', 'Basic Og==']) } : {}),
        },
        ...(method === 'POST' || method === 'PUT' ? { body: params } : {}),
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expect(response.status, `${method} ${path}?${params.slice(0, 100)}`).toBeLessThan(500);
      const text = await response.text();
      if (response.status >= 400 && (response.headers.get('content-type') ?? '').includes('json')) expect(text).toMatch(/"(error|__type)"/);
    }
    expect((await fetch(`${base}/_local/health`)).status).toBe(200);
    expect([...statuses.keys()].some((status) => status >= 400)).toBe(true);
  });

  it('signs out only to an allowed sign-out URL, ending the managed-login session', async () => {
    const { cookie } = await signIn(base, 'reader@example.com', 'Reader-demo-1');
    const refused = await fetch(`${base}/logout?client_id=${DEFAULT_APP_CLIENT_ID}&logout_uri=${encodeURIComponent('https://evil.example/')}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(refused.status).toBe(400);
    const out = await fetch(`${base}/logout?client_id=${DEFAULT_APP_CLIENT_ID}&logout_uri=${encodeURIComponent('http://localhost:5173/')}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('http://localhost:5173/');
    const after = await fetch(authorizeUrl(base, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('<form');
  });
});

describe('signed-in identities', () => {
  let stack: TestStack;
  let base: string;
  let provider: string;
  let group: string;
  let clock = Date.now();
  beforeAll(async () => {
    stack = await startTestStack({ now: () => new Date(clock) });
    base = stack.store.url;
    provider = providerName(base);
    group = await createGroup(stack);
    await createGroup(stack, { FeatureGroupName: READ_ONLY_GROUP });
  });
  afterAll(() => stopTestStack(stack));

  const cognito = () => new CognitoIdentityClient({ region: 'us-east-1', endpoint: base, maxAttempts: 1 });
  const runtimeAs = (idToken: string) => runtimeSignedIn(base, idToken);
  const put = (groupName: string, id: string) =>
    new PutRecordCommand({ FeatureGroupName: groupName, Record: record({ id, ts: new Date(clock).toISOString() }) });

  it('gives each role what its groups allow: readers read, writers write, admins also write reference groups', async () => {
    const reader = runtimeAs((await signIn(base, 'reader@example.com', 'Reader-demo-1')).tokens.id_token);
    const writer = runtimeAs((await signIn(base, 'writer@example.com', 'Writer-demo-1')).tokens.id_token);
    const admin = runtimeAs((await signIn(base, 'admin@example.com', 'Admin-demo-1')).tokens.id_token);
    await writer.send(put(group, 'w1'));
    expect((await reader.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'w1' }))).Record).toBeDefined();
    const denied = await expectAwsError(reader.send(put(group, 'r1')), 'AccessForbidden', /FeatureStoreConsoleReaders.*sagemaker:PutRecord/);
    expect(denied.$metadata?.httpStatusCode).toBe(403);
    await expectAwsError(writer.send(put(READ_ONLY_GROUP, 'w2')), 'AccessForbidden', /FeatureStoreConsoleWriters/);
    await admin.send(put(READ_ONLY_GROUP, 'a1'));
    for (const client of [reader, writer, admin]) client.destroy();
  });

  it('returns the same identity for the same user, and refuses another user\u2019s token for it', async () => {
    const reader = (await signIn(base, 'reader@example.com', 'Reader-demo-1')).tokens.id_token;
    const writer = (await signIn(base, 'writer@example.com', 'Writer-demo-1')).tokens.id_token;
    const client = cognito();
    const first = await client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { [provider]: reader } }));
    const second = await client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { [provider]: reader } }));
    expect(second.IdentityId).toBe(first.IdentityId);
    await expectAwsError(
      client.send(new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId, Logins: { [provider]: writer } })),
      'NotAuthorizedException',
    );
    // An authenticated identity gets no guest credentials.
    await expectAwsError(client.send(new GetCredentialsForIdentityCommand({ IdentityId: first.IdentityId })), 'NotAuthorizedException');
    client.destroy();
  });

  it('refuses a forged, an expired, a foreign-issuer or an access token with NotAuthorizedException', async () => {
    const { tokens } = await signIn(base, 'writer@example.com', 'Writer-demo-1');
    const client = cognito();
    const getId = (token: string, name = provider) => client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { [name]: token } }));
    const [header, payload, signature] = tokens.id_token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admins'] })).toString('base64url')}.${signature}`;
    await expectAwsError(getId(forged), 'NotAuthorizedException', /Invalid login token/);
    await expectAwsError(getId('not-a-jwt'), 'NotAuthorizedException', /Invalid login token/);
    await expectAwsError(getId(tokens.access_token), 'NotAuthorizedException', /Not a valid OpenId Connect identity token/);
    await expectAwsError(
      getId(tokens.id_token, 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Other'),
      'NotAuthorizedException',
      /Issuer doesn't match providerName/,
    );
    clock += 3601 * 1000;
    await expectAwsError(getId(tokens.id_token), 'NotAuthorizedException', /Token expired/);
    client.destroy();
  });

  it('ends every session on /_local/user-pool/revoke-sessions: tokens, refresh tokens and issued credentials', async () => {
    const { tokens } = await signIn(base, 'writer@example.com', 'Writer-demo-1');
    const writer = runtimeAs(tokens.id_token);
    await writer.send(put(group, 'before-revoke'));
    const revoked = await fetch(`${base}/_local/user-pool/revoke-sessions`, { method: 'POST' });
    expect(((await revoked.json()) as { revokedCredentials: number }).revokedCredentials).toBeGreaterThan(0);
    await expectAwsError(writer.send(put(group, 'after-revoke')), 'UnrecognizedClientException');
    const client = cognito();
    await expectAwsError(
      client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { [provider]: tokens.id_token } })),
      'NotAuthorizedException',
      /revoked/,
    );
    const refresh = await postForm(`${base}/oauth2/token`, {
      grant_type: 'refresh_token',
      client_id: DEFAULT_APP_CLIENT_ID,
      refresh_token: tokens.refresh_token,
    });
    expect(((await refresh.json()) as { error: string }).error).toBe('invalid_grant');
    writer.destroy();
    client.destroy();
  });
});

describe('identity pool settings', () => {
  it('refuses guests when guest access is off, and tokens for an app client the identity pool does not trust', async () => {
    const stack = await startTestStack({ allowGuests: false, identityPoolClientIds: ['someotherappclient'] });
    const client = new CognitoIdentityClient({ region: 'us-east-1', endpoint: stack.store.url, maxAttempts: 1 });
    await expectAwsError(
      client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID })),
      'NotAuthorizedException',
      /Unauthenticated access is not supported/,
    );
    const { tokens } = await signIn(stack.store.url, 'reader@example.com', 'Reader-demo-1');
    const provider = providerName(stack.store.url);
    await expectAwsError(
      client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { [provider]: tokens.id_token } })),
      'NotAuthorizedException',
      /Incorrect token audience/,
    );
    client.destroy();
    await stopTestStack(stack);
  });
});

describe('the support role and the ID token role claims', () => {
  let stack: TestStack;
  let base: string;
  let provider: string;
  const group = 'support-target';
  beforeAll(async () => {
    stack = await startTestStack({
      supportFeatures: { [group]: ['s', 'ts'] },
      users: [
        { username: 'support@example.com', email: 'support@example.com', password: 'Support-demo-1', groups: ['support'] },
        { username: 'both@example.com', password: 'Both-demo-1', groups: ['readers', 'writers'] },
        { username: 'nobody@example.com', password: 'Nobody-demo-1', groups: [] },
      ],
    });
    base = stack.store.url;
    provider = providerName(base);
    await createGroup(stack, { FeatureGroupName: group });
    await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'c1', ts: '2026-01-01T00:00:00Z', n: '1', s: 'old' }) }));
  });
  afterAll(() => stopTestStack(stack));

  const runtimeAs = (idToken: string) => runtimeSignedIn(base, idToken);

  it('lets support UpdateRecord only the named features: no other feature, no PutRecord, no BatchWriteRecord, no delete', async () => {
    const support = runtimeAs((await signIn(base, 'support@example.com', 'Support-demo-1')).tokens.id_token);
    await support.send(
      new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'c1', Features: record({ s: 'fixed', ts: '2026-01-02T00:00:00Z' }) }),
    );
    const stored = await stack.runtime.send(new GetRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'c1' }));
    expect(stored.Record?.find((feature) => feature.FeatureName === 's')?.ValueAsString).toBe('fixed');
    await expectAwsError(
      support.send(new UpdateRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'c1', Features: record({ n: '2' }) })),
      'AccessForbidden',
      /assumed-role\/FeatureStoreConsoleSupport\/.* is not authorized to perform: sagemaker:PutRecord on resource: .*feature-group\/support-target/,
    );
    await expectAwsError(
      support.send(new PutRecordCommand({ FeatureGroupName: group, Record: record({ id: 'c1', ts: '2026-01-03T00:00:00Z', s: 'whole' }) })),
      'AccessForbidden',
      /sagemaker:PutRecord/,
    );
    await expectAwsError(
      support.send(new BatchWriteRecordCommand({ Entries: [{ FeatureGroupName: group, Record: record({ id: 'c2', ts: '2026-01-03T00:00:00Z' }) }] })),
      'AccessForbidden',
      /sagemaker:BatchWriteRecord/,
    );
    await expectAwsError(
      support.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'c1', EventTime: '2026-01-04T00:00:00Z' })),
      'AccessForbidden',
      /sagemaker:DeleteRecord/,
    );
    support.destroy();
  });

  it('puts cognito:roles and cognito:preferred_role (the lowest precedence) in the ID token, not the access token', async () => {
    const { tokens } = await signIn(base, 'both@example.com', 'Both-demo-1');
    const claims = decodeJwt(tokens.id_token);
    expect(claims['cognito:groups']).toEqual(['readers', 'writers']);
    expect(claims['cognito:roles']).toEqual([roleArnFor('000000000000', 'readers'), roleArnFor('000000000000', 'writers')]);
    expect(claims['cognito:preferred_role']).toBe(roleArnFor('000000000000', 'writers'));
    expect(decodeJwt(tokens.access_token)['cognito:roles']).toBeUndefined();
  });

  it('gives a user in no group no cognito:groups claim (and no role claims), and the identity pool refuses them', async () => {
    const { tokens } = await signIn(base, 'nobody@example.com', 'Nobody-demo-1');
    for (const token of [tokens.id_token, tokens.access_token]) {
      const claims = decodeJwt(token);
      expect('cognito:groups' in claims).toBe(false);
      expect('cognito:roles' in claims).toBe(false);
    }
    const client = new CognitoIdentityClient({ region: 'us-east-1', endpoint: base, maxAttempts: 1 });
    await expectAwsError(
      client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: { [provider]: tokens.id_token } })),
      'NotAuthorizedException',
    );
    client.destroy();
  });

  it("refuses a signed-out user's ID token (its refresh token revoked), as an identity pool with ServerSideTokenCheck does", async () => {
    const { tokens } = await signIn(base, 'support@example.com', 'Support-demo-1');
    const client = new CognitoIdentityClient({ region: 'us-east-1', endpoint: base, maxAttempts: 1 });
    const logins = { [provider]: tokens.id_token };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: logins }));
    const revoke = await postForm(`${base}/oauth2/revoke`, { token: tokens.refresh_token, client_id: DEFAULT_APP_CLIENT_ID });
    expect(revoke.status).toBe(200);
    await expectAwsError(client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })), 'NotAuthorizedException', /revoked/);
    await expectAwsError(client.send(new GetIdCommand({ IdentityPoolId: DEFAULT_IDENTITY_POOL_ID, Logins: logins })), 'NotAuthorizedException', /revoked/);
    client.destroy();
  });
});
