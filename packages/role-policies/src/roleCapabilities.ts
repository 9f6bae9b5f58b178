/**
 * What each role may write, in the shape the console's config.json carries (`roles`), so
 * the console says up front what a user may change instead of finding out by trial.
 * Derived from the same parameters as the policy documents (rolePolicies.ts), and a test
 * checks the two agree through the simulator.
 */
import type { ConsoleRole, RolePolicyParameters } from './rolePolicies.js';

export interface RoleCapabilities {
  /** Groups (names, or prefixes ending in `*`) whose records the role may write whole: PutRecord, UpdateRecord, DeleteRecord, BatchWriteRecord. */
  writeGroups: string[];
  /** Groups it may only read although writeGroups covers them (the reference groups). */
  readOnlyGroups: string[];
  /** Per group: the only features the role may change, with UpdateRecord only. */
  updatableFeatures: Record<string, string[]>;
}

export type CapabilityRole = ConsoleRole | 'guest';

export function roleCapabilities(parameters: RolePolicyParameters, options: { guestWrites: boolean }): Record<CapabilityRole, RoleCapabilities> {
  const groups = [...new Set(parameters.featureGroups)];
  const references = [...new Set(parameters.referenceGroups ?? [])];
  const none: RoleCapabilities = { writeGroups: [], readOnlyGroups: [], updatableFeatures: {} };
  const writers: RoleCapabilities = { writeGroups: groups, readOnlyGroups: references, updatableFeatures: {} };
  return {
    readers: none,
    support: {
      writeGroups: [],
      readOnlyGroups: [],
      updatableFeatures: Object.fromEntries(Object.entries(parameters.supportFeatures ?? {}).map(([group, features]) => [group, [...new Set(features)]])),
    },
    writers,
    admins: { writeGroups: [...new Set([...groups, ...references])], readOnlyGroups: [], updatableFeatures: {} },
    guest: options.guestWrites ? { ...writers, writeGroups: ['*'] } : none,
  };
}
