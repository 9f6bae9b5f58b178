/**
 * The user pool's wire layer: the endpoints Amazon Cognito's managed login answers, as
 * plain HTTP (not an AWS JSON protocol): OpenID discovery and JWKS under /<poolId>/,
 * the login page at /oauth2/authorize, /oauth2/token, /oauth2/userInfo, /oauth2/revoke
 * and /logout. Errors are OAuth's: {"error": "invalid_grant", ...} from the token
 * endpoint, `?error=...` on the redirect from authorize, an error page when the client
 * or redirect URI cannot be trusted. Rules live in model/userPool.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { BodyTooLargeError, readBody } from '../../http/messages.js';
import { OAuthError, SIGN_IN_LOCKOUT, type AppClient, type SignInResult, type UserPoolModel } from '../../model/userPool.js';
import { loginPage, errorPage, LOGIN_PAGE_STYLE } from './loginPage.js';

/** Form posts to the login page and token endpoint are small (decision). */
const FORM_BODY_LIMIT = 16 * 1024;
const SESSION_COOKIE = 'local_featurestore_session';
const STYLE_HASH = `'sha256-${createHash('sha256').update(LOGIN_PAGE_STYLE).digest('base64')}'`;

export type UserPoolOperation = 'OpenIdConfiguration' | 'Jwks' | 'Authorize' | 'Login' | 'Token' | 'UserInfo' | 'Revoke' | 'Logout';

/** Which user-pool endpoint a request is, or undefined. */
export function userPoolRoute(method: string, rawPath: string, poolId: string): UserPoolOperation | undefined {
  if (method === 'GET' && rawPath === `/${poolId}/.well-known/openid-configuration`) return 'OpenIdConfiguration';
  if (method === 'GET' && rawPath === `/${poolId}/.well-known/jwks.json`) return 'Jwks';
  if (method === 'GET' && rawPath === '/oauth2/authorize') return 'Authorize';
  if (method === 'POST' && rawPath === '/oauth2/authorize') return 'Login';
  if (method === 'POST' && rawPath === '/oauth2/token') return 'Token';
  if (method === 'GET' && rawPath === '/oauth2/userInfo') return 'UserInfo';
  if (method === 'POST' && rawPath === '/oauth2/revoke') return 'Revoke';
  if (method === 'GET' && rawPath === '/logout') return 'Logout';
  return undefined;
}

