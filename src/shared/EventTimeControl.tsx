import { useWatch } from 'react-hook-form';
import { formatEventTime, nanosToDate, parseEventTime } from '../domain/eventTime';
import { eventTimeWarnings } from '../domain/inputWarnings';
import { formatLocal } from '../domain/relativeTime';
import type { FeatureSpec } from '../domain/schema';
import { fieldId, type FormHandles } from './formTypes';
import { keepFocusOnPress } from '../ui/keepFocus';

/** The value for <input type="datetime-local">, read as UTC. */
function toUtcPickerValue(date: Date): string {
  return date.toISOString().slice(0, 23);
}

/**
 * The event time: the exact text sent (ISO-8601 UTC or epoch seconds), a "Now" button,
 * a date-time picker in UTC, and the same moment in local time beside it.
 */
export function EventTimeControl({
  spec,
  index,
  form,
  invalid,
  describedBy,
}: {
  spec: FeatureSpec;
  index: number;
  form: FormHandles;
  invalid: boolean;
  describedBy: string | undefined;
}) {
  const type = spec.type === 'Fractional' ? 'Fractional' : 'String';
  const name = `features.${index}.text` as const;
  const text = useWatch({ control: form.control, name }) ?? '';
  const parsed = text ? parseEventTime(type, text) : undefined;
  const date = parsed?.ok ? nanosToDate(parsed.nanos) : undefined;
  const id = fieldId(index);
  const set = (value: Date) => form.setValue(name, formatEventTime(type, value), { shouldDirty: true, shouldValidate: true });

  return (
    <div>
      <div className="field-row field-row--wrap">
        <input
          id={id}
          type="text"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          placeholder={type === 'String' ? 'yyyy-MM-ddTHH:mm:ss.SSSZ' : 'epoch seconds, e.g. 1764000000.5'}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          {...form.register(name)}
        />
        <button {...keepFocusOnPress} type="button" className="button" onClick={() => set(new Date())}>
          Now
        </button>
      </div>
      <div className="field-row field-row--wrap" style={{ marginTop: 'var(--space-1)' }}>
        <label className="field__meta" htmlFor={`${id}-picker`}>
          Pick (UTC)
        </label>
        <input
          id={`${id}-picker`}
          type="datetime-local"
          step="0.001"
          style={{ width: 'auto' }}
          value={date && date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999 ? toUtcPickerValue(date) : ''}
          onChange={(event) => {
            if (event.target.value) set(new Date(`${event.target.value.length === 16 ? `${event.target.value}:00` : event.target.value}Z`));
          }}
        />
        <span className="field__meta" aria-live="polite">
          {date ? `Local time: ${formatLocal(date)}` : type === 'String' ? 'ISO-8601 UTC with milliseconds' : 'Unix epoch seconds'}
        </span>
      </div>
      {eventTimeWarnings(type, text, new Date()).map((warning) => (
        <p key={warning} className="field__warning" role="status" data-testid="event-time-input-warning">
          {warning}
        </p>
      ))}
    </div>
  );
}
