import { useEffect, useMemo, useRef, useState } from 'react';
import { newSeed } from '../../domain/generators';
import { automaticMapping, mappingProblems, type FeatureSource, type ImportMapping, type ImportSettings } from '../../domain/importMapping';
import type { TargetStore, FeatureGroupSchema } from '../../domain/schema';
import type { ImportProgress } from '../../storage';
import { DryRunSummary } from './DryRunSummary';
import { checkImportOptions, DEFAULT_IN_FLIGHT, ImportOptions, initialImportOptions, type ImportOptionValues } from './ImportOptions';
import { dryRun, generatedMapping, type DryRunResult, type ImportSourceSpec } from './importSession';
import { sourceLabel } from './importText';
import { MappingTable } from './MappingTable';
import { openImportSource } from './openImportSource';
import { ResumeOffer } from './ResumeOffer';
import type { SourcePreview } from './sourceRows';

/** Mapping, options and the dry run; a saved import of the same file is offered for resume. */
export function MappingStep({
  schema,
  source,
  preview,
  saved,
  onBack,
  onDiscardSaved,
  onWrite,
}: {
  schema: FeatureGroupSchema;
  source: ImportSourceSpec;
  preview: SourcePreview;
  saved: ImportProgress | undefined;
  onBack: () => void;
  onDiscardSaved: () => void;
  onWrite: (settings: ImportSettings, dry: DryRunResult, resume: ImportProgress | undefined, maxInFlight: number) => void;
}) {
  const generated = source.kind === 'generate';
  const [mapping, setMapping] = useState<ImportMapping>(() =>
    saved ? saved.settings.mapping : generated ? generatedMapping(schema) : automaticMapping(schema, preview.columns),
  );
  const [options, setOptions] = useState<ImportOptionValues>(() => initialImportOptions(schema, saved?.settings.listFormat));
  const [dry, setDry] = useState<{ running: boolean; done: number; total: number; result?: DryRunResult; settings?: ImportSettings; error?: string }>();
  const [resume, setResume] = useState<ImportProgress | undefined>();
  const [seed] = useState(() => saved?.settings.seed ?? newSeed());
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const columns = preview.columns;
  const { listFormat, stores, ttl, inFlight } = options;

  const settings = useMemo((): ImportSettings => {
    const targetStores: TargetStore[] = [];
    if (stores.online && schema.onlineStore) targetStores.push('OnlineStore');
    if (stores.offline && schema.offlineStore) targetStores.push('OfflineStore');
    const all = Number(schema.onlineStore !== undefined) + Number(schema.offlineStore);
    return {
      mapping,
      columns,
      listFormat,
      format: source.kind === 'file' ? source.format : 'csv',
      ...(targetStores.length !== all ? { targetStores } : {}),
      ...(ttl.on && schema.onlineStore && stores.online ? { ttl: { Unit: ttl.unit, Value: Number(ttl.value) } } : {}),
      seed,
      now: resume?.settings.now ?? new Date().toISOString(),
    };
    // `now` is fixed when the dry run starts (see runDry), not on every render.
  }, [mapping, columns, listFormat, stores, ttl, schema, source, resume, seed]);

  const problems = mappingProblems(schema, mapping, columns);
  const optionsCheck = checkImportOptions(schema, options);
  const ready = problems.length === 0 && optionsCheck.ok;

  const change = (index: number, next: FeatureSource) => {
    setMapping((current) => current.map((value, position) => (position === index ? next : value)));
    setDry(undefined);
  };

  const runDry = async (withResume: ImportProgress | undefined) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setResume(withResume);
    const fixed = withResume ? withResume.settings : { ...settings, now: new Date().toISOString() };
    if (withResume) {
      setMapping(withResume.settings.mapping);
      setOptions((current) => ({ ...current, listFormat: withResume.settings.listFormat }));
    }
    setDry({ running: true, done: 0, total: 0 });
    try {
      const result = await dryRun(
        { schema, settings: fixed, openSource: openImportSource(schema, source, fixed), resumeFrom: withResume },
        (done, total) => setDry({ running: true, done, total }),
        controller.signal,
      );
      if (!controller.signal.aborted) setDry({ running: false, done: 1, total: 1, result, settings: fixed });
      return { result, fixed };
    } catch (error) {
      setDry({ running: false, done: 0, total: 0, error: (error as Error).message });
      return undefined;
    }
  };

  return (
    <div data-testid="import-mapping">
      <p>
        Source: <strong>{sourceLabel(source)}</strong>
        {preview.rowCount !== undefined && ` (${preview.rowCount.toLocaleString('en-US')} rows)`}{' '}
        <button type="button" className="button button--small" onClick={onBack}>
          Choose another source
        </button>
      </p>
      {saved && (
        <ResumeOffer
          saved={saved}
          onResume={async () => {
            const checked = await runDry(saved);
            if (checked) onWrite(checked.fixed, checked.result, saved, optionsCheck.inFlightOk ? Number(inFlight) : DEFAULT_IN_FLIGHT);
          }}
          onDiscard={onDiscardSaved}
        />
      )}
      {!generated && <MappingTable schema={schema} mapping={mapping} preview={preview} problems={problems} onChange={change} />}
      <ImportOptions
        schema={schema}
        generated={generated}
        options={options}
        onChange={(next) => {
          setOptions(next);
          if (next.listFormat !== options.listFormat) setDry(undefined);
        }}
      />
      <div className="actions">
        <button type="button" className="button" disabled={!ready || dry?.running} onClick={() => void runDry(undefined)}>
          Check every row (dry run)
        </button>
      </div>
      {dry?.running && (
        <p role="status">
          Checking rows… <progress max={dry.total || 1} value={dry.done} aria-label="Dry run progress" />
        </p>
      )}
      {dry?.error && (
        <p className="field__error" role="alert">
          The source could not be read: {dry.error}
        </p>
      )}
      {dry?.result && !resume && (
        <DryRunSummary
          result={dry.result}
          onWrite={() => onWrite(dry.settings ?? settings, dry.result as DryRunResult, undefined, Number(inFlight))}
          canWrite={ready}
          maxInFlight={Number(inFlight)}
        />
      )}
    </div>
  );
}
