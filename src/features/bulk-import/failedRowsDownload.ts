/**
 * Every failed row of an import as CSV, however many failed: the first MAX_KEPT_FAILED_ROWS
 * are kept whole during the write; for the others only their row numbers are kept (per error
 * code, with the first such message), so their cells are read again from the file, a chunk
 * at a time, and the download is built in parts. An invalid row's message is found again by
 * checking the row as the write did; a row AWS refused past the kept ones carries the message
 * AWS gave the first of them, said as such.
 */
import type { CsvStyle } from '../../domain/csvCell';
import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { failedRowsCsv, failedRowsCsvPart } from './failedRowsCsv';
import { rowChecker, type ChunkSource, type FailedRow, type WriteState } from './importSession';

export interface FailedRowsDownload {
  schema: FeatureGroupSchema;
  settings: ImportSettings;
  columns: readonly string[];
  state: Pick<WriteState, 'failedRows' | 'unkeptFailures'>;
  /** The import's source from its first row (the same file, read as the write read it). */
  openSource(): ChunkSource;
  style: CsvStyle;
}

/** Whether some failed rows are not kept whole, so that the download has to read the file again. */
function hasUnkeptFailures(state: Pick<WriteState, 'unkeptFailures'>): boolean {
  return state.unkeptFailures.size > 0;
}

export async function failedRowsBlob({ schema, settings, columns, state, openSource, style }: FailedRowsDownload): Promise<Blob> {
  const type = 'text/csv;charset=utf-8';
  if (!hasUnkeptFailures(state)) return new Blob([failedRowsCsv(columns, state.failedRows, style)], { type });
  const kept = new Map(state.failedRows.map((row) => [row.row, row]));
  const unkept = [...state.unkeptFailures];
  let remaining = kept.size + unkept.reduce((sum, [, failures]) => sum + failures.rows.size, 0);
  const check = rowChecker(schema, settings);
  const parts: string[] = [failedRowsCsv(columns, [], style)];
  const source = openSource();
  try {
    let rowNumber = 0;
    while (remaining > 0) {
      const chunk = await source.next();
      if (!chunk) break;
      const found: FailedRow[] = [];
      for (const row of chunk.rows) {
        rowNumber += 1;
        const whole = kept.get(rowNumber);
        if (whole) {
          found.push(whole);
          continue;
        }
        const failure = unkept.find(([, failures]) => failures.rows.has(rowNumber));
        if (!failure) continue;
        const [errorCode, { message }] = failure;
        if (errorCode === 'InvalidRow') {
          const checked = check(row, rowNumber);
          found.push({ row: rowNumber, cells: row.cells, errorCode, message: checked.ok ? message : checked.failure.message });
        } else {
          found.push({
            row: rowNumber,
            cells: row.cells,
            errorCode,
            message: `${message} (the message AWS gave the first row with this error; later rows' messages were not kept)`,
          });
        }
      }
      remaining -= found.length;
      parts.push(failedRowsCsvPart(columns, found, style));
    }
  } finally {
    source.close();
  }
  if (remaining > 0) throw new Error(`${remaining.toLocaleString('en-US')} failed rows were not found in the file again: was it changed since the import?`);
  return new Blob(parts, { type });
}
