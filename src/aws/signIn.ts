/**
 * Sign-in with the user pool's managed login through oidc-client-ts: OAuth 2.0
 * authorization code with PKCE (S256), then the ID token goes into the identity pool's
 * `Logins` (sdk.ts reads it from signInState.ts). Loaded only when config.json has `auth`.
 *
 * What is kept where (decisions):
 * - Tokens (ID, access, refresh) live in memory only: the user store is an
 *   InMemoryWebStorage. Credentials are in sdk.ts's memory.
 * - The transient sign-in request (state, nonce, PKCE code verifier, where to return)
 *   lives in sessionStorage for the redirect round trip only: the page is unloaded while
 *   the managed login is shown, so memory cannot carry it; oidc-client-ts removes it when
 *   the callback is processed, it is useless without the code the IdP sends once, and
 *   sessionStorage is per tab and gone when the tab closes.
 * - On reload, tokens are gone. This tab remembers only that it was signed in (a flag,
 *   no secret, in sessionStorage) and goes back to the managed login at once: the IdP's
 *   own session cookie makes it answer with a code immediately, so the user lands where
 *   they were without typing; if the IdP session ended, the login page asks. The flag
 *   counts the round trips begun since the last completed one: a second load while one
 *   is under way (reloading again at "Signing in…") begins another instead of leaving
 *   the user a guest, and after MAX_RESUMES that never came back the tab stays a guest,
 *   so an IdP that never answers cannot cause a redirect loop. A silent
 *   renew in an iframe is not used: Cognito's managed login does not support
 *   prompt=none and refuses to be framed.
 * - Expiry: the refresh token (in memory) renews tokens silently before they expire; when
 *   renewing fails, or the identity pool refuses the token, the header asks to sign in again.
 * - Sign-out revokes the refresh token, forgets tokens and credentials, clears the query
 *   cache, and goes to the managed login's /logout, which returns to the console's root
 *   (Cognito accepts only a logout_uri listed exactly in the app client's sign-out URLs,
 *   so the page to return to waits in sessionStorage and start-up goes there).
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { RuntimeConfig } from './config';
import { getSignIn, roleForGroups, setSessionRenewer, setSignIn, type SignedInUser } from './signInState';

export const CALLBACK_PATH = '/auth/callback';
const RESUME_FLAG = 'featurestore-console:signed-in';
/** The flag's value once a round trip completed; `resuming:<n>` while n round trips are under way. */
const SIGNED_IN = '1';
const MAX_RESUMES = 3;
const AFTER_SIGN_OUT = 'featurestore-console:after-sign-out';
const STATE_PREFIX = 'featurestore-console.oidc.';

let current: { config: RuntimeConfig; manager: UserManager } | undefined;

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

function userFrom(user: User): SignedInUser {
  const profile = user.profile as Record<string, unknown>;
  const groups = Array.isArray(profile['cognito:groups']) ? (profile['cognito:groups'] as unknown[]).filter((g): g is string => typeof g === 'string') : [];
  const name =
    typeof profile.email === 'string' ? profile.email : typeof profile['cognito:username'] === 'string' ? profile['cognito:username'] : user.profile.sub;
  return {
    sub: user.profile.sub,
    name,
    groups,
    role: roleForGroups(groups),
    idToken: user.id_token ?? '',
    expiresAt: new Date((user.expires_at ?? 0) * 1000),
  };
}

function managerFor(config: RuntimeConfig): UserManager {
  if (current?.config === config) return current.manager;
  const auth = config.auth;
  if (!auth) throw new Error('config.json has no auth section');
  const origin = window.location.origin;
  const stateStorage = session();
  const manager = new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    // Only for the redirect round trip (see above); memory when sessionStorage is unavailable.
    stateStore: new WebStorageStateStore({ prefix: STATE_PREFIX, store: stateStorage ?? new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    loadUserInfo: false,
    revokeTokenTypes: ['refresh_token'],
  });
  manager.events.addUserLoaded((user) => setSignIn({ status: 'signed-in', user: userFrom(user) }));
  manager.events.addSilentRenewError((error) => expire(`The session could not be renewed (${error.message}).`));
  manager.events.addAccessTokenExpired(() => {
    // Renewal runs before expiry; reaching expiry means it did not succeed.
    if (getSignIn().status === 'signed-in') expire('The session expired.');
  });
  setSessionRenewer(async () => {
    const user = await manager.getUser();
    // Without a refresh token the only renewal is an iframe, which the managed login refuses.
    if (!user?.refresh_token) return false;
    return (await manager.signinSilent()) !== null;
  });
  current = { config, manager };
  return manager;
}

