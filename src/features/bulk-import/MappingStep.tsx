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
import { DecimalCommaChoices, decimalCommaCandidates } from './DecimalCommaChoices';
import { GeneratedPreview } from './GeneratedPreview';
import { LateKeysNotice, droppedFeatures } from './LateKeysNotice';
import { RecordSample } from './RecordSample';
import { SourceReading } from './SourceReading';
import type { ReadOptions, SourcePreview } from './sourceRows';

type MappingStepProps = {
  schema: FeatureGroupSchema;
  source: ImportSourceSpec;
  preview: SourcePreview;
  saved: ImportProgress | undefined;
  onBack: () => void;
  onDiscardSaved: () => void;
  onWrite: (settings: ImportSettings, dry: DryRunResult, resume: ImportProgress | undefined, maxInFlight: number) => void;
};

/** How the file is read (changeable: the mapping starts again from the new columns), then the mapping. */
export function MappingStep(props: MappingStepProps) {
  const { source } = props;
  const [read, setRead] = useState<{ preview: SourcePreview; options: ReadOptions; version: number }>(() => ({
    preview: props.preview,
    options: source.kind === 'file' ? (source.options ?? {}) : {},
    version: 0,
  }));
  return (
    <>
      <p>
        Source: <strong>{sourceLabel(source)}</strong>
        {read.preview.rowCount !== undefined && ` (${read.preview.rowCount.toLocaleString('en-US')} rows)`}{' '}
        <button type="button" className="button button--small" onClick={props.onBack}>
          Choose another source
        </button>
      </p>
      {source.kind === 'file' && (
        <SourceReading
          file={source.file}
          format={source.format}
          preview={read.preview}
          onReread={(preview, options) => setRead((current) => ({ preview, options, version: current.version + 1 }))}
        />
      )}
      <MappingForm key={read.version} {...props} preview={read.preview} readOptions={read.options} fresh={read.version > 0} />
    </>
  );
}

