/**
 * Drafts: the form as typed, per scope (environment, user), feature group and record
 * (when editing), kept in IndexedDB through src/storage, so a reload or a closed tab
 * loses nothing. Values only; never credentials.
 *
 * The form on screen is the source of truth. Every save and discard carries a growing
 * sequence number and storage keeps only the highest, so a late save never lands over a
 * newer one and "Discard" is never undone by a save still in flight. A save started as
 * the page goes away is kept by storage's unload journal. When a save
 * fails (storage full), the user is told, and the older stored draft is removed so a
 * reload can never bring it back over what was typed since.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import * as z from 'zod/mini';
import type { UseFormReturn } from 'react-hook-form';
import { discardDraft, loadDraft, nextDraftSeq, persistInFlightWrites, readPreference, saveDraft, writePreference, type StorageScope } from '../../storage';
import { draftToFeatures, featuresToDraft, type DraftFeatures, type RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import { TTL_UNITS } from '../../domain/ttl';
import { subscribeToChanges } from './formChanges';

const draftPayloadSchema = z.object({
  features: z.record(z.string(), z.object({ text: z.string(), empty: z.boolean(), items: z.array(z.object({ value: z.string() })) })),
  targetStores: z.object({ online: z.boolean(), offline: z.boolean() }),
  ttl: z.object({ mode: z.enum(['default', 'none', 'custom']), value: z.string(), unit: z.enum(TTL_UNITS) }),
});
type DraftPayload = z.infer<typeof draftPayloadSchema>;

export type EditorView = 'form' | 'json';
const editorViewSchema = z.enum(['form', 'json']);
const EDITOR_VIEW_PREFERENCE = 'editor-view';

const SAVE_DELAY_MS = 250;

export function draftKey(groupName: string, recordId?: string): string {
  // U+0000 cannot occur in a group name, so a record id never collides with another group.
  return recordId === undefined ? `record:${groupName}` : `edit:${groupName}\u0000${recordId}`;
}

/** Drafts held in this page: what the form had last, even when storage refused it. */
const latest = new Map<string, { seq: number; payload: DraftPayload | undefined; savedAt: string }>();
function memoryId(scope: StorageScope, key: string): string {
  return `${scope.environment}\u0000${scope.user}\u0000${key}`;
}

export interface LoadedEditorState {
  draft?: { values: RecordFormValues; savedAt: string };
  /** Why a stored draft could not be offered, when it could not. */
  draftProblem?: string;
  view: EditorView;
}

function toFormValues(schema: FeatureGroupSchema, payload: DraftPayload, fallback: RecordFormValues): RecordFormValues {
  return {
    features: draftToFeatures(schema, payload.features as DraftFeatures),
    targetStores: {
      online: schema.onlineStore ? payload.targetStores.online : false,
      offline: schema.offlineStore ? payload.targetStores.offline : false,
    },
    ttl: payload.ttl ?? fallback.ttl,
  };
}

/** The stored draft (or the newer one this page still holds) and the editor view, read before the form starts. */
export function useEditorStart(scope: StorageScope, key: string, schema: FeatureGroupSchema, fallback: () => RecordFormValues): LoadedEditorState | undefined {
  const [state, setState] = useState<LoadedEditorState>();
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [stored, view] = await Promise.all([loadDraft(scope, key, draftPayloadSchema), readPreference(scope, EDITOR_VIEW_PREFERENCE, editorViewSchema)]);
      if (cancelled) return;
      const held = latest.get(memoryId(scope, key));
      const next: LoadedEditorState = { view: view ?? 'form' };
      if (held && (!stored.ok || !stored.value.draft || held.seq >= stored.value.draft.seq)) {
        if (held.payload) next.draft = { values: toFormValues(schema, held.payload, fallback()), savedAt: held.savedAt };
      } else if (!stored.ok) {
        next.draftProblem = `A saved draft could not be read (${stored.message}).`;
      } else if (stored.value.invalid) {
        next.draftProblem = 'A saved draft was damaged and could not be restored.';
      } else if (stored.value.draft) {
        next.draft = { values: toFormValues(schema, stored.value.draft.payload, fallback()), savedAt: stored.value.draft.savedAt };
      }
      setState(next);
    })();
    return () => {
      cancelled = true;
    };
    // The fallback is only used once, when the draft arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, key, schema]);
  return state;
}

