import { useWriteAccess } from '../aws/writeAccess';
import type { WriteAccess } from '../domain/writeAccess';
import type { FeatureGroupSchema } from '../domain/schema';

export type DeleteAccess = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether the user's role may delete records of this group, from config.json's `roles`:
 * deleting needs whole-record writes (sagemaker:DeleteRecord), which readers, support (it
 * may only UpdateRecord named features) and non-admins on reference groups lack. Unknown
 * roles may try: AWS decides, and a refusal is shown in words.
 */
export function deleteAccessOf(access: WriteAccess): DeleteAccess {
  if (access.kind === 'all' || access.kind === 'unknown') return { allowed: true };
  return { allowed: false, reason: access.reason };
}

export function useDeleteAccess(schema: Pick<FeatureGroupSchema, 'name' | 'onlineStore' | 'eventTimeName'>): DeleteAccess {
  return deleteAccessOf(useWriteAccess(schema, false));
}

/** Why Delete is disabled, under it (the button's aria-describedby names this id). */
export function DeleteAccessNote({ id, access }: { id: string; access: DeleteAccess }) {
  if (access.allowed) return null;
  return (
    <p id={id} className="muted" role="note" aria-label="Why you may not delete" data-testid="delete-access">
      You may not delete records here. {access.reason}
    </p>
  );
}
