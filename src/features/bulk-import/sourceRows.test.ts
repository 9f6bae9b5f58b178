import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { PARQUET_CHUNK_ROWS, TEXT_CHUNK_BYTES, formatFromName, previewSource, readSourceRows, type SourceRow } from './sourceRows';

async function allRows(blob: Blob, format: Parameters<typeof readSourceRows>[1], columns: string[] = []): Promise<{ rows: SourceRow[]; chunks: number }> {
  const rows: SourceRow[] = [];
  let chunks = 0;
  for await (const chunk of readSourceRows(blob, format, columns)) {
    rows.push(...chunk.rows);
    chunks += 1;
  }
  return { rows, chunks };
}

describe('CSV and TSV', () => {
  it('reads quoted commas, quotes, line breaks and unicode, split across many reads', async () => {
    const data = Array.from({ length: 20000 }, (_, i) => [`id-${i}`, `a, "b" ✓ ünï ${'é'.repeat(i % 7)}`, i % 2 ? 'line\nbreak' : '007']);
    const csv = Papa.unparse([['id', 'text', 'other'], ...data]);
    expect(csv.length).toBeGreaterThan(2 * TEXT_CHUNK_BYTES);
    const { rows, chunks } = await allRows(new Blob([csv]), 'csv');
    expect(chunks).toBeGreaterThan(1);
    expect(rows.map((row) => row.cells)).toEqual(data);
    expect(rows.every((row) => row.problem === undefined)).toBe(true);
    const preview = await previewSource(new Blob([csv]), 'csv', 3);
    expect(preview.columns).toEqual(['id', 'text', 'other']);
    expect(preview.rows.map((row) => row.cells)).toEqual(data.slice(0, 3));
  });

  it('keeps a multi-byte character split by a read boundary whole, and flags a row of the wrong width', async () => {
    const head = 'id,s\n';
    const filler = 'x'.repeat(TEXT_CHUNK_BYTES - head.length - 3);
    const csv = `${head}a,${filler}€\nb,c,d\n\n`;
    const { rows } = await allRows(new Blob([csv]), 'csv');
    expect(rows[0]?.cells[1]).toBe(`${filler}€`);
    expect(rows[1]?.problem).toMatch(/3 cells; the header has 2/);
    expect(rows).toHaveLength(2);
    expect((await allRows(new Blob(['a\tb\n1\t2,3\n']), 'tsv')).rows[0]?.cells).toEqual(['1', '2,3']);
  });
});

describe('JSON Lines', () => {
  it('takes columns from the first lines, keeps numbers as written and reports bad lines', async () => {
    const text = '{"id": "007", "n": 9223372036854775807}\n\n{"id": "2", "v": [0.10, 2]}\nnot json\n[1]\n{"id":"3"}';
    const preview = await previewSource(new Blob([text]), 'jsonl', 10);
    expect(preview.columns).toEqual(['id', 'n', 'v']);
    const { rows } = await allRows(new Blob([text]), 'jsonl', preview.columns);
    expect(rows.map((row) => row.cells)).toEqual([
      ['007', '9223372036854775807', null],
      ['2', null, ['0.10', '2']],
      [null, null, null],
      [null, null, null],
      ['3', null, null],
    ]);
    expect(rows[2]?.problem).toMatch(/Not JSON/);
    expect(rows[3]?.problem).toMatch(/JSON object/);
  });
});

describe('Parquet', () => {
  // fixtures/records.parquet: 2,500 rows in row groups of 1,000 (written with hyparquet-writer; see the fixture's README line in README.md).
  const parquet = new Blob([fs.readFileSync(new URL('./fixtures/records.parquet', import.meta.url))]);

  it('previews the columns and counts rows from the metadata alone', async () => {
    const preview = await previewSource(parquet, 'parquet', 2);
    expect(preview.columns).toEqual(['id', 'ts', 'code', 'big', 'x', 'note', 'vec']);
    expect(preview.rowCount).toBe(2500);
    expect(preview.rows[0]?.cells).toEqual(['PQ-1', '2026-12-01T08:00:00Z', '007', '9223372036854775807', '0.1', 'ünïcødé, "quoted"', '[0.1, 0.2, 0.3]']);
    expect(preview.rows[1]?.cells[5]).toBeNull();
  });

  it('reads every row by ranges, across row groups, in order', async () => {
    const { rows, chunks } = await allRows(parquet, 'parquet');
    expect(chunks).toBe(Math.ceil(2500 / PARQUET_CHUNK_ROWS));
    expect(rows).toHaveLength(2500);
    expect(rows.map((row) => row.cells[0])).toEqual(Array.from({ length: 2500 }, (_, i) => `PQ-${i + 1}`));
    expect(rows[1999]?.cells[3]).toBe('1999');
  });
});

describe('formatFromName', () => {
  it('chooses by extension, CSV otherwise', () => {
    expect(['a.tsv', 'a.JSONL', 'a.ndjson', 'a.parquet', 'a.csv', 'a.txt'].map(formatFromName)).toEqual(['tsv', 'jsonl', 'jsonl', 'parquet', 'csv', 'csv']);
  });
});
