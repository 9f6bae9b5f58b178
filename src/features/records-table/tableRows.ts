/**
 * The records table's rows and columns, and their export as CSV or JSON Lines. Pure:
 * the page and the streaming export of a whole group call the same functions.
 *
 * Decisions:
 * - Columns are feature names plus the pseudo-columns ExpiresAt and SoftDeleted (what
 *   BatchGetRecord and ListRecords say about a record besides its features). When a
 *   feature has the same name, the pseudo-column's header gets a leading "_" so no header
 *   repeats.
 * - A List/Set/Vector value is written as a JSON array of its strings (the form bulk
 *   import reads back); scalars are written as the exact string stored, never re-formatted.
 * - CSV leaves an absent feature empty; JSON Lines omits it, so JSON Lines tells an
 *   absent feature from an empty string and CSV cannot.
 * - CSV quoting is papaparse's unparse (RFC 4180: quotes, commas, CR/LF quoted, quotes
 *   doubled). By default values are not altered for spreadsheets: an export round-trips
 *   the stored values exactly, so "-5" stays "-5". The "Excel-safe" choice prefixes `'`
 *   to cells a spreadsheet would run as a formula (src/domain/csvCell.ts), and says so in
 *   the file name.
 */
import Papa from 'papaparse';
import { csvCell, type CsvStyle } from '../../domain/csvCell';
import type { FeatureValueLike } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';

export const EXPIRES_AT = { pseudo: 'ExpiresAt' } as const;
export const SOFT_DELETED = { pseudo: 'SoftDeleted' } as const;
export type Column = string | typeof EXPIRES_AT | typeof SOFT_DELETED;

export interface TableRow {
  recordId: string;
  /** Absent when the record was listed but not returned (soft-deleted, or gone since listing). */
  record?: FeatureValueLike[];
  expiresAt?: string;
  softDeleted: boolean;
  /** BatchGetRecord's error for this identifier, when it gave one. */
  error?: string;
}

export function columnKey(column: Column): string {
  return typeof column === 'string' ? `f:${column}` : `p:${column.pseudo}`;
}

export function columnHeader(schema: FeatureGroupSchema, column: Column): string {
  if (typeof column === 'string') return column;
  return schema.features.some((spec) => spec.name === column.pseudo) ? `_${column.pseudo}` : column.pseudo;
}

/** Identifier, event time and ExpiresAt first, then the first few features. */
export function defaultColumns(schema: FeatureGroupSchema, features = 6): Column[] {
  const others = schema.features.filter((spec) => spec.role === 'feature').slice(0, features);
  return [schema.recordIdentifierName, schema.eventTimeName, EXPIRES_AT, ...others.map((spec) => spec.name)];
}

/** Every column, in the table's order: for the export of a whole group. */
export function allColumns(schema: FeatureGroupSchema): Column[] {
  return [
    schema.recordIdentifierName,
    schema.eventTimeName,
    EXPIRES_AT,
    ...schema.features.filter((spec) => spec.role === 'feature').map((spec) => spec.name),
    SOFT_DELETED,
  ];
}

/** The cell's value: a string, a list of strings, or undefined when absent. */
export function cellValue(schema: FeatureGroupSchema, row: TableRow, column: Column): string | string[] | boolean | undefined {
  if (typeof column !== 'string') return column.pseudo === 'ExpiresAt' ? row.expiresAt : row.softDeleted;
  if (column === schema.recordIdentifierName) return row.recordId;
  const value = row.record?.find((entry) => entry.FeatureName === column);
  if (!value) return undefined;
  return value.ValueAsStringList ?? value.ValueAsString;
}

export function cellText(schema: FeatureGroupSchema, row: TableRow, column: Column): string {
  const value = cellValue(schema, row, column);
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return Array.isArray(value) ? JSON.stringify(value) : value;
}

/**
 * CSV text for rows, each line ended by CRLF; the header line only when asked (the first
 * chunk of a streamed export). No rows and no header: the empty string.
 */
export function rowsToCsv(
  schema: FeatureGroupSchema,
  rows: readonly TableRow[],
  columns: readonly Column[],
  withHeader: boolean,
  style: CsvStyle = 'exact',
): string {
  const lines = rows.map((row) => columns.map((column) => csvCell(cellText(schema, row, column), style)));
  if (withHeader) lines.unshift(columns.map((column) => csvCell(columnHeader(schema, column), style)));
  if (lines.length === 0) return '';
  return `${Papa.unparse(lines, { newline: '\r\n' })}\r\n`;
}

/** One JSON object per line, header names as keys; absent features are left out. */
export function rowsToJsonLines(schema: FeatureGroupSchema, rows: readonly TableRow[], columns: readonly Column[]): string {
  let out = '';
  for (const row of rows) {
    const line: Record<string, string | string[] | boolean> = {};
    for (const column of columns) {
      const value = cellValue(schema, row, column);
      if (value !== undefined) line[columnHeader(schema, column)] = value;
    }
    out += `${JSON.stringify(line)}\n`;
  }
  return out;
}

/** Rows whose identifier starts with the prefix (case-sensitive: identifiers are). */
export function filterByPrefix(rows: readonly TableRow[], prefix: string): TableRow[] {
  return prefix === '' ? [...rows] : rows.filter((row) => row.recordId.startsWith(prefix));
}

/** Joins a ListRecords page with its BatchGetRecord answer, in the listed order. */
export function joinPage(
  recordIds: readonly string[],
  batch: {
    records: { recordId: string; record: FeatureValueLike[]; expiresAt?: string }[];
    errors: { recordId: string; errorCode: string; message: string }[];
  },
  includeSoftDeleted: boolean,
): TableRow[] {
  const found = new Map(batch.records.map((entry) => [entry.recordId, entry]));
  const failed = new Map(batch.errors.map((entry) => [entry.recordId, entry]));
  const rows: TableRow[] = [];
  for (const recordId of recordIds) {
    const entry = found.get(recordId);
    const error = failed.get(recordId);
    if (entry) rows.push({ recordId, record: entry.record, ...(entry.expiresAt ? { expiresAt: entry.expiresAt } : {}), softDeleted: false });
    else if (error) rows.push({ recordId, softDeleted: false, error: `${error.errorCode}: ${error.message}` });
    // Listed with soft-deleted records included but not returned by BatchGetRecord: soft-deleted
    // (or deleted or expired since it was listed; the table cannot tell those apart).
    else if (includeSoftDeleted) rows.push({ recordId, softDeleted: true });
  }
  return rows;
}

export type ExportFormat = 'csv' | 'jsonl';

export function exportFileName(group: string, scope: 'shown' | 'group', format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${group}-${scope === 'shown' ? 'table' : 'all'}-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`;
}
