import { describe, expect, it } from 'vitest';
import { emptyFormValues, type FeatureFormValue, type RecordFormValues } from './recordForm';
import { buildRecordFormSchema, featureIssues } from './validation';
import { customersSchema, offlineOnlySchema, productsSchema } from './testSchemas';

const scalar = (text: string, empty = false): FeatureFormValue => ({ text, empty, items: [] });
const list = (...values: string[]): FeatureFormValue => ({ text: '', empty: false, items: values.map((value) => ({ value })) });
const spec = (schema: typeof customersSchema, name: string) => schema.features.find((f) => f.name === name)!;

function issuesOf(schema: typeof customersSchema, values: RecordFormValues) {
  const result = buildRecordFormSchema(schema).safeParse(values);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('schema to zod', () => {
  it('orders identifier and event time first', () => {
    expect(customersSchema.features.map((f) => f.role)).toEqual(['identifier', 'eventTime', 'feature', 'feature', 'feature']);
  });

  it('requires the identifier and event time, and lets optional features be empty', () => {
    const issues = issuesOf(customersSchema, emptyFormValues(customersSchema));
    expect(issues).toEqual([
      { path: 'features.0.text', message: expect.stringMatching(/Required: the record identifier/) },
      { path: 'features.1.text', message: expect.stringMatching(/Required: every record needs an event time/) },
    ]);
  });

  it('accepts a valid record', () => {
    const values = emptyFormValues(customersSchema);
    values.features = [scalar('C-1'), scalar('2026-01-01T00:00:00.000Z'), scalar('-9223372036854775808'), scalar('1e308'), scalar('', true)];
    expect(issuesOf(customersSchema, values)).toEqual([]);
  });

  it('reports each bad value at its field', () => {
    const values = emptyFormValues(customersSchema);
    values.features = [scalar('C-1'), scalar('2026-01-01T00:00:00+01:00'), scalar('1.5'), scalar('Infinity'), scalar('')];
    expect(issuesOf(customersSchema, values).map((issue) => issue.path)).toEqual(['features.1.text', 'features.2.text', 'features.3.text']);
  });

  it('treats "empty string" as a value for String features but not for the identifier', () => {
    expect(featureIssues(spec(customersSchema, 'segment'), scalar('', true))).toEqual([]);
    expect(featureIssues(spec(customersSchema, 'customer_id'), scalar('', true))).toEqual([
      { path: ['text'], message: expect.stringMatching(/cannot be empty/) },
    ]);
  });

  it('checks collections element by element, set duplicates and vector dimension', () => {
    expect(featureIssues(spec(productsSchema, 'prices'), list('1', 'x', '3'))).toEqual([
      { path: ['items', 1, 'value'], message: expect.stringMatching(/number/) },
    ]);
    expect(featureIssues(spec(productsSchema, 'tags'), list('a', 'b', 'a'))).toEqual([
      { path: ['items', 2, 'value'], message: expect.stringMatching(/Duplicate/) },
    ]);
    expect(featureIssues(spec(productsSchema, 'vec'), list('1', '2'))).toEqual([{ path: ['items'], message: 'A Vector needs exactly 3 elements; it has 2.' }]);
    expect(featureIssues(spec(productsSchema, 'vec'), list())).toEqual([]);
  });

  it('requires a store and a valid custom TTL', () => {
    const values = emptyFormValues(customersSchema);
    values.features = [scalar('C-1'), scalar('2026-01-01T00:00:00Z'), scalar(''), scalar(''), scalar('')];
    values.targetStores = { online: false, offline: false };
    values.ttl = { mode: 'custom', value: '0', unit: 'Days' };
    expect(issuesOf(customersSchema, values).map((issue) => issue.path)).toEqual(['targetStores.online', 'targetStores.offline']);
    values.targetStores = { online: true, offline: false };
    expect(issuesOf(customersSchema, values)).toEqual([{ path: 'ttl.value', message: expect.stringMatching(/at least 1/) }]);
    values.ttl.value = '2.5';
    expect(issuesOf(customersSchema, values)).toEqual([{ path: 'ttl.value', message: expect.stringMatching(/whole number/) }]);
  });

  it('ignores the TTL when the write cannot reach an online store', () => {
    const values = emptyFormValues(offlineOnlySchema);
    values.features = [scalar('a'), scalar('2026-01-01T00:00:00Z')];
    values.ttl = { mode: 'custom', value: 'x', unit: 'Days' };
    expect(issuesOf(offlineOnlySchema, values)).toEqual([]);
  });
});
