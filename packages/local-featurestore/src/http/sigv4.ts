/**
 * SigV4 verification: the signature is recomputed over exactly the headers the client
 * listed in SignedHeaders, with node:crypto, then compared in constant time.
 *
 * The canonical request is built as @smithy/signature-v4 (the signer the AWS SDK itself
 * uses) builds it: path segments normalised and URI-encoded twice, query keys and values
 * URI-encoded and sorted, header values trimmed with inner whitespace collapsed. Computed
 * here rather than by calling that signer on every request, which cost more than the rest
 * of a PutRecord together (bench/results); sigv4.test.ts checks, over generated requests,
 * that whatever that signer signs is accepted and any change to it refused.
 *
 * Errors follow AWS's JSON services: IncompleteSignatureException (malformed),
 * MissingAuthenticationTokenException, UnrecognizedClientException (unknown key or
 * token), ExpiredTokenException, and InvalidSignatureException (wrong signature, body
 * hash mismatch, clock skew). The SDK treats InvalidSignatureException with a skewed
 * Date header as clock skew: it corrects its offset and retries.
 */
import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../model/errors.js';
import type { IdentityModel, Principal } from '../model/identity.js';

export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const AUTHORIZATION_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const authError = (name: string, message: string) => new ServiceError(name, 403, message);

