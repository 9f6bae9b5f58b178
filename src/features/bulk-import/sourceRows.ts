/**
 * Reading an import source as rows of cells, a bounded chunk at a time, never the whole
 * file: CSV and TSV through papaparse (fed text decoded by a streaming TextDecoder, so a
 * multi-byte character split across two reads stays whole), JSON Lines line by line, and
 * Parquet by row ranges through hyparquet (which reads only the byte ranges it needs).
 * Runs in the import worker (sourceReader.worker.ts) and in unit tests alike.
 */
import Papa from 'papaparse';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { cellFromJson, cellFromValue, type SourceCell } from '../../domain/importMapping';
import { parseJsonKeepingNumbers, type JsonValue } from '../../domain/jsonKeepingNumbers';
import { checkedParquetRowCount } from './parquetRowBound';

export type SourceFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

export interface SourceRow {
  cells: SourceCell[];
  /** Set when the row cannot be read as cells of the columns (wrong cell count, not JSON). */
  problem?: string;
}

export interface SourceChunk {
  rows: SourceRow[];
  /** Progress through the source: bytes for text, rows for Parquet. */
  done: number;
  total: number;
}

export interface SourcePreview {
  columns: string[];
  rows: SourceRow[];
  /** Known without reading every row (Parquet's metadata). */
  rowCount?: number;
}

/** Bytes of text decoded per step (a bounded batch of rows). */
export const TEXT_CHUNK_BYTES = 256 * 1024;
/** Rows per Parquet read. */
export const PARQUET_CHUNK_ROWS = 2_000;
/** JSON Lines: the keys of this many first lines make the columns. */
export const JSONL_COLUMN_SAMPLE = 1_000;
/** A JSON line longer than this (a record is at most 350 KB of values) is refused, not buffered. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export function formatFromName(name: string): SourceFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.parquet')) return 'parquet';
  return 'csv';
}

/** The source's text, decoded as UTF-8 in bounded steps (a BOM is dropped). */
async function* textChunks(blob: Blob): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = new TextDecoder('utf-8');
  for (let start = 0; start < blob.size; start += TEXT_CHUNK_BYTES) {
    const end = Math.min(blob.size, start + TEXT_CHUNK_BYTES);
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    yield { text: decoder.decode(bytes, { stream: end < blob.size }), bytes: end };
  }
}

/**
 * A stand-in for a Node readable stream: papaparse's streaming parser reads `data` events
 * and keeps an incomplete last line for the next one. Events are emitted by the caller,
 * one chunk at a time, so nothing is read before the consumer asks.
 */
class PushStream {
  readonly readable = true;
  private listeners = new Map<string, ((value?: unknown) => void)[]>();
  read(): void {}
  pause(): void {}
  resume(): void {}
  on(event: string, listener: (value?: unknown) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  removeListener(event: string, listener: (value?: unknown) => void): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((candidate) => candidate !== listener),
    );
  }
  emit(event: string, value?: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(value);
  }
}

/** Every record of a delimited file, header included, in chunks. */
async function* delimitedRecords(blob: Blob, delimiter: string): AsyncGenerator<{ records: string[][]; bytes: number }> {
  const stream = new PushStream();
  let parsed: string[][] = [];
  let failure: unknown;
  Papa.parse<string[]>(stream as unknown as File, {
    delimiter,
    header: false,
    skipEmptyLines: true,
    chunk: (results) => {
      parsed.push(...results.data);
    },
    error: (error: unknown) => {
      failure = error;
    },
    complete: () => {},
  });
  let bytes = 0;
  for await (const chunk of textChunks(blob)) {
    bytes = chunk.bytes;
    if (chunk.text !== '') stream.emit('data', chunk.text);
    if (failure) throw failure;
    if (parsed.length > 0) {
      yield { records: parsed, bytes };
      parsed = [];
    }
  }
  stream.emit('end');
  if (failure) throw failure;
  if (parsed.length > 0) yield { records: parsed, bytes };
}

function delimitedRow(record: string[], columns: number): SourceRow {
  if (record.length === columns) return { cells: record };
  return { cells: record.slice(0, columns), problem: `The row has ${record.length} cells; the header has ${columns}. Check its quotes and delimiters.` };
}

async function* delimitedRows(blob: Blob, delimiter: string): AsyncGenerator<SourceChunk & { columns?: string[] }> {
  let columns: string[] | undefined;
  for await (const { records, bytes } of delimitedRecords(blob, delimiter)) {
    let start = 0;
    let header: string[] | undefined;
    if (!columns) {
      columns = records[0] ?? [];
      header = columns;
      start = 1;
    }
    const width = columns.length;
    yield { rows: records.slice(start).map((record) => delimitedRow(record, width)), done: bytes, total: blob.size, ...(header ? { columns: header } : {}) };
  }
}

