import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generatorContext } from './generators';
import {
  decimalCommaToPoint,
  automaticMapping,
  cellFromJson,
  cellFromValue,
  cellText,
  mappingProblems,
  parseListCell,
  rowToRecord,
  type ImportMapping,
  type RowContext,
} from './importMapping';
import { JsonNumber, parseJsonKeepingNumbers } from './jsonKeepingNumbers';
import { customersSchema, productsSchema } from './testSchemas';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const context = (index = 0, listFormat: RowContext['listFormat'] = { kind: 'json' }): RowContext => ({
  listFormat,
  generators: generatorContext({ seed: 7, index, now: NOW, eventTimeType: 'String' }),
});

describe('automaticMapping', () => {
  it('matches columns by exact name first, then by a loose name, and leaves ambiguous ones unmapped', () => {
    // customers features in schema order: customer_id, event_time, age, lifetime_value, segment
    const mapping = automaticMapping(customersSchema, ['Customer ID', 'event_time', 'AGE', 'lifetimeValue', 'segment', 'Segment']);
    expect(mapping).toEqual([
      { kind: 'column', column: 0 },
      { kind: 'column', column: 1 },
      { kind: 'column', column: 2 },
      { kind: 'column', column: 3 },
      { kind: 'column', column: 4 },
    ]);
    expect(automaticMapping(customersSchema, ['segment_', 'Segment'])[4]).toEqual({ kind: 'none' });
  });

  it('reports an unmapped identifier or event time and a fixed value that does not parse', () => {
    const mapping: ImportMapping = [{ kind: 'none' }, { kind: 'value', text: '{{nope}}' }, { kind: 'none' }, { kind: 'none' }, { kind: 'column', column: 9 }];
    const problems = mappingProblems(customersSchema, mapping, ['a']);
    expect(problems.map((problem) => problem.feature)).toEqual(['customer_id', 'event_time', 'segment']);
  });
});

describe('rowToRecord', () => {
  const mapping = automaticMapping(customersSchema, ['customer_id', 'event_time', 'age', 'lifetime_value', 'segment']);

  it('keeps text exactly as written: 007 stays 007, an Integral of 2^63-1 is accepted as is', () => {
    const result = rowToRecord(customersSchema, mapping, ['007', '2026-12-01T08:00:00Z', '9223372036854775807', '1.50', 'a, "quoted" ünïcødé'], context());
    expect(result).toEqual({
      ok: true,
      record: [
        { FeatureName: 'customer_id', ValueAsString: '007' },
        { FeatureName: 'event_time', ValueAsString: '2026-12-01T08:00:00Z' },
        { FeatureName: 'age', ValueAsString: '9223372036854775807' },
        { FeatureName: 'lifetime_value', ValueAsString: '1.50' },
        { FeatureName: 'segment', ValueAsString: 'a, "quoted" ünïcødé' },
      ],
    });
  });

  it('reports every problem of a row with the form rules, and leaves empty optional cells out', () => {
    const result = rowToRecord(customersSchema, mapping, ['', 'yesterday', '9223372036854775808', '', ''], context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.feature)).toEqual(['customer_id', 'event_time', 'age']);
    expect(result.problems[2]?.message).toMatch(/Out of range/);
    const optional = rowToRecord(customersSchema, mapping, ['c1', '2026-12-01T08:00:00Z', '', '', ''], context());
    expect(optional).toEqual({
      ok: true,
      record: [
        { FeatureName: 'customer_id', ValueAsString: 'c1' },
        { FeatureName: 'event_time', ValueAsString: '2026-12-01T08:00:00Z' },
      ],
    });
  });

  it('expands generators in fixed values per row, never in cells', () => {
    const withValues: ImportMapping = [
      { kind: 'value', text: 'C-{{seq:100}}' },
      { kind: 'value', text: '{{now}}' },
      { kind: 'none' },
      { kind: 'none' },
      { kind: 'column', column: 0 },
    ];
    const first = rowToRecord(customersSchema, withValues, ['{{uuid}}'], context(0));
    const third = rowToRecord(customersSchema, withValues, ['x'], context(2));
    expect(first).toEqual({
      ok: true,
      record: [
        { FeatureName: 'customer_id', ValueAsString: 'C-100' },
        { FeatureName: 'event_time', ValueAsString: '2026-12-01T08:00:00.000Z' },
        { FeatureName: 'segment', ValueAsString: '{{uuid}}' },
      ],
    });
    expect(third.ok && third.record[0]).toEqual({ FeatureName: 'customer_id', ValueAsString: 'C-102' });
  });

  it('reads List, Set and Vector cells as JSON arrays or split on a separator, with numbers kept as written', () => {
    // products: id (Integral), ts (Fractional), tags (Set of String), prices (List of Fractional), vec (Vector of 3)
    const products = automaticMapping(productsSchema, ['id', 'ts', 'tags', 'prices', 'vec']);
    const json = rowToRecord(productsSchema, products, ['1', '1700000000', '["a","b,c"]', '[1.50, 2]', '[0.1,0.2,0.3]'], context());
    expect(json.ok && json.record.slice(2)).toEqual([
      { FeatureName: 'tags', ValueAsStringList: ['a', 'b,c'] },
      { FeatureName: 'prices', ValueAsStringList: ['1.50', '2'] },
      { FeatureName: 'vec', ValueAsStringList: ['0.1', '0.2', '0.3'] },
    ]);
    const split = rowToRecord(productsSchema, products, ['1', '1700000000', 'a|b', '1|2', '0.1|0.2|0.3'], context(0, { kind: 'separator', separator: '|' }));
    expect(split.ok && split.record[2]).toEqual({ FeatureName: 'tags', ValueAsStringList: ['a', 'b'] });
    const bad = rowToRecord(productsSchema, products, ['1', '1700000000', '["a","a"]', 'x', '[0.1,0.2]'], context());
    expect(bad.ok ? [] : bad.problems.map((problem) => problem.feature)).toEqual(['tags', 'prices', 'vec']);
  });

  it('takes JSON Lines values as cells: numbers as written, arrays as lists, objects refused', () => {
    const parsed = parseJsonKeepingNumbers('{"id": 9223372036854775807, "v": [1.0, 2], "o": {"a": 1}, "b": true, "n": null}');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value) || 'number' in parsed.value) return;
    const object = parsed.value as Record<string, Parameters<typeof cellFromJson>[0]>;
    expect(cellFromJson(object.id)).toBe('9223372036854775807');
    expect(cellFromJson(object.v)).toEqual(['1.0', '2']);
    expect(cellFromJson(object.o)).toEqual({ invalid: expect.stringMatching(/object/) });
    expect(cellFromJson(object.b)).toBe('true');
    expect(cellFromJson(object.n)).toBeNull();
    expect(cellFromJson(undefined)).toBeNull();
  });

  it('never changes a String cell (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (text) => {
        const result = rowToRecord(customersSchema, mapping, ['id', '2026-12-01T08:00:00Z', '', '', text], context());
        return result.ok && result.record[2]?.ValueAsString === text;
      }),
    );
  });

  it('keeps every integer of a JSON array exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 20 }), (values) => {
        const text = `[${values.map(String).join(', ')}]`;
        expect(parseListCell(text, { kind: 'json' })).toEqual(values.map(String));
      }),
    );
  });
});

