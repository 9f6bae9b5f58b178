/**
 * Drafts: the form as typed, per environment and feature group (and record, when
 * editing), in localStorage, so a reload or a closed tab loses nothing. Values only;
 * never credentials.
 */
import { useCallback, useEffect, useRef } from 'react';
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
 * once when the page is hidden or closed. `discard()` drops the draft and any save
 * still pending (after a successful edit, or "Clear form").
 */
export function useDraftAutosave(form: UseFormReturn<RecordFormValues>, schema: FeatureGroupSchema, key: string): { discard: () => void } {
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const save = () => {
      pending.current = undefined;
      saveDraft(key, schema, form.getValues());
    };
    const flush = () => {
      if (pending.current === undefined) return;
      clearTimeout(pending.current);
      save();
    };
    const subscription = form.watch((_values, { type, name }) => {
      // Programmatic resets (clear form) are not edits.
      if (type === undefined && name === undefined) return;
      if (pending.current !== undefined) clearTimeout(pending.current);
      pending.current = setTimeout(save, SAVE_DELAY_MS);
    });
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      flush();
      subscription.unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [form, schema, key]);
  const discard = useCallback(() => {
    if (pending.current !== undefined) clearTimeout(pending.current);
    pending.current = undefined;
    localStorage.removeItem(key);
  }, [key]);
  return { discard };
}
