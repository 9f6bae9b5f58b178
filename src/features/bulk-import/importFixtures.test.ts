/**
 * The import fixtures (e2e/fixtures/import, made by makeImportFixtures.ts) through the
 * reader the worker runs: each either reads exactly or is refused with words that say what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSONL_COLUMN_SAMPLE, previewSource, readSourceRows, type ReadOptions, type SourceFormat, type SourceRow } from './sourceRows';

const dir = path.resolve(__dirname, '../../../e2e/fixtures/import');
const fixture = (name: string) => new Blob([fs.readFileSync(path.join(dir, name))]);

const CUSTOMERS = [
  ['C-001', '2026-03-01T10:30:00Z', '42', '0.5', 'Zoë & co'],
  ['C-002', '2026-03-02T11:00:00Z', '7', '-12.75', 'café, "quoted"'],
  ['C-003', '2026-03-03T12:15:00Z', '100', '1234567.25', 'Ünïcødé ✓'],
];

async function allRows(blob: Blob, format: SourceFormat, columns: string[], options: ReadOptions = {}) {
  const rows: SourceRow[] = [];
  const newKeys: { key: string; line: number }[] = [];
  for await (const chunk of readSourceRows(blob, format, columns, options)) {
    rows.push(...chunk.rows);
    newKeys.push(...(chunk.newKeys ?? []));
  }
  return { rows, newKeys };
}

describe('import fixtures', () => {
  it('Excel CSV (BOM, semicolons, CRLF, decimal commas): the delimiter is detected, the BOM dropped, commas kept for the user to convert', async () => {
    const blob = fixture('excel-semicolon-bom-crlf.csv');
    const preview = await previewSource(blob, 'csv', 5);
    expect(preview.delimiter).toBe(';');
    expect(preview.columns).toEqual(['customer_id', 'event_time', 'age', 'score', 'segment']);
    const { rows } = await allRows(blob, 'csv', preview.columns, { delimiter: ';' });
    expect(rows.map((row) => row.cells)).toEqual(CUSTOMERS.map((row) => row.map((cell, index) => (index === 3 ? cell.replace('.', ',') : cell))));
  });

  it('Windows-1252: refused as not UTF-8 with the way out, then read exactly as Windows-1252', async () => {
    const blob = fixture('windows-1252.csv');
    await expect(previewSource(blob, 'csv', 5)).rejects.toThrow(/not valid UTF-8.*Windows-1252/);
    const { rows } = await allRows(blob, 'csv', [], { encoding: 'windows-1252' });
    expect(rows.map((row) => row.cells[4])).toEqual(['Zoë Café', 'Ångström süß']);
  });

  it('a PNG renamed .csv is refused as not a text file', async () => {
    await expect(previewSource(fixture('image-renamed.csv'), 'csv', 5)).rejects.toThrow(/not a text file: it looks like a PNG image/);
    await expect(allRows(fixture('image-renamed.csv'), 'jsonl', [])).rejects.toThrow(/not a text file/);
  });

  it('duplicate headers get their own names and are reported', async () => {
    const preview = await previewSource(fixture('duplicate-headers.csv'), 'csv', 5);
    expect(preview.columns).toEqual(['customer_id', 'event_time', 'age', 'age (2)', 'score']);
    expect(preview.duplicateColumns).toEqual(['age']);
    expect(preview.rows[0]?.cells).toEqual(['D-1', '2026-03-01T10:30:00Z', '1', '41', '0.5']);
  });

  it('a 1 MB cell is read whole (the record limit, not the reader, refuses it)', async () => {
    const { rows } = await allRows(fixture('long-cell.csv'), 'csv', []);
    expect(rows.map((row) => (row.cells[2] as string).length)).toEqual([5, 1024 * 1024, 10]);
  });

  it('JSON Lines: a key first seen after the preview sample is reported with its line', async () => {
    const blob = fixture('late-key.jsonl');
    const preview = await previewSource(blob, 'jsonl', 5);
    expect(preview.columns).toEqual(['customer_id', 'event_time', 'age']);
    expect(JSONL_COLUMN_SAMPLE).toBeLessThan(1500);
    const { rows, newKeys } = await allRows(blob, 'jsonl', preview.columns);
    expect(rows).toHaveLength(2000);
    expect(newKeys).toEqual([{ key: 'score', line: 1500 }]);
    const withScore = await allRows(blob, 'jsonl', [...preview.columns, 'score']);
    expect(withScore.newKeys).toEqual([]);
    expect(withScore.rows[1499]?.cells).toEqual(['J-1500', '2026-03-01T10:30:00Z', '1500', '375']);
  });

  it.each(['gzip', 'zstd', 'brotli', 'lz4_raw'])('Parquet compressed with %s reads exactly', async (codec) => {
    const blob = fixture(`customers-${codec}.parquet`);
    const preview = await previewSource(blob, 'parquet', 5);
    expect(preview.codecs).toEqual([codec.toUpperCase()]);
    const { rows } = await allRows(blob, 'parquet', preview.columns);
    expect(rows.map((row) => row.cells)).toEqual(CUSTOMERS);
  });

  it('Parquet with a codec the console cannot read names it and the ones that work', async () => {
    await expect(previewSource(fixture('customers-lzo.parquet'), 'parquet', 5)).rejects.toThrow(
      /compressed with LZO, which the console cannot read\. It reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, BROTLI, LZ4, LZ4_RAW/,
    );
  });

  it('xlsx: sheets listed, header row found under a title, numbers and dates as Excel shows them', async () => {
    const blob = fixture('customers.xlsx');
    const first = await previewSource(blob, 'xlsx', 5);
    expect(first.sheets).toEqual(['Notes', 'Customers']);
    expect(first.sheet).toBe('Notes');
    const preview = await previewSource(blob, 'xlsx', 5, { sheet: 'Customers', headerRow: 2 });
    expect(preview.columns).toEqual(['customer_id', 'event_time', 'age', 'score', 'segment']);
    const { rows } = await allRows(blob, 'xlsx', preview.columns, { sheet: 'Customers', headerRow: 2 });
    expect(rows.map((row) => row.cells)).toEqual(CUSTOMERS.map((row) => row.map((cell, index) => (index === 1 ? cell.replace('Z', '.000Z') : cell))));
  });
});
