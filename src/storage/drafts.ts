/**
 * Drafts: whatever a form holds, per scope and key (environment, user, group, record),
 * validated on read with the caller's schema. Each save carries a sequence number that
 * only grows (across reloads too: it starts from the clock), and a save never replaces
 * a draft with a higher one, so a late write can never put an older draft back.
 */
import type * as z from 'zod/mini';
import { database } from './database';
import { journalWhileInFlight, nextWriteSeq, noteSeenSeq } from './journal';
import { attempt, type StorageResult } from './result';
import { scopeKey, type StorageScope } from './scope';

export interface StoredDraft<T> {
  seq: number;
  savedAt: string;
  payload: T;
}

/** The seq for the next save or discard of a draft. */
export const nextDraftSeq = nextWriteSeq;

/**
 * Stores a draft unless a newer one (higher seq, or a newer discard) is stored already.
 * Registered in the unload journal from the moment of the call, so a reload right
 * after typing keeps it.
 */
export async function saveDraft(scope: StorageScope, key: string, seq: number, payload: unknown): Promise<StorageResult<'saved' | 'superseded'>> {
  const row = { scope: scopeKey(scope), key, seq, savedAt: new Date().toISOString(), payload };
  const settled = journalWhileInFlight({ kind: 'draft', ...row });
  const result = await attempt(async () => {
    const tx = (await database()).transaction('drafts', 'readwrite');
    const existing = await tx.store.get([row.scope, key]);
    if (existing && typeof existing.seq === 'number' && existing.seq > seq) {
      await tx.done;
      return 'superseded' as const;
    }
    await tx.store.put(row);
    await tx.done;
    return 'saved' as const;
  });
  settled();
  return result;
}

/** The stored draft; undefined when there is none, or it fails validation (then `invalid` is true). */
export async function loadDraft<T>(
  scope: StorageScope,
  key: string,
  schema: z.ZodMiniType<T>,
): Promise<StorageResult<{ draft?: StoredDraft<T>; invalid: boolean }>> {
  return attempt(async () => {
    const row = await (await database()).get('drafts', [scopeKey(scope), key]);
    if (!row || row.payload === null) return { invalid: false };
    const parsed = schema.safeParse(row.payload);
    if (!parsed.success || typeof row.seq !== 'number' || typeof row.savedAt !== 'string') return { invalid: true };
    noteSeenSeq(row.seq);
    return { draft: { seq: row.seq, savedAt: row.savedAt, payload: parsed.data }, invalid: false };
  }, 5_000);
}

/**
 * Discards the draft as of `seq`: a tombstone, so a save still in flight with a lower
 * seq cannot bring it back. When even the small tombstone cannot be written (storage
 * full), the row is deleted instead, which frees space.
 */
export async function discardDraft(scope: StorageScope, key: string, seq: number): Promise<StorageResult<undefined>> {
  const tombstone = await saveDraft(scope, key, seq, null);
  if (tombstone.ok) return { ok: true, value: undefined };
  return attempt(async () => {
    await (await database()).delete('drafts', [scopeKey(scope), key]);
    return undefined;
  });
}