export function saveEditorView(scope: StorageScope, view: EditorView): void {
  // A display preference: when it cannot be kept, the view still switches.
  void writePreference(scope, EDITOR_VIEW_PREFERENCE, view);
}

export type DraftStatus = { state: 'idle' } | { state: 'saved'; at: string } | { state: 'not-saved'; message: string; olderRemoved: boolean };

/**
 * Saves the form a moment after each change, without re-rendering the form, and at
 * once when the page is hidden or closed. `discard()` drops the draft and any save
 * still pending (after a successful edit, or "Clear form"). `status` says whether the
 * last save was kept.
 */
export function useDraftAutosave(
  form: UseFormReturn<RecordFormValues>,
  schema: FeatureGroupSchema,
  scope: StorageScope,
  key: string,
): { discard: () => void; status: DraftStatus } {
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [status, setStatus] = useState<DraftStatus>({ state: 'idle' });
  const id = memoryId(scope, key);

  useEffect(() => {
    const save = () => {
      pending.current = undefined;
      const values = form.getValues();
      const payload: DraftPayload = { features: featuresToDraft(schema, values.features), targetStores: values.targetStores, ttl: values.ttl };
      const seq = nextDraftSeq();
      const savedAt = new Date().toISOString();
      latest.set(id, { seq, payload, savedAt });
      void saveDraft(scope, key, seq, payload).then(async (result) => {
        if (result.ok) {
          if (latest.get(id)?.seq === seq) setStatus({ state: 'saved', at: savedAt });
          return;
        }
        // Not kept: never let the older stored draft come back over what is on screen.
        // The tombstone has this save's seq, so a newer save that did land is left alone.
        const removed = await discardDraft(scope, key, seq);
        setStatus({ state: 'not-saved', message: result.message, olderRemoved: removed.ok });
      });
    };
    const flush = () => {
      if (pending.current === undefined) return;
      clearTimeout(pending.current);
      save();
      // This save may have started after storage's own pagehide listener ran.
      persistInFlightWrites();
    };
    // The form's change stream, not watch(): a values watcher makes every keystroke clone the whole form (formChanges.ts).
    const unsubscribe = subscribeToChanges(form.control, ({ type, name }) => {
      // Programmatic resets (clear form) are not edits.
      if (type === undefined && name === undefined) return;
      if (pending.current !== undefined) clearTimeout(pending.current);
      pending.current = setTimeout(save, SAVE_DELAY_MS);
    });
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      flush();
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [form, schema, scope, key, id]);

  const discard = useCallback(() => {
    if (pending.current !== undefined) clearTimeout(pending.current);
    pending.current = undefined;
    const seq = nextDraftSeq();
    latest.set(id, { seq, payload: undefined, savedAt: new Date().toISOString() });
    setStatus({ state: 'idle' });
    void discardDraft(scope, key, seq);
  }, [scope, key, id]);

  return { discard, status };
}

/** Says when the draft was not kept; silent while drafts save normally. */
export function DraftStatusNote({ status }: { status: DraftStatus }) {
  if (status.state !== 'not-saved') return null;
  return (
    <p className="panel panel--warn" role="alert" data-testid="draft-not-saved">
      Draft not saved: {status.message}. What you typed is still on this page, but a reload or a closed tab would lose it.
      {status.olderRemoved ? ' The older saved draft was removed, so a reload cannot bring it back over your changes.' : ''}
    </p>
  );
}
