/**
 * Amazon Cognito identity pools, guest (unauthenticated) identities only: GetId and
 * GetCredentialsForIdentity. Issued credentials live one hour and are stored, so a
 * restart of the local Feature Store does not log the console out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CredentialsRow, FeatureStoreDatabase } from '../storage/database';
import { cognitoInvalidParameter, cognitoNotAuthorized, cognitoNotFound } from './errors';

export const CREDENTIALS_LIFETIME_MS = 60 * 60 * 1000;
const IDENTITY_ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;

type Json = Record<string, unknown>;

export interface Principal {
  kind: 'developer' | 'guest';
  accessKeyId: string;
  identityId?: string;
}

export interface StaticKeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

function randomKey(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(length);
  let key = prefix;
  for (const byte of bytes) key += alphabet[byte % alphabet.length];
  return key.slice(0, prefix.length + length);
}

export class IdentityModel {
  constructor(
    private readonly db: FeatureStoreDatabase,
    private readonly identityPoolIds: readonly string[],
    private readonly developerKey: StaticKeyPair,
    private readonly now: () => Date,
  ) {}

  getId(input: Json): { IdentityId: string } {
    const poolId = input.IdentityPoolId;
    // Length first (the model: 1-55), then the model's pattern.
    if (typeof poolId !== 'string' || poolId.length > 55 || !/^[\w-]+:[0-9a-f-]+$/.test(poolId)) {
      throw cognitoInvalidParameter(
        "1 validation error detected: Value at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
      );
    }
    if (!this.identityPoolIds.includes(poolId)) throw cognitoNotFound(`IdentityPool '${poolId}' not found.`);
    if (hasLogins(input.Logins)) {
      throw cognitoNotAuthorized('Signed-in identities (Logins) are not supported by the local Feature Store yet; use a guest identity.');
    }
    const region = poolId.split(':')[0] ?? 'us-east-1';
    const identityId = `${region}:${randomUUID()}`;
    this.db.insertIdentity(identityId, poolId, this.now().getTime());
    return { IdentityId: identityId };
  }

  getCredentialsForIdentity(input: Json) {
    const identityId = input.IdentityId;
    if (typeof identityId !== 'string' || identityId.length > 55 || !IDENTITY_ID_PATTERN.test(identityId)) {
      throw cognitoInvalidParameter(
        "1 validation error detected: Value at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
      );
    }
    if (!this.db.getIdentityPoolId(identityId)) throw cognitoNotFound(`Identity '${identityId}' not found.`);
    if (hasLogins(input.Logins)) {
      throw cognitoNotAuthorized('Signed-in identities (Logins) are not supported by the local Feature Store yet; use a guest identity.');
    }
    const nowMs = this.now().getTime();
    this.db.purgeExpiredCredentials(nowMs);
    const credentials: CredentialsRow = {
      accessKeyId: randomKey('ASIA', 16),
      secretKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      identityId,
      expiresAtMs: nowMs + CREDENTIALS_LIFETIME_MS,
    };
    this.db.insertCredentials(credentials);
    return {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretKey: credentials.secretKey,
        SessionToken: credentials.sessionToken,
        // Epoch seconds as a JSON number: an ISO string makes the SDK throw.
        Expiration: Math.floor(credentials.expiresAtMs / 1000),
      },
    };
  }

  /** The secret behind an access key id, for SigV4 verification. */
  lookupAccessKey(accessKeyId: string): { secretAccessKey: string; sessionToken?: string; expiresAtMs?: number; principal: Principal } | undefined {
    if (accessKeyId === this.developerKey.accessKeyId) {
      return { secretAccessKey: this.developerKey.secretAccessKey, principal: { kind: 'developer', accessKeyId } };
    }
    const row = this.db.getCredentials(accessKeyId);
    if (!row) return undefined;
    return {
      secretAccessKey: row.secretKey,
      sessionToken: row.sessionToken,
      expiresAtMs: row.expiresAtMs,
      principal: { kind: 'guest', accessKeyId, identityId: row.identityId },
    };
  }
}

/**
 * The Logins map of GetId/GetCredentialsForIdentity: absent, or an object of provider
 * name to token (the model's LoginsMap, at most 10 entries). Anything else (null, an
 * array, a number, non-string tokens) is InvalidParameterException, never a crash.
 */
function hasLogins(logins: unknown): boolean {
  if (logins === undefined) return false;
  if (typeof logins !== 'object' || logins === null || Array.isArray(logins)) {
    throw cognitoInvalidParameter(
      "1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must be a map of provider names to tokens",
    );
  }
  const entries = Object.entries(logins);
  if (entries.length > 10 || entries.some(([, token]) => typeof token !== 'string')) {
    throw cognitoInvalidParameter("1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have at most 10 string tokens");
  }
  return entries.length > 0;
}