/** The lines of a text file, in chunks; a line without its end yet waits for the next chunk. */
async function* lineChunks(blob: Blob): AsyncGenerator<{ lines: string[]; bytes: number }> {
  let partial = '';
  for await (const { text, bytes } of textChunks(blob)) {
    const joined = partial + text;
    const lastBreak = joined.lastIndexOf('\n');
    if (lastBreak < 0) {
      if (joined.length > MAX_LINE_CHARS) throw new Error(`A line is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters.`);
      partial = joined;
      continue;
    }
    partial = joined.slice(lastBreak + 1);
    yield { lines: joined.slice(0, lastBreak).split('\n'), bytes };
  }
  if (partial !== '') yield { lines: [partial], bytes: blob.size };
}

function jsonLine(line: string): { object?: Record<string, JsonValue>; problem?: string } | undefined {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() === '') return undefined;
  const parsed = parseJsonKeepingNumbers(text);
  if (!parsed.ok) return { problem: parsed.message };
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !(Object.getPrototypeOf(value) === null)) {
    return { problem: 'Each line must be a JSON object of feature names to values.' };
  }
  return { object: value as Record<string, JsonValue> };
}

async function* jsonLinesRows(blob: Blob, columns: readonly string[]): AsyncGenerator<SourceChunk> {
  for await (const { lines, bytes } of lineChunks(blob)) {
    const rows: SourceRow[] = [];
    for (const line of lines) {
      const parsed = jsonLine(line);
      if (!parsed) continue;
      if (parsed.problem !== undefined) rows.push({ cells: columns.map(() => null), problem: parsed.problem });
      else {
        const object = parsed.object as Record<string, JsonValue>;
        rows.push({ cells: columns.map((column) => cellFromJson(Object.hasOwn(object, column) ? object[column] : undefined)) });
      }
    }
    yield { rows, done: bytes, total: blob.size };
  }
}

/** Parquet's random access on a File: each read is a slice, never the whole file. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

function parquetColumns(metadata: FileMetaData): string[] {
  return parquetSchema(metadata).children.map((child) => child.element.name);
}

async function* parquetRows(blob: Blob): AsyncGenerator<SourceChunk> {
  const file = blobBuffer(blob);
  const metadata = await parquetMetadataAsync(file);
  const columns = parquetColumns(metadata);
  const total = checkedParquetRowCount(metadata, blob.size);
  for (let rowStart = 0; rowStart < total; rowStart += PARQUET_CHUNK_ROWS) {
    const rowEnd = Math.min(total, rowStart + PARQUET_CHUNK_ROWS);
    const objects = (await parquetReadObjects({ file, metadata, rowStart, rowEnd })) as Record<string, unknown>[];
    yield { rows: objects.map((object) => ({ cells: columns.map((column) => cellFromValue(object[column])) })), done: rowEnd, total };
  }
}

/** The source's data rows, in bounded chunks. `columns` are the preview's (JSON Lines needs them). */
export function readSourceRows(blob: Blob, format: SourceFormat, columns: readonly string[]): AsyncGenerator<SourceChunk> {
  if (format === 'jsonl') return jsonLinesRows(blob, columns);
  if (format === 'parquet') return parquetRows(blob);
  return delimitedRows(blob, format === 'tsv' ? '\t' : ',');
}

/** The columns and the first rows. */
export async function previewSource(blob: Blob, format: SourceFormat, previewRows: number): Promise<SourcePreview> {
  if (format === 'parquet') {
    const metadata = await parquetMetadataAsync(blobBuffer(blob));
    const columns = parquetColumns(metadata);
    const rowCount = checkedParquetRowCount(metadata, blob.size);
    const end = Math.min(rowCount, previewRows);
    const objects = end > 0 ? ((await parquetReadObjects({ file: blobBuffer(blob), metadata, rowStart: 0, rowEnd: end })) as Record<string, unknown>[]) : [];
    return { columns, rowCount, rows: objects.map((object) => ({ cells: columns.map((column) => cellFromValue(object[column])) })) };
  }
  if (format === 'jsonl') {
    const columns: string[] = [];
    const seen = new Set<string>();
    const objects: { object?: Record<string, JsonValue>; problem?: string }[] = [];
    let sampled = 0;
    outer: for await (const { lines } of lineChunks(blob)) {
      for (const line of lines) {
        const parsed = jsonLine(line);
        if (!parsed) continue;
        sampled += 1;
        if (objects.length < previewRows) objects.push(parsed);
        for (const key of Object.keys(parsed.object ?? {})) {
          if (!seen.has(key)) {
            seen.add(key);
            columns.push(key);
          }
        }
        if (sampled >= JSONL_COLUMN_SAMPLE) break outer;
      }
    }
    return {
      columns,
      rows: objects.map((parsed) =>
        parsed.problem !== undefined
          ? { cells: columns.map(() => null), problem: parsed.problem }
          : { cells: columns.map((column) => cellFromJson(Object.hasOwn(parsed.object ?? {}, column) ? parsed.object?.[column] : undefined)) },
      ),
    };
  }
  let columns: string[] = [];
  const rows: SourceRow[] = [];
  for await (const chunk of delimitedRows(blob, format === 'tsv' ? '\t' : ',')) {
    if (chunk.columns) columns = chunk.columns;
    rows.push(...chunk.rows.slice(0, previewRows - rows.length));
    if (rows.length >= previewRows) break;
  }
  return { columns, rows };
}
