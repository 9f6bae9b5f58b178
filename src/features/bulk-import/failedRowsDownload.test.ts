import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BatchWriteAnswer, BatchWriteRecordInputLike } from '../../domain/importBatches';
import type { ImportSettings } from '../../domain/importMapping';
import { customersSchema } from '../../domain/testSchemas';
import { failedRowsBlob } from './failedRowsDownload';
import { WriteControl, generatedMapping, writeRows, type ChunkSource, type SessionHooks } from './importSession';
import type { SourceRow } from './sourceRows';

const columns = customersSchema.features.map((spec) => spec.name);
const settings: ImportSettings = {
  mapping: generatedMapping(customersSchema),
  columns,
  listFormat: { kind: 'json' },
  format: 'csv',
  seed: 1,
  now: '2026-12-01T08:00:00.000Z',
};

/** Rows 1-10 of a file: rows 2, 4, 6 and 8 have an age that is not a number, row 10 an event time that is not a time. */
const rows: SourceRow[] = Array.from({ length: 10 }, (_, index) => {
  const row = index + 1;
  const values: Record<string, string> = {
    customer_id: `C-${row}`,
    event_time: row === 10 ? 'yesterday' : '2026-12-01T08:00:00Z',
    age: row % 2 === 0 && row !== 10 ? `old-${row}` : '40',
  };
  return { cells: columns.map((name) => values[name] ?? null) };
});

/** The file read again, in chunks of three rows, as the worker would; counts its opens. */
function fileSource(source: SourceRow[] = rows) {
  const opened = { count: 0 };
  return {
    opened,
    open: (): ChunkSource => {
      opened.count += 1;
      let at = 0;
      return {
        next: async () => (at < source.length ? { rows: source.slice(at, (at += 3)), done: at, total: source.length } : null),
        close: () => {},
      };
    },
  };
}

/** AWS refuses the records of rows 3 and 7 (in the answer's Errors). */
async function refuseRows3And7(input: BatchWriteRecordInputLike): Promise<BatchWriteAnswer> {
  const errors = input.Entries.filter((entry) => ['C-3', 'C-7'].includes(entry.Record.find((v) => v.FeatureName === 'customer_id')?.ValueAsString ?? '')).map(
    (entry) => ({ entry, errorCode: 'ValidationException', message: `refused ${entry.Record.find((v) => v.FeatureName === 'customer_id')?.ValueAsString}` }),
  );
  return { errors, unprocessed: [] };
}

async function importWithTwoKept() {
  const file = fileSource();
  const hooks: SessionHooks = {
    schema: customersSchema,
    settings,
    source: { kind: 'file', file: new File(['x'], 'customers.csv'), format: 'csv', columns },
    openSource: file.open,
    send: refuseRows3And7,
    classify: () => ({ kind: 'final', errorCode: 'X', message: 'x' }),
    maxInFlight: 1,
    now: () => 0,
  };
  // Two failed rows kept whole, as if they were the first 10,000.
  const state = await writeRows(hooks, new WriteControl(), { rows: 10, valid: 5 }, () => {}, 200, 2);
  return { state, file };
}

describe('every failed row in the download', () => {
  it('keeps failed rows past the kept ones as row numbers per error code, the counts whole', async () => {
    const { state } = await importWithTwoKept();
    expect(state).toMatchObject({ written: 3, failed: 7, invalid: 5 });
    expect(state.failedRows.map((row) => row.row)).toEqual([2, 4]);
    expect([...state.unkeptFailures].map(([code, failures]) => [code, failures.rows.toString()])).toEqual([
      ['InvalidRow', '6, 8, 10'],
      ['ValidationException', '3, 7'],
    ]);
    expect(state.unkeptFailures.get('ValidationException')?.message).toMatch(/^refused C-[37]$/);
  });

  it('reads the rows not kept from the file again: every failed row, in file order, with its own cells and message', async () => {
    const { state, file } = await importWithTwoKept();
    const blob = await failedRowsBlob({ schema: customersSchema, settings, columns, state, openSource: file.open, style: 'exact' });
    const parsed = Papa.parse<string[]>((await blob.text()).trimEnd()).data;
    const id = columns.indexOf('customer_id');
    expect(parsed[0]).toEqual([...columns, 'import_error']);
    expect(parsed.slice(1).map((line) => line[id])).toEqual(['C-2', 'C-3', 'C-4', 'C-6', 'C-7', 'C-8', 'C-10']);
    const errors = new Map(parsed.slice(1).map((line) => [line[id], line.at(-1)]));
    // An invalid row's own message, found again by checking the row as the write did (not the first one's).
    expect(errors.get('C-6')).toMatch(/^InvalidRow: age/);
    expect(errors.get('C-10')).toMatch(/^InvalidRow: event_time/);
    // A row AWS refused past the kept ones: the code, and the first such row's message, said as such.
    expect(errors.get('C-7')).toMatch(/^ValidationException: refused C-[37] \(the message AWS gave the first row with this error/);
    expect(errors.get('C-2')).toBe(state.failedRows[0] && `InvalidRow: ${state.failedRows[0].message}`);
  });

  it('says so when the file no longer holds the failed rows', async () => {
    const { state } = await importWithTwoKept();
    const shorter = fileSource(rows.slice(0, 7));
    await expect(failedRowsBlob({ schema: customersSchema, settings, columns, state, openSource: shorter.open, style: 'exact' })).rejects.toThrow(
      '2 failed rows were not found in the file again',
    );
  });

  it('does not read the file when every failed row was kept', async () => {
    const file = fileSource();
    const blob = await failedRowsBlob({
      schema: customersSchema,
      settings,
      columns,
      state: { failedRows: [{ row: 2, cells: rows[1]?.cells ?? [], errorCode: 'InvalidRow', message: 'm' }], unkeptFailures: new Map() },
      openSource: file.open,
      style: 'exact',
    });
    expect(Papa.parse<string[]>((await blob.text()).trimEnd()).data).toHaveLength(2);
    expect(file.opened.count).toBe(0);
  });
});
