/**
 * Following the form's values without react-hook-form's per-change deep clone.
 *
 * Why: on every change that a values watcher matches (useWatch, watch(callback)),
 * react-hook-form deep-clones ALL form values before notifying: O(features) per keystroke,
 * 1-2 ms at 2,500 features, the only part of a keystroke whose cost grows with the schema
 * (measured: with that clone removed the 2,500-feature form's keystroke-to-preview is 1.24x
 * the 8-feature form's instead of about 2x). These helpers listen to the form's own change
 * stream and read the live values at render time instead, so nothing is cloned.
 *
 * They use the control's `_subjects` and `_formValues`, as react-hook-form's own hooks
 * do; every value change (typing, setValue, reset, field-array operations) passes through
 * `_subjects`, so a listener is never left with stale values.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { Control } from 'react-hook-form';
import type { FeatureFormValue, RecordFormValues } from '../../domain/recordForm';

export interface FormChange {
  /** The field that changed (`features.3.text`); undefined for whole-form events such as reset. */
  name?: string | undefined;
  /** 'change' or 'blur' for user input; undefined for programmatic changes. */
  type?: string | undefined;
}

/** Calls `listener` after every change the form announces (values, and state such as errors). */
export function subscribeToChanges(control: Control<RecordFormValues>, listener: (change: FormChange) => void): () => void {
  const state = control._subjects.state.subscribe({ next: (payload) => listener({ name: payload.name, type: payload.type }) });
  const array = control._subjects.array.subscribe({ next: (payload) => listener({ name: payload.name }) });
  return () => {
    state.unsubscribe();
    array.unsubscribe();
  };
}

interface ExternalStore<T> {
  subscribe: (notify: () => void) => () => void;
  get: () => T;
}

/** A store over the whole form's values for useSyncExternalStore: a new top-level object per change. */
function formValuesStore(control: Control<RecordFormValues>): ExternalStore<RecordFormValues> {
  let snapshot = { ...(control._formValues as RecordFormValues) };
  const refresh = () => {
    snapshot = { ...(control._formValues as RecordFormValues) };
  };
  return {
    subscribe: (notify) => {
      // Values may have changed between render and subscription: React reads the snapshot again after subscribing.
      refresh();
      return subscribeToChanges(control, () => {
        refresh();
        notify();
      });
    },
    get: () => snapshot,
  };
}

/** A version number that changes whenever feature `index` (or the whole form) changes. */
function featureVersionStore(control: Control<RecordFormValues>, index: number, enabled: boolean): ExternalStore<number> {
  let version = 0;
  const prefix = `features.${index}`;
  return {
    subscribe: (notify) => {
      if (!enabled) return () => {};
      version += 1;
      return subscribeToChanges(control, (change) => {
        if (change.name === undefined || change.name === prefix || change.name.startsWith(`${prefix}.`)) {
          version += 1;
          notify();
        }
      });
    },
    get: () => version,
  };
}

/** The live form values, re-read after each change. The object is new per change; what it holds is the form's own (read, never mutate). */
export function useLiveFormValues(control: Control<RecordFormValues>): RecordFormValues {
  const store = useMemo(() => formValuesStore(control), [control]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** One feature's live value, followed only when `enabled` (edit mode's "changed" mark). */
export function useLiveFeatureValue(control: Control<RecordFormValues>, index: number, enabled: boolean): FeatureFormValue | undefined {
  const store = useMemo(() => featureVersionStore(control, index, enabled), [control, index, enabled]);
  useSyncExternalStore(store.subscribe, store.get);
  if (!enabled) return undefined;
  const value = (control._formValues as RecordFormValues).features?.[index];
  // A copy: the form mutates its values in place.
  return value ? { ...value, items: value.items.map((item) => ({ ...item })) } : undefined;
}
