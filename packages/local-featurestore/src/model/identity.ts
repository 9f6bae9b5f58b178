/**
 * Amazon Cognito identity pools: GetId and GetCredentialsForIdentity, for guests
 * (unauthenticated, when allowed) and for users signed in to the local user pool, whose
 * ID token arrives in `Logins` (provider name = the issuer without its scheme).
 *
 * A signed-in identity's token is verified (signature, issuer, audience = an app client
 * of the pool, expiry, token_use=id) and its role comes from its `cognito:groups`, as a
 * token-based role mapping with the groups' precedence (admins, writers, support,
 * readers). Guest credentials live one hour and are stored, so a restart does not log the
 * console out; signed-in users' credentials are kept in memory only (decision): after a
 * restart they are refused and the console gets new ones with its ID token.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CredentialsRow, FeatureStoreDatabase } from '../storage/database.js';
import { cognitoNotAuthorized, cognitoNotFound } from './errors.js';
import { roleForGroups, type ConsoleRole, type PolicyDocument } from 'featurestore-role-policies';
import type { UserPoolModel } from './userPool.js';

export const CREDENTIALS_LIFETIME_MS = 60 * 60 * 1000;

type Json = Record<string, unknown>;

export interface Principal {
  kind: 'developer' | 'guest' | 'authenticated';
  accessKeyId: string;
  identityId?: string;
  /** A signed-in user's role (from their groups) and the IAM role name errors name. */
  role?: ConsoleRole;
  roleName?: string;
  policy?: PolicyDocument;
}

/** What the identity pool trusts: the local user pool and its app clients, and whether guests may in. */
export interface IdentityPoolTrust {
  userPool?: UserPoolModel;
  clientIds: readonly string[];
  allowGuests: boolean;
  rolePolicies: Record<ConsoleRole, PolicyDocument>;
}

interface AuthenticatedCredentials {
  secretAccessKey: string;
  sessionToken: string;
  expiresAtMs: number;
  identityId: string;
  role: ConsoleRole;
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
  /** Signed-in users' credentials, in memory only. */
  private readonly authenticated = new Map<string, AuthenticatedCredentials>();
  /** Identities made for signed-in users: a guest call for one of them is refused. */
  private readonly authenticatedIdentities = new Set<string>();

  constructor(
    private readonly db: FeatureStoreDatabase,
    private readonly identityPoolIds: readonly string[],
    private readonly developerKey: StaticKeyPair,
    private readonly now: () => Date,
    private readonly trust: IdentityPoolTrust = { clientIds: [], allowGuests: true, rolePolicies: {} as Record<ConsoleRole, PolicyDocument> },
  ) {}

  /** Checks a Logins map's ID token; undefined for a guest (no Logins). Throws Cognito's errors. */
  private async signedInUser(logins: unknown): Promise<{ sub: string; role: ConsoleRole } | undefined> {
    if (!hasLogins(logins)) {
      if (!this.trust.allowGuests) throw cognitoNotAuthorized('Unauthenticated access is not supported for this identity pool.');
      return undefined;
    }
    const entries = Object.entries(logins as Record<string, string>);
    const pool = this.trust.userPool;
    const [provider, token] = entries[0] ?? ['', ''];
    if (entries.length !== 1 || !pool || provider !== pool.providerName) {
      throw cognitoNotAuthorized(`Invalid login token. Issuer doesn't match providerName`);
    }
    let verified;
    try {
      verified = await pool.verify(token, { tokenUse: 'id', audiences: this.trust.clientIds });
    } catch (error) {
      throw cognitoNotAuthorized((error as Error).message);
    }
    const role = roleForGroups(verified.groups);
    if (!role) throw cognitoNotAuthorized("Invalid login token. The token's groups (cognito:groups) map to no role, and the role mapping denies it.");
    return { sub: verified.sub, role };
  }

