/**
 * SigV4 verification. The signature is recomputed with @smithy/signature-v4, the
 * signer the AWS SDK itself uses, over exactly the headers the client listed in
 * SignedHeaders; then compared in constant time.
 *
 * Errors follow AWS's JSON services: IncompleteSignatureException (malformed),
 * MissingAuthenticationTokenException, UnrecognizedClientException (unknown key or
 * token), ExpiredTokenException, and InvalidSignatureException (wrong signature, body
 * hash mismatch, clock skew). The SDK treats InvalidSignatureException with a skewed
 * Date header as clock skew: it corrects its offset and retries.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { ServiceError } from '../model/errors';
import type { IdentityModel, Principal } from '../model/identity';

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

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = value ? AMZ_DATE_PATTERN.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
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
  const signingDate = parseAmzDate(headers['x-amz-date']);
  if (!signingDate) throw authError('IncompleteSignatureException', 'The request must carry an X-Amz-Date header in the form YYYYMMDDTHHMMSSZ.');
  if (formatAmzDate(signingDate).slice(0, 8) !== shortDate) {
    throw authError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${formatAmzDate(signingDate).slice(0, 8)}'`,
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
  return { accessKeyId, region, service, signedHeaderList, signature, signingDate, key };
}

export async function verifySignature(
  request: IncomingSignedRequest,
  identities: IdentityModel,
  now: Date,
  scope: SigningScope,
  checked: CheckedAuthorization = checkAuthorization(request.headers, identities, now, scope),
): Promise<Principal> {
  const { accessKeyId, region, service, signedHeaderList, signature, signingDate, key } = checked;
  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const claimedHash = request.headers['x-amz-content-sha256'];
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    throw authError('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }

  const signedHeaderNames = signedHeaderList.split(';');
  const signedHeaders = Object.create(null) as Record<string, string>;
  for (const name of signedHeaderNames) {
    const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
    if (value === undefined)
      throw authError(
        'InvalidSignatureException',
        `The request signature we calculated does not match the signature you provided. Signed header '${name}' is missing.`,
      );
    signedHeaders[name] = value;
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: key.secretAccessKey, ...(key.sessionToken ? { sessionToken: key.sessionToken } : {}) },
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const recomputed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      hostname: signedHeaders.host ?? '',
      path: request.rawPath,
      query: request.query,
      headers: signedHeaders,
      body: request.body.length > 0 ? request.body : undefined,
    }),
    { signingDate, signableHeaders: new Set(signedHeaderNames) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(recomputed.headers.authorization))?.[1] ?? '';
  const expectedHeaders = /SignedHeaders=([^,]+)/.exec(String(recomputed.headers.authorization))?.[1] ?? '';
  if (expectedHeaders !== signedHeaderList || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw authError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return key.principal;
}
