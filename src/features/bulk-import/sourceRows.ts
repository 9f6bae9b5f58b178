/**
 * Reading an import source as rows of cells, a bounded chunk at a time, never the whole
 * file: CSV and TSV through papaparse (fed text decoded by a streaming TextDecoder, so a
 * multi-byte character split across two reads stays whole), JSON Lines line by line,
 * Parquet by row ranges through hyparquet (which reads only the byte ranges it needs), and
 * Excel workbooks (workbookRows.ts, loaded only for them).
 * Runs in the import worker (sourceReader.worker.ts) and in unit tests alike.
 *
 * Text is checked before it is parsed: a binary file (NUL bytes, a known signature) is
 * refused as not text; UTF-8 is decoded strictly (a BOM is dropped), so a file that is not
 * UTF-8 is named as such and can be read again as Windows-1252 instead of becoming U+FFFD.
 */
import Papa from 'papaparse';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type Compressors, type FileMetaData } from 'hyparquet';
import { BINARY_SNIFF_BYTES, notTextReason } from '../../domain/binaryFiles';
import { uniqueColumnNames } from '../../domain/columnNames';
import { detectDelimiter, type Delimiter } from '../../domain/delimiters';
import { cellFromJson, cellFromValue, type SourceCell } from '../../domain/importMapping';
import { parseJsonKeepingNumbers, type JsonValue } from '../../domain/jsonKeepingNumbers';
import { checkedParquetRowCount } from './parquetRowBound';

export type SourceFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet' | 'xlsx';
export type TextEncodingName = 'utf-8' | 'windows-1252';

/** How a file is read; what is not given is detected (delimiter, header row) or the default (UTF-8, first sheet). */
export interface ReadOptions {
  delimiter?: Delimiter | undefined;
  encoding?: TextEncodingName | undefined;
  sheet?: string | undefined;
  /** 1-based row of an Excel sheet's header. */
  headerRow?: number | undefined;
}

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
  /** JSON Lines: keys not among the columns, first seen in this chunk, with the file line they first appear on. */
  newKeys?: { key: string; line: number }[];
}

export interface SourcePreview {
  columns: string[];
  rows: SourceRow[];
  /** Known without reading every row (Parquet's metadata). */
  rowCount?: number;
  /** Delimited text: the delimiter used (detected unless chosen). */
  delimiter?: Delimiter;
  /** Text: the encoding used. */
  encoding?: TextEncodingName;
  /** Names that more than one column has; the later ones are renamed `name (2)`. */
  duplicateColumns?: string[];
  /** Excel: the workbook's sheets, the one read, and its header row. */
  sheets?: string[];
  sheet?: string;
  headerRow?: number;
  /** Parquet: the compression codecs of its column chunks. */
  codecs?: string[];
}

/** Thrown when text is not valid UTF-8; the page offers Windows-1252. */
export const NOT_UTF8 = 'The file is not valid UTF-8';

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
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.parquet')) return 'parquet';
  return 'csv';
}

/**
 * The source's text, decoded in bounded steps (a UTF-8 BOM is dropped). UTF-8 is strict:
 * an invalid byte stops the read with a message naming it, never a U+FFFD in a record.
 */
