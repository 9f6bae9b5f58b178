/**
 * Excel workbooks (.xlsx), read in the import worker with read-excel-file (maintained, no
 * advisories; the registry's `xlsx` 0.18.5 has open ones). Loaded with a dynamic import
 * only when such a file is chosen, so the page's first bundle does not carry it.
 *
 * Cells come as Excel typed them: numbers as JavaScript's shortest round-trip text (what
 * Excel shows in the General format), cells formatted as dates as ISO-8601 UTC (Excel has
 * no time zones; its wall clock is taken as UTC), booleans as true/false, text as is.
 * The whole sheet is read at once (a workbook is a zip: its sheet cannot be streamed by
 * row ranges); rows are then handed out in bounded chunks like any other source.
 */
import readXlsxFile from 'read-excel-file/web-worker';
import { uniqueColumnNames } from '../../domain/columnNames';
import { cellFromValue, cellText, type SourceCell } from '../../domain/importMapping';

export interface Workbook {
  sheets: string[];
  sheet: string;
  /** 1-based, as Excel numbers rows. */
  headerRow: number;
  columns: string[];
  duplicates: string[];
  /** Data rows after the header, with their Excel row numbers; empty rows left out. */
  rows: { cells: SourceCell[]; problem?: string }[];
}

/**
 * A date cell as Excel shows it. A date is a double of days since 1899-12-30, so a time at a
 * whole second can arrive a millisecond short (12:14:59.999 for 12:15:00): within 1 ms of a
 * whole second it is that second.
 */
function excelValue(value: unknown): SourceCell {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const ms = value.getTime();
    const second = Math.round(ms / 1000) * 1000;
    return cellFromValue(new Date(Math.abs(ms - second) <= 1 ? second : ms));
  }
  return cellFromValue(value);
}

function isEmptyRow(row: readonly unknown[]): boolean {
  return row.every((value) => value === null || value === undefined || value === '');
}

export async function readWorkbook(blob: Blob, options: { sheet?: string | undefined; headerRow?: number | undefined }): Promise<Workbook> {
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(blob);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'XLS_FILE_NOT_SUPPORTED')
      throw new Error('This is an old Excel .xls workbook: open it in Excel and save it as .xlsx or as “CSV UTF-8”.', { cause: error });
    throw new Error(
      `This is not an .xlsx workbook the console can read (${(error as Error).message}). Open it in Excel and save it as .xlsx or as “CSV UTF-8”.`,
      { cause: error },
    );
  }
  if (sheets.length === 0) throw new Error('The workbook has no sheets.');
  const chosen = options.sheet === undefined ? sheets[0] : sheets.find((candidate) => candidate.sheet === options.sheet);
  if (!chosen) throw new Error(`The workbook has no sheet named “${options.sheet}”.`);
  const data = chosen.data as unknown[][];
  const firstFilled = data.findIndex((row) => !isEmptyRow(row));
  const headerRow = options.headerRow ?? (firstFilled >= 0 ? firstFilled + 1 : 1);
  const header = data[headerRow - 1] ?? [];
  const { columns, duplicates } = uniqueColumnNames(
    header.map((value, index) => {
      const cell = excelValue(value);
      const text = typeof cell === 'string' ? cell : cellText(cell);
      return text === '' ? `Column ${index + 1}` : text;
    }),
  );
  // Trailing unnamed columns with nothing in them are not columns.
  while (columns.length > 0 && (header[columns.length - 1] === null || header[columns.length - 1] === undefined)) columns.pop();
  const rows: Workbook['rows'] = [];
  for (let index = headerRow; index < data.length; index += 1) {
    const row = data[index] ?? [];
    if (isEmptyRow(row)) continue;
    const cells = columns.map((_, column) => excelValue(row[column]));
    const extra = row.slice(columns.length).some((value) => value !== null && value !== undefined && value !== '');
    rows.push(extra ? { cells, problem: `Row ${index + 1} has values right of the last named column; give that column a header.` } : { cells });
  }
  return { sheets: sheets.map((sheet) => sheet.sheet), sheet: chosen.sheet, headerRow, columns, duplicates, rows };
}
