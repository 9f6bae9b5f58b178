/** What the current user (or guest) may write to a group, from config.json's `roles` (see src/domain/writeAccess.ts). */
import { useRuntimeConfig } from './AwsContext';
import { ROLE_LABELS, useSignIn } from './signInState';
import { writeAccess, type WriteAccess } from '../domain/writeAccess';
import type { FeatureGroupSchema } from '../domain/schema';

export function useWriteAccess(schema: Pick<FeatureGroupSchema, 'name' | 'onlineStore' | 'eventTimeName'>, editing: boolean): WriteAccess {
  const config = useRuntimeConfig();
  const state = useSignIn();
  if (state.status === 'guest') return writeAccess(config.roles?.guest, 'guest', schema, editing);
  const role = state.user.role;
  if (!role) return { kind: 'unknown' };
  return writeAccess(config.roles?.[role], ROLE_LABELS[role], schema, editing);
}
