/**
 * Failed rows as CSV: the source's columns with each row's original cells (lists as JSON
 * arrays), plus `import_error` naming the AWS error or the validation problem, so the
 * file can be fixed and imported again (the extra column maps to no feature).
 */
import Papa from 'papaparse';
import { cellText } from '../../domain/importMapping';
import type { FailedRow } from './importSession';

export const ERROR_COLUMN = 'import_error';

export function failedRowsCsv(columns: readonly string[], rows: readonly FailedRow[]): string {
  const data = rows.map((row) => [...columns.map((_, index) => cellText(row.cells[index] ?? null)), `${row.errorCode}: ${row.message}`]);
  return `${Papa.unparse({ fields: [...columns, ERROR_COLUMN], data }, { newline: '\r\n' })}\r\n`;
}
