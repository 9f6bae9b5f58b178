import { describe, expect, it } from 'vitest';
import { emptyFormValues, type RecordFormValues } from './recordForm';
import { customersSchema, productsSchema } from './testSchemas';
import { expandRecordValues, generatorContext } from './generators';
import { applyTemplate, nextRecordFeatures, templateRecord, parseTemplatesJson, templateFromForm, templateNameProblem, templatesToJson } from './templates';

function formWith(values: Record<number, string>): RecordFormValues {
  const form = emptyFormValues(customersSchema);
  for (const [index, text] of Object.entries(values)) form.features[Number(index)] = { text, empty: false, items: [] };
  return form;
}

describe('templates', () => {
  const now = new Date('2026-11-25T00:00:00.000Z');
  // customers: customer_id, event_time, age, lifetime_value, segment
  const values = { ...formWith({ 0: 'C-{{seq}}', 1: '{{now}}', 4: 'gold' }), ttl: { mode: 'custom' as const, value: '3', unit: 'Hours' as const } };

  it('keeps values as typed (generators included), stores and TTL, by feature name', () => {
    const template = templateFromForm(customersSchema, '  gold customers ', values, now);
    expect(template).toEqual({
      group: 'customers',
      name: 'gold customers',
      features: {
        customer_id: { text: 'C-{{seq}}', empty: false, items: [] },
        event_time: { text: '{{now}}', empty: false, items: [] },
        segment: { text: 'gold', empty: false, items: [] },
      },
      targetStores: { online: true, offline: true },
      ttl: { mode: 'custom', value: '3', unit: 'Hours' },
      savedAt: '2026-11-25T00:00:00.000Z',
    });
    expect(applyTemplate(customersSchema, template)).toEqual({ values, unknownFeatures: [] });
  });

  it('applying to a group without some features says which were not applied', () => {
    const template = templateFromForm(customersSchema, 't', values, now);
    const applied = applyTemplate(productsSchema, template);
    expect(applied.unknownFeatures).toEqual(['customer_id', 'event_time', 'segment']);
    expect(applied.values.targetStores).toEqual({ online: true, offline: false });
  });

  it('round-trips through JSON and refuses what is not a templates file, naming where', () => {
    const template = templateFromForm(customersSchema, 't', values, now);
    expect(parseTemplatesJson(templatesToJson([template]))).toEqual({ ok: true, templates: [template] });
    expect(parseTemplatesJson('{')).toMatchObject({ ok: false, message: expect.stringMatching(/^Not JSON/) as unknown as string });
    expect(parseTemplatesJson('{"format":"other","version":1,"templates":[]}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at format/) as unknown as string,
    });
    const broken = JSON.parse(templatesToJson([template])) as { templates: { ttl: { unit: string } }[] };
    broken.templates[0]!.ttl.unit = 'Fortnights';
    expect(parseTemplatesJson(JSON.stringify(broken))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/at templates\.0\.ttl\.unit/) as unknown as string,
    });
    expect(parseTemplatesJson(' '.repeat(5 * 1024 * 1024 + 1))).toMatchObject({ ok: false, message: expect.stringMatching(/Too large/) as unknown as string });
  });

  it('names need text', () => {
    expect(templateNameProblem('  ')).toMatch(/name/);
    expect(templateNameProblem('x'.repeat(101))).toMatch(/100/);
    expect(templateNameProblem('ok')).toBeUndefined();
  });
});

describe('nextRecordFeatures (Duplicate, Write another)', () => {
  const now = new Date('2026-11-25T01:02:03.004Z');
  it('clears the identifier and sets the event time to now, keeps the rest', () => {
    const next = nextRecordFeatures(customersSchema, formWith({ 0: 'C-1', 1: '2020-01-01T00:00:00Z', 4: 'gold' }).features, now);
    expect(next[0]?.text).toBe('');
    expect(next[1]?.text).toBe('2026-11-25T01:02:03.004Z');
    expect(next[4]?.text).toBe('gold');
  });
  it('keeps generator expressions in the identifier and event time: they yield new values by themselves', () => {
    const next = nextRecordFeatures(customersSchema, formWith({ 0: 'C-{{seq}}', 1: '{{now}}' }).features, now);
    expect(next[0]?.text).toBe('C-{{seq}}');
    expect(next[1]?.text).toBe('{{now}}');
  });
  it('writes epoch seconds for a Fractional event time', () => {
    const next = nextRecordFeatures(productsSchema, emptyFormValues(productsSchema).features, now);
    expect(next[1]?.text).toBe('1795568523.004');
  });
});

describe('templateRecord (Generate N test records)', () => {
  it('gives the record with generators in place, expanded once per record', () => {
    const template = templateFromForm(customersSchema, 'gen', formWith({ 0: 'C-{{seq:10}}', 1: '{{now}}', 2: '{{int:1:1}}' }), new Date(0));
    const record = templateRecord(customersSchema, template);
    expect(record).toEqual([
      { FeatureName: 'customer_id', ValueAsString: 'C-{{seq:10}}' },
      { FeatureName: 'event_time', ValueAsString: '{{now}}' },
      { FeatureName: 'age', ValueAsString: '{{int:1:1}}' },
    ]);
    const now = new Date('2026-11-25T00:00:00.000Z');
    const records = [0, 1].map((index) => expandRecordValues(record, generatorContext({ seed: 1, index, now, eventTimeType: 'String' })));
    expect(records).toEqual([
      {
        ok: true,
        record: [
          { FeatureName: 'customer_id', ValueAsString: 'C-10' },
          { FeatureName: 'event_time', ValueAsString: '2026-11-25T00:00:00.000Z' },
          { FeatureName: 'age', ValueAsString: '1' },
        ],
      },
      {
        ok: true,
        record: [
          { FeatureName: 'customer_id', ValueAsString: 'C-11' },
          { FeatureName: 'event_time', ValueAsString: '2026-11-25T00:00:00.000Z' },
          { FeatureName: 'age', ValueAsString: '1' },
        ],
      },
    ]);
  });
});
