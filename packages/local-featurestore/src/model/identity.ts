/**
 * Amazon Cognito identity pools, guest (unauthenticated) identities only: GetId and
 * GetCredentialsForIdentity. Issued credentials live one hour and are stored, so a
 * restart of the local Feature Store does not log the console out.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { CredentialsRow, FeatureStoreDatabase } from '../storage/database';
import { cognitoNotAuthorized, cognitoNotFound } from './errors';

export const CREDENTIALS_LIFETIME_MS = 60 * 60 * 1000;

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
    // IdentityPoolId (1-55, the model's pattern), AccountId and Logins were checked against
    // the model by the wire layer (services/cognito-identity/wire.ts).
    const poolId = input.IdentityPoolId as string;
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
    // IdentityId (1-55, the model's pattern), Logins and CustomRoleArn: checked by the wire layer.
    const identityId = input.IdentityId as string;
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
 * Whether GetId/GetCredentialsForIdentity name a signed-in identity: the Logins map (the
 * model's LoginsMap, checked by the wire layer: at most 10 provider names to tokens) is
 * present and not empty.
 */
function hasLogins(logins: unknown): boolean {
  return typeof logins === 'object' && logins !== null && Object.keys(logins).length > 0;
}
