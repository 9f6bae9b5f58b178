/**
 * The history of writes and deletes made from this browser. Kept in localStorage,
 * unencrypted, per browser profile: request inputs and outcomes only, never
 * credentials. It lives in aws/ because it is a log of AWS calls, written by the
 * call wrappers every feature uses (see writes.ts), so no feature imports another.
 */
export type HistoryOperation = 'PutRecord' | 'UpdateRecord' | 'DeleteRecord';

export interface HistoryEntry {
  id: string;
  at: string;
  environment: string;
  featureGroup: string;
  recordId: string;
  operation: HistoryOperation;
  targetStores: string[];
  outcome: 'success' | 'error';
  requestId?: string;
  errorName?: string;
  message?: string;
  /** The exact command input that was sent. */
  request: unknown;
}

const KEY = 'featurestore-console:history:v1';
/** Oldest entries go first beyond this, so storage never fills up. */
export const MAX_HISTORY_ENTRIES = 2000;
const listeners = new Set<() => void>();

let snapshot: { raw: string | null; entries: HistoryEntry[] } | undefined;

/** The stored entries, oldest first. The same array is returned until storage changes (for useSyncExternalStore). */
export function readHistory(): HistoryEntry[] {
  const raw = localStorage.getItem(KEY);
  if (snapshot && snapshot.raw === raw) return snapshot.entries;
  let entries: HistoryEntry[] = [];
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    if (Array.isArray(parsed)) entries = parsed as HistoryEntry[];
  } catch {
    // A damaged history reads as empty rather than breaking the page.
  }
  snapshot = { raw, entries };
  return entries;
}

function write(entries: HistoryEntry[]): void {
  localStorage.setItem(KEY, JSON.stringify(entries.slice(-MAX_HISTORY_ENTRIES)));
  for (const listener of listeners) listener();
}

export function appendHistory(entry: Omit<HistoryEntry, 'id' | 'at'> & { at?: string }): HistoryEntry {
  const full: HistoryEntry = { ...entry, id: crypto.randomUUID(), at: entry.at ?? new Date().toISOString() };
  write([...readHistory(), full]);
  return full;
}

export function clearHistory(): void {
  write([]);
}

export function subscribeHistory(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function historyToJsonLines(entries: readonly HistoryEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length ? '\n' : '');
}