  /** A signed-in user's identity id is the same on every GetId, as in Cognito. */
  private identityIdFor(poolId: string, sub: string): string {
    const region = poolId.split(':')[0] ?? 'us-east-1';
    const hex = createHash('sha256')
      .update(`${poolId}\0${this.trust.userPool?.providerName ?? ''}\0${sub}`)
      .digest('hex');
    return `${region}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  async getId(input: Json): Promise<{ IdentityId: string }> {
    // IdentityPoolId (1-55, the model's pattern), AccountId and Logins were checked against
    // the model by the wire layer (services/cognito-identity/wire.ts).
    const poolId = input.IdentityPoolId as string;
    if (!this.identityPoolIds.includes(poolId)) throw cognitoNotFound(`IdentityPool '${poolId}' not found.`);
    const user = await this.signedInUser(input.Logins);
    if (user) {
      const identityId = this.identityIdFor(poolId, user.sub);
      if (!this.db.getIdentityPoolId(identityId)) this.db.insertIdentity(identityId, poolId, this.now().getTime());
      this.authenticatedIdentities.add(identityId);
      return { IdentityId: identityId };
    }
    const region = poolId.split(':')[0] ?? 'us-east-1';
    const identityId = `${region}:${randomUUID()}`;
    this.db.insertIdentity(identityId, poolId, this.now().getTime());
    return { IdentityId: identityId };
  }

  async getCredentialsForIdentity(input: Json) {
    // IdentityId (1-55, the model's pattern), Logins and CustomRoleArn: checked by the wire layer.
    const identityId = input.IdentityId as string;
    const poolId = this.db.getIdentityPoolId(identityId);
    if (!poolId) throw cognitoNotFound(`Identity '${identityId}' not found.`);
    const user = await this.signedInUser(input.Logins);
    const nowMs = this.now().getTime();
    if (user) {
      // The token must belong to this identity: another user's token is refused.
      if (this.identityIdFor(poolId, user.sub) !== identityId) throw cognitoNotAuthorized('Invalid login token. The token does not belong to this identity.');
      for (const [key, row] of this.authenticated) if (row.expiresAtMs <= nowMs) this.authenticated.delete(key);
      const accessKeyId = randomKey('ASIA', 16);
      const issued: AuthenticatedCredentials = {
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(96).toString('base64'),
        expiresAtMs: nowMs + CREDENTIALS_LIFETIME_MS,
        identityId,
        role: user.role,
      };
      this.authenticated.set(accessKeyId, issued);
      return {
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: accessKeyId,
          SecretKey: issued.secretAccessKey,
          SessionToken: issued.sessionToken,
          Expiration: Math.floor(issued.expiresAtMs / 1000),
        },
      };
    } else if (this.isAuthenticatedIdentity(identityId)) {
      throw cognitoNotAuthorized('Invalid login token. Missing a required claim: the identity is authenticated; pass its Logins.');
    }
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

  /** Whether an identity was made for a signed-in user (its id is derived from the user, not random). */
  private isAuthenticatedIdentity(identityId: string): boolean {
    return this.authenticatedIdentities.has(identityId);
  }

  /**
   * Ends every signed-in user's credentials (with the user pool's revocation, the local
   * stand-in for an expired session): their next call is refused and the console must
   * get new ones, which needs a valid ID token.
   */
  revokeAuthenticatedCredentials(): number {
    const count = this.authenticated.size;
    this.authenticated.clear();
    return count;
  }

  /** The secret behind an access key id, for SigV4 verification. */
  lookupAccessKey(accessKeyId: string): { secretAccessKey: string; sessionToken?: string; expiresAtMs?: number; principal: Principal } | undefined {
    if (accessKeyId === this.developerKey.accessKeyId) {
      return { secretAccessKey: this.developerKey.secretAccessKey, principal: { kind: 'developer', accessKeyId } };
    }
    const signedIn = this.authenticated.get(accessKeyId);
    if (signedIn) {
      const roleName = `FeatureStoreConsole${signedIn.role.charAt(0).toUpperCase()}${signedIn.role.slice(1)}`;
      return {
        secretAccessKey: signedIn.secretAccessKey,
        sessionToken: signedIn.sessionToken,
        expiresAtMs: signedIn.expiresAtMs,
        principal: {
          kind: 'authenticated',
          accessKeyId,
          identityId: signedIn.identityId,
          role: signedIn.role,
          roleName,
          policy: this.trust.rolePolicies[signedIn.role],
        },
      };
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
