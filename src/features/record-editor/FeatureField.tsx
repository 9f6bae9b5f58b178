import { memo } from 'react';
import { useFormState, useWatch } from 'react-hook-form';
import { describeFeatureKind, type FeatureSpec } from '../../domain/schema';
import { hasValue, type FeatureFormValue } from '../../domain/recordForm';
import { identifierWarnings } from '../../domain/inputWarnings';
import { Field, describedByIds } from '../../ui/Field';
import { EventTimeControl } from '../../shared/EventTimeControl';
import { ListControl } from './ListControl';
import { fieldId, type FormHandles } from './formTypes';
import { useLiveFeatureValue } from './formChanges';

export interface FeatureFieldProps {
  spec: FeatureSpec;
  index: number;
  form: FormHandles;
  description?: string | undefined;
  /** Edit mode: the stored value, to mark the field when it differs. */
  storedValue?: FeatureFormValue | undefined;
  /** Edit mode: the record identifier names the record being edited and cannot change. */
  readOnlyIdentifier?: boolean;
  /** B17: a group without an online store gets an event-time hint that does not talk about one. */
  offlineOnly?: boolean;
}

const OFFLINE_ONLY_EVENT_TIME_HINT = 'Required: the time this record describes. This group has no online store: every write is kept in the offline store.';

const ROLE_HINTS: Record<string, string> = {
  identifier: 'Required: the record identifier names the record; a write with the same identifier replaces it.',
  eventTime: 'Required: orders writes. A newer event time than the stored one reaches the online store; an older one goes to the offline store only.',
};

/**
 * One feature's field. Subscribes only to its own errors and values, so a keystroke
 * re-renders this field and the preview, never the whole form.
 */
export const FeatureField = memo(function FeatureField({ spec, index, form, description, storedValue, readOnlyIdentifier, offlineOnly }: FeatureFieldProps) {
  const { errors } = useFormState({ control: form.control, name: `features.${index}` });
  const fieldErrors = errors.features?.[index];
  const error = fieldErrors?.text?.message ?? fieldErrors?.items?.message ?? fieldErrors?.items?.root?.message;
  const id = fieldId(index);
  const roleHint = offlineOnly && spec.role === 'eventTime' ? OFFLINE_ONLY_EVENT_TIME_HINT : ROLE_HINTS[spec.role];
  const hint = [roleHint, description].filter(Boolean).join(' ');
  const changed = useChanged(form, index, spec, storedValue);

  return (
    <Field
      id={id}
      asGroup={Boolean(spec.collection)}
      label={spec.name}
      meta={describeFeatureKind(spec)}
      hint={hint || undefined}
      error={error}
      required={spec.role !== 'feature'}
      changed={changed}
    >
      {spec.role === 'eventTime' ? (
        <EventTimeControl spec={spec} index={index} form={form} invalid={Boolean(error)} describedBy={describedByIds(id, Boolean(hint), Boolean(error))} />
      ) : spec.collection ? (
        <ListControl spec={spec} index={index} form={form} />
      ) : (
        <ScalarControl
          spec={spec}
          index={index}
          form={form}
          invalid={Boolean(error)}
          readOnly={Boolean(readOnlyIdentifier && spec.role === 'identifier')}
          describedBy={describedByIds(id, Boolean(hint), Boolean(error))}
        />
      )}
    </Field>
  );
});

function useChanged(form: FormHandles, index: number, spec: FeatureSpec, storedValue: FeatureFormValue | undefined): boolean {
  // In create mode there is nothing to compare with: subscribe to nothing.
  // Followed without a values watcher: a watcher makes every keystroke clone the whole form (formChanges.ts).
  const value = useLiveFeatureValue(form.control, index, storedValue !== undefined);
  if (!storedValue || !value) return false;
  return !sameValue(spec, storedValue, value);
}

function sameValue(spec: FeatureSpec, a: FeatureFormValue, b: FeatureFormValue): boolean {
  if (hasValue(spec, a) !== hasValue(spec, b)) return false;
  if (spec.collection) return a.items.length === b.items.length && a.items.every((item, i) => item.value === b.items[i]?.value);
  return a.text === b.text && (spec.type !== 'String' || a.empty === b.empty);
}

function ScalarControl({
  spec,
  index,
  form,
  invalid,
  readOnly,
  describedBy,
}: {
  spec: FeatureSpec;
  index: number;
  form: FormHandles;
  invalid: boolean;
  readOnly: boolean;
  describedBy: string | undefined;
}) {
  const isString = spec.type === 'String';
  const empty = useWatch({ control: form.control, name: `features.${index}.empty`, disabled: !isString || spec.role === 'identifier' });
  const identifierText = useWatch({ control: form.control, name: `features.${index}.text`, disabled: spec.role !== 'identifier' }) as string | undefined;
  const id = fieldId(index);
  const inputMode = spec.type === 'Integral' ? 'numeric' : spec.type === 'Fractional' ? 'decimal' : undefined;
  return (
    <div className="field-row field-row--wrap">
      <input
        id={id}
        type="text"
        className="mono"
        autoComplete="off"
        spellCheck={false}
        {...(inputMode ? { inputMode } : {})}
        readOnly={readOnly || Boolean(empty)}
        placeholder={empty ? '(empty string)' : spec.role === 'feature' ? 'leave empty to leave out' : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        {...form.register(`features.${index}.text`)}
      />
      {isString && spec.role === 'feature' && (
        <label className="check">
          <input
            type="checkbox"
            {...form.register(`features.${index}.empty`, {
              onChange: (event: { target: { checked: boolean } }) => {
                if (event.target.checked) form.setValue(`features.${index}.text`, '', { shouldDirty: true });
              },
            })}
          />
          Send an empty string
        </label>
      )}
      {spec.role === 'identifier' &&
        identifierWarnings(identifierText ?? '').map((warning) => (
          <p key={warning} className="field__warning" role="status" data-testid="identifier-warning">
            {warning}
          </p>
        ))}
    </div>
  );
}