describe('cellFromValue (Parquet) and cellText', () => {
  it('keeps INT64 digits, prints doubles and dates, and refuses what has no text form', () => {
    expect(cellFromValue(9223372036854775807n)).toBe('9223372036854775807');
    expect(cellFromValue(0.1)).toBe('0.1');
    expect(cellFromValue(new Date('2026-12-01T08:00:00.000Z'))).toBe('2026-12-01T08:00:00.000Z');
    expect(cellFromValue([1.5, 2n])).toEqual(['1.5', '2']);
    expect(cellFromValue(null)).toBeNull();
    expect(cellFromValue(new Uint8Array([1]))).toEqual({ invalid: expect.any(String) });
    expect(cellFromValue(Number.NaN)).toEqual({ invalid: expect.any(String) });
    expect(cellText(['a', 'b,c'])).toBe('["a","b,c"]');
    expect(cellText(null)).toBe('');
  });
});

describe('parseJsonKeepingNumbers', () => {
  it('agrees with JSON.parse on strings and structure, and names the position of an error', () => {
    expect(parseJsonKeepingNumbers('["a\\"b", "\\u00e9", [], {}]')).toEqual({ ok: true, value: ['a"b', 'é', [], {}] });
    expect(parseJsonKeepingNumbers('[1,')).toEqual({ ok: false, message: expect.stringMatching(/position 3/) });
    expect(parseJsonKeepingNumbers('[01]').ok).toBe(false);
    expect(parseJsonKeepingNumbers('['.repeat(100)).ok).toBe(false);
    const lookalike = parseJsonKeepingNumbers('{"number": "5"}');
    expect(lookalike.ok && cellFromJson(lookalike.value)).toEqual({ invalid: expect.stringMatching(/object/) });
  });

  it('parses what JSON.stringify writes (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const parsed = parseJsonKeepingNumbers(JSON.stringify(value));
        const numbersBack = (v: unknown): unknown =>
          Array.isArray(v)
            ? v.map(numbersBack)
            : v !== null && typeof v === 'object'
              ? v instanceof JsonNumber
                ? Number(v.number)
                : Object.fromEntries(Object.entries(v).map(([k, item]) => [k, numbersBack(item)]))
              : v;
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(numbersBack(parsed.value)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('decimal commas', () => {
  const columns = ['customer_id', 'event_time', 'age', 'lifetime_value', 'segment'];
  const mapping = automaticMapping(customersSchema, columns);
  const row = ['c1', '2026-12-01T08:00:00Z', '3', '0,5', 'x'];
  it('are refused with the reason until the column is turned on, then written with a point', () => {
    const off = rowToRecord(customersSchema, mapping, row, context());
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.problems[0]?.message).toMatch(/0,5 has a decimal comma: turn on “Decimal commas” for its column to read it as 0\.5/);
    const on = rowToRecord(customersSchema, mapping, row, { ...context(), decimalCommaColumns: new Set([3]) });
    expect(on).toEqual({ ok: true, record: expect.arrayContaining([{ FeatureName: 'lifetime_value', ValueAsString: '0.5' }]) });
    // Only Fractional features, only numbers: a String column keeps its comma, "1,2,3" is refused.
    const text = rowToRecord(customersSchema, mapping, ['c1', '2026-12-01T08:00:00Z', '3', '1,2,3', '0,5'], {
      ...context(),
      decimalCommaColumns: new Set([3, 4]),
    });
    expect(text.ok).toBe(false);
    expect(decimalCommaToPoint('-12,75e3')).toBe('-12.75e3');
    expect(decimalCommaToPoint('1.234,5')).toBe('1.234,5');
  });
});