function expire(reason: string): void {
  const state = getSignIn();
  if (state.status === 'signed-in') setSignIn({ status: 'expired', user: state.user, reason });
}

/** Only a path of this console, so the round trip cannot send the user elsewhere. */
function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && value.length <= 2048 ? value : '/';
}

/** Goes to the managed login; after sign-in the console returns to `returnTo`. */
export async function startSignIn(config: RuntimeConfig, returnTo = `${window.location.pathname}${window.location.search}`): Promise<void> {
  const path = returnTo.startsWith(CALLBACK_PATH) ? '/' : returnTo;
  await managerFor(config).signinRedirect({ state: { returnTo: safeReturnPath(path) } });
}

export type SignInStart = { kind: 'ready' } | { kind: 'redirecting' } | { kind: 'returned'; path: string } | { kind: 'failed'; message: string };

/**
 * At start-up: processes the callback of a sign-in round trip, or resumes a sign-in this
 * tab had before a reload (see above; `onRedirecting` is called as that trip begins), or
 * leaves the console as a guest.
 */
export async function beginSignIn(config: RuntimeConfig, onRedirecting: () => void = () => {}): Promise<SignInStart> {
  const manager = managerFor(config);
  if (window.location.pathname === CALLBACK_PATH) {
    try {
      const user = await manager.signinCallback();
      if (!user) throw new Error('The sign-in answer had no user.');
      setSignIn({ status: 'signed-in', user: userFrom(user) });
      session()?.setItem(RESUME_FLAG, SIGNED_IN);
      return { kind: 'returned', path: safeReturnPath((user.state as { returnTo?: unknown } | undefined)?.returnTo) };
    } catch (error) {
      // Said in words on the page; the next load starts as a guest rather than trying again unasked.
      session()?.removeItem(RESUME_FLAG);
      return { kind: 'failed', message: (error as Error).message || 'The sign-in could not be completed.' };
    } finally {
      void manager.clearStaleState().catch(() => {});
    }
  }
  const afterSignOut = session()?.getItem(AFTER_SIGN_OUT);
  if (afterSignOut !== null && afterSignOut !== undefined) {
    session()?.removeItem(AFTER_SIGN_OUT);
    // Only on the sign-out's way back (the logout_uri is the root), never later.
    if (window.location.pathname === '/') return { kind: 'returned', path: safeReturnPath(afterSignOut) };
  }
  const flag = session()?.getItem(RESUME_FLAG);
  if (flag !== null && flag !== undefined) {
    const begun = flag === SIGNED_IN ? 0 : Number(/^resuming:([0-9])$/.exec(flag)?.[1] ?? MAX_RESUMES);
    if (begun >= MAX_RESUMES) {
      session()?.removeItem(RESUME_FLAG);
      return { kind: 'ready' };
    }
    // Counted before leaving: a load that never comes back still counts.
    session()?.setItem(RESUME_FLAG, `resuming:${begun + 1}`);
    // The redirect's promise never settles when the navigation is stopped (oidc-client-ts
    // waits for the page to unload), so the page is told before it begins.
    onRedirecting();
    await startSignIn(config);
    return { kind: 'redirecting' };
  }
  return { kind: 'ready' };
}

/**
 * The user stopped a resume's trip to the managed login (Stop, or the login page never
 * opened) and chose to go on as a guest: this tab no longer resumes on its next load.
 */
export function forgetResume(): void {
  session()?.removeItem(RESUME_FLAG);
}

/**
 * Signs out: revokes the refresh token, forgets tokens, calls `clearLocal` (credentials,
 * query cache), then the managed login's /logout; back in the console, `returnTo` opens.
 */
export async function signOut(config: RuntimeConfig, clearLocal: () => void, returnTo = '/'): Promise<void> {
  const manager = managerFor(config);
  const auth = config.auth;
  await manager.revokeTokens(['refresh_token']).catch(() => {});
  await manager.removeUser();
  session()?.removeItem(RESUME_FLAG);
  setSignIn({ status: 'guest' });
  clearLocal();
  if (!auth) return;
  session()?.setItem(AFTER_SIGN_OUT, safeReturnPath(returnTo));
  const logout = new URL(`${auth.domain}/logout`);
  logout.searchParams.set('client_id', auth.clientId);
  logout.searchParams.set('logout_uri', `${window.location.origin}/`);
  window.location.assign(logout.toString());
}
