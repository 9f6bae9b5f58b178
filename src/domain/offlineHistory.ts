/**
 * A record's history from the offline store, as Athena queries (pure: no SDK).
 *
 * - Every value travels as an ExecutionParameter (one Athena literal per `?`): the record
 *   identifier, the time range. The SQL text holds only identifiers from
 *   DescribeFeatureGroup (database, table, feature names), checked against Glue's and
 *   Feature Store's patterns and double-quoted; a name that fails is refused, never quoted.
 * - An event-time range predicate lets Athena prune partitions: for the Glue format the
 *   hourly partition columns (`year`, `month`, `day`, `hour`, strings) are bounded too;
 *   Iceberg prunes its daily partitions from the event-time predicate itself.
 * - Versions are ordered as AWS's documented queries order them: event time, then
 *   api_invocation_time, then write_time, newest first.
 */
import { diffRecords, type FeatureChange } from './diff';
import type { FeatureValueLike } from './recordForm';
import type { FeatureGroupSchema } from './schema';

/** Glue database and table names: lowercase letters, digits, `_` and `-` (decision: what Feature Store creates), 1-255. */
const CATALOG_NAME = /^[a-z0-9_][a-z0-9_-]{0,254}$/i;
const FEATURE_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
/** An ExecutionParameter is at most 1,024 characters (Athena's model). */
export const MAX_PARAMETER_LENGTH = 1024;

export interface HistoryQuery {
  queryString: string;
  parameters: string[];
}

export interface TimeRange {
  from: Date;
  to: Date;
}

export class HistoryQueryError extends Error {}

const quoted = (name: string) => `"${name}"`;

function featureName(name: string): string {
  if (!FEATURE_NAME.test(name)) throw new HistoryQueryError(`The feature name ${JSON.stringify(name.slice(0, 80))} is not a Feature Store feature name.`);
  return quoted(name);
}

/** `"db"."table"` from DescribeFeatureGroup's DataCatalogConfig; undefined with a reason when there is none. */
export function offlineTableName(schema: FeatureGroupSchema): string {
  const table = schema.offlineTable;
  if (!table) throw new HistoryQueryError('This feature group has no offline store table (DataCatalogConfig).');
  if (!CATALOG_NAME.test(table.database) || !CATALOG_NAME.test(table.table)) {
    throw new HistoryQueryError(`The offline table ${JSON.stringify(`${table.database}.${table.table}`.slice(0, 160))} is not a name this console queries.`);
  }
  return `${quoted(table.database)}.${quoted(table.table)}`;
}

/** A string as an Athena string literal (an ExecutionParameter). */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A time as an Athena timestamp literal (UTC, milliseconds). */
export function timestampLiteral(date: Date): string {
  return `timestamp '${date.toISOString().replace('T', ' ').replace('Z', '')}'`;
}

function identifierLiteral(schema: FeatureGroupSchema, recordId: string): string {
  const spec = schema.features.find((candidate) => candidate.role === 'identifier');
  if (spec?.type === 'Integral') {
    if (!/^-?[0-9]{1,19}$/.test(recordId)) throw new HistoryQueryError(`${recordId.slice(0, 40)} is not an Integral record identifier.`);
    return recordId;
  }
  const literal = stringLiteral(recordId);
  if (literal.length > MAX_PARAMETER_LENGTH) {
    throw new HistoryQueryError(`Record identifiers longer than about ${MAX_PARAMETER_LENGTH - 2} characters cannot be passed to Athena as a parameter.`);
  }
  return literal;
}

/** The event time as a comparable expression, and a bound as a parameter literal. */
function eventTimeTerms(schema: FeatureGroupSchema) {
  const column = featureName(schema.eventTimeName);
  return schema.eventTimeType === 'Fractional'
    ? { expression: column, bound: (date: Date) => String(date.getTime() / 1000) }
    : { expression: `from_iso8601_timestamp(${column})`, bound: timestampLiteral };
}

