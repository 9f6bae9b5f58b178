import { useId } from 'react';
import type { ListFormat } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { TTL_UNITS, type TtlUnit } from '../../domain/ttl';

export const DEFAULT_IN_FLIGHT = 4;

export interface ImportOptionValues {
  listFormat: ListFormat;
  stores: { online: boolean; offline: boolean };
  ttl: { on: boolean; value: string; unit: TtlUnit };
  inFlight: string;
}

export function initialImportOptions(schema: FeatureGroupSchema, listFormat: ListFormat | undefined): ImportOptionValues {
  return {
    listFormat: listFormat ?? { kind: 'json' },
    stores: { online: schema.onlineStore !== undefined, offline: schema.offlineStore },
    ttl: { on: false, value: '1', unit: 'Days' },
    inFlight: String(DEFAULT_IN_FLIGHT),
  };
}

/** Which of the options are usable as typed. */
export function checkImportOptions(schema: FeatureGroupSchema, options: ImportOptionValues) {
  const { stores, ttl, inFlight } = options;
  const storesOk = (stores.online && schema.onlineStore !== undefined) || (stores.offline && schema.offlineStore);
  const ttlOk = !ttl.on || (/^\d{1,9}$/.test(ttl.value) && Number(ttl.value) >= 1);
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
  const ids = { listFormat: useId(), separator: useId(), ttl: useId(), ttlUnit: useId(), inFlight: useId() };
  const { listFormat, stores, ttl, inFlight } = options;
  const { storesOk, ttlOk, inFlightOk } = checkImportOptions(schema, options);
  const setListFormat = (next: ListFormat) => onChange({ ...options, listFormat: next });
  const setStores = (next: ImportOptionValues['stores']) => onChange({ ...options, stores: next });
  const setTtl = (next: ImportOptionValues['ttl']) => onChange({ ...options, ttl: next });
  const setInFlight = (next: string) => onChange({ ...options, inFlight: next });
  return (
    <div className="field-row field-row--wrap">
      {!generated && schema.features.some((spec) => spec.collection) && (
        <div className="field">
          <div className="field__head">
            <label className="field__label" htmlFor={ids.listFormat}>
              List, Set and Vector cells
            </label>
          </div>
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
        </div>
      )}
      <fieldset className="field">
        <legend className="field__label">Target stores</legend>
        {schema.onlineStore && (
          <label className="check">
            <input type="checkbox" checked={stores.online} onChange={(event) => setStores({ ...stores, online: event.target.checked })} /> Online store
          </label>
        )}
        {schema.offlineStore && (
          <label className="check">
            <input type="checkbox" checked={stores.offline} onChange={(event) => setStores({ ...stores, offline: event.target.checked })} /> Offline store
          </label>
        )}
        {!storesOk && <p className="field__error">Choose at least one store to write to.</p>}
      </fieldset>
      {schema.onlineStore && stores.online && (
        <fieldset className="field">
          <legend className="field__label">TTL for every record (request-level TtlDuration)</legend>
          <label className="check">
            <input type="checkbox" checked={ttl.on} onChange={(event) => setTtl({ ...ttl, on: event.target.checked })} /> Set a TTL
          </label>
          {ttl.on && (
            <div className="field-row">
              <label className="visually-hidden" htmlFor={ids.ttl}>
                TTL value
              </label>
              <input id={ids.ttl} inputMode="numeric" value={ttl.value} onChange={(event) => setTtl({ ...ttl, value: event.target.value })} />
              <label className="visually-hidden" htmlFor={ids.ttlUnit}>
                TTL unit
              </label>
              <select id={ids.ttlUnit} value={ttl.unit} onChange={(event) => setTtl({ ...ttl, unit: event.target.value as TtlUnit })}>
                {TTL_UNITS.map((unit) => (
                  <option key={unit}>{unit}</option>
                ))}
              </select>
            </div>
          )}
          {!ttlOk && <p className="field__error">Enter a whole number of at least 1.</p>}
        </fieldset>
      )}
      <div className="field">
        <div className="field__head">
          <label className="field__label" htmlFor={ids.inFlight}>
            Calls in flight at most
          </label>
        </div>
        <input id={ids.inFlight} inputMode="numeric" value={inFlight} onChange={(event) => setInFlight(event.target.value)} />
        {!inFlightOk && <p className="field__error">Enter 1 to 16.</p>}
      </div>
    </div>
  );
}
