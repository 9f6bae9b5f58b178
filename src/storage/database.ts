/**
 * The console's one IndexedDB database, through `idb`. Versioned: an upgrade adds to
 * the schema below; rows are validated on read (see each store's module), so a row
 * written by an older or newer version, or damaged, is skipped and reported rather
 * than trusted.
 *
 * Version 1 stores, every key starting with the scope (see scope.ts):
 * - history:     one row per write, auto-increment `seq` (oldest first); indexes by
 *                scope, group, operation and outcome, each ending with `seq`.
 * - drafts:      [scope, key] -> the form as typed.
 * - templates:   [scope, group, name] -> a record template.
 * - preferences: [scope, name] -> a small value (editor view, ...).
 * - meta:        global bookkeeping (history's running count and size, for eviction).
 *
 * Version 2 adds:
 * - imports:     [scope, key] -> a bulk import's progress (which rows AWS acknowledged),
 *                key = group + file name + size + lastModified (see imports.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { takeJournal } from './journal';

export const DATABASE_NAME = 'featurestore-console';
export const DATABASE_VERSION = 2;

export interface HistoryRow {
  seq?: number;
  scope: string;
  featureGroup: string;
  operation: string;
  outcome: string;
  /** Serialized size of `entry` in UTF-16 code units: what eviction by size counts. */
  size: number;
  entry: unknown;
}

export interface ConsoleDatabase extends DBSchema {
  history: {
    key: number;
    value: HistoryRow;
    indexes: {
      byScope: [string, number];
      byGroup: [string, string, number];
      byOperation: [string, string, number];
      byOutcome: [string, string, number];
    };
  };
  /** `payload: null` is a tombstone: the draft was discarded at `seq`, and older saves still in flight must not bring it back. */
  drafts: { key: [string, string]; value: { scope: string; key: string; seq: number; savedAt: string; payload: unknown } };
  templates: {
    key: [string, string, string];
    value: { scope: string; group: string; name: string; template: unknown };
    indexes: { byGroup: [string, string] };
  };
  preferences: { key: [string, string]; value: { scope: string; name: string; seq?: number; value: unknown } };
  meta: { key: string; value: unknown };
  imports: { key: [string, string]; value: { scope: string; key: string; seq: number; progress: unknown } };
}

export type Database = IDBPDatabase<ConsoleDatabase>;

let opening: Promise<Database> | undefined;

/** Replays the writes an earlier page left in the unload journal (see journal.ts). */
async function replayJournal(db: Database): Promise<Database> {
  const entries = takeJournal();
  if (entries.length === 0) return db;
  const tx = db.transaction(['drafts', 'preferences', 'imports'], 'readwrite');
  for (const entry of entries) {
    if (entry.kind === 'import') {
      const existing = await tx.objectStore('imports').get([entry.scope, entry.key]);
      if (existing && typeof existing.seq === 'number' && existing.seq >= entry.seq) continue;
      await tx.objectStore('imports').put({ scope: entry.scope, key: entry.key, seq: entry.seq, progress: entry.progress });
      continue;
    }
    if (entry.kind === 'preference') {
      const existing = await tx.objectStore('preferences').get([entry.scope, entry.name]);
      if (existing && typeof existing.seq === 'number' && existing.seq >= entry.seq) continue;
      await tx.objectStore('preferences').put({ scope: entry.scope, name: entry.name, seq: entry.seq, value: entry.value });
      continue;
    }
    const existing = await tx.objectStore('drafts').get([entry.scope, entry.key]);
    if (existing && typeof existing.seq === 'number' && existing.seq >= entry.seq) continue;
    await tx.objectStore('drafts').put({ scope: entry.scope, key: entry.key, seq: entry.seq, savedAt: entry.savedAt, payload: entry.payload });
  }
  await tx.done;
  return db;
}

/** The open database, opened once. A failed open is retried on the next call. */
export function database(): Promise<Database> {
  if (!opening) {
    opening = openDB<ConsoleDatabase>(DATABASE_NAME, DATABASE_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          const history = db.createObjectStore('history', { keyPath: 'seq', autoIncrement: true });
          history.createIndex('byScope', ['scope', 'seq']);
          history.createIndex('byGroup', ['scope', 'featureGroup', 'seq']);
          history.createIndex('byOperation', ['scope', 'operation', 'seq']);
          history.createIndex('byOutcome', ['scope', 'outcome', 'seq']);
          db.createObjectStore('drafts', { keyPath: ['scope', 'key'] });
          const templates = db.createObjectStore('templates', { keyPath: ['scope', 'group', 'name'] });
          templates.createIndex('byGroup', ['scope', 'group']);
          db.createObjectStore('preferences', { keyPath: ['scope', 'name'] });
          db.createObjectStore('meta');
        }
        if (oldVersion < 2) db.createObjectStore('imports', { keyPath: ['scope', 'key'] });
      },
      blocking() {
        // Another tab opens a newer version: step aside so its upgrade can run.
        void opening?.then((db) => db.close());
        opening = undefined;
      },
      terminated() {
        opening = undefined;
      },
    }).then((db) => replayJournal(db).catch(() => db));
    opening.catch(() => {
      opening = undefined;
    });
  }
  return opening;
}
