import { describe, expect, it } from 'vitest';
import { HistoryQueryError, recordAsOfQuery, recordHistoryQuery, restoredRecord, versionsFromRows } from './offlineHistory';
import { customersSchema } from './testSchemas';
import type { FeatureGroupSchema } from './schema';

const glue: FeatureGroupSchema = {
  ...customersSchema,
  offlineTable: { catalog: 'AwsDataCatalog', database: 'sagemaker_featurestore', table: 'customers_1700000000', format: 'Glue' },
};
const iceberg: FeatureGroupSchema = { ...glue, offlineTable: { ...glue.offlineTable!, format: 'Iceberg' } };
const range = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T12:30:00Z') };

describe('recordHistoryQuery', () => {
  it('passes every value as a parameter literal and never puts input in the SQL', () => {
    const query = recordHistoryQuery(glue, 'O\'Brien"; DROP TABLE x --', range);
    expect(query.queryString).not.toContain('Brien');
    expect(query.queryString).toBe(
      'SELECT * FROM "sagemaker_featurestore"."customers_1700000000" WHERE "customer_id" = ? AND from_iso8601_timestamp("event_time") BETWEEN ? AND ?' +
        ' AND "year" BETWEEN ? AND ? AND ("year" || "month" || "day" || "hour") BETWEEN ? AND ?' +
        ' ORDER BY from_iso8601_timestamp("event_time") DESC, "api_invocation_time" DESC, "write_time" DESC',
    );
    expect(query.parameters).toEqual([
      `'O''Brien"; DROP TABLE x --'`,
      "timestamp '2026-01-01 00:00:00.000'",
      "timestamp '2026-02-01 12:30:00.000'",
      "'2026'",
      "'2026'",
      "'2026010100'",
      "'2026020112'",
    ]);
  });

  it('prunes Iceberg tables by the event-time predicate alone (no partition columns)', () => {
    const query = recordHistoryQuery(iceberg, 'C-1', range);
    expect(query.queryString).not.toContain('"year"');
    expect(query.parameters).toHaveLength(3);
  });

  it('refuses a catalog name it would have to escape, and a group without an offline table', () => {
    expect(() => recordHistoryQuery({ ...glue, offlineTable: { ...glue.offlineTable!, table: 'x"; DROP' } }, 'C-1', range)).toThrow(HistoryQueryError);
    expect(() => recordHistoryQuery(customersSchema, 'C-1', range)).toThrow(/no offline store table/);
  });

  it("is AWS's time-travel query for one record, keeping deleted versions", () => {
    const query = recordAsOfQuery(glue, 'C-1', new Date('2026-01-15T00:00:00Z'), new Date('2025-01-15T00:00:00Z'));
    expect(query.queryString).toMatch(
      /^SELECT \* FROM \(SELECT \*, row_number\(\) OVER \(PARTITION BY "customer_id" ORDER BY .* DESC\) AS row_num FROM .*\) WHERE row_num = 1$/,
    );
    expect(query.queryString).not.toContain('is_deleted');
    expect(query.parameters[2]).toBe("timestamp '2026-01-15 00:00:00.000'");
  });
});

describe('versionsFromRows', () => {
  const header = ['customer_id', 'event_time', 'age', 'lifetime_value', 'segment', 'write_time', 'api_invocation_time', 'is_deleted'];
  const rows = [
    ['C-1', '2026-01-04T00:00:00Z', null, null, null, '2026-01-04 00:00:01.000', '2026-01-04 00:00:00.000', 'true'],
    ['C-1', '2026-01-03T00:00:00Z', '31', '2.0', 'smb', '2026-01-03 00:00:01.000', '2026-01-03 00:00:00.000', 'false'],
    ['C-1', '2026-01-02T00:00:00Z', '30', '2.0', 'consumer', '2026-01-02 00:00:01.000', '2026-01-02 00:00:00.000', 'false'],
  ];

  it('marks what changed from the previous version, and deletions', () => {
    const versions = versionsFromRows(customersSchema, header, rows);
    expect(versions.map((version) => version.deleted)).toEqual([true, false, false]);
    expect(versions[1]?.changes.map((change) => change.name)).toEqual(['event_time', 'age', 'segment']);
    expect(versions[2]?.changes).toEqual([]);
    expect(versions.map((version) => version.oldest)).toEqual([false, false, true]);
    expect(versions[0]?.changes.filter((change) => change.kind === 'removed').map((change) => change.name)).toEqual(['age', 'lifetime_value', 'segment']);
  });

  it('restores a version with a new event time and the same identifier', () => {
    const [, version] = versionsFromRows(customersSchema, header, rows);
    const record = restoredRecord(customersSchema, version!, '2026-05-01T00:00:00.000Z');
    expect(record).toContainEqual({ FeatureName: 'customer_id', ValueAsString: 'C-1' });
    expect(record).toContainEqual({ FeatureName: 'event_time', ValueAsString: '2026-05-01T00:00:00.000Z' });
    expect(record).toContainEqual({ FeatureName: 'segment', ValueAsString: 'smb' });
  });
});
