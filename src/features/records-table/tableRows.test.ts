import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { buildFeatureGroupSchema } from '../../domain/schema';
import { customersSchema, productsSchema } from '../../domain/testSchemas';
import {
  EXPIRES_AT,
  SOFT_DELETED,
  allColumns,
  columnHeader,
  defaultColumns,
  filterByPrefix,
  joinPage,
  rowsToCsv,
  rowsToJsonLines,
  type TableRow,
} from './tableRows';

const rows: TableRow[] = [
  {
    recordId: 'C-1',
    record: [
      { FeatureName: 'customer_id', ValueAsString: 'C-1' },
      { FeatureName: 'event_time', ValueAsString: '2026-11-24T10:00:00.000Z' },
      { FeatureName: 'segment', ValueAsString: 'say "hi", then\nleave' },
      { FeatureName: 'age', ValueAsString: '007' },
    ],
    expiresAt: '2026-12-24T10:00:00.000Z',
    softDeleted: false,
  },
  { recordId: 'C-2', softDeleted: true },
  { recordId: 'D-1', record: [{ FeatureName: 'segment', ValueAsString: '' }], softDeleted: false },
];

describe('records table export', () => {
  it('puts identifier, event time and ExpiresAt first', () => {
    expect(defaultColumns(customersSchema).slice(0, 3)).toEqual(['customer_id', 'event_time', EXPIRES_AT]);
    expect(allColumns(customersSchema)).toEqual(['customer_id', 'event_time', EXPIRES_AT, 'age', 'lifetime_value', 'segment', SOFT_DELETED]);
  });

  it('writes CSV that a CSV parser reads back to the same strings (quotes, commas, newlines, 007)', () => {
    const columns = allColumns(customersSchema);
    const csv = rowsToCsv(customersSchema, rows, columns, true);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { header: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(['customer_id', 'event_time', 'ExpiresAt', 'age', 'lifetime_value', 'segment', 'SoftDeleted']);
    expect(parsed.data[1]).toEqual(['C-1', '2026-11-24T10:00:00.000Z', '2026-12-24T10:00:00.000Z', '007', '', 'say "hi", then\nleave', 'false']);
    expect(parsed.data[2]).toEqual(['C-2', '', '', '', '', '', 'true']);
    expect(csv).toContain('"say ""hi"", then\nleave"');
    // A later chunk of a streamed export has no header.
    expect(rowsToCsv(customersSchema, rows.slice(1, 2), columns, false)).toBe('C-2,,,,,,true\r\n');
    expect(rowsToCsv(customersSchema, [], columns, false)).toBe('');
  });

  it('writes formula-like cells exactly by default, and with a leading quote when Excel-safe is chosen', () => {
    const risky: TableRow = {
      recordId: '=HYPERLINK("http://x")',
      record: [
        { FeatureName: 'segment', ValueAsString: '@SUM(1)' },
        { FeatureName: 'age', ValueAsString: '-5' },
        { FeatureName: 'lifetime_value', ValueAsString: '+1' },
      ],
      softDeleted: false,
    };
    const tabbed: TableRow = { recordId: '\tT', record: [{ FeatureName: 'segment', ValueAsString: '\r=1' }], softDeleted: false };
    const columns = ['customer_id', 'segment', 'age', 'lifetime_value'];
    const parse = (csv: string) => Papa.parse<string[]>(csv.trimEnd(), { header: false }).data;
    expect(parse(rowsToCsv(customersSchema, [risky], columns, true))[1]).toEqual(['=HYPERLINK("http://x")', '@SUM(1)', '-5', '+1']);
    const safe = parse(rowsToCsv(customersSchema, [risky, tabbed], columns, true, 'excel-safe'));
    expect(safe[0]).toEqual(['customer_id', 'segment', 'age', 'lifetime_value']);
    expect(safe[1]).toEqual(['\'=HYPERLINK("http://x")', "'@SUM(1)", "'-5", "'+1"]);
    expect(safe[2]).toEqual(["'\tT", "'\r=1", '', '']);
  });

  it('writes JSON Lines that keep an empty string apart from an absent feature, and lists as arrays', () => {
    const lines = rowsToJsonLines(customersSchema, rows, ['customer_id', 'segment', 'age'])
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([{ customer_id: 'C-1', segment: 'say "hi", then\nleave', age: '007' }, { customer_id: 'C-2' }, { customer_id: 'D-1', segment: '' }]);
    const product: TableRow = { recordId: '1', record: [{ FeatureName: 'tags', ValueAsStringList: ['a', 'b,c'] }], softDeleted: false };
    expect(JSON.parse(rowsToJsonLines(productsSchema, [product], ['tags']))).toEqual({ tags: ['a', 'b,c'] });
    expect(Papa.parse<string[]>(rowsToCsv(productsSchema, [product], ['tags'], false).trimEnd()).data[0]).toEqual(['["a","b,c"]']);
  });

  it('renames a pseudo-column that a feature already uses', () => {
    const schema = buildFeatureGroupSchema({
      FeatureGroupName: 'g',
      RecordIdentifierFeatureName: 'id',
      EventTimeFeatureName: 'ts',
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'String' },
        { FeatureName: 'ts', FeatureType: 'String' },
        { FeatureName: 'ExpiresAt', FeatureType: 'String' },
      ],
    });
    expect(columnHeader(schema, EXPIRES_AT)).toBe('_ExpiresAt');
    expect(columnHeader(schema, 'ExpiresAt')).toBe('ExpiresAt');
  });

  it('filters loaded rows by identifier prefix, case-sensitively', () => {
    expect(filterByPrefix(rows, 'C-').map((row) => row.recordId)).toEqual(['C-1', 'C-2']);
    expect(filterByPrefix(rows, 'c-')).toEqual([]);
    expect(filterByPrefix(rows, '')).toHaveLength(3);
  });

  it('joins a listed page with BatchGetRecord: soft-deleted rows only when they were asked for, errors kept', () => {
    const batch = {
      records: [{ recordId: 'b', record: [{ FeatureName: 'x', ValueAsString: '1' }] }],
      errors: [{ recordId: 'c', errorCode: 'AccessForbidden', message: 'no' }],
    };
    expect(joinPage(['a', 'b', 'c'], batch, true)).toEqual([
      { recordId: 'a', softDeleted: true },
      { recordId: 'b', record: [{ FeatureName: 'x', ValueAsString: '1' }], softDeleted: false },
      { recordId: 'c', softDeleted: false, error: 'AccessForbidden: no' },
    ]);
    expect(joinPage(['a', 'b'], batch, false).map((row) => row.recordId)).toEqual(['b']);
  });
});
