/**
 * Authorization as AWS decides it: the caller's IAM policy document (the guest's, or the
 * signed-in user's role from packages/role-policies, the same documents the deploy
 * attaches) evaluated by an IAM policy simulator (@cloud-copilot/iam-simulate) for the
 * checks AWS makes for each operation (Developer Guide, feature-store-security; Service
 * Authorization Reference):
 *
 * - UpdateRecord is `sagemaker:PutRecord` with `sagemaker:IsUpdateRecord` = true and
 *   `sagemaker:UpdatableFeatures` = the features it sends; PutRecord has IsUpdateRecord =
 *   false and no UpdatableFeatures.
 * - BatchWriteRecord needs `sagemaker:BatchWriteRecord` and `sagemaker:PutRecord` (no
 *   IsUpdateRecord) on every target group; BatchGetRecord `sagemaker:BatchGetRecord` on
 *   every group it names.
 * - Every other operation is `sagemaker:<Operation>` on the group's ARN, or `*` when it
 *   names no group (ListFeatureGroups, Search).
 *
 * The static developer key pair is an administrator and is never checked. Decisions are
 * cached per policy document (the simulator parses the document on every call): the
 * cache is exact, since a decision depends only on the document, action, resource and
 * condition keys, and bounded.
 */
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { featureGroupArn, type PolicyDocument, type RolePolicyParameters } from 'featurestore-role-policies';

export type { PolicyDocument } from 'featurestore-role-policies';

/** One check AWS makes: an IAM action on a resource with the request's condition keys. */
export interface AuthorizationCheck {
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/** Decisions kept per policy document before the cache starts over. */
const MAX_CACHED_DECISIONS = 10_000;
const decisionCaches = new WeakMap<PolicyDocument, Map<string, Decision>>();

/** The simulator's decision for one check, cached per document. */
export function decide(policy: PolicyDocument, accountId: string, check: AuthorizationCheck): Decision {
  let cache = decisionCaches.get(policy);
  if (!cache) decisionCaches.set(policy, (cache = new Map()));
  const key = `${check.action}\0${check.resource}\0${JSON.stringify(check.context)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const result = runUnsafeSimulation(simulationOf(policy, accountId, check), {}) as Decision;
  if (cache.size >= MAX_CACHED_DECISIONS) cache.clear();
  cache.set(key, result);
  return result;
}

function simulationOf(policy: PolicyDocument, accountId: string, check: AuthorizationCheck): Simulation {
  return {
    identityPolicies: [{ name: 'role', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      action: check.action,
      principal: `arn:aws:sts::${accountId}:assumed-role/FeatureStoreConsole/CognitoIdentityCredentials`,
      resource: { resource: check.resource, accountId },
      contextVariables: check.context,
    },
  };
}

/** The checks AWS makes for an operation on the groups it names (names already resolved from ARNs). */
export function checksFor(
  account: Pick<RolePolicyParameters, 'partition' | 'region' | 'account'>,
  operation: string,
  groups: readonly string[],
  body: Record<string, unknown>,
): AuthorizationCheck[] {
  const arn = (group: string) => featureGroupArn(account, group);
  if (groups.length === 0) return [{ action: `sagemaker:${operation}`, resource: '*', context: {} }];
  switch (operation) {
    case 'PutRecord':
      return groups.map((group) => ({ action: 'sagemaker:PutRecord', resource: arn(group), context: { 'sagemaker:IsUpdateRecord': 'false' } }));
    case 'UpdateRecord': {
      // Every feature the call sends, the event time feature included when sent (AWS does not
      // say otherwise; decision written in the README): an allow-list names it too.
      const names = Array.isArray(body.Features)
        ? (body.Features as unknown[])
            .map((feature) => (feature as { FeatureName?: unknown } | null)?.FeatureName)
            .filter((name): name is string => typeof name === 'string')
        : [];
      const context: Record<string, string | string[]> = { 'sagemaker:IsUpdateRecord': 'true' };
      // Absent when the call names no feature, as the guide says.
      if (names.length > 0) context['sagemaker:UpdatableFeatures'] = [...new Set(names)].sort();
      return groups.map((group) => ({ action: 'sagemaker:PutRecord', resource: arn(group), context }));
    }
    case 'BatchWriteRecord':
      return groups.flatMap((group) => [
        { action: 'sagemaker:BatchWriteRecord', resource: arn(group), context: {} },
        { action: 'sagemaker:PutRecord', resource: arn(group), context: {} },
      ]);
    default:
      return groups.map((group) => ({ action: `sagemaker:${operation}`, resource: arn(group), context: {} }));
  }
}

/** The first check the policy refuses, with how; undefined when every check is allowed. */
export function firstRefusal(
  policy: PolicyDocument,
  accountId: string,
  checks: readonly AuthorizationCheck[],
): { check: AuthorizationCheck; decision: Decision } | undefined {
  for (const check of checks) {
    const decision = decide(policy, accountId, check);
    if (decision !== 'Allowed') return { check, decision };
  }
  return undefined;
}

/** AWS's wording for a refusal (the IAM "is not authorized to perform" message). */
export function refusalMessage(principalArn: string, check: AuthorizationCheck, decision: Decision): string {
  const why =
    decision === 'ExplicitlyDenied'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${check.action} action`;
  return `User: ${principalArn} is not authorized to perform: ${check.action} on resource: ${check.resource} ${why}`;
}

const NEW_FORMAT_EXAMPLE = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['sagemaker:GetRecord', 'sagemaker:PutRecord'], Resource: 'arn:aws:sagemaker:us-east-1:000000000000:feature-group/*' },
    { Effect: 'Deny', Action: 'sagemaker:PutRecord', Resource: 'arn:aws:sagemaker:us-east-1:000000000000:feature-group/exchange-rates' },
  ],
};

