/**
 * Whose local data (history, drafts, templates, preferences) the console reads and
 * writes: this environment, as this signed-in user. The sign-in code calls
 * setSignedInUser(id) after sign-in and setSignedInUser(undefined) after sign-out;
 * until then everyone is 'guest'.
 */
import { useMemo, useSyncExternalStore } from 'react';
// The scope module alone: '../storage' would pull IndexedDB code into the first chunk (the header needs only this).
import { GUEST_USER, type StorageScope } from '../storage/scope';
import { useRuntimeConfig } from './AwsContext';
import { environmentKey, type RuntimeConfig } from './config';

let signedInUser = GUEST_USER;
const listeners = new Set<() => void>();

export function setSignedInUser(userId: string | undefined): void {
  const next = userId || GUEST_USER;
  if (next === signedInUser) return;
  signedInUser = next;
  for (const listener of listeners) listener();
}

export function storageScopeFor(config: RuntimeConfig, user = signedInUser): StorageScope {
  return { environment: environmentKey(config), user };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current scope; components re-render when the signed-in user changes. */
export function useStorageScope(): StorageScope {
  const config = useRuntimeConfig();
  const user = useSyncExternalStore(subscribe, () => signedInUser);
  return useMemo(() => storageScopeFor(config, user), [config, user]);
}
