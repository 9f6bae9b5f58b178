/**
 * Drafts: the form as typed, per environment and feature group (and record, when
 * editing), in localStorage, so a reload or a closed tab loses nothing. Values only;
 * never credentials.
 */
import { useEffect } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { environmentKey, type RuntimeConfig } from '../../aws/config';
import { draftToFeatures, featuresToDraft, type DraftFeatures, type RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import { isTtlUnit } from '../../domain/ttl';

interface StoredDraft {
  savedAt: string;
  features: DraftFeatures;
  targetStores: RecordFormValues['targetStores'];
  ttl: RecordFormValues['ttl'];
}

const SAVE_DELAY_MS = 300;

export function draftKey(config: RuntimeConfig, groupName: string, recordId?: string): string {
  return `featurestore-console:draft:v1:${environmentKey(config)}:${groupName}${recordId !== undefined ? `:edit:${recordId}` : ''}`;
}

export function loadDraft(key: string, schema: FeatureGroupSchema, fallback: RecordFormValues): { values: RecordFormValues; savedAt: string } | undefined {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as StoredDraft;
    const ttl = draft.ttl && ['default', 'none', 'custom'].includes(draft.ttl.mode) && isTtlUnit(draft.ttl.unit) ? draft.ttl : fallback.ttl;
    return {
      savedAt: draft.savedAt,
      values: {
        features: draftToFeatures(schema, draft.features ?? {}),
        targetStores: {
          online: schema.onlineStore ? draft.targetStores?.online !== false : false,
          offline: schema.offlineStore ? draft.targetStores?.offline !== false : false,
        },
        ttl: { mode: ttl.mode, value: String(ttl.value ?? ''), unit: ttl.unit },
      },
    };
  } catch {
    return undefined;
  }
}

export function removeDraft(key: string): void {
  localStorage.removeItem(key);
}

function saveDraft(key: string, schema: FeatureGroupSchema, values: RecordFormValues): void {
  const draft: StoredDraft = {
    savedAt: new Date().toISOString(),
    features: featuresToDraft(schema, values.features),
    targetStores: values.targetStores,
    ttl: values.ttl,
  };
  try {
    localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form keeps working, only the draft is lost.
  }
}

/**
 * Saves the form a moment after each change, without re-rendering anything, and at
 * once when the page is hidden or closed.
 */
export function useDraftAutosave(form: UseFormReturn<RecordFormValues>, schema: FeatureGroupSchema, key: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      saveDraft(key, schema, form.getValues());
    };
    const subscription = form.watch((_values, { type, name }) => {
      // Programmatic resets (clear form) are not edits.
      if (type === undefined && name === undefined) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        saveDraft(key, schema, form.getValues());
      }, SAVE_DELAY_MS);
    });
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      flush();
      subscription.unsubscribe();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [form, schema, key, enabled]);
}
