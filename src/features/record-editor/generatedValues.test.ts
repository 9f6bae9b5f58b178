import { describe, expect, it } from 'vitest';
import type { Resolver } from 'react-hook-form';
import { emptyFormValues, type RecordFormValues } from '../../domain/recordForm';
import { customersSchema } from '../../domain/testSchemas';
import { expandWithSession, withGenerators, type GeneratorSession } from './generatedValues';

const session: GeneratorSession = { seed: 7, index: 2, now: new Date('2026-11-25T00:00:00.000Z') };
function form(texts: Record<number, string>): RecordFormValues {
  const values = emptyFormValues(customersSchema);
  for (const [index, text] of Object.entries(texts)) values.features[Number(index)] = { text, empty: false, items: [] };
  return values;
}

describe('withGenerators', () => {
  it('validates and hands on the same expanded values the preview shows', async () => {
    const seen: RecordFormValues[] = [];
    const inner: Resolver<RecordFormValues> = (values) => {
      seen.push(values);
      return { values, errors: {} };
    };
    const values = form({ 0: 'C-{{seq}}', 1: '{{now}}', 2: '{{int:1:100}}' });
    const result = await withGenerators(inner, customersSchema, () => session)(values, undefined, { fields: {}, shouldUseNativeValidation: false });
    const preview = expandWithSession(customersSchema, values, session).values;
    expect(seen[0]).toEqual(preview);
    expect(result.values).toEqual(preview);
    expect(preview.features[0]?.text).toBe('C-3');
    expect(preview.features[1]?.text).toBe('2026-11-25T00:00:00.000Z');
  });

  it('turns a malformed expression into an error at its field, over what the inner resolver said', async () => {
    const inner: Resolver<RecordFormValues> = () => ({
      values: {},
      errors: { features: { 2: { text: { type: 'custom', message: 'Enter a whole number.' } } } } as never,
    });
    const result = await withGenerators(inner, customersSchema, () => session)(form({ 2: '{{int:9:1}}' }), undefined, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(result.values).toEqual({});
    expect((result.errors as { features: Record<number, { text: { message: string } }> }).features[2]?.text.message).toMatch(/MIN is greater than MAX/);
  });
});