/** Mapping, options and the dry run; a saved import of the same file is offered for resume. */
function MappingForm({
  schema,
  source,
  preview,
  saved: savedOffer,
  onDiscardSaved,
  onWrite,
  readOptions,
  fresh,
}: MappingStepProps & { readOptions: ReadOptions; fresh: boolean }) {
  const generated = source.kind === 'generate';
  // Read another way, the file's columns are new: a saved import's mapping no longer fits them.
  const saved = fresh ? undefined : savedOffer;
  const [columns, setColumns] = useState(preview.columns);
  const [mapping, setMapping] = useState<ImportMapping>(() =>
    saved ? saved.settings.mapping : generated ? generatedMapping(schema) : automaticMapping(schema, preview.columns),
  );
  const [decimalCommaColumns, setDecimalCommaColumns] = useState<number[]>(() => saved?.settings.decimalCommaColumns ?? []);
  const [options, setOptions] = useState<ImportOptionValues>(() => initialImportOptions(schema, saved?.settings.listFormat));
  const [dry, setDry] = useState<{
    running: boolean;
    done: number;
    total: number;
    rows: number;
    result?: DryRunResult;
    settings?: ImportSettings;
    error?: string;
    cancelled?: boolean;
  }>();
  const [resume, setResume] = useState<ImportProgress | undefined>();
  const [seed] = useState(() => saved?.settings.seed ?? newSeed());
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const { listFormat, stores, ttl, inFlight } = options;

  // Only columns still offered a conversion are converted (a remapped column's choice lapses).
  const offered = useMemo(() => new Set(decimalCommaCandidates(schema, mapping, preview).map((candidate) => candidate.column)), [schema, mapping, preview]);
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
      ...(source.kind === 'file' ? { read: readSettings(preview, readOptions) } : {}),
      ...(decimalCommaColumns.length > 0 ? { decimalCommaColumns: decimalCommaColumns.filter((column) => offered.has(column)) } : {}),
      ...(targetStores.length !== all ? { targetStores } : {}),
      ...(ttl.mode === 'custom' && schema.onlineStore && stores.online ? { ttl: { Unit: ttl.unit, Value: Number(ttl.value) } } : {}),
      seed,
      now: resume?.settings.now ?? new Date().toISOString(),
    };
    // `now` is fixed when the dry run starts (see runDry), not on every render.
  }, [mapping, columns, listFormat, stores, ttl, schema, source, resume, seed, preview, readOptions, decimalCommaColumns, offered]);

  const problems = mappingProblems(schema, mapping, columns);
  const optionsCheck = checkImportOptions(schema, options);
  const ready = problems.length === 0 && optionsCheck.ok;
  const lateKeys = dry?.result?.lateKeys ?? [];
  const dropped = droppedFeatures(schema, mapping, columns, lateKeys);

  const addLateKeys = () => {
    const all = [...columns, ...lateKeys.map((item) => item.key)];
    const automatic = automaticMapping(schema, all);
    setColumns(all);
    setMapping((current) =>
      current.map((value, index) => (value.kind === 'none' && automatic[index]?.kind === 'column' ? (automatic[index] as FeatureSource) : value)),
    );
    setDry(undefined);
  };

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
    setDry({ running: true, done: 0, total: 0, rows: 0 });
    try {
      const result = await dryRun(
        { schema, settings: fixed, openSource: openImportSource(schema, source, fixed), resumeFrom: withResume },
        (done, total, rows) => {
          if (!controller.signal.aborted) setDry({ running: true, done, total, rows });
        },
        controller.signal,
      );
      // A cancelled dry run checked only part of the file: it never leads to a write.
      if (controller.signal.aborted) return undefined;
      setDry({ running: false, done: 1, total: 1, rows: result.rows, result, settings: fixed });
      return { result, fixed };
    } catch (error) {
      if (!controller.signal.aborted) setDry({ running: false, done: 0, total: 0, rows: 0, error: (error as Error).message });
      return undefined;
    }
  };

  const cancelDry = () => {
    abort.current?.abort();
    setResume(undefined);
    setDry((current) => ({ running: false, done: 0, total: 0, rows: current?.rows ?? 0, cancelled: true }));
  };

  return (
    <div data-testid="import-mapping">
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
      {!generated && <MappingTable schema={schema} mapping={mapping} preview={{ ...preview, columns }} problems={problems} onChange={change} />}
      {!generated && (
        <DecimalCommaChoices
          schema={schema}
          mapping={mapping}
          preview={preview}
          chosen={decimalCommaColumns}
          onChange={(next) => {
            setDecimalCommaColumns(next);
            setDry(undefined);
          }}
        />
      )}
      {source.kind === 'generate' && <GeneratedPreview schema={schema} record={source.record} settings={settings} />}
      <ImportOptions
        schema={schema}
        generated={generated}
        options={options}
        onChange={(next) => {
          setOptions(next);
          // The write sends the settings the dry run checked: a change of how rows read, of the stores or of the TTL needs a new dry run.
          if (next.listFormat !== options.listFormat || JSON.stringify([next.stores, next.ttl]) !== JSON.stringify([options.stores, options.ttl]))
            setDry(undefined);
        }}
      />
      <div className="actions">
        <button type="button" className="button" disabled={!ready || dry?.running} onClick={() => void runDry(undefined)}>
          Check every row (dry run)
        </button>
      </div>
      {dry?.running && (
        <div className="actions" role="status" data-testid="dry-run-progress">
          <span>
            Checking rows… {dry.rows.toLocaleString('en-US')} checked
            {dry.total > 0 && ` (${Math.floor((dry.done / dry.total) * 100)}%)`}
          </span>
          <progress max={dry.total || 1} value={dry.done} aria-label="Dry run progress" />
          <button type="button" className="button" onClick={cancelDry}>
            Cancel the dry run
          </button>
        </div>
      )}
      {dry?.cancelled && (
        <p className="muted" role="status">
          Dry run cancelled after {dry.rows.toLocaleString('en-US')} rows: nothing was sent.
        </p>
      )}
      {dry?.error && (
        <p className="field__error" role="alert">
          The source could not be read: {dry.error}
        </p>
      )}
      {dry?.result && !resume && <LateKeysNotice schema={schema} mapping={mapping} columns={columns} lateKeys={lateKeys} onAdd={addLateKeys} />}
      {dry?.result && !resume && (
        <DryRunSummary
          source={source}
          result={dry.result}
          onWrite={() => onWrite(dry.settings ?? settings, dry.result as DryRunResult, undefined, Number(inFlight))}
          canWrite={ready && dropped.length === 0}
          maxInFlight={Number(inFlight)}
        >
          <RecordSample records={dry.result.sample} title="What will be sent (the first valid records)" />
        </DryRunSummary>
      )}
    </div>
  );
}

/** The read options saved with the import (a resume reads the file the same way). */
function readSettings(preview: SourcePreview, options: ReadOptions): NonNullable<ImportSettings['read']> {
  const read: NonNullable<ImportSettings['read']> = {};
  const delimiter = options.delimiter ?? preview.delimiter;
  const encoding = options.encoding ?? preview.encoding;
  const sheet = options.sheet ?? preview.sheet;
  const headerRow = options.headerRow ?? preview.headerRow;
  if (delimiter !== undefined) read.delimiter = delimiter;
  if (encoding !== undefined) read.encoding = encoding;
  if (sheet !== undefined) read.sheet = sheet;
  if (headerRow !== undefined) read.headerRow = headerRow;
  return read;
}
