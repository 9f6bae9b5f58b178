import { useCallback, useEffect, useMemo, useState } from 'react';
import { visibleText } from '../../domain/inputWarnings';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation } from 'wouter';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { featureStoreEndpoint } from '../../aws/config';
import { describeAwsError, type AwsProblem } from '../../aws/errors';
import { awsKeys, featureDescriptionsQuery, recordQuery } from '../../aws/queries';
import { recordToFeatureFormValues, type FeatureValueLike, type RecordFormValues } from '../../domain/recordForm';
import { formatEventTime } from '../../domain/eventTime';
import { editValues, rebaseEdit } from '../../domain/rebase';
import { supportsUpdateRecord, type FeatureGroupSchema } from '../../domain/schema';
import { buildRecordFormSchema } from '../../domain/validation';
import { planWrite, type StoredRecordBase, type WritePreference } from '../../domain/writePlan';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { recordPath } from '../../ui/paths';
import { useToast } from '../../ui/Toast';
import { draftKey, DraftStatusNote, saveEditorView, useDraftAutosave, useEditorStart, type EditorView, type LoadedEditorState } from './drafts';
import { useStorageScope } from '../../aws/storageScope';
import type { StorageScope } from '../../storage';
import { ErrorSummary } from './ErrorSummary';
import { FeatureField } from './FeatureField';
import type { FormHandles } from './formTypes';
import { JsonRecordView } from './JsonRecordView';
import { RequestPreview } from './RequestPreview';
import { TargetStoresField, TtlField } from '../../shared/WriteOptions';
import { JumpToFeature, VIRTUALIZE_FROM, VirtualFeatureList } from './VirtualFeatureList';
import { GeneratorNote, useGeneratorSession, withGenerators } from './generatedValues';
import { TemplatesPanel } from './TemplatesPanel';
import { WriteAnotherButton, focusIdentifier } from './WriteAnother';
import { nextRecordFeatures } from '../../domain/templates';
import { OfflineOnlyOutcome, WriteOutcome, type WriteResult } from './WriteOutcome';
import { saveRecord } from './saveRecord';
import { handleFormEnter } from './keyboardModel';
import { Timestamp } from '../../shared/Timestamp';
import { useWriteAccess } from '../../aws/writeAccess';
import { WriteAccessNotice } from '../../shared/WriteAccessNotice';
import { refusedChanges } from '../../domain/writeAccess';

/** Descriptions load by themselves for groups up to this size; larger groups load them on request. */
const AUTO_DESCRIPTION_LIMIT = 100;

function initialValues(schema: FeatureGroupSchema, base: StoredRecordBase | undefined): RecordFormValues {
  return editValues(schema, base, new Date());
}

interface RecordEditorProps {
  schema: FeatureGroupSchema;
  stored?: StoredRecordBase;
  /** "Duplicate": start a new record from this stored one (identifier cleared, event time now). */
  duplicateOf?: StoredRecordBase;
  /** "Restore this version" (a record's history): these values, identifier kept, event time now. */
  prefill?: { label: string; record: FeatureValueLike[] };
}

/** Reads the stored draft and editor view (IndexedDB, asynchronous) before the form starts, so a draft never lands over typing. */
export function RecordEditor(props: RecordEditorProps) {
  const scope = useStorageScope();
  const key = draftKey(props.schema.name, props.stored?.recordId);
  const start = useEditorStart(scope, key, props.schema, () => initialValues(props.schema, props.stored));
  if (!start) {
    return (
      <p className="muted" aria-busy="true">
        Loading the form…
      </p>
    );
  }
  return <RecordEditorForm {...props} scope={scope} draftKey={key} start={start} />;
}

