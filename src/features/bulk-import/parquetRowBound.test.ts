import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { craftParquet } from './fixtures/craftParquet';
import { checkedParquetRowCount, parquetRowLimit } from './parquetRowBound';
import { previewSource, readSourceRows } from './sourceRows';

const rows = { customer_id: ['C-1', 'C-2'], event_time: ['2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'] };
const blob = (bytes: Uint8Array<ArrayBuffer>) => new Blob([bytes]);

describe('Parquet row counts are bounded by what the file can hold', () => {
  it('refuses a footer declaring 2^53 rows in 272 bytes, in words, before reading a row', async () => {
    const file = blob(fs.readFileSync(new URL('./fixtures/declares-2pow53-rows.parquet', import.meta.url)));
    await expect(previewSource(file, 'parquet', 5)).rejects.toThrow(
      `The file declares 9,007,199,254,740,992 rows; a Parquet file of ${file.size} bytes can hold at most ${parquetRowLimit(file.size).toLocaleString('en-US')}.`,
    );
    await expect(readSourceRows(file, 'parquet', ['customer_id', 'event_time']).next()).rejects.toThrow(/can hold at most/);
  });

  it('refuses a footer whose count disagrees with its row groups', () => {
    expect(() => checkedParquetRowCount({ num_rows: 10n, row_groups: [{ num_rows: 4n }] as never }, 1000)).toThrow(
      "The file's footer declares 10 rows but its row groups 4: the file is damaged.",
    );
  });

  it('reads an honest file', async () => {
    const honest = blob(craftParquet(rows, 2n));
    expect(await previewSource(honest, 'parquet', 5)).toMatchObject({ rowCount: 2, columns: ['customer_id', 'event_time'] });
    const chunks = [];
    for await (const chunk of readSourceRows(honest, 'parquet', ['customer_id', 'event_time'])) chunks.push(chunk);
    expect(chunks.flatMap((chunk) => chunk.rows.map((row) => row.cells))).toEqual([
      ['C-1', '2026-12-01T00:00:00Z'],
      ['C-2', '2026-12-01T00:00:00Z'],
    ]);
  });
});
