/**
 * Failed rows as CSV: the source's columns with each row's original cells (lists as JSON
 * arrays), plus `import_error` naming the AWS error or the validation problem, so the
 * file can be fixed and imported again (the extra column maps to no feature). Exact by
 * default; Excel-safe prefixes `'` to formula-like cells (src/domain/csvCell.ts).
 */
import Papa from 'papaparse';
import { csvCell, type CsvStyle } from '../../domain/csvCell';
import { cellText } from '../../domain/importMapping';
import type { FailedRow } from './importSession';

export const ERROR_COLUMN = 'import_error';

export function failedRowsCsv(columns: readonly string[], rows: readonly FailedRow[], style: CsvStyle = 'exact'): string {
  return csvLines([[...columns, ERROR_COLUMN], ...rows.map((row) => failedRowLine(columns, row))], style);
}

/** The rows' lines alone, without the header line: a download built a part at a time. */
export function failedRowsCsvPart(columns: readonly string[], rows: readonly FailedRow[], style: CsvStyle = 'exact'): string {
  return rows.length === 0
    ? ''
    : csvLines(
        rows.map((row) => failedRowLine(columns, row)),
        style,
      );
}

function failedRowLine(columns: readonly string[], row: FailedRow): string[] {
  return [...columns.map((_, index) => cellText(row.cells[index] ?? null)), `${row.errorCode}: ${row.message}`];
}

function csvLines(lines: string[][], style: CsvStyle): string {
  return `${Papa.unparse(
    lines.map((line) => line.map((text) => csvCell(text, style))),
    { newline: '\r\n' },
  )}\r\n`;
}
