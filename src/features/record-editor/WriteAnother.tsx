import type { UseFormReturn } from 'react-hook-form';
import type { RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import { nextRecordFeatures } from '../../domain/templates';
import { focusFormField } from './VirtualFeatureList';
import { fieldId } from './formTypes';

/** Focuses the identifier field (index 0: the schema puts the identifier first). */
export function focusIdentifier(schema: FeatureGroupSchema): void {
  const index = schema.features.findIndex((spec) => spec.role === 'identifier');
  if (index >= 0) focusFormField(fieldId(index));
}

/**
 * After a write: the same values again as a new record, identifier cleared and focused,
 * event time "now"; stores and TTL kept.
 */
export function WriteAnotherButton({ schema, form, onStart }: { schema: FeatureGroupSchema; form: UseFormReturn<RecordFormValues>; onStart: () => void }) {
  return (
    <button
      type="button"
      className="button button--primary"
      onClick={() => {
        const current = form.getValues();
        form.reset({ ...current, features: nextRecordFeatures(schema, current.features, new Date()) }, { keepDefaultValues: true });
        onStart();
        focusIdentifier(schema);
      }}
    >
      Write another
    </button>
  );
}
