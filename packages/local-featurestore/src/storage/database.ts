/**
 * Storage for the local Feature Store: one embedded SQLite database through libsql.
 * The model layer calls these functions and never writes SQL itself.
 *
 * Durability: WAL with synchronous=NORMAL. A write is committed before the HTTP
 * response is sent, and a committed WAL transaction survives the process being killed
 * (kill -9); only a power loss could drop the last transactions.
 *
 * Group commit (on in the server, off for a database used directly): the writes of the
 * requests that arrive in one turn of the event loop share one transaction, committed
 * once (setImmediate) after they have all run, and each of those requests is answered
 * only after that COMMIT (the server waits for committed()). So the rule above holds
 * unchanged (nothing is acknowledged before it is committed), each request's writes stay
 * all-or-nothing (a savepoint per request), and a failed COMMIT fails every request of
 * its group, none of which was answered. What changes: a request's writes become visible
 * to another process reading the file at the group's COMMIT rather than at its own, and
 * a kill -9 before that COMMIT loses them all, none of them acknowledged. Under load,
 * one WAL append then carries many requests' pages.
 *
 * Every call is synchronous. Node runs one request handler at a time, so each
 * read-compare-write on a record runs without interleaving: writes to one record are
 * serialised and the newest EventTime always wins online.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'libsql';

export interface StoredFeatureValue {
  FeatureName: string;
  ValueAsString?: string;
  ValueAsStringList?: string[];
}

export interface OnlineRecordRow {
  groupName: string;
  recordId: string;
  eventTimeNanos: bigint;
  features: StoredFeatureValue[];
  expiresAtMs: number | null;
  softDeleted: boolean;
}

export interface OfflineRow {
  groupName: string;
  recordId: string;
  /** The row as the offline table would hold it: one column per feature, plus the three reserved columns. */
  columns: Record<string, string | string[] | boolean | null>;
}