const pad = (value: number) => String(value).padStart(2, '0');
/** `YYYYMMDDHH` of the Glue format's partition columns, concatenated. */
function partitionHour(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}`;
}

function partitionPredicate(schema: FeatureGroupSchema, range: TimeRange): { sql: string; parameters: string[] } {
  if (schema.offlineTable?.format !== 'Glue') return { sql: '', parameters: [] };
  return {
    sql: ' AND "year" BETWEEN ? AND ? AND ("year" || "month" || "day" || "hour") BETWEEN ? AND ?',
    parameters: [
      stringLiteral(String(range.from.getUTCFullYear())),
      stringLiteral(String(range.to.getUTCFullYear())),
      stringLiteral(partitionHour(range.from)),
      stringLiteral(partitionHour(range.to)),
    ],
  };
}

/** Every version of one record whose event time is within the range, newest first. */
export function recordHistoryQuery(schema: FeatureGroupSchema, recordId: string, range: TimeRange): HistoryQuery {
  const table = offlineTableName(schema);
  const id = featureName(schema.recordIdentifierName);
  const eventTime = eventTimeTerms(schema);
  const partitions = partitionPredicate(schema, range);
  return {
    queryString:
      `SELECT * FROM ${table} WHERE ${id} = ? AND ${eventTime.expression} BETWEEN ? AND ?${partitions.sql} ` +
      `ORDER BY ${eventTime.expression} DESC, "api_invocation_time" DESC, "write_time" DESC`,
    parameters: [identifierLiteral(schema, recordId), eventTime.bound(range.from), eventTime.bound(range.to), ...partitions.parameters],
  };
}

/**
 * AWS's documented time-travel query (Developer Guide, feature-store-athena-glue-integration),
 * for one record: its latest version with an event time at or before `asOf`. Deleted
 * versions are kept (not `AND NOT is_deleted`) so the screen can say "deleted then".
 */
export function recordAsOfQuery(schema: FeatureGroupSchema, recordId: string, asOf: Date, earliest: Date): HistoryQuery {
  const table = offlineTableName(schema);
  const id = featureName(schema.recordIdentifierName);
  const eventTime = eventTimeTerms(schema);
  const partitions = partitionPredicate(schema, { from: earliest, to: asOf });
  return {
    queryString:
      `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${id} ORDER BY ${eventTime.expression} DESC, "api_invocation_time" DESC, "write_time" DESC) AS row_num ` +
      `FROM ${table} WHERE ${id} = ? AND ${eventTime.expression} BETWEEN ? AND ?${partitions.sql}) WHERE row_num = 1`,
    parameters: [identifierLiteral(schema, recordId), eventTime.bound(earliest), eventTime.bound(asOf), ...partitions.parameters],
  };
}

export interface RecordVersion {
  eventTime: string;
  apiInvocationTime: string;
  writeTime: string;
  deleted: boolean;
  /** The features as a Record (absent values left out), in the schema's order. */
  record: FeatureValueLike[];
  /** What changed from the previous (older) version; none for the oldest in the range (nothing to compare with). */
  changes: FeatureChange[];
  /** The oldest version in the range. */
  oldest: boolean;
}

/** Athena renders an array as `[a, b, c]`; elements are not quoted (decision: split on ", "). */
function parseArray(text: string): string[] {
  const inner = text.replace(/^\[/, '').replace(/\]$/, '');
  return inner === '' ? [] : inner.split(', ');
}

/** Rows (header first) as versions, newest first, each marked with what changed from the one before it. */
export function versionsFromRows(schema: FeatureGroupSchema, header: readonly string[], rows: readonly (readonly (string | null)[])[]): RecordVersion[] {
  const index = new Map(header.map((name, position) => [name.toLowerCase(), position]));
  const cell = (row: readonly (string | null)[], name: string) => {
    const position = index.get(name.toLowerCase());
    return position === undefined ? null : (row[position] ?? null);
  };
  const versions = rows.map((row) => {
    const record: FeatureValueLike[] = [];
    for (const spec of schema.features) {
      const value = cell(row, spec.name);
      if (value === null) continue;
      record.push(spec.collection ? { FeatureName: spec.name, ValueAsStringList: parseArray(value) } : { FeatureName: spec.name, ValueAsString: value });
    }
    return {
      eventTime: cell(row, schema.eventTimeName) ?? '',
      apiInvocationTime: cell(row, 'api_invocation_time') ?? '',
      writeTime: cell(row, 'write_time') ?? '',
      deleted: cell(row, 'is_deleted') === 'true',
      record,
      changes: [] as FeatureChange[],
      oldest: false,
    };
  });
  for (let position = 0; position < versions.length; position += 1) {
    const version = versions[position] as RecordVersion;
    const older = versions[position + 1];
    version.oldest = older === undefined;
    version.changes = older ? diffRecords(schema, older.record, version.record) : [];
  }
  return versions;
}

/** The record as a version left it, with its event time replaced: what "Restore this version" writes. */
export function restoredRecord(schema: FeatureGroupSchema, version: RecordVersion, eventTime: string): FeatureValueLike[] {
  return [...version.record.filter((value) => value.FeatureName !== schema.eventTimeName), { FeatureName: schema.eventTimeName, ValueAsString: eventTime }];
}
