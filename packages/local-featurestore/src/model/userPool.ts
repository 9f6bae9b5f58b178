/**
 * An Amazon Cognito user pool's OAuth 2.0 / OpenID Connect side, as its managed login
 * answers it: users and groups, app clients with their allowed callback and sign-out
 * URLs, authorization codes bound to a PKCE challenge, RS256 tokens (jose), refresh
 * tokens, and the login sessions the managed login keeps in its own cookie. Never sees
 * HTTP: services/cognito-idp/wire.ts turns requests into these calls.
 *
 * Decisions where Cognito leaves room (also in the README's table):
 * - PKCE with S256 is required (Cognito accepts a code request without it; a public
 *   browser client never should).
 * - Tokens are signed with a key made at start: a restart of the local Feature Store
 *   ends every session (tokens fail their signature check), as a key rotation would.
 * - A refresh returns new ID and access tokens and no new refresh token (Cognito's
 *   default without refresh-token rotation).
 * - Everything here is in memory; nothing about users' sessions is written to disk.
 * - Failed passwords lock a user out as Cognito does (see SIGN_IN_LOCKOUT); unknown user
 *   names are counted the same way, so the answers never tell which users exist.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type * as Jose from 'jose';
import type { JWK, JWTPayload } from 'jose';

/**
 * jose is loaded on the first sign-in, token check or JWKS request, not at start-up: it is
 * a fifth of the store's start (bench/results/featurestore.md, cold start).
 */
let joseModule: Promise<typeof Jose> | undefined;
const jose = () => (joseModule ??= import('jose'));

/** The pool's RS256 key pair and its public JWK (with kid). */
interface SigningKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Cognito's default lifetimes: codes 5 minutes, ID and access tokens 1 hour, refresh tokens 30 days. */
export const CODE_LIFETIME_MS = 5 * 60 * 1000;
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 60 * 60;
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const MAX_PARAM_LENGTH = 2048;

/**
 * Cognito's lockout for failed sign-in attempts with a password (Developer Guide,
 * "Lockout behavior for failed sign-in attempts"): after 5 failures the user is locked out
 * for 2^(n-5) seconds, n the failures so far, up to about 15 minutes; attempts during a
 * lockout are refused without checking the password ("Password attempts exceeded") and do
 * not count; a successful sign-in, or 15 minutes without any attempt, starts over.
 * Decision: the counters are kept for at most 10,000 user names, the oldest forgotten first.
 */
export const SIGN_IN_LOCKOUT = {
  freeFailures: 5,
  maxLockoutMs: 15 * 60 * 1000,
  resetAfterQuietMs: 15 * 60 * 1000,
  maxTrackedNames: 10_000,
} as const;

export type SignInResult =
  | { outcome: 'signed-in'; user: UserPoolUser }
  /** A wrong password (or unknown user); `lockoutMs` when this failure started a lockout. */
  | { outcome: 'incorrect'; failures: number; lockoutMs?: number }
  /** Locked out: the password was not checked. */
  | { outcome: 'locked'; retryAfterMs: number; failures: number };

interface FailedAttempts {
  failures: number;
  lockedUntilMs: number;
  lastAttemptMs: number;
}

export interface UserPoolUser {
  username: string;
  password: string;
  email?: string;
  groups: string[];
}

export interface AppClient {
  clientId: string;
  /** Exact callback URLs allowed besides the loopback ones (see isAllowedRedirect). */
  callbackUrls: string[];
  logoutUrls: string[];
}

/** The demo users (documented in the READMEs; local only). */
export const DEMO_USERS: readonly UserPoolUser[] = [
  { username: 'reader@example.com', email: 'reader@example.com', password: 'Reader-demo-1', groups: ['readers'] },
  { username: 'writer@example.com', email: 'writer@example.com', password: 'Writer-demo-1', groups: ['writers'] },
  { username: 'admin@example.com', email: 'admin@example.com', password: 'Admin-demo-1', groups: ['admins'] },
  { username: 'support@example.com', email: 'support@example.com', password: 'Support-demo-1', groups: ['support'] },
];

/** An OAuth error as the token and authorize endpoints name it (RFC 6749 section 5.2). */
export class OAuthError extends Error {
  constructor(
    readonly error:
      'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope' | 'invalid_token',
    readonly description: string,
  ) {
    super(description);
  }
}

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scope: string;
  codeChallenge: string;
  nonce?: string;
}

