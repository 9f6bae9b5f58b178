/**
 * Small per-scope settings (the editor's Form/JSON view, ...), validated on read: an
 * unknown or damaged value reads as "not set".
 *
 * The theme is not here: it must apply before the first paint, synchronously, and
 * before anyone signs in, so src/app/theme.ts keeps that one word in localStorage.
 */
import type * as z from 'zod/mini';
import { database } from './database';
import { journalWhileInFlight, nextWriteSeq } from './journal';
import { attempt, type StorageResult } from './result';
import { scopeKey, type StorageScope } from './scope';

export async function readPreference<T>(scope: StorageScope, name: string, schema: z.ZodMiniType<T>): Promise<T | undefined> {
  const result = await attempt(async () => (await database()).get('preferences', [scopeKey(scope), name]), 5_000);
  if (!result.ok || !result.value) return undefined;
  const parsed = schema.safeParse(result.value.value);
  return parsed.success ? parsed.data : undefined;
}

export async function writePreference(scope: StorageScope, name: string, value: unknown): Promise<StorageResult<undefined>> {
  const row = { scope: scopeKey(scope), name, seq: nextWriteSeq(), value };
  const settled = journalWhileInFlight({ kind: 'preference', ...row });
  const result = await attempt(async () => {
    await (await database()).put('preferences', row);
    return undefined;
  });
  settled();
  return result;
}
