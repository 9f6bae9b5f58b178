/**
 * The confirmation rules of a DeleteRecord, shared by every screen that deletes: the
 * deletion mode said in words, the event time of the delete (default "now", validated,
 * with why it must be later than the stored one), and the target stores (at least one).
 */
import { useState } from 'react';
import { formatEventTime, parseEventTime } from '../domain/eventTime';
import type { FeatureGroupSchema } from '../domain/schema';

export type DeletionMode = 'SoftDelete' | 'HardDelete';

export const DELETION_MODE_SENTENCES: Record<DeletionMode, string> = {
  SoftDelete:
    "Soft delete keeps only the identifier and the delete's event time online and blanks every other feature; GetRecord and BatchGetRecord stop returning the record (ListRecords still lists it), so its kept event time can no longer be read back.",
  HardDelete: 'Hard delete removes the record from the online store entirely.',
};

export interface DeleteOptions {
  mode: DeletionMode;
  eventTime: string;
  stores: { online: boolean; offline: boolean };
}

export interface DeleteOptionsState {
  options: DeleteOptions;
  setOptions: (next: DeleteOptions) => void;
  eventTimeProblem: string | undefined;
  storesProblem: string | undefined;
  valid: boolean;
}

/** State for the fields; "now" is taken when the hook first runs (mount it when the dialog opens). */
export function useDeleteOptions(schema: FeatureGroupSchema): DeleteOptionsState {
  const [options, setOptions] = useState<DeleteOptions>(() => ({
    mode: 'SoftDelete',
    eventTime: formatEventTime(schema.eventTimeType, new Date()),
    stores: { online: schema.onlineStore !== undefined, offline: schema.offlineStore },
  }));
  const parsed = parseEventTime(schema.eventTimeType, options.eventTime);
  const eventTimeProblem = parsed.ok ? undefined : parsed.message;
  const storesProblem =
    !(options.stores.online && schema.onlineStore) && !(options.stores.offline && schema.offlineStore) ? 'Choose at least one store.' : undefined;
  return { options, setOptions, eventTimeProblem, storesProblem, valid: !eventTimeProblem && !storesProblem };
}

export function DeleteOptionsFields({ schema, state, idPrefix }: { schema: FeatureGroupSchema; state: DeleteOptionsState; idPrefix: string }) {
  const { options, setOptions, eventTimeProblem, storesProblem } = state;
  const eventTimeId = `${idPrefix}-event-time`;
  return (
    <>
      <fieldset>
        <legend>Deletion mode</legend>
        {(['SoftDelete', 'HardDelete'] as const).map((value) => (
          <p key={value} style={{ margin: '0 0 var(--space-2)' }}>
            <label className="check">
              <input
                type="radio"
                name={`${idPrefix}-deletion-mode`}
                checked={options.mode === value}
                onChange={() => setOptions({ ...options, mode: value })}
              />{' '}
              {value === 'SoftDelete' ? 'Soft delete' : 'Hard delete'}
            </label>
            <br />
            <span className="field__hint">{DELETION_MODE_SENTENCES[value]}</span>
          </p>
        ))}
        <p className="field__hint">Either way the offline store gets a row marked is_deleted.</p>
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={eventTimeId}>
          Event time of the delete
        </label>
        <div className="field-row">
          <input
            id={eventTimeId}
            type="text"
            className="mono"
            value={options.eventTime}
            onChange={(event) => setOptions({ ...options, eventTime: event.target.value })}
            aria-invalid={eventTimeProblem ? true : undefined}
            aria-describedby={`${eventTimeId}-hint`}
          />
          <button type="button" className="button" onClick={() => setOptions({ ...options, eventTime: formatEventTime(schema.eventTimeType, new Date()) })}>
            Now
          </button>
        </div>
        <p className="field__hint" id={`${eventTimeId}-hint`}>
          Must be later than the stored record&apos;s event time: otherwise a soft delete changes nothing online and a hard delete is refused.
        </p>
        {eventTimeProblem && (
          <p className="field__error" role="alert">
            {eventTimeProblem}
          </p>
        )}
      </div>
      <fieldset>
        <legend>Target stores</legend>
        {schema.onlineStore && (
          <label className="check">
            <input
              type="checkbox"
              checked={options.stores.online}
              onChange={(event) => setOptions({ ...options, stores: { ...options.stores, online: event.target.checked } })}
            />{' '}
            Online store
          </label>
        )}{' '}
        {schema.offlineStore && (
          <label className="check">
            <input
              type="checkbox"
              checked={options.stores.offline}
              onChange={(event) => setOptions({ ...options, stores: { ...options.stores, offline: event.target.checked } })}
            />{' '}
            Offline store
          </label>
        )}
        {storesProblem && (
          <p className="field__error" role="alert">
            {storesProblem}
          </p>
        )}
      </fieldset>
    </>
  );
}
