/**
 * Runs a translated query (athenaSql.ts) over the offline rows of the tables it names:
 * each query gets its own in-memory SQLite database, with one attached database per Glue
 * database and one table per feature group, filled from the offline store's rows. The
 * local store's offline rows are JSON; here they get the Glue table's types.
 *
 * Values come back as Athena returns them: strings (`VarCharValue`), booleans `true` and
 * `false`, timestamps `YYYY-MM-DD HH:MM:SS.fff`, doubles with a fraction (`100.0`),
 * bigints exactly (64-bit, never through a JS number), arrays `[a, b]`, null absent.
 */
import Database from 'libsql';
import type { CatalogTable } from '../glue/catalog.js';
import { AthenaSqlError, identifier, type TranslatedQuery } from './athenaSql.js';

export type OfflineRowColumns = Record<string, string | string[] | boolean | null>;

export interface ResultColumn {
  name: string;
  /** Athena's ColumnInfo.Type: varchar, bigint, double, boolean, timestamp, array. */
  type: string;
}

export interface QueryOutcome {
  columns: ResultColumn[];
  rows: (string | null)[][];
  scannedBytes: number;
}

/** Rows returned at most (decision: the local store keeps results in memory). */
export const MAX_RESULT_ROWS = 100_000;

/** SQLite's declared type for a Glue type; the declared type names Athena's result type. */
function declaredType(glueType: string): string {
  if (glueType.startsWith('array<')) return 'array';
  return glueType === 'string' ? 'varchar' : glueType;
}

/** Athena's text form of a timestamp, from an ISO-8601 string; undefined when it is not one. */
export function athenaTimestamp(iso: string): string | undefined {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) return undefined;
  return new Date(millis).toISOString().replace('T', ' ').replace('Z', '');
}

function eventTimeMillis(table: CatalogTable, value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const type = table.group.FeatureDefinitions.find((definition) => definition.FeatureName === table.group.EventTimeFeatureName)?.FeatureType;
  const millis = type === 'Fractional' ? Number(value) * 1000 : Date.parse(value);
  return Number.isFinite(millis) ? millis : undefined;
}

function cellValue(glueType: string, value: OfflineRowColumns[string]): string | number | bigint | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (glueType === 'bigint') return /^-?[0-9]{1,19}$/.test(value) ? BigInt(value) : null;
  if (glueType === 'double') {
    const number = Number(value);
    return Number.isNaN(number) && value !== 'NaN' ? null : number;
  }
  if (glueType === 'timestamp') return athenaTimestamp(value) ?? null;
  return value;
}

function textOf(type: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === 1n || value === true ? 'true' : 'false';
  if (type === 'double' && typeof value === 'number' && Number.isInteger(value)) return value.toFixed(1);
  return String(value);
}

function inferredType(values: unknown[]): string {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length > 0 && present.every((value) => typeof value === 'bigint')) return 'bigint';
  if (present.length > 0 && present.every((value) => typeof value === 'bigint' || typeof value === 'number')) return 'double';
  return 'varchar';
}

export interface RowSource {
  /** The offline rows of a table that are visible now (after LOCAL_FEATURESTORE_OFFLINE_DELAY). */
  rows(table: CatalogTable): OfflineRowColumns[];
}

export function runOfflineQuery(query: TranslatedQuery, source: RowSource): QueryOutcome {
  const db = new Database(':memory:');
  try {
    let scannedBytes = 0;
    const attached = new Set<string>();
    for (const table of query.tables) {
      const database = table.database.toLowerCase();
      if (!attached.has(database)) {
        db.exec(`ATTACH ':memory:' AS ${identifier(table.database)}`);
        attached.add(database);
      }
      const columns = [...table.columns, ...table.partitionKeys];
      const qualified = `${identifier(table.database)}.${identifier(table.table)}`;
      db.exec(`CREATE TABLE ${qualified} (${columns.map((column) => `${identifier(column.name)} ${declaredType(column.type)}`).join(', ')})`);
      const insert = db.prepare(`INSERT INTO ${qualified} VALUES (${columns.map(() => '?').join(', ')})`);
      const fill = db.transaction((rows: OfflineRowColumns[]) => {
        for (const row of rows) {
          scannedBytes += Buffer.byteLength(JSON.stringify(row));
          const values = table.columns.map((column) => cellValue(column.type, row[column.name] ?? null));
          if (table.partitionKeys.length > 0) {
            const millis = eventTimeMillis(table, row[table.group.EventTimeFeatureName]);
            const iso = millis === undefined ? undefined : new Date(millis).toISOString();
            values.push(iso?.slice(0, 4) ?? null, iso?.slice(5, 7) ?? null, iso?.slice(8, 10) ?? null, iso?.slice(11, 13) ?? null);
          }
          insert.run(...values);
        }
      });
      fill(source.rows(table));
    }

    let statement: Database.Statement<unknown[]>;
    try {
      statement = db.prepare(query.sql);
    } catch (error) {
      throw engineError(error);
    }
    const declared = statement.columns();
    statement.safeIntegers(true);
    statement.raw(true);
    const rows: unknown[][] = [];
    try {
      for (const row of statement.iterate(...query.values) as Iterable<unknown[]>) {
        if (rows.length >= MAX_RESULT_ROWS) {
          throw new AthenaSqlError(
            'failed',
            'EXCEEDED_LIMIT',
            `The local Athena returns at most ${MAX_RESULT_ROWS} rows per query; add a WHERE clause or a LIMIT.`,
          );
        }
        rows.push(row);
      }
    } catch (error) {
      throw engineError(error);
    }
    const columns = declared.map((column, index) => ({
      name: column.name,
      type: column.type ? column.type.toLowerCase() : inferredType(rows.map((row) => row[index])),
    }));
    return { columns, rows: rows.map((row) => row.map((value, index) => textOf(columns[index]?.type ?? 'varchar', value))), scannedBytes };
  } finally {
    db.close();
  }
}

/** SQLite's complaint, as Athena's error codes name it. */
function engineError(error: unknown): Error {
  if (error instanceof AthenaSqlError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const table = /no such table: (.*)/.exec(message);
  if (table) return new AthenaSqlError('failed', 'TABLE_NOT_FOUND', `Table '${(table[1] ?? '').slice(0, 128)}' does not exist`);
  const column = /no such column: (.*)/.exec(message);
  if (column) return new AthenaSqlError('failed', 'COLUMN_NOT_FOUND', `Column '${(column[1] ?? '').slice(0, 128)}' cannot be resolved`);
  if (/syntax error|incomplete input/.test(message))
    return new AthenaSqlError('failed', 'SYNTAX_ERROR', `${message.slice(0, 256)} (SQLite's words: the local Athena runs the query on SQLite)`);
  return new AthenaSqlError('failed', 'GENERIC_USER_ERROR', `${message.slice(0, 256)} (SQLite's words: the local Athena runs the query on SQLite)`);
}
