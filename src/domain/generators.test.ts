import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_EXPRESSIONS_PER_VALUE,
  expandFormValues,
  expandRecordValues,
  expandValue,
  generatorContext,
  parseTemplate,
  type GeneratorContext,
} from './generators';
import { parseEventTime } from './eventTime';
import { fractionalError, integralError } from './values';
import type { RecordFormValues } from './recordForm';

const NOW = new Date('2026-11-25T10:20:30.456Z');
const context = (overrides: Partial<GeneratorContext> = {}): GeneratorContext => ({
  ...generatorContext({ seed: 42, index: 0, now: NOW, eventTimeType: 'String' }),
  ...overrides,
});
const expand = (text: string, overrides: Partial<GeneratorContext> = {}) => {
  const result = expandValue(text, context(overrides));
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const problem = (text: string) => {
  const result = expandValue(text, context());
  return result.ok ? undefined : result.message;
};

describe('generators', () => {
  it('leaves text without {{ untouched', () => {
    expect(expandValue('plain {x} }} text', context())).toEqual({ ok: true, value: 'plain {x} }} text', generated: false });
  });

  it('{{now}} follows the event-time format, or the one asked for', () => {
    expect(expand('{{now}}')).toBe('2026-11-25T10:20:30.456Z');
    expect(expand('{{now}}', { eventTimeType: 'Fractional' })).toBe('1795602030.456');
    expect(expand('{{now:epoch}}')).toBe('1795602030.456');
    expect(expand('{{now:iso}}', { eventTimeType: 'Fractional' })).toBe('2026-11-25T10:20:30.456Z');
    expect(parseEventTime('String', expand('{{now}}')).ok).toBe(true);
    expect(parseEventTime('Fractional', expand('{{now}}', { eventTimeType: 'Fractional' })).ok).toBe(true);
  });

  it('{{uuid}} is a version-4 UUID, the same for the same context and different for another seed', () => {
    const first = expand('{{uuid}}');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(expand('{{uuid}}')).toBe(first);
    expect(expandValue('{{uuid}}', generatorContext({ seed: 43, index: 0, now: NOW, eventTimeType: 'String' }))).not.toEqual({
      ok: true,
      value: first,
      generated: true,
    });
  });

  it('{{seq}} starts at 1, {{seq:N}} at N, and adds the record index, exactly at the 64-bit edge', () => {
    expect(expand('{{seq}}')).toBe('1');
    expect(expand('{{seq}}', { index: 4 })).toBe('5');
    expect(expand('C-{{seq:100}}', { index: 2 })).toBe('C-102');
    expect(expand('{{seq:-5}}')).toBe('-5');
    expect(expand('{{seq:9223372036854775806}}', { index: 1 })).toBe('9223372036854775807');
  });

  it('{{int}} stays within inclusive bounds, including the full 64-bit range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.integer(), (a, b, seed) => {
        const [min, max] = a <= b ? [a, b] : [b, a];
        const value = expandValue(`{{int:${min}:${max}}}`, generatorContext({ seed, index: 0, now: NOW, eventTimeType: 'String' }));
        expect(value.ok).toBe(true);
        if (!value.ok) return;
        expect(integralError(value.value)).toBeNull();
        const n = BigInt(value.value);
        expect(n >= min && n <= max).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(expand('{{int:7:7}}')).toBe('7');
  });

  it('{{float}} stays in [min, max) and is a valid Fractional; DECIMALS fixes the digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), fc.integer(), (min, width, seed) => {
        const value = expandValue(`{{float:${min}:${min + width}}}`, generatorContext({ seed, index: 0, now: NOW, eventTimeType: 'String' }));
        expect(value.ok).toBe(true);
        if (!value.ok) return;
        expect(fractionalError(value.value)).toBeNull();
        expect(Number(value.value)).toBeGreaterThanOrEqual(min);
        expect(Number(value.value)).toBeLessThan(min + width);
      }),
      { numRuns: 300 },
    );
    expect(expand('{{float:0:1:2}}')).toMatch(/^0\.\d{2}$/);
  });

  it('{{choice}} picks one of the options, empty options included', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 200; index += 1)
      seen.add(expand('{{choice:a|b||c d}}', { ...generatorContext({ seed: index, index, now: NOW, eventTimeType: 'String' }) }));
    expect([...seen].sort()).toEqual(['', 'a', 'b', 'c d']);
  });

  it('mixes literal text and several expressions; \\{{ is a literal {{', () => {
    expect(expand('u-{{seq:10}}-{{choice:x}}', { index: 1 })).toBe('u-11-x');
    expect(expand('\\{{seq}} and {{seq}}')).toBe('{{seq}} and 1');
    expect(expand('a\\b')).toBe('a\\b');
  });

  it('refuses what it does not know, in words, instead of sending it literally', () => {
    expect(problem('{{uuidd}}')).toMatch(/Unknown generator "\{\{uuidd\}\}"/);
    expect(problem('{{seq')).toMatch(/not closed/);
    expect(problem('{{int:5:1}}')).toMatch(/MIN is greater than MAX/);
    expect(problem('{{int:1}}')).toMatch(/\{\{int:MIN:MAX\}\}/);
    expect(problem('{{int:1.5:3}}')).toMatch(/whole number/);
    expect(problem('{{int:0:9223372036854775808}}')).toMatch(/64-bit/);
    expect(problem('{{float:a:1}}')).toMatch(/number/);
    expect(problem('{{float:0:1:99}}')).toMatch(/DECIMALS/);
    expect(problem('{{choice:}}')).toMatch(/at least one option/);
    expect(problem('{{uuid:x}}')).toMatch(/no argument/);
    expect(problem('{{now:local}}')).toMatch(/iso/);
    expect(problem('{{seq}}'.repeat(MAX_EXPRESSIONS_PER_VALUE + 1))).toMatch(/At most/);
    expect(problem(`{{choice:${'a'.repeat(5000)}}}`)).toMatch(/longer than/);
  });

  it('parses hostile input in linear time', () => {
    const started = performance.now();
    for (const text of ['{{'.repeat(100_000), '{'.repeat(300_000), `${'\\{{'.repeat(80_000)}`, `{{choice:${'|'.repeat(3000)}}}`]) parseTemplate(text);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('never throws on arbitrary text (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', ':', '|', '\\', 'a', '1', '-', '.', 's', 'e', 'q', 'i', 'n', 't'), maxLength: 60 }), (text) => {
        const result = expandValue(text, context());
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('expandFormValues', () => {
  const values: RecordFormValues = {
    features: [
      { text: 'C-{{seq:100}}', empty: false, items: [] },
      { text: '{{now}}', empty: false, items: [] },
      { text: 'plain', empty: false, items: [] },
      { text: '', empty: false, items: [{ value: '{{int:1:3}}' }, { value: 'x' }] },
      { text: '{{nope}}', empty: false, items: [] },
    ],
    targetStores: { online: true, offline: false },
    ttl: { mode: 'none', value: '', unit: 'Days' },
  };

  it('expands scalars and list elements the same way for the same context, reports bad expressions by path', () => {
    const first = expandFormValues(values, context({ index: 3 }));
    expect(first.generated).toBe(true);
    expect(first.values.features[0]?.text).toBe('C-103');
    expect(first.values.features[1]?.text).toBe('2026-11-25T10:20:30.456Z');
    expect(first.values.features[2]).toBe(values.features[2]);
    expect(['1', '2', '3']).toContain(first.values.features[3]?.items[0]?.value);
    expect(first.values.features[3]?.items[1]?.value).toBe('x');
    expect(first.values.features[4]?.text).toBe('{{nope}}');
    expect(first.issues).toEqual([{ index: 4, path: ['text'], message: expect.stringMatching(/Unknown generator/) as unknown as string }]);
    expect(expandFormValues(values, context({ index: 3 }))).toEqual(first);
  });

  it('returns the same object when nothing is generated', () => {
    const plain: RecordFormValues = { ...values, features: [values.features[2]!] };
    expect(expandFormValues(plain, context()).values).toBe(plain);
  });
});

describe('expandRecordValues', () => {
  it('expands every value of a record and names the feature that fails', () => {
    const result = expandRecordValues(
      [
        { FeatureName: 'id', ValueAsString: 'r-{{seq}}' },
        { FeatureName: 'tags', ValueAsStringList: ['{{choice:a}}', 'b'] },
      ],
      context({ index: 9 }),
    );
    expect(result).toEqual({
      ok: true,
      record: [
        { FeatureName: 'id', ValueAsString: 'r-10' },
        { FeatureName: 'tags', ValueAsStringList: ['a', 'b'] },
      ],
    });
    expect(expandRecordValues([{ FeatureName: 'x', ValueAsString: '{{bad}}' }], context())).toMatchObject({ ok: false, featureName: 'x' });
  });
});