interface OldStatement {
  effect?: unknown;
  actions?: unknown;
  featureGroups?: unknown;
}

/** The old format's statements as IAM statements, to show in the refusal. */
function translateOldFormat(statements: OldStatement[], account: Pick<RolePolicyParameters, 'partition' | 'region' | 'account'>): unknown {
  return {
    Version: '2012-10-17',
    Statement: statements.map((statement) => ({
      Effect: statement.effect,
      Action: (Array.isArray(statement.actions) ? statement.actions : []).map((action) =>
        action === 'UpdateRecord' ? 'sagemaker:PutRecord' : `sagemaker:${String(action)}`,
      ),
      Resource: (Array.isArray(statement.featureGroups) ? statement.featureGroups : []).map((group) =>
        group === '*' ? '*' : featureGroupArn(account, String(group)),
      ),
    })),
  };
}

/**
 * LOCAL_FEATURESTORE_GUEST_POLICY: an IAM policy document, checked by the simulator's
 * validation (actions, resources, condition operators). The old `{"statements": [...]}`
 * format is refused with a message showing the same policy as an IAM document.
 */
export async function parseGuestPolicy(json: unknown, account: Pick<RolePolicyParameters, 'partition' | 'region' | 'account'>): Promise<PolicyDocument> {
  const value = json as { statements?: unknown; Statement?: unknown; Version?: unknown } | null;
  if (value && Array.isArray(value.statements)) {
    throw new Error(
      `The guest policy is now an IAM policy document. The same policy as one (sagemaker:UpdateRecord is not an IAM action: UpdateRecord is authorized as sagemaker:PutRecord):\n${JSON.stringify(translateOldFormat(value.statements as OldStatement[], account), null, 2)}`,
    );
  }
  if (!value || typeof value !== 'object' || value.Statement === undefined) {
    throw new Error(`The guest policy must be an IAM policy document, for example:\n${JSON.stringify(NEW_FORMAT_EXAMPLE, null, 2)}`);
  }
  const policy = json as PolicyDocument;
  const probe = await runSimulation(simulationOf(policy, account.account, { action: 'sagemaker:ListFeatureGroups', resource: '*', context: {} }), {});
  if (probe.resultType === 'error') throw new Error(`The guest policy is not a valid IAM policy document: ${JSON.stringify(probe.errors)}`);
  return policy;
}