function queryParams(search: string): Record<string, string | undefined> {
  const params = Object.create(null) as Record<string, string | undefined>;
  for (const [name, value] of new URLSearchParams(search)) if (!(name in params)) params[name] = value;
  return params;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json;charset=UTF-8');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

function sendOAuthError(response: ServerResponse, error: OAuthError): void {
  // Cognito's token endpoint answers every OAuth error, invalid_client included, with 400;
  // userInfo answers a bad access token with 401 and a Bearer challenge.
  if (error.error === 'invalid_token') {
    response.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.description.replace(/["\\]/g, "'")}"`);
  }
  sendJson(response, error.error === 'invalid_token' ? 401 : 400, { error: error.error, error_description: error.description });
}

function sendHtml(response: ServerResponse, status: number, html: string, formTargets: string[] = []): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  // The login page's own strict policy: its one stylesheet by hash, no script at all, and
  // the form may post only here and be redirected only to the client's callback.
  response.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; style-src ${STYLE_HASH}; img-src 'none'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`.replace(
      / +;/g,
      ';',
    ),
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Content-Length', Buffer.byteLength(html));
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 302;
  response.setHeader('Location', location);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Length', '0');
  response.end();
}

function withQuery(url: string, params: Record<string, string | undefined>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(name, value);
  return target.toString();
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

async function readForm(request: IncomingMessage): Promise<Record<string, string | undefined>> {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    throw new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded.');
  }
  return queryParams((await readBody(request, FORM_BODY_LIMIT)).toString('utf8'));
}

/** The client and redirect URI of an authorize request, when both can be trusted. */
function trustedClient(pool: UserPoolModel, params: Record<string, string | undefined>): { client: AppClient; redirectUri: string } | string {
  const client = pool.client(params.client_id);
  if (!client) return 'The client_id is not an app client of this user pool.';
  const redirectUri = params.redirect_uri ?? '';
  if (!pool.isAllowedCallback(client, redirectUri)) return 'redirect_mismatch: the redirect_uri is not an allowed callback URL of this app client.';
  return { client, redirectUri };
}

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The login page's words for a refused sign-in (Cognito's "Password attempts exceeded" when locked out). */
export function signInRefusal(result: Exclude<SignInResult, { outcome: 'signed-in' }>): string {
  const why = `After ${SIGN_IN_LOCKOUT.freeFailures} failed attempts, each further wrong password doubles the wait, up to 15 minutes.`;
  if (result.outcome === 'locked') return `Password attempts exceeded. Try again in ${duration(result.retryAfterMs)}. ${why}`;
  if (result.lockoutMs) return `Incorrect username or password. Password attempts exceeded: try again in ${duration(result.lockoutMs)}. ${why}`;
  return 'Incorrect username or password.';
}

const AUTHORIZE_PARAMS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method', 'nonce'] as const;

function authorizeParams(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const params: Record<string, string | undefined> = {};
  for (const name of AUTHORIZE_PARAMS) params[name] = source[name];
  return params;
}

export async function handleUserPoolRequest(
  operation: UserPoolOperation,
  request: IncomingMessage,
  response: ServerResponse,
  search: string,
  pool: UserPoolModel,
): Promise<void> {
  try {
    switch (operation) {
      case 'OpenIdConfiguration':
        return sendJson(response, 200, pool.discovery());
      case 'Jwks':
        return sendJson(response, 200, await pool.jwks());
      case 'Authorize':
      case 'Login': {
        const form = operation === 'Login' ? await readForm(request) : undefined;
        const params = authorizeParams(form ?? queryParams(search));
        const trusted = trustedClient(pool, params);
        if (typeof trusted === 'string') return sendHtml(response, 400, errorPage(trusted));
        const redirectOrigin = new URL(trusted.redirectUri).origin;
        let authorize;
        try {
          authorize = pool.checkAuthorizeRequest(params);
        } catch (error) {
          if (!(error instanceof OAuthError)) throw error;
          return redirect(response, withQuery(trusted.redirectUri, { error: error.error, error_description: error.description, state: params.state }));
        }
        const sessionId = cookieValue(request.headers.cookie, SESSION_COOKIE);
        let user = operation === 'Authorize' ? pool.sessionUser(sessionId) : undefined;
        if (form) {
          const result = pool.signIn(form.username ?? '', form.password ?? '');
          if (result.outcome !== 'signed-in') {
            return sendHtml(response, 200, loginPage({ params, username: form.username ?? '', error: signInRefusal(result) }), [redirectOrigin]);
          }
          user = result.user;
          // The managed login's own session: a later authorize request is answered at once.
          response.setHeader('Set-Cookie', `${SESSION_COOKIE}=${pool.startSession(user)}; Path=/; HttpOnly; SameSite=Lax`);
        }
        if (!user) return sendHtml(response, 200, loginPage({ params, username: '' }), [redirectOrigin]);
        const code = pool.issueCode(user, authorize);
        return redirect(response, withQuery(trusted.redirectUri, { code, state: authorize.state }));
      }
      case 'Token': {
        const form = await readForm(request);
        if (form.grant_type === 'authorization_code') return sendJson(response, 200, await pool.exchangeCode(form));
        if (form.grant_type === 'refresh_token') return sendJson(response, 200, await pool.refresh(form));
        if (form.grant_type === undefined) throw new OAuthError('invalid_request', 'grant_type is required.');
        throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
      }
      case 'UserInfo': {
        const header = request.headers.authorization ?? '';
        const token = header.startsWith('Bearer ') ? header.slice(7) : '';
        if (!token) throw new OAuthError('invalid_token', 'Access token is missing');
        let username: string;
        try {
          username = (await pool.verify(token, { tokenUse: 'access' })).username;
        } catch (error) {
          throw new OAuthError('invalid_token', (error as Error).message.replace(/^Invalid login token\. /, ''));
        }
        const user = pool.userNamed(username);
        if (!user) throw new OAuthError('invalid_token', 'User does not exist.');
        return sendJson(response, 200, pool.userInfo(user));
      }
      case 'Revoke': {
        const form = await readForm(request);
        if (!pool.client(form.client_id)) throw new OAuthError('invalid_client', 'Client does not exist.');
        pool.revokeRefreshToken(form.token);
        return sendJson(response, 200, {});
      }
      case 'Logout': {
        const params = queryParams(search);
        const client = pool.client(params.client_id);
        if (!client) return sendHtml(response, 400, errorPage('The client_id is not an app client of this user pool.'));
        const logoutUri = params.logout_uri ?? '';
        if (!pool.isAllowedLogout(client, logoutUri))
          return sendHtml(response, 400, errorPage('The logout_uri is not an allowed sign-out URL of this app client.'));
        pool.endSession(cookieValue(request.headers.cookie, SESSION_COOKIE));
        response.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
        return redirect(response, logoutUri);
      }
    }
  } catch (error) {
    if (error instanceof OAuthError) return sendOAuthError(response, error);
    if (error instanceof BodyTooLargeError) {
      response.setHeader('Connection', 'close');
      return sendOAuthError(response, new OAuthError('invalid_request', `The request body is larger than ${FORM_BODY_LIMIT} bytes.`));
    }
    throw error;
  }
}
