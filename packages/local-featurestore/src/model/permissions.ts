/**
 * What the Cognito guest role may do, by action and feature group, so that
 * AccessForbidden can be seen and tested locally. The static developer key pair is
 * an administrator and is never checked.
 *
 * A policy is a list of statements, evaluated like IAM: an explicit Deny wins, then
 * an Allow is needed. Actions and groups accept `*` as a wildcard suffix.
 */

export interface PolicyStatement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  featureGroups: string[];
}

export interface GuestPolicy {
  statements: PolicyStatement[];
}

export const WRITE_ACTIONS = ['PutRecord', 'UpdateRecord', 'DeleteRecord', 'BatchWriteRecord'];
/** The reads every signed-in role has: records and the descriptions the console shows. */
export const READ_ACTIONS = ['GetRecord', 'BatchGetRecord', 'ListRecords', 'ListFeatureGroups', 'DescribeFeatureGroup', 'DescribeFeatureMetadata', 'Search'];

/** The user-pool groups the identity pool maps to roles, most privileged first (their precedence). */
export const CONSOLE_ROLES = ['admins', 'writers', 'readers'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** The role a token's cognito:groups map to: the most privileged group it names, or none. */
export function roleForGroups(groups: readonly string[]): ConsoleRole | undefined {
  return CONSOLE_ROLES.find((role) => groups.includes(role));
}

/**
 * The signed-in roles' policies. Readers read; writers also write every group except the
 * read-only reference groups; admins may do everything the console does, including
 * writing those reference groups (the admin-only action). Creating and deleting feature
 * groups stays with the developer key, as with the guest.
 */
export function rolePolicies(readOnlyGroups: string[]): Record<ConsoleRole, GuestPolicy> {
  return {
    readers: { statements: [{ effect: 'Allow', actions: READ_ACTIONS, featureGroups: ['*'] }] },
    writers: {
      statements: [
        { effect: 'Allow', actions: [...READ_ACTIONS, ...WRITE_ACTIONS], featureGroups: ['*'] },
        { effect: 'Deny', actions: WRITE_ACTIONS, featureGroups: readOnlyGroups },
      ],
    },
    admins: {
      statements: [
        { effect: 'Allow', actions: ['*'], featureGroups: ['*'] },
        { effect: 'Deny', actions: ['CreateFeatureGroup', 'DeleteFeatureGroup'], featureGroups: ['*'] },
      ],
    },
  };
}

/** By default the guest may do everything except write to the seeded read-only group. */
export function defaultGuestPolicy(readOnlyGroups: string[]): GuestPolicy {
  return {
    statements: [
      { effect: 'Allow', actions: ['*'], featureGroups: ['*'] },
      { effect: 'Deny', actions: WRITE_ACTIONS, featureGroups: readOnlyGroups },
      // Creating and deleting feature groups is an administrator's job, as in a real account.
      { effect: 'Deny', actions: ['CreateFeatureGroup', 'DeleteFeatureGroup'], featureGroups: ['*'] },
    ],
  };
}

function matches(patterns: string[], value: string): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value));
}

/** What a decision needs of the caller (model/identity.ts's Principal; typed here so identity.ts alone imports this file). */
export interface PolicySubject {
  kind: 'developer' | 'guest' | 'authenticated';
  /** A signed-in user's role policy. */
  policy?: GuestPolicy;
}

export function isAllowed(policy: GuestPolicy, principal: PolicySubject, action: string, featureGroupName: string | undefined): boolean {
  if (principal.kind === 'developer') return true;
  // A signed-in user's role policy replaces the guest's.
  if (principal.policy) policy = principal.policy;
  const group = featureGroupName ?? '*';
  const applies = (statement: PolicyStatement) =>
    matches(statement.actions, action) && (featureGroupName === undefined || matches(statement.featureGroups, group));
  if (policy.statements.some((statement) => statement.effect === 'Deny' && applies(statement))) return false;
  return policy.statements.some((statement) => statement.effect === 'Allow' && applies(statement));
}

export function parseGuestPolicy(json: unknown): GuestPolicy {
  const statements = (json as { statements?: unknown })?.statements;
  if (!Array.isArray(statements)) throw new Error('A guest policy is {"statements": [{"effect": "Allow"|"Deny", "actions": [...], "featureGroups": [...]}]}.');
  for (const statement of statements as PolicyStatement[]) {
    if ((statement.effect !== 'Allow' && statement.effect !== 'Deny') || !Array.isArray(statement.actions) || !Array.isArray(statement.featureGroups)) {
      throw new Error(`Invalid policy statement: ${JSON.stringify(statement)}`);
    }
  }
  return { statements: statements as PolicyStatement[] };
}