export interface CredentialsRow {
  accessKeyId: string;
  secretKey: string;
  sessionToken: string;
  identityId: string;
  expiresAtMs: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feature_groups (
  name TEXT PRIMARY KEY,
  description_json TEXT NOT NULL,
  creation_time REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feature_metadata (
  group_name TEXT NOT NULL,
  feature_name TEXT NOT NULL,
  metadata_json TEXT NOT NULL,
  PRIMARY KEY (group_name, feature_name)
);
CREATE TABLE IF NOT EXISTS online_records (
  group_name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  event_time_nanos TEXT NOT NULL,
  features_json TEXT NOT NULL,
  expires_at_ms INTEGER,
  soft_deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_name, record_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS online_records_expiry ON online_records (expires_at_ms) WHERE expires_at_ms IS NOT NULL;
CREATE TABLE IF NOT EXISTS offline_rows (
  group_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  row_json TEXT NOT NULL,
  PRIMARY KEY (group_name, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identities (
  identity_id TEXT PRIMARY KEY,
  pool_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS credentials (
  access_key_id TEXT PRIMARY KEY,
  secret_key TEXT NOT NULL,
  session_token TEXT NOT NULL,
  identity_id TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

type Row = Record<string, unknown>;

/** Writes an online record, replacing the stored one (putOnlineRecordUnlessNewer adds the condition). */
const UPSERT_ONLINE = `INSERT INTO online_records (group_name, record_id, event_time_nanos, features_json, expires_at_ms, soft_deleted)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (group_name, record_id) DO UPDATE SET event_time_nanos = excluded.event_time_nanos,
         features_json = excluded.features_json, expires_at_ms = excluded.expires_at_ms, soft_deleted = excluded.soft_deleted`;

/** UPSERT_ONLINE's values, in its order. */
function onlineValues(record: OnlineRecordRow): (string | number | null)[] {
  return [record.groupName, record.recordId, record.eventTimeNanos.toString(), JSON.stringify(record.features), record.expiresAtMs, record.softDeleted ? 1 : 0];
}

/** `excluded.event_time_nanos >= online_records.event_time_nanos` as integers, for the decimal texts stored (see putOnlineRecordUnlessNewer). */
const NEW_TIME = 'excluded.event_time_nanos';
const OLD_TIME = 'online_records.event_time_nanos';
const NOT_OLDER_SQL = `(CASE WHEN substr(${NEW_TIME}, 1, 1) = '-'
    THEN substr(${OLD_TIME}, 1, 1) = '-' AND (length(${NEW_TIME}) < length(${OLD_TIME}) OR (length(${NEW_TIME}) = length(${OLD_TIME}) AND ${NEW_TIME} <= ${OLD_TIME}))
    ELSE substr(${OLD_TIME}, 1, 1) = '-' OR length(${NEW_TIME}) > length(${OLD_TIME}) OR (length(${NEW_TIME}) = length(${OLD_TIME}) AND ${NEW_TIME} >= ${OLD_TIME}) END)`;

/*
 * Tables are WITHOUT ROWID, clustered by their key: a PutRecord's commit then writes one
 * page for the online record and one for the offline row, where a rowid table and its key
 * index are two each (a commit's cost is mostly its pages written to the WAL). Data
 * directories made before keep their tables (rowid offline_rows with a global seq and an
 * index on (group_name, seq)); both layouts are read and written below.
 */

/** What a write compares against: the stored record's EventTime and expiry, without its features. */
export interface OnlineRecordVersion {
  eventTimeNanos: bigint;
  expiresAtMs: number | null;
}

/** Freezes a parsed description all the way down: a cached one is shared by every reader. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

export class FeatureStoreDatabase {
  private readonly db: Database.Database;
  private readonly statements: Map<string, Database.Statement> = new Map();
  /**
   * Parsed feature group descriptions by name, frozen, so the runtime's every request does
   * not read and parse its group again; each write of a group below replaces or drops it.
   */
  private readonly groupCache = new Map<string, object | null>();

  /** Offline rows keyed (group_name, seq), the layout since WITHOUT ROWID (see SCHEMA). */
  private readonly offlineSeqPerGroup: boolean;

  /** `dataDir` null keeps everything in memory (tests). */
  constructor(dataDir: string | null) {
    if (dataDir) {
      fs.mkdirSync(dataDir, { recursive: true });
      this.db = new Database(path.join(dataDir, 'featurestore.db'));
      this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
    } else {
      this.db = new Database(':memory:');
    }
    this.db.exec(SCHEMA);
    const offlineTable = this.get("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'offline_rows'")?.sql;
    this.offlineSeqPerGroup = typeof offlineTable === 'string' && /WITHOUT ROWID/i.test(offlineTable);
  }

  close(): void {
    if (this.group) this.commitGroup(this.group);
    this.db.close();
  }

  private transactionDepth = 0;

  /**
   * Group commit (the server turns it on; see the header): transactions that run in one
   * turn of the event loop share one BEGIN ... COMMIT, each a unit of its own within it
   * (a failing one leaves nothing behind, the others stand), committed once by
   * setImmediate, after every request that arrived in that turn has run. Whoever answers
   * a request waits for committed() first: no answer leaves before its writes are
   * committed, and a failed COMMIT fails every request of the group (nothing of it is
   * stored). Off, every transaction commits before transaction() returns.
   */
  groupCommit = false;
  private group: { committed: Promise<void>; resolve: () => void; reject: (error: unknown) => void; units: number } | undefined;

  /** Settles when the writes made so far are committed; undefined when none are waiting. */
  committed(): Promise<void> | undefined {
    return this.group?.committed;
  }

  private commitGroup(group: NonNullable<FeatureStoreDatabase['group']>): void {
    if (this.group !== group) return;
    this.group = undefined;
    try {
      this.statement('COMMIT').run();
      group.resolve();
    } catch (error) {
      try {
        this.statement('ROLLBACK').run();
      } catch {
        // SQLite may have rolled back already.
      }
      group.reject(error);
    }
  }

  /** One transaction of a group (see groupCommit). */
  private groupedTransaction<T>(work: () => T): T {
    let group = this.group;
    const first = group === undefined;
    if (!group) {
      this.statement('BEGIN').run();
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const committed = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
      // Waited for by whoever answers; a failure is theirs to report, never unhandled.
      committed.catch(() => {});
      group = this.group = { committed, resolve, reject, units: 0 };
      const opened = group;
      setImmediate(() => this.commitGroup(opened));
    }
    this.transactionDepth += 1;
    // The group's first unit needs no savepoint: when it fails, the whole (so far only its) transaction is rolled back.
    if (!first) this.statement('SAVEPOINT unit').run();
    try {
      const result = work();
      if (!first) this.statement('RELEASE unit').run();
      group.units += 1;
      return result;
    } catch (error) {
      if (first) {
        this.group = undefined;
        this.statement('ROLLBACK').run();
        group.resolve();
      } else {
        this.statement('ROLLBACK TO unit').run();
        this.statement('RELEASE unit').run();
      }
      throw error;
    } finally {
      this.transactionDepth -= 1;
    }
  }

  /**
   * Runs `work` in one transaction; nested calls join the outer one (libsql has no savepoint
   * nesting). BEGIN, COMMIT and ROLLBACK are statements prepared once: libsql's own
   * transaction() wrapper builds a function and parses these on every call.
   */
  transaction<T>(work: () => T): T {
    if (this.transactionDepth > 0) return work();
    if (this.groupCommit) return this.groupedTransaction(work);
    this.transactionDepth += 1;
    try {
      this.statement('BEGIN').run();
      let result: T;
      try {
        result = work();
      } catch (error) {
        this.statement('ROLLBACK').run();
        throw error;
      }
      this.statement('COMMIT').run();
      return result;
    } finally {
      this.transactionDepth -= 1;
    }
  }

  /**
   * Runs `work` inside the current transaction as a unit of its own: when it throws, what
   * it wrote is rolled back and the rest of the transaction stands (SQLite savepoints).
   * Outside a transaction, it is a transaction of its own.
   */
  unit<T>(work: () => T): T {
    if (this.transactionDepth === 0) return this.transaction(work);
    this.statement('SAVEPOINT unit').run();
    try {
      const result = work();
      this.statement('RELEASE unit').run();
      return result;
    } catch (error) {
      this.statement('ROLLBACK TO unit').run();
      this.statement('RELEASE unit').run();
      throw error;
    }
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: unknown[]): void {
    this.statement(sql).run(...params);
  }

  // --- meta -----------------------------------------------------------------
  getMeta(key: string): string | undefined {
    return this.get('SELECT value FROM meta WHERE key = ?', key)?.value as string | undefined;
  }

  setMeta(key: string, value: string): void {
    this.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', key, value);
  }

  // --- feature groups -------------------------------------------------------
  insertFeatureGroup(name: string, description: object, creationTime: number): void {
    this.groupCache.delete(name);
    this.run('INSERT INTO feature_groups (name, description_json, creation_time) VALUES (?, ?, ?)', name, JSON.stringify(description), creationTime);
  }

  updateFeatureGroup(name: string, description: object): void {
    this.groupCache.delete(name);
    this.run('UPDATE feature_groups SET description_json = ? WHERE name = ?', JSON.stringify(description), name);
  }

  /** The stored description, shared and frozen (callers copy to change it). */
  getFeatureGroup<T>(name: string): T | undefined {
    let description = this.groupCache.get(name);
    if (description === undefined) {
      const row = this.get('SELECT description_json FROM feature_groups WHERE name = ?', name);
      description = row ? deepFreeze(JSON.parse(row.description_json as string) as object) : null;
      // Only groups that exist are kept: unknown names (hostile or not) never grow the cache.
      if (description) this.groupCache.set(name, description);
    }
    return (description ?? undefined) as T | undefined;
  }

  listFeatureGroups<T>(): T[] {
    return this.all('SELECT description_json FROM feature_groups').map((row) => JSON.parse(row.description_json as string) as T);
  }

  deleteFeatureGroup(name: string): void {
    this.groupCache.delete(name);
    this.run('DELETE FROM feature_groups WHERE name = ?', name);
    this.run('DELETE FROM feature_metadata WHERE group_name = ?', name);
    this.run('DELETE FROM online_records WHERE group_name = ?', name);
  }

  setFeatureMetadata(groupName: string, featureName: string, metadata: object): void {
    this.run(
      'INSERT INTO feature_metadata (group_name, feature_name, metadata_json) VALUES (?, ?, ?) ON CONFLICT (group_name, feature_name) DO UPDATE SET metadata_json = excluded.metadata_json',
      groupName,
      featureName,
      JSON.stringify(metadata),
    );
  }

  getFeatureMetadata<T>(groupName: string, featureName: string): T | undefined {
    const row = this.get('SELECT metadata_json FROM feature_metadata WHERE group_name = ? AND feature_name = ?', groupName, featureName);
    return row ? (JSON.parse(row.metadata_json as string) as T) : undefined;
  }

  // --- online store ---------------------------------------------------------
  getOnlineRecord(groupName: string, recordId: string): OnlineRecordRow | undefined {
    const row = this.get('SELECT * FROM online_records WHERE group_name = ? AND record_id = ?', groupName, recordId);
    return row ? toOnlineRecord(row) : undefined;
  }

  /** The stored EventTime and expiry alone, for a write's comparison (features are not read nor parsed). */
  getOnlineRecordVersion(groupName: string, recordId: string): OnlineRecordVersion | undefined {
    const row = this.get('SELECT event_time_nanos, expires_at_ms FROM online_records WHERE group_name = ? AND record_id = ?', groupName, recordId);
    if (!row) return undefined;
    return { eventTimeNanos: BigInt(row.event_time_nanos as string), expiresAtMs: row.expires_at_ms == null ? null : Number(row.expires_at_ms) };
  }

  putOnlineRecord(record: OnlineRecordRow): void {
    this.run(UPSERT_ONLINE, ...onlineValues(record));
  }

  /**
   * PutRecord's online write in one statement: inserts the record, or replaces the stored
   * one unless that one is live (not expired at `nowMs`) with a later EventTime (equal
   * replaces: last write wins). Replaces the read-compare-write of two statements.
   * EventTimes are stored as decimal text of nanoseconds (BigInt's toString: no leading
   * zeros, `-` for times before 1970), so they are compared as numbers by sign, then
   * length, then digits.
   */
  putOnlineRecordUnlessNewer(record: OnlineRecordRow, nowMs: number): void {
    this.run(
      `${UPSERT_ONLINE}
       WHERE (online_records.expires_at_ms IS NOT NULL AND online_records.expires_at_ms <= ?)
         OR ${NOT_OLDER_SQL}`,
      ...onlineValues(record),
      nowMs,
    );
  }

  /** A stored record's features as their stored JSON text, with what decides whether it is answered (GetRecord). */
  getOnlineRecordText(groupName: string, recordId: string): { featuresJson: string; expiresAtMs: number | null; softDeleted: boolean } | undefined {
    const row = this.get('SELECT features_json, expires_at_ms, soft_deleted FROM online_records WHERE group_name = ? AND record_id = ?', groupName, recordId);
    if (!row) return undefined;
    return {
      featuresJson: row.features_json as string,
      expiresAtMs: row.expires_at_ms == null ? null : Number(row.expires_at_ms),
      softDeleted: Number(row.soft_deleted) === 1,
    };
  }

  deleteOnlineRecord(groupName: string, recordId: string): void {
    this.run('DELETE FROM online_records WHERE group_name = ? AND record_id = ?', groupName, recordId);
  }

  /** Identifiers after `afterId` in identifier order, skipping expired (and soft-deleted unless asked). */
  listOnlineRecordIds(groupName: string, afterId: string | null, limit: number, includeSoftDeleted: boolean, nowMs: number): string[] {
    return this.all(
      `SELECT record_id FROM online_records
       WHERE group_name = ? AND record_id > ? AND (expires_at_ms IS NULL OR expires_at_ms > ?) AND (? OR soft_deleted = 0)
       ORDER BY record_id LIMIT ?`,
      groupName,
      afterId ?? '',
      nowMs,
      includeSoftDeleted ? 1 : 0,
      limit,
    ).map((row) => row.record_id as string);
  }

  /** Hard-deletes online records whose ExpiresAt has passed; returns how many. */
  purgeExpiredOnlineRecords(nowMs: number): number {
    const statement = this.statement('DELETE FROM online_records WHERE expires_at_ms IS NOT NULL AND expires_at_ms <= ?');
    return Number(statement.run(nowMs).changes);
  }

  // --- offline store (append only: rows are never updated or deleted) ------
  appendOfflineRow(row: OfflineRow): void {
    if (!this.offlineSeqPerGroup) {
      this.run('INSERT INTO offline_rows (group_name, record_id, row_json) VALUES (?, ?, ?)', row.groupName, row.recordId, JSON.stringify(row.columns));
      return;
    }
    // The group's next seq, found in the clustered key inside the write transaction (so
    // it is right even with another process on the same data directory).
    this.run(
      'INSERT INTO offline_rows (group_name, seq, record_id, row_json) VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM offline_rows WHERE group_name = ?), ?, ?)',
      row.groupName,
      row.groupName,
      row.recordId,
      JSON.stringify(row.columns),
    );
  }

  listOfflineRows(groupName: string): OfflineRow['columns'][] {
    return this.all('SELECT row_json FROM offline_rows WHERE group_name = ? ORDER BY seq', groupName).map(
      (row) => JSON.parse(row.row_json as string) as OfflineRow['columns'],
    );
  }

  // --- Cognito identities and the credentials issued to them ----------------
  insertIdentity(identityId: string, poolId: string, createdMs: number): void {
    this.run('INSERT INTO identities (identity_id, pool_id, created_ms) VALUES (?, ?, ?)', identityId, poolId, createdMs);
  }

  getIdentityPoolId(identityId: string): string | undefined {
    return this.get('SELECT pool_id FROM identities WHERE identity_id = ?', identityId)?.pool_id as string | undefined;
  }

  insertCredentials(credentials: CredentialsRow): void {
    this.run(
      'INSERT INTO credentials (access_key_id, secret_key, session_token, identity_id, expires_at_ms) VALUES (?, ?, ?, ?, ?)',
      credentials.accessKeyId,
      credentials.secretKey,
      credentials.sessionToken,
      credentials.identityId,
      credentials.expiresAtMs,
    );
  }

  getCredentials(accessKeyId: string): CredentialsRow | undefined {
    const row = this.get('SELECT * FROM credentials WHERE access_key_id = ?', accessKeyId);
    if (!row) return undefined;
    return {
      accessKeyId: row.access_key_id as string,
      secretKey: row.secret_key as string,
      sessionToken: row.session_token as string,
      identityId: row.identity_id as string,
      expiresAtMs: Number(row.expires_at_ms),
    };
  }

  purgeExpiredCredentials(nowMs: number): void {
    this.run('DELETE FROM credentials WHERE expires_at_ms <= ?', nowMs);
  }
}

function toOnlineRecord(row: Row): OnlineRecordRow {
  return {
    groupName: row.group_name as string,
    recordId: row.record_id as string,
    eventTimeNanos: BigInt(row.event_time_nanos as string),
    features: JSON.parse(row.features_json as string) as StoredFeatureValue[],
    expiresAtMs: row.expires_at_ms == null ? null : Number(row.expires_at_ms),
    softDeleted: Number(row.soft_deleted) === 1,
  };
}
