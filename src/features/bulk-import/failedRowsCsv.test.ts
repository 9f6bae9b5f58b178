import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { failedRowsCsv } from './failedRowsCsv';

describe('failedRowsCsv', () => {
  it('writes the original cells and the error, quoted so that it parses back the same', () => {
    const csv = failedRowsCsv(
      ['id', 'text', 'vec'],
      [
        { row: 2, cells: ['007', 'a, "b"\nc', ['0.1', '0.2']], errorCode: 'ValidationError', message: 'bad, really' },
        { row: 5, cells: ['x', null], errorCode: 'InvalidRow', message: 'event_time: missing' },
      ],
    );
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { header: false });
    expect(parsed.data).toEqual([
      ['id', 'text', 'vec', 'import_error'],
      ['007', 'a, "b"\nc', '["0.1","0.2"]', 'ValidationError: bad, really'],
      ['x', '', '', 'InvalidRow: event_time: missing'],
    ]);
  });

  it('writes formula-like cells as they were by default, with a leading quote when Excel-safe', () => {
    const rows = [{ row: 2, cells: ['=1+1', '-5', 'ok'], errorCode: 'ValidationError', message: 'no' }];
    expect(Papa.parse<string[]>(failedRowsCsv(['a', 'b', 'c'], rows).trimEnd()).data[1]).toEqual(['=1+1', '-5', 'ok', 'ValidationError: no']);
    expect(Papa.parse<string[]>(failedRowsCsv(['a', '@b', 'c'], rows, 'excel-safe').trimEnd()).data).toEqual([
      ['a', "'@b", 'c', 'import_error'],
      ["'=1+1", "'-5", 'ok', 'ValidationError: no'],
    ]);
  });
});
