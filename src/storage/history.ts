/**
 * The history of writes and deletes made from this browser: one IndexedDB row per
 * entry, so an append costs the same with 10 or 100,000 entries. Request inputs and
 * outcomes only, never credentials. Oldest entries go first once the count or the
 * total size passes its cap (both global: the browser's quota is per origin).
 *
 * Every function returns a StorageResult: a full or broken store never throws into a
 * write (see src/aws/writes.ts, which records after the AWS answer).
 */
import * as z from 'zod/mini';
import { database, type ConsoleDatabase, type Database, type HistoryRow } from './database';
import { attempt, type StorageResult } from './result';
import { scopeKey, type StorageScope } from './scope';
import type { IDBPTransaction } from 'idb';

export const HISTORY_OPERATIONS = ['PutRecord', 'UpdateRecord', 'DeleteRecord'] as const;
export type HistoryOperation = (typeof HISTORY_OPERATIONS)[number];
export const HISTORY_OUTCOMES = ['success', 'error'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

/** Oldest entries go first beyond either cap. */
export const MAX_HISTORY_ENTRIES = 100_000;
export const MAX_HISTORY_SIZE = 64 * 1024 * 1024;
/** A single entry above this keeps its outcome but not its request input (which would push out hundreds of others). */
export const MAX_ENTRY_SIZE = 2 * 1024 * 1024;

const historyEntrySchema = z.object({
  at: z.string(),
  environment: z.string(),
  user: z.string(),
  featureGroup: z.string(),
  recordId: z.string(),
  operation: z.enum(HISTORY_OPERATIONS),
  targetStores: z.array(z.string()),
  outcome: z.enum(HISTORY_OUTCOMES),
  requestId: z.optional(z.string()),
  errorName: z.optional(z.string()),
  errorKind: z.optional(z.string()),
  message: z.optional(z.string()),
  /** What AWS's success did not say, learned after it (e.g. the write reached the offline store only). */
  note: z.optional(z.string()),
  /** Who made the write: the signed-in user's name and role (absent for guests and in entries older than sign-in). */
  actor: z.optional(z.object({ name: z.string().check(z.maxLength(256)), role: z.optional(z.string().check(z.maxLength(64))) })),
  request: z.unknown(),
  requestOmitted: z.optional(z.boolean()),
});

export type StoredHistoryEntry = z.infer<typeof historyEntrySchema>;
export type HistoryEntry = StoredHistoryEntry & { id: number };
export type NewHistoryEntry = Omit<StoredHistoryEntry, 'at' | 'environment' | 'user'> & { at?: string };

export interface HistoryFilter {
  group?: string | undefined;
  operation?: HistoryOperation | undefined;
  outcome?: HistoryOutcome | undefined;
}

const statsSchema = z.object({ count: z.number(), size: z.number() });
type HistoryStats = z.infer<typeof statsSchema>;
const STATS_KEY = 'history-stats';

/** A stored row as an entry, or undefined when it fails validation (skipped and counted by readers). */
export function entryFromRow(row: unknown): HistoryEntry | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const { seq, entry } = row as { seq?: unknown; entry?: unknown };
  if (typeof seq !== 'number') return undefined;
  const parsed = historyEntrySchema.safeParse(entry);
  return parsed.success ? { ...parsed.data, id: seq } : undefined;
}

export function matchesFilter(row: Pick<HistoryRow, 'featureGroup' | 'operation' | 'outcome'>, filter: HistoryFilter): boolean {
  return (
    (filter.group === undefined || row.featureGroup === filter.group) &&
    (filter.operation === undefined || row.operation === filter.operation) &&
    (filter.outcome === undefined || row.outcome === filter.outcome)
  );
}

/** How many of the oldest rows eviction removes, given the sizes of the oldest rows in order. Pure: see history.test.ts. */
export function evictionCount(stats: HistoryStats, oldestSizes: Iterable<number>, caps = { count: MAX_HISTORY_ENTRIES, size: MAX_HISTORY_SIZE }): number {
  let { count, size } = stats;
  let evict = 0;
  for (const rowSize of oldestSizes) {
    if (count <= caps.count && size <= caps.size) break;
    count -= 1;
    size -= rowSize;
    evict += 1;
  }
  return evict;
}

// ---- change notifications (this tab and others) ----

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('featurestore-console:history');
channel?.addEventListener('message', () => notifyHere());

function notifyHere(): void {
  for (const listener of listeners) listener();
}

function notifyChanged(): void {
  notifyHere();
  channel?.postMessage('changed');
}

