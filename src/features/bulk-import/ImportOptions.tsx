import { useEffect, useId, useMemo, useRef } from 'react';
import { useForm } from 'react-hook-form';
import type { ListFormat } from '../../domain/importMapping';
import type { RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { TtlUnit } from '../../domain/ttl';
import { TargetStoresField, TtlField } from '../../shared/WriteOptions';
import { Field, describedByIds } from '../../ui/Field';

export const DEFAULT_IN_FLIGHT = 4;

export interface ImportOptionValues {
  listFormat: ListFormat;
  stores: { online: boolean; offline: boolean };
  /** As on the write page: the group default (or none), or a custom request-level TtlDuration. */
  ttl: { mode: 'default' | 'none' | 'custom'; value: string; unit: TtlUnit };
  inFlight: string;
}

export function initialImportOptions(schema: FeatureGroupSchema, listFormat: ListFormat | undefined): ImportOptionValues {
  return {
    listFormat: listFormat ?? { kind: 'json' },
    stores: { online: schema.onlineStore !== undefined, offline: schema.offlineStore },
    ttl: { mode: schema.onlineStore?.defaultTtl ? 'default' : 'none', value: '1', unit: 'Days' },
    inFlight: String(DEFAULT_IN_FLIGHT),
  };
}

/** Which of the options are usable as typed. */
export function checkImportOptions(schema: FeatureGroupSchema, options: ImportOptionValues) {
  const { stores, ttl, inFlight } = options;
  const storesOk = (stores.online && schema.onlineStore !== undefined) || (stores.offline && schema.offlineStore);
  const ttlOk = ttl.mode !== 'custom' || (/^\d{1,9}$/.test(ttl.value) && Number(ttl.value) >= 1);
  const inFlightOk = /^\d{1,2}$/.test(inFlight) && Number(inFlight) >= 1 && Number(inFlight) <= 16;
  return { storesOk, ttlOk, inFlightOk, ok: storesOk && ttlOk && inFlightOk };
}

/** List cells, target stores, TTL and calls in flight. */
export function ImportOptions({
  schema,
  generated,
  options,
  onChange,
}: {
  schema: FeatureGroupSchema;
  generated: boolean;
  options: ImportOptionValues;
  onChange: (next: ImportOptionValues) => void;
}) {
  const ids = { listFormat: useId(), separator: useId(), inFlight: useId() };
  const { listFormat, stores, ttl, inFlight } = options;
  const { inFlightOk } = checkImportOptions(schema, options);
  const setListFormat = (next: ListFormat) => onChange({ ...options, listFormat: next });
  // The write page's own fields (shared/WriteOptions.tsx), on a form of their own: the same
  // look, words, hints and spacing; their values flow back into the import's options.
  const form = useForm<RecordFormValues>({ defaultValues: { targetStores: stores, ttl } as RecordFormValues });
  const handles = useMemo(() => ({ control: form.control, register: form.register, setValue: form.setValue }), [form]);
  const latest = useRef({ options, onChange });
  useEffect(() => {
    latest.current = { options, onChange };
  });
  useEffect(() => {
    return form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        const next = {
          ...latest.current.options,
          stores: { online: Boolean(values.targetStores?.online), offline: Boolean(values.targetStores?.offline) },
          ttl: { mode: values.ttl?.mode ?? 'none', value: values.ttl?.value ?? '', unit: values.ttl?.unit ?? 'Days' } as ImportOptionValues['ttl'],
        };
        const check = checkImportOptions(schema, next);
        if (check.ttlOk) form.clearErrors('ttl.value');
        else form.setError('ttl.value', { message: 'Enter a whole number of at least 1.' });
        if (check.storesOk) form.clearErrors('targetStores.online');
        else form.setError('targetStores.online', { message: 'Choose at least one store to write to.' });
        latest.current.onChange(next);
      },
    });
  }, [form, schema]);
  const setInFlight = (next: string) => onChange({ ...options, inFlight: next });
  return (
    <div className="panel" data-testid="import-options">
      <h3>Import options</h3>
      <TargetStoresField schema={schema} form={handles} />
      <TtlField schema={schema} form={handles} />
      <div className="field-row field-row--wrap">
        {!generated && schema.features.some((spec) => spec.collection) && (
          <Field id={ids.listFormat} label="List, Set and Vector cells">
            <select
              id={ids.listFormat}
              value={listFormat.kind}
              onChange={(event) => {
                setListFormat(event.target.value === 'json' ? { kind: 'json' } : { kind: 'separator', separator: '|' });
              }}
            >
              <option value="json">JSON arrays, e.g. [0.1, 0.2]</option>
              <option value="separator">Split on a separator</option>
            </select>
            {listFormat.kind === 'separator' && (
              <>
                <div className="field__head">
                  <label className="field__label" htmlFor={ids.separator}>
                    Separator
                  </label>
                </div>
                <input
                  id={ids.separator}
                  value={listFormat.separator}
                  maxLength={16}
                  onChange={(event) => {
                    setListFormat({ kind: 'separator', separator: event.target.value });
                  }}
                />
              </>
            )}
          </Field>
        )}
        <Field id={ids.inFlight} label="Calls in flight at most" error={inFlightOk ? undefined : 'Enter 1 to 16.'}>
          <input
            id={ids.inFlight}
            inputMode="numeric"
            value={inFlight}
            aria-invalid={!inFlightOk}
            aria-describedby={describedByIds(ids.inFlight, false, !inFlightOk)}
            onChange={(event) => setInFlight(event.target.value)}
          />
        </Field>
      </div>
    </div>
  );
}
