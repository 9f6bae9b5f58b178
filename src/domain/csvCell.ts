/**
 * How a CSV export writes a cell: exactly as stored (the default, so a file round-trips:
 * "-5" stays "-5"), or "Excel-safe" for opening in a spreadsheet, where a cell that
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula
 * (OWASP, "CSV Injection"). Excel-safe prefixes such a cell with `'`, which spreadsheets
 * show as text and hide; the value in the file is then no longer the stored one, so the
 * file name says so (`…-excel-safe.csv`). Quoting (commas, quotes, line breaks) is the
 * CSV writer's job and applies after this.
 */
export type CsvStyle = 'exact' | 'excel-safe';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(text: string, style: CsvStyle): string {
  return style === 'excel-safe' && FORMULA_START.test(text) ? `'${text}` : text;
}

/** `customers-all-….csv` → `customers-all-…-excel-safe.csv` for an Excel-safe file; the exact file keeps its name. */
export function csvFileName(name: string, style: CsvStyle): string {
  if (style === 'exact') return name;
  const dot = name.toLowerCase().endsWith('.csv') ? name.length - 4 : name.length;
  return `${name.slice(0, dot)}-excel-safe${name.slice(dot)}`;
}
