/**
 * What the signed-in user's role may write to a group, from config.json's `roles` (which
 * the deploy generates from the roles' IAM policy documents, packages/role-policies), so
 * a form says up front what it cannot do instead of letting AWS refuse it. AWS still
 * decides: a refusal the configuration did not foresee is shown in words as before.
 */
import { supportsUpdateRecord, type FeatureGroupSchema } from './schema';
import type { PlannedWrite } from './writePlan';

export interface RoleCapabilitiesLike {
  writeGroups: readonly string[];
  readOnlyGroups: readonly string[];
  updatableFeatures: Readonly<Record<string, readonly string[]>>;
}

export type WriteAccess =
  /** The configuration says nothing about this role: the form is open and AWS decides. */
  | { kind: 'unknown' }
  | { kind: 'all' }
  | { kind: 'none'; reason: string }
  /** UpdateRecord of these features of a stored record, and nothing else. */
  | { kind: 'features'; features: readonly string[]; reason: string };

function covers(patterns: readonly string[], group: string): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? group.startsWith(pattern.slice(0, -1)) : pattern === group));
}

/**
 * `editing`: the form edits a stored record (UpdateRecord is possible); otherwise it
 * writes a new one (PutRecord) or many (BatchWriteRecord), which a feature-limited role
 * may not do.
 */
export function writeAccess(
  capabilities: RoleCapabilitiesLike | undefined,
  role: string,
  schema: Pick<FeatureGroupSchema, 'name' | 'onlineStore' | 'eventTimeName'>,
  editing: boolean,
): WriteAccess {
  if (!capabilities) return { kind: 'unknown' };
  const group = schema.name;
  if (covers(capabilities.readOnlyGroups, group)) {
    return { kind: 'none', reason: `Read-only: ${group} is a reference group, which only admins may write. Your role (${role}) may read it.` };
  }
  if (covers(capabilities.writeGroups, group)) return { kind: 'all' };
  const features = capabilities.updatableFeatures[group] ?? [];
  const changeable = features.filter((name) => name !== schema.eventTimeName);
  if (changeable.length === 0) return { kind: 'none', reason: `Read-only: your role (${role}) may read records of ${group} but not write them.` };
  const list = changeable.join(', ');
  if (!supportsUpdateRecord(schema as FeatureGroupSchema)) {
    return {
      kind: 'none',
      reason: `Read-only here: your role (${role}) may change only ${list}, and only with UpdateRecord, which ${group}'s ${schema.onlineStore ? `${schema.onlineStore.storageType} online store` : 'lack of an online store'} does not offer. It may not overwrite whole records (PutRecord) or delete them: ask a writer, or move the group to Standard_V2.`,
    };
  }
  if (!editing) {
    return {
      kind: 'none',
      reason: `Read-only here (a new record): your role (${role}) may change only ${list} of existing records (open a record and edit it); it may not write new records, import or delete.`,
    };
  }
  return {
    kind: 'features',
    features,
    reason: `Your role (${role}) may change only ${list} of this record (saved with UpdateRecord); the other features are read-only, and it may not overwrite the whole record or delete it.`,
  };
}

/**
 * For a feature-limited role: why the planned write would be refused, in words, or
 * undefined when it stays within what the role may change.
 */
export function refusedChanges(access: Extract<WriteAccess, { kind: 'features' }>, plan: PlannedWrite): string | undefined {
  if (plan.operation !== 'UpdateRecord') {
    return `Not sent: this change needs PutRecord (${plan.reason ?? 'the whole record is written'}), which your role may not use. Change only ${access.features.join(', ')}, without removing a value.`;
  }
  const sent = (plan.input.Features ?? []).map((feature) => feature.FeatureName);
  const refused = sent.filter((name) => !access.features.includes(name));
  if (refused.length > 0) return `Not sent: your role may not change ${refused.join(', ')}; it may change only ${access.features.join(', ')}.`;
  return undefined;
}
