import { useState } from 'react';
import { formValuesToRecord } from '../../domain/recordForm';
import { parseRecordJson, recordToJsonText } from '../../domain/recordJson';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { UseFormReturn } from 'react-hook-form';
import type { RecordFormValues } from '../../domain/recordForm';

/**
 * The Record as editable JSON. Every valid edit goes straight into the form, so the
 * two views never disagree; values are strings, so nothing is rounded either way.
 */
export function JsonRecordView({
  schema,
  form,
  onValidity,
}: {
  schema: FeatureGroupSchema;
  form: UseFormReturn<RecordFormValues>;
  onValidity: (valid: boolean) => void;
}) {
  const [text, setText] = useState(() => recordToJsonText(formValuesToRecord(schema, form.getValues())));
  const [error, setError] = useState<string>();
  return (
    <div className="field">
      <div className="field__head">
        <label className="field__label" htmlFor="record-json">
          Record (JSON)
        </label>
        <span className="field__meta">the PutRecord Record member: a list of FeatureName with ValueAsString or ValueAsStringList</span>
      </div>
      <textarea
        id="record-json"
        className="mono"
        rows={Math.min(30, Math.max(10, text.split('\n').length + 1))}
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'record-json-error' : undefined}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parseRecordJson(schema, event.target.value);
          if (parsed.ok) {
            setError(undefined);
            onValidity(true);
            form.setValue('features', parsed.features, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
          } else {
            setError(parsed.message);
            onValidity(false);
          }
        }}
      />
      {error && (
        <p className="field__error" id="record-json-error" role="alert">
          {error} Nothing is sent until the JSON is fixed.
        </p>
      )}
    </div>
  );
}
