import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { FeatureStoreDatabase } from './database.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-db-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const row = (groupName: string, recordId: string) => ({ groupName, recordId, columns: { id: recordId } });

describe('FeatureStoreDatabase', () => {
  it('group commit: transactions of one event-loop turn commit together, each all-or-nothing, and committed() settles after the COMMIT', async () => {
    const dir = dataDir();
    const db = new FeatureStoreDatabase(dir);
    db.groupCommit = true;
    const reader = new Database(path.join(dir, 'featurestore.db'));
    const readIds = () => (reader.prepare('SELECT record_id FROM offline_rows ORDER BY record_id').all() as { record_id: string }[]).map((r) => r.record_id);
    db.transaction(() => db.appendOfflineRow(row('g', 'first')));
    // A failing transaction in the same group leaves nothing behind; the others stand.
    expect(() =>
      db.transaction(() => {
        db.appendOfflineRow(row('g', 'failed'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    db.transaction(() => db.appendOfflineRow(row('g', 'third')));
    const committed = db.committed();
    expect(committed).toBeInstanceOf(Promise);
    // Not committed yet: another connection does not see the rows.
    expect(readIds()).toEqual([]);
    await committed;
    expect(readIds()).toEqual(['first', 'third']);
    expect(db.committed()).toBeUndefined();
    // A group whose only transaction fails is rolled back whole and commits nothing.
    expect(() =>
      db.transaction(() => {
        db.appendOfflineRow(row('g', 'alone'));
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.committed()).toBeUndefined();
    db.transaction(() => db.appendOfflineRow(row('g', 'later')));
    await db.committed();
    expect(readIds()).toEqual(['first', 'later', 'third']);
    reader.close();
    db.close();
  });

  it('writes a record online unless the stored one is live and has a later EventTime, comparing EventTimes as numbers', () => {
    const db = new FeatureStoreDatabase(null);
    // Across signs and lengths, where comparing the decimal texts as text would be wrong.
    const times = [-100_000_000_000n, -20n, -3n, 0n, 5n, 9n, 10n, 99n, 1_000n, 1_767_225_600_000_000_000n];
    const record = (eventTimeNanos: bigint, expiresAtMs: number | null = null) => ({
      groupName: 'g',
      recordId: 'r',
      eventTimeNanos,
      features: [{ FeatureName: 'v', ValueAsString: String(eventTimeNanos) }],
      expiresAtMs,
      softDeleted: false,
    });
    for (const stored of times) {
      for (const incoming of times) {
        db.deleteOnlineRecord('g', 'r');
        db.putOnlineRecord(record(stored));
        db.putOnlineRecordUnlessNewer(record(incoming), 1_000);
        expect(db.getOnlineRecord('g', 'r')?.eventTimeNanos).toBe(incoming >= stored ? incoming : stored);
      }
    }
    // A stored record that has expired is replaced whatever its EventTime; a live one is not.
    db.putOnlineRecord(record(99n, 1_000));
    db.putOnlineRecordUnlessNewer(record(5n), 999);
    expect(db.getOnlineRecord('g', 'r')?.eventTimeNanos).toBe(99n);
    db.putOnlineRecordUnlessNewer(record(5n), 1_000);
    expect(db.getOnlineRecord('g', 'r')?.eventTimeNanos).toBe(5n);
    db.close();
  });

  it('keeps offline rows in append order per group, across a reopen', () => {
    const dir = dataDir();
    const first = new FeatureStoreDatabase(dir);
    for (const id of ['a1', 'a2']) first.appendOfflineRow(row('a', id));
    first.appendOfflineRow(row('b', 'b1'));
    first.close();
    const second = new FeatureStoreDatabase(dir);
    second.appendOfflineRow(row('a', 'a3'));
    expect(second.listOfflineRows('a')).toEqual([{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }]);
    expect(second.listOfflineRows('b')).toEqual([{ id: 'b1' }]);
    second.close();
  });

  it('reads and appends to a data directory made with rowid offline rows (the earlier layout)', () => {
    const dir = dataDir();
    const old = new Database(path.join(dir, 'featurestore.db'));
    old.exec(`CREATE TABLE offline_rows (seq INTEGER PRIMARY KEY AUTOINCREMENT, group_name TEXT NOT NULL, record_id TEXT NOT NULL, row_json TEXT NOT NULL);
      CREATE INDEX offline_rows_group ON offline_rows (group_name, seq);
      INSERT INTO offline_rows (group_name, record_id, row_json) VALUES ('a', 'a1', '{"id":"a1"}'), ('b', 'b1', '{"id":"b1"}');`);
    old.close();
    const db = new FeatureStoreDatabase(dir);
    db.appendOfflineRow(row('a', 'a2'));
    db.appendOfflineRow(row('b', 'b2'));
    expect(db.listOfflineRows('a')).toEqual([{ id: 'a1' }, { id: 'a2' }]);
    expect(db.listOfflineRows('b')).toEqual([{ id: 'b1' }, { id: 'b2' }]);
    db.close();
  });

  it('drops a cached feature group when it is updated or deleted', () => {
    const db = new FeatureStoreDatabase(null);
    db.insertFeatureGroup('g', { Description: 'one' }, 0);
    expect(db.getFeatureGroup('g')).toEqual({ Description: 'one' });
    db.updateFeatureGroup('g', { Description: 'two' });
    expect(db.getFeatureGroup('g')).toEqual({ Description: 'two' });
    expect(Object.isFrozen(db.getFeatureGroup('g'))).toBe(true);
    db.deleteFeatureGroup('g');
    expect(db.getFeatureGroup('g')).toBeUndefined();
    db.close();
  });

  it('rolls back a unit that fails inside a transaction and keeps the others (a batch entry that fails leaves nothing)', () => {
    const db = new FeatureStoreDatabase(null);
    expect(() =>
      db.transaction(() => {
        db.unit(() => db.appendOfflineRow(row('g', 'kept')));
        expect(() =>
          db.unit(() => {
            db.appendOfflineRow(row('g', 'half-written'));
            throw new Error('the entry fails after a write');
          }),
        ).toThrow('the entry fails');
        db.unit(() => db.appendOfflineRow(row('g', 'kept-too')));
      }),
    ).not.toThrow();
    expect(db.listOfflineRows('g')).toEqual([{ id: 'kept' }, { id: 'kept-too' }]);
    // A failed transaction leaves nothing, units and all.
    expect(() =>
      db.transaction(() => {
        db.unit(() => db.appendOfflineRow(row('h', 'gone')));
        throw new Error('the commit fails');
      }),
    ).toThrow('the commit fails');
    expect(db.listOfflineRows('h')).toEqual([]);
    db.close();
  });
});
