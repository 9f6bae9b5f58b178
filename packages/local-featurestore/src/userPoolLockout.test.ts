/**
 * The local user pool's lockout for failed passwords (Cognito's documented behaviour, see
 * SIGN_IN_LOCKOUT) and single-use codes, on a clock the test moves: bounded by counts, no
 * sleeping.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, SIGN_IN_LOCKOUT, UserPoolModel } from './model/userPool.js';
import { DEFAULT_APP_CLIENT_ID } from './server.js';
import { startTestStack, stopTestStack, type TestStack } from './testing.js';

const CALLBACK = 'http://localhost:5173/auth/callback';

function clock(startMs = Date.parse('2026-12-05T12:00:00Z')) {
  const state = { ms: startMs };
  return { now: () => new Date(state.ms), advance: (ms: number) => void (state.ms += ms) };
}

async function pool(now: () => Date) {
  return UserPoolModel.create({
    poolId: 'us-east-1_local',
    issuer: 'http://127.0.0.1:1/us-east-1_local',
    domain: 'http://127.0.0.1:1',
    clients: [{ clientId: 'client', callbackUrls: [], logoutUrls: [] }],
    users: DEMO_USERS,
    now,
  });
}

describe('sign-in lockout (model)', () => {
  it('refuses 995 of 1,000 wrong passwords unchecked, and then the right one until the lockout ends', async () => {
    const time = clock();
    const users = await pool(time.now);
    const outcomes = { incorrect: 0, locked: 0, 'signed-in': 0 };
    for (let attempt = 0; attempt < 1000; attempt++) outcomes[users.signIn('writer@example.com', `wrong-${attempt}`).outcome] += 1;
    expect(outcomes).toEqual({ incorrect: 5, locked: 995, 'signed-in': 0 });
    // Locked out: even the right password is not checked.
    expect(users.signIn('writer@example.com', 'Writer-demo-1')).toMatchObject({ outcome: 'locked', failures: 5 });
    time.advance(1000);
    expect(users.signIn('writer@example.com', 'Writer-demo-1')).toMatchObject({ outcome: 'signed-in' });
    // A success starts over: 5 more failures before the next lockout.
    for (let attempt = 0; attempt < 4; attempt++) expect(users.signIn('writer@example.com', 'wrong').outcome).toBe('incorrect');
    expect(users.signIn('writer@example.com', 'wrong')).toEqual({ outcome: 'incorrect', failures: 5, lockoutMs: 1000 });
  });

  it('doubles the lockout after each further failure, up to 15 minutes; 15 quiet minutes start over', async () => {
    const time = clock();
    const users = await pool(time.now);
    const lockouts: number[] = [];
    for (let attempt = 0; attempt < 15; attempt++) {
      const result = users.signIn('reader@example.com', 'wrong');
      expect(result.outcome).toBe('incorrect');
      if (result.outcome === 'incorrect' && result.lockoutMs) lockouts.push(result.lockoutMs / 1000);
      if (attempt < 14 && result.outcome === 'incorrect' && result.lockoutMs) time.advance(result.lockoutMs);
    }
    expect(lockouts).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
    // Attempts during a lockout are refused unchecked and do not lengthen it.
    time.advance(60_000);
    expect(users.signIn('reader@example.com', 'wrong')).toMatchObject({ outcome: 'locked', failures: 15, retryAfterMs: 840_000 });
    expect(users.signIn('reader@example.com', 'Reader-demo-1')).toMatchObject({ outcome: 'locked', failures: 15, retryAfterMs: 840_000 });
    // The lockout ends, and 15 minutes have passed without an attempt: the count starts over.
    time.advance(SIGN_IN_LOCKOUT.resetAfterQuietMs);
    expect(users.signIn('reader@example.com', 'wrong')).toEqual({ outcome: 'incorrect', failures: 1 });
  });

  it('locks out per user; unknown names are counted the same way', async () => {
    const time = clock();
    const users = await pool(time.now);
    for (let attempt = 0; attempt < 5; attempt++) users.signIn('admin@example.com', 'wrong');
    expect(users.signIn('admin@example.com', 'Admin-demo-1').outcome).toBe('locked');
    // Another user is not affected.
    expect(users.signIn('writer@example.com', 'Writer-demo-1').outcome).toBe('signed-in');
    const unknown = Array.from({ length: 6 }, () => users.signIn('nobody@example.com', 'x').outcome);
    expect(unknown).toEqual(['incorrect', 'incorrect', 'incorrect', 'incorrect', 'incorrect', 'locked']);
  });

  it('remembers at most maxTrackedNames user names', async () => {
    const time = clock();
    const users = await pool(time.now);
    for (let index = 0; index < SIGN_IN_LOCKOUT.maxTrackedNames + 10; index++) users.signIn(`u${index}`, 'x');
    expect((users as unknown as { failedAttempts: Map<string, unknown> }).failedAttempts.size).toBe(SIGN_IN_LOCKOUT.maxTrackedNames);
  });
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

describe('sign-in lockout (login page and token endpoint)', () => {
  const time = clock(Date.now());
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ now: time.now });
  });
  afterAll(() => stopTestStack(stack));

  const { challenge, verifier } = pkce();
  const authorize = {
    response_type: 'code',
    client_id: DEFAULT_APP_CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: 'openid email',
    state: 's',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  const login = (username: string, password: string) => postForm(`${stack.store.url}/oauth2/authorize`, { ...authorize, username, password });

  it('says so in words after 5 wrong passwords, refuses the right one while locked, and lets it in after the lockout', async () => {
    const pages: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const response = await login('writer@example.com', 'wrong');
      expect(response.status).toBe(200);
      pages.push(await response.text());
    }
    expect(pages.slice(0, 4).every((page) => page.includes('Incorrect username or password.') && !page.includes('exceeded'))).toBe(true);
    expect(pages[4]).toContain('Incorrect username or password. Password attempts exceeded: try again in 1 second.');
    expect(pages[5]).toContain('Password attempts exceeded. Try again in 1 second.');
    expect(pages[5]).toContain('each further wrong password doubles the wait, up to 15 minutes');
    const locked = await login('writer@example.com', 'Writer-demo-1');
    expect(locked.status).toBe(200);
    expect(await locked.text()).toContain('Password attempts exceeded');
    time.advance(1000);
    const signedIn = await login('writer@example.com', 'Writer-demo-1');
    expect(signedIn.status).toBe(302);
  });

  it('uses up a code that is presented with an unknown client_id', async () => {
    const signedIn = await login('reader@example.com', 'Reader-demo-1');
    const code = new URL(signedIn.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchange = (clientId: string) =>
      postForm(`${stack.store.url}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: CALLBACK,
        code_verifier: verifier,
      });
    const foreign = await exchange('not-a-client');
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ error: 'invalid_client' });
    const again = await exchange(DEFAULT_APP_CLIENT_ID);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