export interface IncomingSignedRequest {
  method: string;
  /** The path exactly as it arrived, still percent-encoded. */
  rawPath: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The last X-Amz-Date seen, parsed: requests signed in the same second (most of a busy
 * client's) skip the pattern and the date arithmetic. The Date is never mutated.
 */
let lastAmzDate: { text: string; date: Date; longDate: string } | undefined;

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value ? AMZ_DATE_PATTERN.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

/** Whether `text` (already in the pattern's form) is exactly `date`: no field overflowed into the next. */
function isExactAmzDate(date: Date, text: string): boolean {
  return (
    date.getUTCFullYear() === Number(text.slice(0, 4)) &&
    date.getUTCMonth() + 1 === Number(text.slice(4, 6)) &&
    date.getUTCDate() === Number(text.slice(6, 8)) &&
    date.getUTCHours() === Number(text.slice(9, 11)) &&
    date.getUTCMinutes() === Number(text.slice(11, 13)) &&
    date.getUTCSeconds() === Number(text.slice(13, 15))
  );
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** What a request must be signed for: this store's region and the service's signing name. */
export interface SigningScope {
  region: string;
  service: string;
}

export interface CheckedAuthorization {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaderList: string;
  signature: string;
  signingDate: Date;
  /** The signing instant as YYYYMMDDTHHMMSSZ. */
  longDate: string;
  key: NonNullable<ReturnType<IdentityModel['lookupAccessKey']>>;
}

const MAX_AUTHORIZATION_LENGTH = 2048;

/**
 * Everything about a request's authentication that needs no body: run before the body is
 * read, so an unauthenticated request costs nothing (it is never read nor parsed).
 */
export function checkAuthorization(headers: Record<string, string>, identities: IdentityModel, now: Date, scope: SigningScope): CheckedAuthorization {
  const authorization = headers.authorization;
  if (!authorization) throw authError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  // Length first: the pattern is linear, and bounded input keeps it cheap.
  const match = authorization.length <= MAX_AUTHORIZATION_LENGTH ? AUTHORIZATION_PATTERN.exec(authorization) : null;
  if (!match) {
    throw authError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters, signed with AWS4-HMAC-SHA256. Authorization=${authorization.slice(0, 40)}...`,
    );
  }
  const [, accessKeyId = '', shortDate = '', region = '', service = '', signedHeaderList = '', signature = ''] = match;
  const amzDate = headers['x-amz-date'];
  let signingDate: Date | undefined;
  let longDate: string;
  if (lastAmzDate !== undefined && amzDate === lastAmzDate.text) ({ date: signingDate, longDate } = lastAmzDate);
  else {
    signingDate = parseAmzDate(amzDate);
    if (!signingDate) throw authError('IncompleteSignatureException', 'The request must carry an X-Amz-Date header in the form YYYYMMDDTHHMMSSZ.');
    // The header itself when it names a real instant (the usual case: no reformatting per
    // request); otherwise the instant Date.UTC made of it, which then fails a check.
    longDate = isExactAmzDate(signingDate, amzDate as string) ? (amzDate as string) : formatAmzDate(signingDate);
    lastAmzDate = { text: amzDate as string, date: signingDate, longDate };
  }
  if (longDate.slice(0, 8) !== shortDate) {
    throw authError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${longDate.slice(0, 8)}'`,
    );
  }
  const skew = signingDate.getTime() - now.getTime();
  if (skew < -MAX_CLOCK_SKEW_MS) {
    throw authError(
      'InvalidSignatureException',
      `Signature expired: ${formatAmzDate(signingDate)} is now earlier than ${formatAmzDate(new Date(now.getTime() - MAX_CLOCK_SKEW_MS))} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (skew > MAX_CLOCK_SKEW_MS) {
    throw authError(
      'InvalidSignatureException',
      `Signature not yet current: ${formatAmzDate(signingDate)} is still later than ${formatAmzDate(new Date(now.getTime() + MAX_CLOCK_SKEW_MS))} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
  // AWS checks the credential scope: a request signed for another region or service is refused.
  if (region !== scope.region) {
    throw authError('InvalidSignatureException', `Credential should be scoped to a valid region. '${region}' is not '${scope.region}'.`);
  }
  if (service !== scope.service) {
    throw authError('InvalidSignatureException', `Credential should be scoped to correct service: '${scope.service}'.`);
  }

  const key = identities.lookupAccessKey(accessKeyId);
  if (!key) throw authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const token = headers['x-amz-security-token'];
  // A key issued with a session token needs exactly that token; a long-term key (the
  // developer key) takes none, as IAM user keys do.
  if (key.sessionToken !== undefined ? token !== key.sessionToken : token !== undefined) {
    throw authError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (key.expiresAtMs !== undefined && key.expiresAtMs <= now.getTime()) {
    throw authError('ExpiredTokenException', 'The security token included in the request is expired');
  }
  const signedHeaderNames = signedHeaderList.split(';');
  if (!signedHeaderNames.includes('host')) throw authError('InvalidSignatureException', "'Host' must be a signed header.");
  for (const name of signedHeaderNames) {
    if (!Object.hasOwn(headers, name))
      throw authError(
        'InvalidSignatureException',
        `The request signature we calculated does not match the signature you provided. Signed header '${name}' is missing.`,
      );
  }
  return { accessKeyId, region, service, signedHeaderList, signature, signingDate, longDate, key };
}

/**
 * Derived signing keys, per secret, date, region and service: four HMACs saved on every
 * request but the first of a day. Bounded (Cognito issues a key per sign-in): at most
 * MAX_CACHED_SIGNING_KEYS, the oldest dropped first.
 */
const MAX_CACHED_SIGNING_KEYS = 256;
const signingKeys = new Map<string, Buffer>();

function signingKey(secretAccessKey: string, shortDate: string, region: string, service: string): Buffer {
  const cacheKey = `${shortDate}\n${region}\n${service}\n${secretAccessKey}`;
  let key = signingKeys.get(cacheKey);
  if (!key) {
    key = createHmac('sha256', `AWS4${secretAccessKey}`).update(shortDate).digest();
    for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
    if (signingKeys.size >= MAX_CACHED_SIGNING_KEYS) signingKeys.delete(signingKeys.keys().next().value as string);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

/** Characters RFC 3986 leaves unencoded: a text of only these encodes to itself. */
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;

/** RFC 3986 encoding as the SDK's signer applies it (encodeURIComponent plus !'()*). */
function escapeUri(text: string): string {
  if (UNRESERVED.test(text)) return text;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Canonical paths by raw path (a client sends the same few paths again and again), bounded:
 * the map starts over when full, so hostile paths cost memory for at most this many.
 */
const MAX_CACHED_PATHS = 512;
const canonicalPaths = new Map<string, string>();

/** The path as the signer canonicalises it: empty and `.` segments dropped, `..` applied, then encoded again. */
export function canonicalPath(rawPath: string): string {
  let canonical = canonicalPaths.get(rawPath);
  if (canonical === undefined) {
    canonical = computeCanonicalPath(rawPath);
    if (canonicalPaths.size >= MAX_CACHED_PATHS) canonicalPaths.clear();
    canonicalPaths.set(rawPath, canonical);
  }
  return canonical;
}

function computeCanonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalised = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalised).replace(/%2F/g, '/');
}

/** Query pairs encoded and sorted, the signature parameter left out, as the signer does. */
export function canonicalQuery(query: Record<string, string[]>): string {
  const keys = Object.keys(query);
  // One parameter with one value (GetRecord's identifier): nothing to sort.
  if (keys.length === 1) {
    const key = keys[0] as string;
    const values = query[key] as string[];
    if (values.length === 1 && key.toLowerCase() !== 'x-amz-signature') return `${escapeUri(key)}=${escapeUri(values[0] as string)}`;
  }
  const serialized = new Map<string, string>();
  for (const key of Object.keys(query)) {
    if (key.toLowerCase() === 'x-amz-signature') continue;
    const encodedKey = escapeUri(key);
    const values = query[key] ?? [];
    serialized.set(
      encodedKey,
      values
        .map((value) => `${encodedKey}=${escapeUri(value)}`)
        .sort()
        .join('&'),
    );
  }
  return [...serialized.keys()]
    .sort()
    .map((key) => serialized.get(key))
    .filter(Boolean)
    .join('&');
}

/** SHA-256 of an empty body (every GET and DELETE). */
const EMPTY_BODY_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** A header value as the signer canonicalises it: trimmed, each run of whitespace one space. */
function canonicalHeaderValue(value: string): string {
  const trimmed = value.trim();
  // Only whitespace other than a single space needs the replacement.
  return /[^\S ]| {2}/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

const mismatch = () =>
  authError(
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

export function verifySignature(
  request: IncomingSignedRequest,
  identities: IdentityModel,
  now: Date,
  scope: SigningScope,
  checked: CheckedAuthorization = checkAuthorization(request.headers, identities, now, scope),
): Principal {
  const { region, service, signedHeaderList, signature, longDate, key } = checked;
  const bodyHash = request.body.length === 0 ? EMPTY_BODY_HASH : hash('sha256', request.body, 'hex');
  const claimedHash = request.headers['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    throw authError('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }

  // What the SDK's signer always signs, and never signs: a list that differs from what it
  // would produce (unsorted, repeated, without x-amz-date, the token left out, or naming
  // authorization or date, which it regenerates) cannot match its signature.
  const signedHeaderNames = signedHeaderList.split(';');
  for (let index = 1; index < signedHeaderNames.length; index++) {
    if ((signedHeaderNames[index - 1] as string) >= (signedHeaderNames[index] as string)) throw mismatch();
  }
  if (
    !signedHeaderNames.includes('x-amz-date') ||
    signedHeaderNames.includes('authorization') ||
    signedHeaderNames.includes('date') ||
    (key.sessionToken !== undefined && !signedHeaderNames.includes('x-amz-security-token'))
  ) {
    throw mismatch();
  }
  let canonicalHeaders = '';
  for (const name of signedHeaderNames) {
    const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
    if (value === undefined)
      throw authError(
        'InvalidSignatureException',
        `The request signature we calculated does not match the signature you provided. Signed header '${name}' is missing.`,
      );
    canonicalHeaders += `${name}:${canonicalHeaderValue(value)}\n`;
  }
  const canonicalRequest = `${request.method}\n${canonicalPath(request.rawPath)}\n${canonicalQuery(request.query)}\n${canonicalHeaders}\n${signedHeaderList}\n${bodyHash}`;
  const shortDate = longDate.slice(0, 8);
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${shortDate}/${region}/${service}/aws4_request\n${hash('sha256', canonicalRequest, 'hex')}`;
  const expected = createHmac('sha256', signingKey(key.secretAccessKey, shortDate, region, service))
    .update(stringToSign)
    .digest();
  // The signature matched [0-9a-f]{64} (checkAuthorization): its bytes compare with the digest's.
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw mismatch();
  return key.principal;
}
