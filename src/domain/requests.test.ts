import { describe, expect, it } from 'vitest';
import { emptyFormValues, featuresToDraft, draftToFeatures, recordToFeatureFormValues, formValuesToRecord } from './recordForm';
import { parseRecordJson, recordToJsonText } from './recordJson';
import { buildDeleteRecordInput, buildPutRecordInput } from './requests';
import { customersSchema, productsSchema } from './testSchemas';

function customersValues() {
  const values = emptyFormValues(customersSchema);
  values.features = recordToFeatureFormValues(customersSchema, [
    { FeatureName: 'customer_id', ValueAsString: 'C-1' },
    { FeatureName: 'event_time', ValueAsString: '2026-01-01T00:00:00.000Z' },
    { FeatureName: 'age', ValueAsString: '9223372036854775807' },
  ]);
  return values;
}

describe('buildPutRecordInput', () => {
  it('sends every filled field in schema order, leaves empty optional ones out, and no TargetStores when all are checked', () => {
    expect(buildPutRecordInput(customersSchema, customersValues())).toEqual({
      FeatureGroupName: 'customers',
      Record: [
        { FeatureName: 'customer_id', ValueAsString: 'C-1' },
        { FeatureName: 'event_time', ValueAsString: '2026-01-01T00:00:00.000Z' },
        { FeatureName: 'age', ValueAsString: '9223372036854775807' },
      ],
    });
  });

  it('sends an explicit empty string only when asked', () => {
    const values = customersValues();
    values.features[4] = { text: '', empty: true, items: [] };
    expect(buildPutRecordInput(customersSchema, values).Record.at(-1)).toEqual({ FeatureName: 'segment', ValueAsString: '' });
  });

  it('names the stores when narrowed, and a custom TTL', () => {
    const values = customersValues();
    values.targetStores = { online: true, offline: false };
    values.ttl = { mode: 'custom', value: '12', unit: 'Hours' };
    expect(buildPutRecordInput(customersSchema, values)).toMatchObject({ TargetStores: ['OnlineStore'], TtlDuration: { Unit: 'Hours', Value: 12 } });
    values.targetStores = { online: false, offline: true };
    const offline = buildPutRecordInput(customersSchema, values);
    expect(offline.TargetStores).toEqual(['OfflineStore']);
    expect(offline.TtlDuration).toBeUndefined();
  });

  it('sends collections as ValueAsStringList', () => {
    const values = emptyFormValues(productsSchema);
    values.features = recordToFeatureFormValues(productsSchema, [
      { FeatureName: 'id', ValueAsString: '1' },
      { FeatureName: 'ts', ValueAsString: '1767225600' },
      { FeatureName: 'tags', ValueAsStringList: ['a', 'b'] },
    ]);
    expect(buildPutRecordInput(productsSchema, values).Record).toEqual([
      { FeatureName: 'id', ValueAsString: '1' },
      { FeatureName: 'ts', ValueAsString: '1767225600' },
      { FeatureName: 'tags', ValueAsStringList: ['a', 'b'] },
    ]);
  });

  it('builds DeleteRecord input', () => {
    expect(buildDeleteRecordInput(customersSchema, 'C-1', '2026-01-01T00:00:00Z', 'HardDelete', { online: true, offline: true })).toEqual({
      FeatureGroupName: 'customers',
      RecordIdentifierValueAsString: 'C-1',
      EventTime: '2026-01-01T00:00:00Z',
      DeletionMode: 'HardDelete',
    });
  });
});

describe('JSON view', () => {
  it('round-trips losslessly, Integral above 2^53 included', () => {
    const record = formValuesToRecord(customersSchema, customersValues());
    const parsed = parseRecordJson(customersSchema, recordToJsonText(record));
    expect(parsed.ok && formValuesToRecord(customersSchema, { ...customersValues(), features: parsed.features })).toEqual(record);
  });

  it.each([
    ['{', /Not valid JSON/],
    ['{}', /JSON array/],
    ['[{"FeatureName": "nope", "ValueAsString": "1"}]', /not in feature group customers/],
    ['[{"FeatureName": "age", "ValueAsString": 12}]', /numbers in quotes/],
    ['[{"FeatureName": "age", "ValueAsString": "1"}, {"FeatureName": "age", "ValueAsString": "2"}]', /appears twice/],
    ['[{"FeatureName": "age", "Value": "1"}]', /unknown keys: Value/],
  ])('explains %s', (text, message) => {
    const parsed = parseRecordJson(customersSchema, text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('requires lists for collections', () => {
    const parsed = parseRecordJson(productsSchema, '[{"FeatureName": "tags", "ValueAsString": "a"}]');
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/ValueAsStringList/) });
  });
});

describe('drafts', () => {
  it('store values by feature name and restore them into a changed schema', () => {
    const draft = featuresToDraft(customersSchema, customersValues().features);
    expect(Object.keys(draft)).toEqual(['customer_id', 'event_time', 'age']);
    const restored = draftToFeatures(customersSchema, JSON.parse(JSON.stringify(draft)));
    expect(restored[2]).toEqual({ text: '9223372036854775807', empty: false, items: [] });
    expect(draftToFeatures(productsSchema, draft).every((value) => value.text === '')).toBe(true);
  });
});