export interface TokenSet {
  id_token: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

interface CodeGrant extends AuthorizeRequest {
  username: string;
  sessionJti: string;
  expiresAtMs: number;
}

interface RefreshGrant {
  username: string;
  clientId: string;
  scope: string;
  sessionJti: string;
  expiresAtMs: number;
}

export interface VerifiedIdToken {
  sub: string;
  username: string;
  groups: string[];
  payload: JWTPayload;
}

/**
 * Callback and sign-out URLs: the client's configured ones exactly, and any URL on a
 * loopback origin (http://localhost:<port>, 127.0.0.1, [::1]) so the console works on any
 * local port (decision: a local demo pool; a real pool lists exact URLs).
 */
const LOOPBACK_URL = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::[0-9]{1,5})?\//;
function isAllowedUrl(url: string, configured: readonly string[]): boolean {
  if (url.length > MAX_PARAM_LENGTH) return false;
  if (configured.includes(url)) return true;
  try {
    const parsed = new URL(url);
    return parsed.hash === '' && LOOPBACK_URL.test(url) && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function sameSecret(a: string, b: string): boolean {
  // Hash both so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(sha256(a), sha256(b));
}

function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface UserPoolOptions {
  poolId: string;
  /** The issuer: http://<host>:<port>/<poolId> locally, as AWS's https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  issuer: string;
  /** Where the managed-login endpoints are (the pool's domain): the local Feature Store's origin. */
  domain: string;
  clients: AppClient[];
  users: readonly UserPoolUser[];
  /** Groups with an IAM role: its ARN and precedence (lower wins), for the ID token's cognito:roles and cognito:preferred_role. */
  groupRoles?: Readonly<Record<string, { roleArn: string; precedence: number }>>;
  tokenLifetimeSeconds?: number;
  now?: () => Date;
}

export class UserPoolModel {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  /** Managed-login sessions (the IdP's own cookie): session id -> username. */
  private readonly sessions = new Map<string, string>();
  /** Sign-in sessions (origin_jti) ended by sign-out or revocation: their tokens are refused. */
  private readonly revoked = new Set<string>();
  /** Failed password attempts per user name (the user's own, or the name typed when unknown). */
  private readonly failedAttempts = new Map<string, FailedAttempts>();
  private readonly now: () => Date;
  readonly tokenLifetimeSeconds: number;

  private constructor(readonly options: UserPoolOptions) {
    this.now = options.now ?? (() => new Date());
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  }

  /**
   * The key pair is generated on first use (the first sign-in, token check or JWKS request
   * waits for it, about 0.1 s of RSA key generation on libuv's thread pool), not at start:
   * a store that is only written through the developer key never makes one.
   */
  static async create(options: UserPoolOptions): Promise<UserPoolModel> {
    return new UserPoolModel(options);
  }

  private signingKeys: Promise<SigningKeys> | undefined;

  private get keys(): Promise<SigningKeys> {
    return (this.signingKeys ??= jose().then(async ({ generateKeyPair, exportJWK }) => {
      const { privateKey, publicKey } = await generateKeyPair('RS256');
      const jwk = await exportJWK(publicKey);
      return { privateKey, publicJwk: { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' } };
    }));
  }

  get poolId(): string {
    return this.options.poolId;
  }
  get issuer(): string {
    return this.options.issuer;
  }
  /** The identity pool's provider name for this pool: the issuer without its scheme. */
  get providerName(): string {
    return this.options.issuer.replace(/^https?:\/\//, '');
  }

  /** Cognito's discovery document (which names no end_session_endpoint: sign-out is /logout). */
  discovery() {
    const domain = this.options.domain;
    return {
      authorization_endpoint: `${domain}/oauth2/authorize`,
      id_token_signing_alg_values_supported: ['RS256'],
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      revocation_endpoint: `${domain}/oauth2/revoke`,
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      token_endpoint: `${domain}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      userinfo_endpoint: `${domain}/oauth2/userInfo`,
    };
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [(await this.keys).publicJwk] };
  }

  client(clientId: string | undefined): AppClient | undefined {
    return this.options.clients.find((client) => client.clientId === clientId);
  }

  isAllowedCallback(client: AppClient, url: string): boolean {
    return isAllowedUrl(url, client.callbackUrls);
  }

  isAllowedLogout(client: AppClient, url: string): boolean {
    return isAllowedUrl(url, client.logoutUrls);
  }

  /**
   * Checks an authorize request's parameters after the client and redirect URI are known
   * good (errors from here on go back to the redirect URI). PKCE S256 is required.
   */
  checkAuthorizeRequest(params: Record<string, string | undefined>): AuthorizeRequest {
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value.length > MAX_PARAM_LENGTH) throw new OAuthError('invalid_request', `${name} is too long.`);
    }
    if (params.response_type !== 'code') throw new OAuthError('invalid_request', 'response_type must be code.');
    const scope = params.scope ?? 'openid';
    const scopes = scope.split(' ').filter(Boolean);
    if (!scopes.includes('openid') || scopes.some((s) => !['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'].includes(s))) {
      throw new OAuthError('invalid_scope', 'scope must include openid and only openid, email, phone, profile.');
    }
    if (!params.code_challenge) throw new OAuthError('invalid_request', 'code_challenge is required (PKCE).');
    if (params.code_challenge_method !== 'S256') throw new OAuthError('invalid_request', 'code_challenge_method must be S256.');
    if (!/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) throw new OAuthError('invalid_request', 'code_challenge must be a base64url SHA-256.');
    return {
      clientId: params.client_id ?? '',
      redirectUri: params.redirect_uri ?? '',
      scope: scopes.join(' '),
      codeChallenge: params.code_challenge,
      ...(params.state !== undefined ? { state: params.state } : {}),
      ...(params.nonce !== undefined ? { nonce: params.nonce } : {}),
    };
  }

  /** The user when the password is right; undefined for an unknown user or a wrong password alike. */
  authenticate(username: string, password: string): UserPoolUser | undefined {
    const user = this.options.users.find((candidate) => candidate.username === username || candidate.email === username);
    // Compare even for unknown users, so both answers take the same time.
    const ok = sameSecret(password, user?.password ?? randomUUID());
    return user && ok ? user : undefined;
  }

  /** A sign-in with a password, under Cognito's lockout (SIGN_IN_LOCKOUT). */
  signIn(username: string, password: string): SignInResult {
    const known = this.options.users.find((candidate) => candidate.username === username || candidate.email === username);
    const key = known ? known.username : username.slice(0, MAX_PARAM_LENGTH).toLowerCase();
    const nowMs = this.now().getTime();
    let record = this.failedAttempts.get(key);
    if (record && nowMs - record.lastAttemptMs >= SIGN_IN_LOCKOUT.resetAfterQuietMs && nowMs >= record.lockedUntilMs) {
      this.failedAttempts.delete(key);
      record = undefined;
    }
    if (record && nowMs < record.lockedUntilMs) {
      record.lastAttemptMs = nowMs;
      return { outcome: 'locked', retryAfterMs: record.lockedUntilMs - nowMs, failures: record.failures };
    }
    const user = this.authenticate(username, password);
    if (user) {
      this.failedAttempts.delete(key);
      return { outcome: 'signed-in', user };
    }
    const failures = (record?.failures ?? 0) + 1;
    const lockoutMs =
      failures >= SIGN_IN_LOCKOUT.freeFailures ? Math.min(1000 * 2 ** (failures - SIGN_IN_LOCKOUT.freeFailures), SIGN_IN_LOCKOUT.maxLockoutMs) : 0;
    // Re-inserted so that the map's order is least recently failed first.
    this.failedAttempts.delete(key);
    this.failedAttempts.set(key, { failures, lockedUntilMs: nowMs + lockoutMs, lastAttemptMs: nowMs });
    if (this.failedAttempts.size > SIGN_IN_LOCKOUT.maxTrackedNames) {
      const oldest = this.failedAttempts.keys().next().value;
      if (oldest !== undefined) this.failedAttempts.delete(oldest);
    }
    return lockoutMs > 0 ? { outcome: 'incorrect', failures, lockoutMs } : { outcome: 'incorrect', failures };
  }

  startSession(user: UserPoolUser): string {
    const sessionId = opaqueToken();
    this.sessions.set(sessionId, user.username);
    return sessionId;
  }

  sessionUser(sessionId: string | undefined): UserPoolUser | undefined {
    if (!sessionId) return undefined;
    const username = this.sessions.get(sessionId);
    return username ? this.userNamed(username) : undefined;
  }

  endSession(sessionId: string | undefined): void {
    if (sessionId) this.sessions.delete(sessionId);
  }

  /**
   * Ends every session at once (the local `/_local/user-pool/revoke-sessions`, like an
   * administrator's global sign-out of every user): managed-login sessions, refresh tokens,
   * and the ID and access tokens already issued, which the identity pool then refuses.
   */
  revokeAllSessions(): number {
    const ended = new Set<string>();
    for (const grant of this.refreshTokens.values()) ended.add(grant.sessionJti);
    for (const jti of ended) this.revoked.add(jti);
    this.refreshTokens.clear();
    this.sessions.clear();
    this.codes.clear();
    return ended.size;
  }

  issueCode(user: UserPoolUser, request: AuthorizeRequest): string {
    const code = randomUUID();
    this.codes.set(code, { ...request, username: user.username, sessionJti: randomUUID(), expiresAtMs: this.now().getTime() + CODE_LIFETIME_MS });
    return code;
  }

  /** grant_type=authorization_code: a code is good once, for its client, redirect URI and PKCE verifier. */
  async exchangeCode(params: Record<string, string | undefined>): Promise<TokenSet> {
    // A code is single use: whatever the outcome (an unknown client included), it is gone.
    const grant = params.code ? this.codes.get(params.code) : undefined;
    if (params.code) this.codes.delete(params.code);
    const client = this.requireClient(params.client_id);
    if (!params.code) throw new OAuthError('invalid_request', 'code is required.');
    if (!params.code_verifier) throw new OAuthError('invalid_request', 'code_verifier is required (PKCE).');
    if (params.code_verifier.length < 43 || params.code_verifier.length > 128)
      throw new OAuthError('invalid_request', 'code_verifier must be 43 to 128 characters.');
    if (!grant || grant.expiresAtMs <= this.now().getTime() || grant.clientId !== client.clientId)
      throw new OAuthError('invalid_grant', 'The code is not valid.');
    if (params.redirect_uri !== grant.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorize request.');
    if (sha256(params.code_verifier).toString('base64url') !== grant.codeChallenge)
      throw new OAuthError('invalid_grant', 'code_verifier does not match code_challenge.');
    const user = this.userNamed(grant.username);
    if (!user) throw new OAuthError('invalid_grant', 'The user no longer exists.');
    const refreshToken = opaqueToken();
    this.refreshTokens.set(refreshToken, {
      username: user.username,
      clientId: client.clientId,
      scope: grant.scope,
      sessionJti: grant.sessionJti,
      expiresAtMs: this.now().getTime() + REFRESH_TOKEN_LIFETIME_MS,
    });
    return { ...(await this.tokensFor(user, client.clientId, grant.scope, grant.sessionJti, grant.nonce)), refresh_token: refreshToken };
  }

  /** grant_type=refresh_token: new ID and access tokens, the same refresh token. */
  async refresh(params: Record<string, string | undefined>): Promise<TokenSet> {
    const client = this.requireClient(params.client_id);
    if (!params.refresh_token) throw new OAuthError('invalid_request', 'refresh_token is required.');
    const grant = this.refreshTokens.get(params.refresh_token);
    if (!grant || grant.clientId !== client.clientId || grant.expiresAtMs <= this.now().getTime())
      throw new OAuthError('invalid_grant', 'Invalid Refresh Token');
    const user = this.userNamed(grant.username);
    if (!user) throw new OAuthError('invalid_grant', 'Invalid Refresh Token');
    return this.tokensFor(user, client.clientId, grant.scope, grant.sessionJti);
  }

  /** Sign-out: the refresh tokens of that session stop working. */
  revokeRefreshToken(token: string | undefined): void {
    if (!token) return;
    const grant = this.refreshTokens.get(token);
    if (!grant) return;
    this.refreshTokens.delete(token);
    this.revoked.add(grant.sessionJti);
  }

  /**
   * Verifies a token this pool issued: signature (RS256, this pool's key), issuer, expiry,
   * token_use, and for ID tokens the audience. Throws a message in Cognito's words.
   */
  async verify(token: string, expected: { tokenUse: 'id' | 'access'; audiences?: readonly string[] }): Promise<VerifiedIdToken> {
    if (token.length > 16_384) throw new Error('Invalid login token. Not a valid OpenId Connect identity token.');
    let payload: JWTPayload;
    try {
      const { jwtVerify, createLocalJWKSet } = await jose();
      ({ payload } = await jwtVerify(token, createLocalJWKSet(await this.jwks()), { algorithms: ['RS256'], currentDate: this.now(), clockTolerance: 0 }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') {
        const exp = this.decodeExp(token);
        throw new Error(`Invalid login token. Token expired: ${Math.floor(this.now().getTime() / 1000)} >= ${exp}`, { cause: error });
      }
      if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID')
        throw new Error('Invalid login token. Not a valid OpenId Connect identity token.', { cause: error });
      throw new Error("Invalid login token. Couldn't verify signed token.", { cause: error });
    }
    if (payload.iss !== this.issuer) throw new Error("Invalid login token. Issuer doesn't match providerName");
    if (payload.token_use !== expected.tokenUse)
      throw new Error(`Invalid login token. Not a valid ${expected.tokenUse === 'id' ? 'OpenId Connect identity' : 'access'} token.`);
    if (expected.audiences) {
      const audience = expected.tokenUse === 'id' ? payload.aud : payload.client_id;
      if (typeof audience !== 'string' || !expected.audiences.includes(audience)) throw new Error('Invalid login token. Incorrect token audience.');
    }
    if (typeof payload.origin_jti === 'string' && this.revoked.has(payload.origin_jti)) throw new Error('Invalid login token. Token has been revoked.');
    const username = String(payload['cognito:username'] ?? payload.username ?? '');
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]).filter((g): g is string => typeof g === 'string') : [];
    return { sub: String(payload.sub), username, groups, payload };
  }

  userInfo(user: UserPoolUser) {
    return { sub: this.subOf(user), ...(user.email ? { email: user.email, email_verified: 'true' } : {}), username: user.username };
  }

  userNamed(username: string): UserPoolUser | undefined {
    return this.options.users.find((user) => user.username === username);
  }

  /** A stable sub per user of this pool (a UUID derived from pool and username). */
  subOf(user: UserPoolUser): string {
    const hex = createHash('sha256').update(`${this.poolId}\0${user.username}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  private requireClient(clientId: string | undefined): AppClient {
    const client = this.client(clientId);
    if (!client) throw new OAuthError('invalid_client', 'Client does not exist.');
    return client;
  }

  private decodeExp(token: string): number {
    try {
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
      return typeof payload.exp === 'number' ? payload.exp : 0;
    } catch {
      return 0;
    }
  }

  /**
   * The ID token's role claims (Cognito's GroupType reference): cognito:roles lists the
   * role ARNs of the user's groups that have one, cognito:preferred_role the role of the
   * group with the lowest precedence; no role, no claims; a tie, no preferred role.
   */
  private roleClaims(groups: readonly string[]): JWTPayload {
    const roles = groups.flatMap((group) => {
      const role = this.options.groupRoles?.[group];
      return role ? [role] : [];
    });
    if (roles.length === 0) return {};
    const best = Math.min(...roles.map((role) => role.precedence));
    const preferred = roles.filter((role) => role.precedence === best);
    return {
      'cognito:roles': [...new Set(roles.map((role) => role.roleArn))],
      ...(preferred.length === 1 ? { 'cognito:preferred_role': preferred[0]?.roleArn } : {}),
    };
  }

  private async tokensFor(user: UserPoolUser, clientId: string, scope: string, sessionJti: string, nonce?: string): Promise<TokenSet> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    const exp = nowSeconds + this.tokenLifetimeSeconds;
    const sub = this.subOf(user);
    // A user in no group gets no cognito:groups claim (Cognito omits it rather than sending []).
    const common = {
      sub,
      ...(user.groups.length > 0 ? { 'cognito:groups': user.groups } : {}),
      origin_jti: sessionJti,
      event_id: randomUUID(),
      auth_time: nowSeconds,
    };
    const [{ SignJWT }, { privateKey, publicJwk }] = await Promise.all([jose(), this.keys]);
    const sign = (claims: JWTPayload) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid as string })
        .setIssuer(this.issuer)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(exp)
        .setJti(randomUUID())
        .sign(privateKey);
    const idToken = await sign({
      ...common,
      aud: clientId,
      token_use: 'id',
      'cognito:username': user.username,
      ...this.roleClaims(user.groups),
      ...(user.email ? { email: user.email, email_verified: true } : {}),
      ...(nonce ? { nonce } : {}),
    });
    const accessToken = await sign({ ...common, client_id: clientId, token_use: 'access', scope, username: user.username });
    return { id_token: idToken, access_token: accessToken, expires_in: this.tokenLifetimeSeconds, token_type: 'Bearer' };
  }
}

/** The seed file (LOCAL_FEATURESTORE_USERS): {"users": [{"username", "password", "email"?, "groups": [...]}]}. */
export function parseUsersFile(json: unknown): UserPoolUser[] {
  const users = (json as { users?: unknown } | null)?.users;
  if (!Array.isArray(users))
    throw new Error('A users file is {"users": [{"username": "...", "password": "...", "groups": ["readers"|"writers"|"support"|"admins"]}]}.');
  return users.map((entry: unknown, index) => {
    const user = entry as Partial<UserPoolUser> | null;
    if (
      typeof user?.username !== 'string' ||
      user.username.length === 0 ||
      typeof user.password !== 'string' ||
      user.password.length === 0 ||
      !Array.isArray(user.groups) ||
      !user.groups.every((group) => typeof group === 'string') ||
      (user.email !== undefined && typeof user.email !== 'string')
    ) {
      throw new Error(`users[${index}] needs a username, a password and a list of groups.`);
    }
    return { username: user.username, password: user.password, groups: user.groups, ...(user.email ? { email: user.email } : {}) };
  });
}
