/** Words the import's steps share: row counts, the source's name, durations. */
import type { ImportSourceSpec } from './importSession';

/** "1 row", "2,500 rows". */
export function rowCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`;
}

export function sourceLabel(source: ImportSourceSpec): string {
  return source.kind === 'file' ? source.file.name : `${source.count.toLocaleString('en-US')} records from ${source.name}`;
}

export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.ceil(seconds - minutes * 60)} s`;
}

/**
 * Where a row is in its source, as the person who made the file counts it: CSV and TSV have
 * the header on line 1, so data row 1 is line 2 (a spreadsheet's row 2); JSON Lines has no
 * header, row N is line N; Parquet has no lines, "row N"; generated records, "record N".
 */
export function sourcePosition(source: ImportSourceSpec, row: number): string {
  if (source.kind === 'generate') return `record ${row.toLocaleString('en-US')}`;
  if (source.format === 'csv' || source.format === 'tsv') return `line ${(row + 1).toLocaleString('en-US')}`;
  if (source.format === 'jsonl') return `line ${row.toLocaleString('en-US')}`;
  return `row ${row.toLocaleString('en-US')}`;
}