async function* textChunks(blob: Blob, encoding: TextEncodingName = 'utf-8'): AsyncGenerator<{ text: string; bytes: number }> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  for (let start = 0; start < blob.size; start += TEXT_CHUNK_BYTES) {
    const end = Math.min(blob.size, start + TEXT_CHUNK_BYTES);
    const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
    if (start === 0) {
      const reason = notTextReason(bytes.subarray(0, BINARY_SNIFF_BYTES));
      if (reason) throw new Error(reason);
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: end < blob.size });
    } catch {
      throw new Error(
        `${NOT_UTF8} (a byte between ${(start + 1).toLocaleString('en-US')} and ${end.toLocaleString('en-US')} is not UTF-8). If Excel or another Windows program saved it, read it as Windows-1252 (Latin-1), or save it again as “CSV UTF-8”.`,
      );
    }
    yield { text, bytes: end };
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
async function* delimitedRecords(
  blob: Blob,
  delimiter: string,
  encoding: TextEncodingName | undefined,
): AsyncGenerator<{ records: string[][]; bytes: number }> {
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
  for await (const chunk of textChunks(blob, encoding)) {
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

/** The delimiter to read with: the chosen one, else a tab for TSV, else the one the first bytes suggest, else a comma. */
async function delimiterFor(blob: Blob, format: SourceFormat, options: ReadOptions): Promise<Delimiter> {
  if (options.delimiter) return options.delimiter;
  if (format === 'tsv') return '\t';
  for await (const { text } of textChunks(blob.slice(0, 64 * 1024), options.encoding)) return detectDelimiter(text) ?? ',';
  return ',';
}

type DelimitedChunk = SourceChunk & { columns?: string[]; duplicates?: string[] };

async function* delimitedRows(blob: Blob, delimiter: Delimiter, encoding: TextEncodingName | undefined): AsyncGenerator<DelimitedChunk> {
  let columns: string[] | undefined;
  for await (const { records, bytes } of delimitedRecords(blob, delimiter, encoding)) {
    let start = 0;
    let header: { columns: string[]; duplicates: string[] } | undefined;
    if (!columns) {
      header = uniqueColumnNames(records[0] ?? []);
      columns = header.columns;
      start = 1;
    }
    const width = columns.length;
    yield {
      rows: records.slice(start).map((record) => delimitedRow(record, width)),
      done: bytes,
      total: blob.size,
      ...(header ? { columns: header.columns, duplicates: header.duplicates } : {}),
    };
  }
}

/** The lines of a text file, in chunks; a line without its end yet waits for the next chunk. */
async function* lineChunks(blob: Blob, encoding?: TextEncodingName): AsyncGenerator<{ lines: string[]; bytes: number }> {
  let partial = '';
  for await (const { text, bytes } of textChunks(blob, encoding)) {
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

/** At most this many unknown keys are reported (a file of random keys must not grow the report without bound). */
export const MAX_NEW_KEYS = 100;

/**
 * JSON Lines rows as cells of `columns`; a key not among them is reported (once, with its
 * file line) in the chunk's `newKeys`, so the dry run can say so before anything is written.
 */
async function* jsonLinesRows(blob: Blob, columns: readonly string[], encoding: TextEncodingName | undefined): AsyncGenerator<SourceChunk> {
  const known = new Set(columns);
  let line = 0;
  for await (const { lines, bytes } of lineChunks(blob, encoding)) {
    const rows: SourceRow[] = [];
    const newKeys: { key: string; line: number }[] = [];
    for (const text of lines) {
      line += 1;
      const parsed = jsonLine(text);
      if (!parsed) continue;
      if (parsed.problem !== undefined) rows.push({ cells: columns.map(() => null), problem: parsed.problem });
      else {
        const object = parsed.object as Record<string, JsonValue>;
        rows.push({ cells: columns.map((column) => cellFromJson(Object.hasOwn(object, column) ? object[column] : undefined)) });
        if (known.size < columns.length + MAX_NEW_KEYS) {
          for (const key of Object.keys(object)) {
            if (!known.has(key)) {
              known.add(key);
              newKeys.push({ key, line });
            }
          }
        }
      }
    }
    yield { rows, done: bytes, total: blob.size, ...(newKeys.length > 0 ? { newKeys } : {}) };
  }
}

/** Parquet's random access on a File: each read is a slice, never the whole file. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

function parquetColumns(metadata: FileMetaData): string[] {
  return parquetSchema(metadata).children.map((child) => child.element.name);
}

/** The codecs the console reads: hyparquet's own, and those of parquetCompressors.ts. */
export const PARQUET_CODECS = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'BROTLI', 'LZ4', 'LZ4_RAW'] as const;
const BUILT_IN_CODECS = new Set<string>(['UNCOMPRESSED', 'SNAPPY']);

function parquetCodecs(metadata: FileMetaData): string[] {
  const codecs = new Set<string>();
  for (const group of metadata.row_groups) for (const column of group.columns) if (column.meta_data) codecs.add(column.meta_data.codec);
  return [...codecs];
}

/** The decoders a file needs (loaded only then), or a refusal naming its codec and those that work. */
async function parquetDecoders(metadata: FileMetaData): Promise<{ codecs: string[]; compressors?: Compressors }> {
  const codecs = parquetCodecs(metadata);
  const unreadable = codecs.filter((codec) => !(PARQUET_CODECS as readonly string[]).includes(codec));
  if (unreadable.length > 0) {
    throw new Error(
      `This Parquet file is compressed with ${unreadable.join(' and ')}, which the console cannot read. It reads ${PARQUET_CODECS.join(', ')}: write the file again with one of those (for example pyarrow's compression='zstd' or 'snappy').`,
    );
  }
  if (codecs.every((codec) => BUILT_IN_CODECS.has(codec))) return { codecs };
  const { compressors } = await import('./parquetCompressors');
  return { codecs, compressors };
}

async function* parquetRows(blob: Blob): AsyncGenerator<SourceChunk> {
  const file = blobBuffer(blob);
  const metadata = await parquetMetadataAsync(file);
  const { compressors } = await parquetDecoders(metadata);
  const columns = parquetColumns(metadata);
  const total = checkedParquetRowCount(metadata, blob.size);
  for (let rowStart = 0; rowStart < total; rowStart += PARQUET_CHUNK_ROWS) {
    const rowEnd = Math.min(total, rowStart + PARQUET_CHUNK_ROWS);
    const objects = (await parquetReadObjects({ file, metadata, rowStart, rowEnd, ...(compressors ? { compressors } : {}) })) as Record<string, unknown>[];
    yield { rows: objects.map((object) => ({ cells: columns.map((column) => cellFromValue(object[column])) })), done: rowEnd, total };
  }
}

/** Excel rows, read whole by workbookRows.ts (loaded only for a workbook), handed out in bounded chunks. */
async function* workbookRows(blob: Blob, options: ReadOptions): AsyncGenerator<SourceChunk> {
  const { readWorkbook } = await import('./workbookRows');
  const workbook = await readWorkbook(blob, options);
  const total = workbook.rows.length;
  for (let start = 0; start < total; start += PARQUET_CHUNK_ROWS) {
    const end = Math.min(total, start + PARQUET_CHUNK_ROWS);
    yield { rows: workbook.rows.slice(start, end), done: end, total };
  }
}

/** The source's data rows, in bounded chunks. `columns` are the preview's (JSON Lines needs them). */
export async function* readSourceRows(blob: Blob, format: SourceFormat, columns: readonly string[], options: ReadOptions = {}): AsyncGenerator<SourceChunk> {
  if (format === 'jsonl') yield* jsonLinesRows(blob, columns, options.encoding);
  else if (format === 'parquet') yield* parquetRows(blob);
  else if (format === 'xlsx') yield* workbookRows(blob, options);
  else yield* delimitedRows(blob, await delimiterFor(blob, format, options), options.encoding);
}

/** The columns and the first rows, with how the file was read. */
export async function previewSource(blob: Blob, format: SourceFormat, previewRows: number, options: ReadOptions = {}): Promise<SourcePreview> {
  if (format === 'parquet') {
    const metadata = await parquetMetadataAsync(blobBuffer(blob));
    const { codecs, compressors } = await parquetDecoders(metadata);
    const columns = parquetColumns(metadata);
    const rowCount = checkedParquetRowCount(metadata, blob.size);
    const end = Math.min(rowCount, previewRows);
    const objects =
      end > 0
        ? ((await parquetReadObjects({ file: blobBuffer(blob), metadata, rowStart: 0, rowEnd: end, ...(compressors ? { compressors } : {}) })) as Record<
            string,
            unknown
          >[])
        : [];
    return { columns, rowCount, codecs, rows: objects.map((object) => ({ cells: columns.map((column) => cellFromValue(object[column])) })) };
  }
  if (format === 'xlsx') {
    const { readWorkbook } = await import('./workbookRows');
    const workbook = await readWorkbook(blob, options);
    return {
      columns: workbook.columns,
      rows: workbook.rows.slice(0, previewRows),
      rowCount: workbook.rows.length,
      sheets: workbook.sheets,
      sheet: workbook.sheet,
      headerRow: workbook.headerRow,
      duplicateColumns: workbook.duplicates,
    };
  }
  const encoding = options.encoding ?? 'utf-8';
  if (format === 'jsonl') {
    const columns: string[] = [];
    const seen = new Set<string>();
    const objects: { object?: Record<string, JsonValue>; problem?: string }[] = [];
    let sampled = 0;
    outer: for await (const { lines } of lineChunks(blob, encoding)) {
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
      encoding,
      rows: objects.map((parsed) =>
        parsed.problem !== undefined
          ? { cells: columns.map(() => null), problem: parsed.problem }
          : { cells: columns.map((column) => cellFromJson(Object.hasOwn(parsed.object ?? {}, column) ? parsed.object?.[column] : undefined)) },
      ),
    };
  }
  const delimiter = await delimiterFor(blob, format, options);
  let columns: string[] = [];
  let duplicates: string[] = [];
  const rows: SourceRow[] = [];
  for await (const chunk of delimitedRows(blob, delimiter, encoding)) {
    if (chunk.columns) {
      columns = chunk.columns;
      duplicates = chunk.duplicates ?? [];
    }
    rows.push(...chunk.rows.slice(0, previewRows - rows.length));
    if (rows.length >= previewRows) break;
  }
  return { columns, rows, delimiter, encoding, ...(duplicates.length > 0 ? { duplicateColumns: duplicates } : {}) };
}
