import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { startLocalFeatureStore, DEFAULT_APP_CLIENT_ID, DEFAULT_IDENTITY_POOL_ID, type LocalFeatureStore } from '../../packages/local-featurestore/src/server';
import { createAwsApi } from './sdk';
import type { RuntimeConfig } from './config';
import { getSignIn, setSessionRenewer, setSignIn } from './signInState';

// Integration: the console's SDK layer with a signed-in user's ID token in Logins, against the real local Feature Store.
let store: LocalFeatureStore | undefined;
afterEach(async () => {
  setSignIn({ status: 'guest' });
  setSessionRenewer(undefined);
  await store?.close();
  store = undefined;
});

function configFor(url: string, allowGuests: boolean): RuntimeConfig {
  return {
    region: 'us-east-1',
    identityPoolId: DEFAULT_IDENTITY_POOL_ID,
    endpoints: { featureStoreRuntime: url, sagemaker: url, cognitoIdentity: url },
    auth: { authority: `${url}/us-east-1_LocalUsers`, clientId: DEFAULT_APP_CLIENT_ID, domain: url, allowGuests },
  };
}

/** The code + PKCE round trip through the login page's form, as a browser makes it. */
async function tokensFor(url: string, username: string, password: string): Promise<{ id_token: string; refresh_token: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const redirect = 'http://localhost:5173/auth/callback';
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual' as const,
  });
  const login = await fetch(
    `${url}/oauth2/authorize`,
    form({
      response_type: 'code',
      client_id: DEFAULT_APP_CLIENT_ID,
      redirect_uri: redirect,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      username,
      password,
    }),
  );
  const code = new URL(login.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await fetch(
    `${url}/oauth2/token`,
    form({ grant_type: 'authorization_code', client_id: DEFAULT_APP_CLIENT_ID, code, redirect_uri: redirect, code_verifier: verifier }),
  );
  return (await tokens.json()) as { id_token: string; refresh_token: string };
}

async function idTokenFor(url: string, username: string, password: string): Promise<string> {
  return (await tokensFor(url, username, password)).id_token;
}

function signInAs(sub: string, name: string, idToken: string, role: 'readers' | 'writers' | 'admins') {
  setSignIn({ status: 'signed-in', user: { sub, name, groups: [role], role, idToken, expiresAt: new Date(Date.now() + 3600_000) } });
}

const put = (id: string) => ({
  FeatureGroupName: 'customers',
  Record: [
    { FeatureName: 'customer_id', ValueAsString: id },
    { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
  ],
});

describe('signed-in credentials', () => {
  it('uses the signed-in role, asks for sign-in without guests, and ends the session when the pool refuses the token', async () => {
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true, allowGuests: false });
    const api = createAwsApi(configFor(store.url, false));
    await expect(api.getRecord('customers', 'C-1001')).rejects.toMatchObject({ name: 'SessionExpired' });

    signInAs('reader', 'reader@example.com', await idTokenFor(store.url, 'reader@example.com', 'Reader-demo-1'), 'readers');
    expect((await api.getRecord('customers', 'C-1001')).record).toBeDefined();
    await expect(api.putRecord(put('S-1'))).rejects.toMatchObject({ name: 'AccessForbidden' });

    // Another user on the same page: new credentials for that user's identity, not the reader's.
    const readerIdentity = (await api.identity()).identityId;
    signInAs('writer', 'writer@example.com', await idTokenFor(store.url, 'writer@example.com', 'Writer-demo-1'), 'writers');
    expect((await api.identity()).identityId).not.toBe(readerIdentity);
    await api.putRecord(put('S-2'));

    let renewals = 0;
    setSessionRenewer(async () => {
      renewals += 1;
      return false;
    });
    await fetch(`${store.url}/_local/user-pool/revoke-sessions`, { method: 'POST' });
    await expect(api.putRecord(put('S-3'))).rejects.toMatchObject({ name: 'SessionExpired' });
    expect(renewals).toBe(1);
    expect(getSignIn().status).toBe('expired');
  });

  it('renews an expired ID token with the refresh token when the identity pool refuses it, and carries on', async () => {
    let clock = Date.now();
    store = await startLocalFeatureStore({ port: 0, dataDir: null, seed: true, allowGuests: false, now: () => new Date(clock) });
    const url = store.url;
    const api = createAwsApi(configFor(url, false));
    const tokens = await tokensFor(url, 'writer@example.com', 'Writer-demo-1');
    signInAs('writer', 'writer@example.com', tokens.id_token, 'writers');
    await api.putRecord(put('R-1'));
    setSessionRenewer(async () => {
      const response = await fetch(`${url}/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: DEFAULT_APP_CLIENT_ID, refresh_token: tokens.refresh_token }).toString(),
      });
      if (!response.ok) return false;
      signInAs('writer', 'writer@example.com', ((await response.json()) as { id_token: string }).id_token, 'writers');
      return true;
    });
    // The ID token expires and the credentials are refused: the console must ask the pool again.
    clock += 3601 * 1000;
    store.identities.revokeAuthenticatedCredentials();
    await api.putRecord(put('R-2'));
    expect(getSignIn().status).toBe('signed-in');
  });
});