function RecordEditorForm({
  schema,
  stored,
  duplicateOf,
  prefill,
  scope,
  draftKey: key,
  start,
}: RecordEditorProps & { scope: StorageScope; draftKey: string; start: LoadedEditorState }) {
  const config = useRuntimeConfig();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [base, setBase] = useState<StoredRecordBase | undefined>(stored);
  const [initial] = useState(() => {
    const fresh = initialValues(schema, stored);
    const draft = start.draft;
    if (duplicateOf) {
      // The record to duplicate wins over an unsent draft, which is set aside and offered back.
      const features = nextRecordFeatures(schema, recordToFeatureFormValues(schema, duplicateOf.record), new Date());
      return { values: { ...fresh, features }, restoredAt: undefined, setAside: draft };
    }
    if (prefill) {
      // A version to restore: its values, the identifier kept, the event time now (so it reaches the online store).
      const now = formatEventTime(schema.eventTimeType, new Date());
      const features = recordToFeatureFormValues(schema, prefill.record).map((value, index) =>
        schema.features[index]?.role === 'eventTime' ? { ...value, text: now } : value,
      );
      return { values: { ...fresh, features }, restoredAt: undefined, setAside: draft };
    }
    return { values: draft?.values ?? fresh, restoredAt: draft?.savedAt, setAside: undefined };
  });
  const generator = useGeneratorSession();
  const currentSession = generator.current;
  const resolver = useMemo(() => withGenerators(zodResolver(buildRecordFormSchema(schema)), schema, currentSession), [schema, currentSession]);
  const form = useForm<RecordFormValues>({ defaultValues: initial.values, resolver, mode: 'onBlur', reValidateMode: 'onChange', shouldFocusError: true });
  const handles: FormHandles = useMemo(
    () => ({ control: form.control, register: form.register, setValue: form.setValue }),
    [form.control, form.register, form.setValue],
  );
  const [view, setViewState] = useState<EditorView>(start.view);
  const [jsonValid, setJsonValid] = useState(true);
  /** Remounts the JSON view so it shows the form's values again after a reset. */
  const [jsonKey, setJsonKey] = useState(0);
  const setView = useCallback(
    (next: EditorView) => {
      saveEditorView(scope, next);
      setViewState(next);
      // B4: leaving the JSON view drops its unparsed text; the form keeps the last valid JSON, and Write is enabled again.
      if (next !== 'json') setJsonValid(true);
    },
    [scope],
  );
  const [preference, setPreference] = useState<WritePreference>('auto');
  const [restoredAt, setRestoredAt] = useState(initial.restoredAt);
  const [filter, setFilter] = useState('');
  const draft = useDraftAutosave(form, schema, scope, key);
  const [setAside, setSetAside] = useState(initial.setAside);
  useEffect(() => {
    if (duplicateOf) focusIdentifier(schema);
  }, [duplicateOf, schema]);

  const [loadDescriptions, setLoadDescriptions] = useState(schema.features.length <= AUTO_DESCRIPTION_LIMIT);
  const descriptions = useQuery({
    ...featureDescriptionsQuery(
      config,
      schema.name,
      schema.features.map((spec) => spec.name),
    ),
    enabled: loadDescriptions,
  });

  const storedFormValues = useMemo(() => (base ? recordToFeatureFormValues(schema, base.record) : undefined), [schema, base]);
  const access = useWriteAccess(schema, base !== undefined);
  const writable = schema.status === 'Created' && access.kind !== 'none';
  /** A change the role may not make, said before anything is sent. */
  const [refusal, setRefusal] = useState<string>();

  const mutation = useMutation<WriteResult, unknown, RecordFormValues>({
    mutationFn: (values) => saveRecord(config, schema, values, base, preference),
    onSuccess: async (result) => {
      // The next record draws new generated values ({{seq}} counts on).
      generator.advance();
      const offlineOnly = result.landing?.kind === 'offline-only';
      toast(
        `${result.operation === 'UpdateRecord' ? 'Updated' : 'Wrote'} record ${result.recordId} (request ${result.requestId ?? 'n/a'})${offlineOnly ? ' to the offline store only: the online store keeps a newer record' : ''}${result.historyWarning ? `; ${result.historyWarning}` : ''}`,
        result.historyWarning || offlineOnly ? 'info' : 'success',
      );
      await queryClient.invalidateQueries({ queryKey: awsKeys.records(config, schema.name) });
      if (base && !offlineOnly) {
        // An edit is done: drop its draft and show the stored result on the record page.
        draft.discard();
        navigate(recordPath(schema.name, result.recordId, { saved: result.requestId ?? '' }));
      }
    },
  });

  const problem: AwsProblem | undefined = mutation.isError
    ? describeAwsError(mutation.error, {
        operation: planWrite(schema, form.getValues(), base, preference).operation,
        featureGroup: schema.name,
        endpoint: featureStoreEndpoint(config),
      })
    : undefined;

  /** After a ConflictException (Standard_V2) or a save that reached the offline store only (Standard): take the latest stored record and apply the user's changes on top of it. */
  const reloadAndReapply = async () => {
    if (!base) return;
    const latest = await queryClient.fetchQuery({ ...recordQuery(config, schema.name, base.recordId), staleTime: 0 });
    if (!latest.record) {
      // Nothing to reapply onto: say so; the form keeps what the user typed.
      toast(`Record ${visibleText(base.recordId)} is no longer in the online store (deleted or expired); your changes are still in the form.`, 'info');
      return;
    }
    const latestBase: StoredRecordBase = { recordId: base.recordId, record: latest.record, ...(latest.expiresAt ? { expiresAt: latest.expiresAt } : {}) };
    const next = rebaseEdit(schema, base, form.getValues(), latestBase, new Date());
    setBase(latestBase);
    form.reset(next);
    setJsonKey((key) => key + 1);
    mutation.reset();
    toast('Reloaded the latest record and reapplied your changes. Review the diff, then save again.', 'info');
  };

  const clearForm = () => {
    setJsonValid(true);
    setJsonKey((key) => key + 1);
    draft.discard();
    setRestoredAt(undefined);
    form.reset(initialValues(schema, base));
    mutation.reset();
  };

  const onSubmit = form.handleSubmit((values) => {
    if (!jsonValid || !writable) return;
    const refused = access.kind === 'features' ? refusedChanges(access, planWrite(schema, values, base, 'auto')) : undefined;
    setRefusal(refused);
    if (refused) return;
    mutation.mutate(values);
  });

  const filterText = filter.trim().toLowerCase();
  const visible = filterText ? (name: string) => name.toLowerCase().includes(filterText) : () => true;

  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={(event) => handleFormEnter(event, () => void onSubmit())}
      noValidate
      aria-label={base ? `Edit record ${base.recordId}` : 'Write a record'}
    >
      <div className="editor-layout">
        <div>
          <DraftStatusNote status={draft.status} />
          {start.draftProblem && (
            <p className="panel panel--warn" role="status">
              {start.draftProblem}
            </p>
          )}
          {restoredAt && (
            <p className="panel panel--warn" role="status" data-testid="draft-restored">
              Draft restored from <Timestamp date={restoredAt} />.{' '}
              <button type="button" className="button button--small" onClick={clearForm}>
                Discard draft
              </button>
            </p>
          )}
          {prefill && (
            <p className="panel" role="status" data-testid="restore-note">
              Restoring {prefill.label}: review the preview and the changes, then write. The event time is now, so this version becomes the current one.
            </p>
          )}
          {duplicateOf && (
            <p className="panel" role="status" data-testid="duplicate-note">
              A new record from <code>{duplicateOf.recordId}</code>: enter its {schema.recordIdentifierName}; the event time is now.
              {setAside && (
                <>
                  {' '}
                  Your unsent draft from <Timestamp date={setAside.savedAt} /> was set aside.{' '}
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => {
                      form.reset(setAside.values);
                      setSetAside(undefined);
                    }}
                  >
                    Restore the draft instead
                  </button>
                </>
              )}
            </p>
          )}
          <WriteAccessNotice access={access} />
          {schema.status !== 'Created' && (
            <p className="panel panel--warn" role="status">
              This feature group is {schema.status}: records can be written only to a group that is Created.
            </p>
          )}
          <ErrorSummary
            schema={schema}
            form={handles}
            onShowForm={() => {
              // B6: a field hidden by the feature filter is revealed (the filter cleared) before it is focused.
              setView('form');
              setFilter('');
            }}
          />
          <div className="section-head">
            <h2>{base ? `Edit record ${visibleText(base.recordId)}` : 'Record'}</h2>
            <div className="field-row">
              {view === 'form' && schema.features.length > 12 && (
                <>
                  <label htmlFor="feature-filter" className="visually-hidden">
                    Filter features by name
                  </label>
                  <input
                    id="feature-filter"
                    type="search"
                    placeholder="Filter features…"
                    value={filter}
                    onChange={(event) => setFilter(event.target.value)}
                    style={{ width: '14rem' }}
                  />
                </>
              )}
              {view === 'form' && schema.features.length >= VIRTUALIZE_FROM && <JumpToFeature schema={schema} />}
              <div className="segmented" role="group" aria-label="Editor view">
                <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>
                  Form
                </button>
                <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
                  JSON
                </button>
              </div>
            </div>
          </div>
          {!loadDescriptions && (
            <p className="muted">
              Feature descriptions are not loaded for a group this large.{' '}
              <button type="button" className="button button--small" onClick={() => setLoadDescriptions(true)}>
                Load {schema.features.length.toLocaleString('en-US')} descriptions
              </button>
            </p>
          )}
          {view === 'form' ? (
            <div className="panel" data-testid="record-fields">
              <VirtualFeatureList
                schema={schema}
                form={handles}
                isVisible={(spec) => visible(spec.name) || spec.role !== 'feature'}
                renderFeature={(spec, index) => (
                  // A feature the role may not change (or every feature, read-only) is disabled natively.
                  <fieldset
                    className="fieldset--plain"
                    disabled={access.kind === 'none' || (access.kind === 'features' && spec.role === 'feature' && !access.features.includes(spec.name))}
                  >
                    <FeatureField
                      spec={spec}
                      index={index}
                      form={handles}
                      description={descriptions.data?.[spec.name]}
                      storedValue={storedFormValues?.[index]}
                      readOnlyIdentifier={base !== undefined}
                      offlineOnly={schema.onlineStore === undefined}
                    />
                  </fieldset>
                )}
              />
            </div>
          ) : (
            <div className="panel">
              <JsonRecordView key={jsonKey} schema={schema} form={form} onValidity={setJsonValid} />
            </div>
          )}
        </div>
        <aside className="editor-layout__aside" aria-label="Request preview and result">
          {/* The actions sit here, where nothing above them moves when a field shows an error on blur. */}
          <div className="panel actions-panel">
            <div className="actions" style={{ paddingTop: 0 }}>
              <button type="submit" className="button button--primary" disabled={mutation.isPending || !writable || !jsonValid}>
                {mutation.isPending ? 'Saving…' : base ? 'Save changes' : 'Write record'}
              </button>
              <button type="button" className="button" onClick={clearForm} disabled={mutation.isPending}>
                {base ? 'Reset to stored record' : 'Clear form'}
              </button>
              {!jsonValid && <span className="field__error">Fix the JSON first.</span>}
            </div>
            {refusal && (
              <p className="field__error" role="alert" data-testid="role-refusal">
                {refusal}
              </p>
            )}
            <p className="field__hint" data-testid="keyboard-help">
              Keys: Enter moves to the next field (in a list, to the next element, adding one after the last); <kbd>Ctrl</kbd>+<kbd>Enter</kbd> or <kbd>⌘</kbd>+
              <kbd>Enter</kbd> writes the record.
            </p>
          </div>
          {problem && (
            <ProblemPanel problem={problem}>
              {problem.kind === 'conflict' && base && (
                <button type="button" className="button" onClick={() => void reloadAndReapply()}>
                  Reload the latest and reapply my changes
                </button>
              )}
            </ProblemPanel>
          )}
          {mutation.isSuccess && base && mutation.data.landing?.kind === 'offline-only' && (
            <OfflineOnlyOutcome
              schema={schema}
              result={mutation.data}
              storedEventTime={mutation.data.landing.storedEventTime}
              onReapply={() => void reloadAndReapply()}
            />
          )}
          {mutation.isSuccess && !base && <WriteOutcome schema={schema} result={mutation.data} />}
          {mutation.isSuccess && !base && (
            <div className="actions">
              <WriteAnotherButton schema={schema} form={form} onStart={() => mutation.reset()} />
            </div>
          )}
          <div className="panel">
            <h2>Write options</h2>
            <TargetStoresField schema={schema} form={handles} />
            <TtlField schema={schema} form={handles} />
            {/* B14: only where UpdateRecord exists (Standard_V2/InMemory); elsewhere both choices are PutRecord. */}
            {base && supportsUpdateRecord(schema) && access.kind !== 'features' && (
              <fieldset>
                <legend>Save with</legend>
                <label className="check">
                  <input type="radio" name="write-preference" checked={preference === 'auto'} onChange={() => setPreference('auto')} /> The safest operation
                  (UpdateRecord where the group allows it)
                </label>
                <br />
                <label className="check">
                  <input type="radio" name="write-preference" checked={preference === 'PutRecord'} onChange={() => setPreference('PutRecord')} /> PutRecord:
                  overwrite the whole record
                </label>
              </fieldset>
            )}
          </div>
          <GeneratorNote schema={schema} form={handles} session={generator.session} onRegenerate={generator.regenerate} />
          <RequestPreview schema={schema} form={handles} base={base} preference={preference} generatorSession={generator.session} />
          {!base && <TemplatesPanel schema={schema} form={form} onApplied={() => mutation.reset()} />}
        </aside>
      </div>
    </form>
  );
}
