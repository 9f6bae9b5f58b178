import { describe, expect, it } from 'vitest';
import { eventTimeWarnings, identifierWarnings, visibleText } from './inputWarnings';
import { featureIssues } from './validation';
import { customersSchema, productsSchema } from './testSchemas';
import { emptyFeatureValue } from './recordForm';

const now = new Date('2026-11-25T00:00:00.000Z');

describe('event-time warnings', () => {
  it('warns in words about far-future times: they block later writes from the online store', () => {
    expect(eventTimeWarnings('String', '2099-01-01T00:00:00Z', now).join()).toMatch(/blocks every later write from reaching the online store/);
    expect(eventTimeWarnings('Fractional', '99999999999', now).join()).toMatch(/5138-.*blocks every later write/);
  });
  it('warns about far-past times (year 1)', () => {
    expect(eventTimeWarnings('String', '0001-01-01T00:00:00Z', now).join()).toMatch(/more than 50 years in the past/);
  });
  it('warns that 1e-400 underflows to 0', () => {
    expect(eventTimeWarnings('Fractional', '1e-400', now).join()).toMatch(/too small to represent and becomes 0/);
  });
  it('spots epoch milliseconds in an epoch-seconds field', () => {
    expect(eventTimeWarnings('Fractional', '1764028800000', now).join()).toMatch(/epoch milliseconds/);
  });
  it('is quiet for a normal time', () => {
    expect(eventTimeWarnings('String', '2026-11-24T10:00:00.000Z', now)).toEqual([]);
    expect(eventTimeWarnings('Fractional', '1764028800.5', now)).toEqual([]);
    expect(eventTimeWarnings('Fractional', '0', now).join()).toMatch(/past/);
  });
});

describe('identifiers', () => {
  it('B11: refuses an identifier of only spaces and warns about padded ones', () => {
    const id = customersSchema.features[0]!;
    expect(featureIssues(id, { ...emptyFeatureValue(), text: '   ' })[0]?.message).toMatch(/only spaces/);
    expect(featureIssues(id, { ...emptyFeatureValue(), text: ' C-1 ' })).toEqual([]);
    expect(identifierWarnings(' C-1 ').join()).toMatch(/starts or ends with spaces/);
    expect(identifierWarnings('C-1')).toEqual([]);
  });
  it('B16: shows bidi overrides and controls visibly escaped', () => {
    expect(visibleText('abc\u202Eevil')).toBe('abc\\u{202E}evil');
    expect(visibleText('tab\there')).toBe('tab\\u{0009}here');
    expect(visibleText('plain ünï 😀')).toBe('plain ünï 😀');
    expect(identifierWarnings('x\u2066y').join()).toMatch(/text-direction/);
  });
});

describe('B9: a Set duplicate quotes the element it repeats', () => {
  it('["1","01"] names "1" as the earlier element', () => {
    const tags = { ...productsSchema.features.find((spec) => spec.name === 'tags')!, type: 'Integral' as const };
    const value = { ...emptyFeatureValue(), items: [{ value: '1' }, { value: '01' }] };
    const issues = featureIssues(tags, value);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(['items', 1, 'value']);
    expect(issues[0]?.message).toBe('Duplicate: a Set holds each value once ("01" is the same value as "1", which appears earlier, as element 1).');
  });
});
