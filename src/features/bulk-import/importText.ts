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
