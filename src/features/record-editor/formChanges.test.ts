import { describe, expect, it } from 'vitest';
import { createFormControl } from 'react-hook-form';
import { emptyFormValues, type RecordFormValues } from '../../domain/recordForm';
import { customersSchema } from '../../domain/testSchemas';
import { subscribeToChanges, type FormChange } from './formChanges';

describe('subscribeToChanges', () => {
  it('hears setValue and reset, and the live values are current when it does', () => {
    const { control, setValue, reset } = createFormControl<RecordFormValues>({ defaultValues: emptyFormValues(customersSchema) });
    const heard: { change: FormChange; text: string | undefined }[] = [];
    const unsubscribe = subscribeToChanges(control, (change) => heard.push({ change, text: (control._formValues as RecordFormValues).features[2]?.text }));
    setValue('features.2.text', '42');
    // Unmounted (no React here), the form names no field; mounted, it names features.2.text.
    expect(heard.some((entry) => (entry.change.name ?? 'features.2.text') === 'features.2.text' && entry.text === '42')).toBe(true);
    const next = emptyFormValues(customersSchema);
    next.features[2] = { text: '7', empty: false, items: [] };
    reset(next);
    expect(heard.at(-1)?.text).toBe('7');
    unsubscribe();
    const count = heard.length;
    setValue('features.2.text', '8');
    expect(heard).toHaveLength(count);
  });
});
