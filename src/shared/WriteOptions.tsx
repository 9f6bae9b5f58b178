import { useFormState, useWatch } from 'react-hook-form';
import { describeTtl, TTL_UNITS } from '../domain/ttl';
import type { FeatureGroupSchema } from '../domain/schema';
import type { FormHandles } from './formTypes';

/** TargetStores: one checkbox per store the group has; both checked sends none (all stores). */
export function TargetStoresField({ schema, form }: { schema: FeatureGroupSchema; form: FormHandles }) {
  const { errors } = useFormState({ control: form.control, name: 'targetStores' });
  const error = errors.targetStores?.online?.message ?? errors.targetStores?.offline?.message;
  const stores = useWatch({ control: form.control, name: 'targetStores' });
  // B13: the hint follows the checkboxes; it describes the request the current choice sends.
  const chosen = [schema.onlineStore && stores?.online ? 'OnlineStore' : undefined, schema.offlineStore && stores?.offline ? 'OfflineStore' : undefined].filter(
    (store): store is string => store !== undefined,
  );
  const available = (schema.onlineStore ? 1 : 0) + (schema.offlineStore ? 1 : 0);
  const hint =
    chosen.length === 0
      ? 'No store is checked: check at least one.'
      : chosen.length === available
        ? 'With every store checked the request names none, which means all of the group\u2019s stores.'
        : `The request names TargetStores: [${chosen.join(', ')}]; the other store is not written.`;
  return (
    <fieldset aria-describedby={error ? 'target-stores-error' : 'target-stores-hint'}>
      <legend>Target stores</legend>
      <div className="field-row field-row--wrap">
        {schema.onlineStore ? (
          <label className="check">
            <input type="checkbox" id="target-stores-online" {...form.register('targetStores.online')} /> Online store
          </label>
        ) : (
          <span className="muted">Online store: not offered, this group has no online store.</span>
        )}
        {schema.offlineStore ? (
          <label className="check">
            <input type="checkbox" id="target-stores-offline" {...form.register('targetStores.offline')} /> Offline store
          </label>
        ) : (
          <span className="muted">Offline store: not offered, this group has no offline store.</span>
        )}
      </div>
      <p className="field__hint" id="target-stores-hint" data-testid="target-stores-hint">
        {hint}
      </p>
      {error && (
        <p className="field__error" id="target-stores-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** TTL: the group default (or none), or a custom duration; disabled where it cannot apply. */
export function TtlField({ schema, form }: { schema: FeatureGroupSchema; form: FormHandles }) {
  const online = useWatch({ control: form.control, name: 'targetStores.online' });
  const mode = useWatch({ control: form.control, name: 'ttl.mode' });
  const { errors } = useFormState({ control: form.control, name: 'ttl' });
  const error = errors.ttl?.value?.message;
  const defaultTtl = schema.onlineStore?.defaultTtl;
  const disabledReason = !schema.onlineStore
    ? 'TTL applies to the online store, and this group has none.'
    : !online
      ? 'TTL applies to the online store; this write targets the offline store only.'
      : undefined;

  return (
    <fieldset disabled={Boolean(disabledReason)} aria-describedby="ttl-hint">
      <legend>Time to live (TTL)</legend>
      <div className="field-row field-row--wrap">
        <label className="check">
          <input type="radio" value={defaultTtl ? 'default' : 'none'} {...form.register('ttl.mode')} />
          {defaultTtl ? `Group default (${describeTtl(defaultTtl)})` : 'None (the group has no default TTL)'}
        </label>
        <label className="check">
          <input type="radio" value="custom" {...form.register('ttl.mode')} /> Custom
        </label>
        {mode === 'custom' && (
          <>
            <label className="visually-hidden" htmlFor="ttl-value">
              TTL value
            </label>
            <input
              id="ttl-value"
              type="text"
              inputMode="numeric"
              className="mono"
              style={{ width: '8rem' }}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'ttl-error' : undefined}
              {...form.register('ttl.value')}
            />
            <label className="visually-hidden" htmlFor="ttl-unit">
              TTL unit
            </label>
            <select id="ttl-unit" style={{ width: 'auto' }} {...form.register('ttl.unit')}>
              {TTL_UNITS.map((unit) => (
                <option key={unit} value={unit}>
                  {unit}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <p className="field__hint" id="ttl-hint">
        {disabledReason ?? 'ExpiresAt = event time + TTL. A custom TTL overrides the group default for this record.'}
      </p>
      {error && !disabledReason && (
        <p className="field__error" id="ttl-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