export function subscribeHistory(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// ---- reading ----

type HistoryIndex = 'byScope' | 'byGroup' | 'byOperation' | 'byOutcome';

/** The narrowest index for a filter, and its key range up to (excluding) `before`. The other filter parts are checked row by row. */
function indexFor(scope: string, filter: HistoryFilter, before = Infinity): { index: HistoryIndex; range: IDBKeyRange } {
  const upper = (prefix: (string | number)[]) => IDBKeyRange.bound([...prefix, -Infinity], [...prefix, before], false, true);
  if (filter.group !== undefined) return { index: 'byGroup', range: upper([scope, filter.group]) };
  if (filter.operation !== undefined) return { index: 'byOperation', range: upper([scope, filter.operation]) };
  if (filter.outcome !== undefined) return { index: 'byOutcome', range: upper([scope, filter.outcome]) };
  return { index: 'byScope', range: upper([scope]) };
}

function needsRowCheck(filter: HistoryFilter): boolean {
  return [filter.group, filter.operation, filter.outcome].filter((part) => part !== undefined).length > 1;
}

export interface HistoryPage {
  /** Newest first. */
  entries: HistoryEntry[];
  /** Rows in this page's range that failed validation and were left out. */
  skipped: number;
  /** Pass as `before` to read the next (older) page; undefined at the end. */
  nextBefore?: number;
}

/** One page of entries, newest first, older than `before` (an entry id). Keyset paging: the cost does not grow with the page number. */
export function readHistoryPage(scope: StorageScope, filter: HistoryFilter, page: { before?: number; limit: number }): Promise<StorageResult<HistoryPage>> {
  return attempt(async () => {
    const db = await database();
    const { index, range } = indexFor(scopeKey(scope), filter, page.before);
    const entries: HistoryEntry[] = [];
    let skipped = 0;
    let cursor = await db.transaction('history').store.index(index).openCursor(range, 'prev');
    let lastSeq: number | undefined;
    let more = false;
    while (cursor) {
      if (entries.length + skipped >= page.limit) {
        more = true;
        break;
      }
      lastSeq = cursor.primaryKey;
      if (matchesFilter(cursor.value, filter)) {
        const entry = entryFromRow(cursor.value);
        if (entry) entries.push(entry);
        else skipped += 1;
      }
      cursor = await cursor.continue();
    }
    return { entries, skipped, ...(more && lastSeq !== undefined ? { nextBefore: lastSeq } : {}) };
  });
}

/** How many entries match (counted by the index alone when one filter part is set). */
export function countHistory(scope: StorageScope, filter: HistoryFilter): Promise<StorageResult<number>> {
  return attempt(async () => {
    const db = await database();
    const { index, range } = indexFor(scopeKey(scope), filter);
    const store = db.transaction('history').store.index(index);
    if (!needsRowCheck(filter)) return store.count(range);
    let count = 0;
    for (let cursor = await store.openCursor(range); cursor; cursor = await cursor.continue()) {
      if (matchesFilter(cursor.value, filter)) count += 1;
    }
    return count;
  }, 60_000);
}

/** The feature groups that have entries, sorted: one index step per group, not per entry. */
export function historyGroups(scope: StorageScope): Promise<StorageResult<string[]>> {
  return attempt(async () => {
    const db = await database();
    const key = scopeKey(scope);
    const groups: string[] = [];
    const index = db.transaction('history').store.index('byGroup');
    let cursor = await index.openKeyCursor(IDBKeyRange.bound([key], [key, []]));
    while (cursor) {
      const group = (cursor.key as [string, string, number])[1];
      groups.push(group);
      cursor = await cursor.continue([key, group, Infinity]);
    }
    return groups;
  });
}

/**
 * The matching entries as JSON Lines, oldest first, in chunks of `chunkSize` lines read
 * in one short transaction each: memory holds one chunk, never the whole history.
 */
export async function* exportHistory(scope: StorageScope, filter: HistoryFilter, chunkSize = 1000): AsyncGenerator<string> {
  const db = await database();
  const key = scopeKey(scope);
  let after = -Infinity;
  for (;;) {
    const { index, range: full } = indexFor(key, filter);
    const range = IDBKeyRange.bound([...(full.lower as (string | number)[]).slice(0, -1), after], full.upper as (string | number)[], true, true);
    let lines = '';
    let taken = 0;
    let cursor = await db.transaction('history').store.index(index).openCursor(range);
    while (cursor && taken < chunkSize) {
      after = cursor.primaryKey;
      taken += 1;
      if (matchesFilter(cursor.value, filter)) {
        const entry = entryFromRow(cursor.value);
        if (entry) lines += JSON.stringify(entry) + '\n';
      }
      cursor = await cursor.continue();
    }
    if (lines) yield lines;
    if (taken < chunkSize) return;
  }
}

// ---- writing ----

type HistoryWrite = IDBPTransaction<ConsoleDatabase, ('history' | 'meta')[], 'readwrite'>;

async function readStats(tx: HistoryWrite): Promise<HistoryStats> {
  const parsed = statsSchema.safeParse(await tx.objectStore('meta').get(STATS_KEY));
  if (parsed.success) return parsed.data;
  // Missing or damaged bookkeeping: count again (once; then it is kept up to date).
  const stats = { count: 0, size: 0 };
  for (let cursor = await tx.objectStore('history').openCursor(); cursor; cursor = await cursor.continue()) {
    stats.count += 1;
    stats.size += typeof cursor.value.size === 'number' ? cursor.value.size : 0;
  }
  return stats;
}

/** Deletes the oldest rows until both caps hold. */
async function evict(tx: HistoryWrite, stats: HistoryStats): Promise<HistoryStats> {
  const next = { ...stats };
  let cursor = await tx.objectStore('history').openCursor();
  while (cursor && evictionCount(next, [cursor.value.size]) > 0) {
    next.count -= 1;
    next.size -= cursor.value.size;
    await cursor.delete();
    cursor = await cursor.continue();
  }
  return next;
}

function rowFor(scope: StorageScope, entry: NewHistoryEntry): HistoryRow {
  let stored: StoredHistoryEntry = { ...entry, at: entry.at ?? new Date().toISOString(), environment: scope.environment, user: scope.user };
  let json = JSON.stringify(stored);
  if (json.length > MAX_ENTRY_SIZE) {
    stored = { ...stored, request: null, requestOmitted: true };
    json = JSON.stringify(stored);
  }
  return { scope: scopeKey(scope), featureGroup: stored.featureGroup, operation: stored.operation, outcome: stored.outcome, size: json.length, entry: stored };
}

async function appendOnce(db: Database, row: HistoryRow): Promise<HistoryEntry> {
  const tx = db.transaction(['history', 'meta'], 'readwrite');
  const before = await readStats(tx);
  const seq = await tx.objectStore('history').add(row);
  const stats = await evict(tx, { count: before.count + 1, size: before.size + row.size });
  await tx.objectStore('meta').put(stats, STATS_KEY);
  await tx.done;
  return { ...(row.entry as StoredHistoryEntry), id: seq };
}

/**
 * Records one entry. O(1): one row added, the running count and size updated, and the
 * oldest rows removed only when a cap is passed. When the browser says the quota is
 * full, the oldest tenth of the history is removed and the append tried once more.
 */
export async function appendHistory(scope: StorageScope, entry: NewHistoryEntry): Promise<StorageResult<HistoryEntry>> {
  const row = rowFor(scope, entry);
  const first = await attempt(async () => appendOnce(await database(), row));
  if (first.ok || first.reason !== 'full') {
    if (first.ok) notifyChanged();
    return first;
  }
  const retried = await attempt(async () => {
    const db = await database();
    await shrinkHistory(db, 0.1);
    return appendOnce(db, row);
  });
  notifyChanged();
  return retried;
}

/** Removes the oldest `fraction` of all history rows (at least one), to make room. */
async function shrinkHistory(db: Database, fraction: number): Promise<void> {
  const tx = db.transaction(['history', 'meta'], 'readwrite');
  const stats = await readStats(tx);
  let remove = Math.max(1, Math.ceil(stats.count * fraction));
  const next = { ...stats };
  for (let cursor = await tx.objectStore('history').openCursor(); cursor && remove > 0; cursor = await cursor.continue(), remove -= 1) {
    next.count -= 1;
    next.size -= cursor.value.size;
    await cursor.delete();
  }
  await tx.objectStore('meta').put(next, STATS_KEY);
  await tx.done;
}

/** Deleting costs about 0.35 ms per entry: all of 100,000 takes tens of seconds, more on a slow machine. */
const CLEAR_TIMEOUT_MS = 600_000;

/** Deletes the matching entries of this scope (all of them with an empty filter); resolves to how many. */
export async function clearHistory(scope: StorageScope, filter: HistoryFilter): Promise<StorageResult<number>> {
  const result = await attempt(async () => {
    const db = await database();
    const tx = db.transaction(['history', 'meta'], 'readwrite');
    const stats = await readStats(tx);
    const { index, range } = indexFor(scopeKey(scope), filter);
    let removed = 0;
    for (let cursor = await tx.objectStore('history').index(index).openCursor(range); cursor; cursor = await cursor.continue()) {
      if (!matchesFilter(cursor.value, filter)) continue;
      stats.count -= 1;
      stats.size -= cursor.value.size;
      removed += 1;
      await cursor.delete();
    }
    await tx.objectStore('meta').put(stats, STATS_KEY);
    await tx.done;
    return removed;
  }, CLEAR_TIMEOUT_MS);
  notifyChanged();
  return result;
}
