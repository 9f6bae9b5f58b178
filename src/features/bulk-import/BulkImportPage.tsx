import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { getAwsApi } from '../../aws/api';
import { AwsCallError, describeAwsError } from '../../aws/errors';
import { useStorageScope } from '../../aws/storageScope';
import { recordImportHistory } from '../../aws/writes';
import { GENERATOR_HELP, newSeed } from '../../domain/generators';
import {
  automaticMapping,
  cellText,
  mappingProblems,
  type FeatureSource,
  type ImportMapping,
  type ImportSettings,
  type ListFormat,
} from '../../domain/importMapping';
import type { CallFailure } from '../../domain/importRun';
import { describeFeatureKind, type FeatureGroupSchema, type TargetStore } from '../../domain/schema';
import { templateRecord } from '../../domain/templates';
import { TTL_UNITS, type TtlUnit } from '../../domain/ttl';
import { discardImportProgress, importKey, listTemplates, loadImportProgress, saveImportProgress, type ImportProgress } from '../../storage';
import { WithGroupSchema } from '../../shared/WithGroupSchema';
import { GroupHeader } from '../../ui/GroupHeader';
import { useWriteAccess } from '../../aws/writeAccess';
import { WriteAccessNotice } from '../../shared/WriteAccessNotice';
import { downloadBlob } from '../../shared/downloadBlob';
import { failedRowsCsv } from './failedRowsCsv';
import { csvFileName } from '../../domain/csvCell';
import { Timestamp } from '../../shared/Timestamp';
import {
  WriteControl,
  dryRun,
  generatedMapping,
  generatedSource,
  writeRows,
  type ChunkSource,
  type DryRunResult,
  type ImportSourceSpec,
  type WriteState,
} from './importSession';
import { previewFile, readFile } from './sourceReader';
import { formatFromName, type SourceFormat, type SourcePreview } from './sourceRows';

const PREVIEW_ROWS = 5;
const DEFAULT_IN_FLIGHT = 4;
const FAILED_ROWS_SHOWN = 100;

/** "1 row", "2,500 rows". */
function rowCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'row' : 'rows'}`;
}

/** Bulk import: a file (CSV, TSV, JSON Lines, Parquet) or generated records, written with BatchWriteRecord. */
export function BulkImportPage({ groupName }: { groupName: string }) {
  return (
    <WithGroupSchema groupName={groupName}>
      {(schema) => (
        <>
          <GroupHeader schema={schema} active="import" />
          <ImportAccessNotice schema={schema} />
          <BulkImport key={schema.name} schema={schema} />
        </>
      )}
    </WithGroupSchema>
  );
}

/** An import writes new records (BatchWriteRecord): say up front when the role may not. */
function ImportAccessNotice({ schema }: { schema: FeatureGroupSchema }) {
  return <WriteAccessNotice access={useWriteAccess(schema, false)} />;
}

type Stage =
  | { step: 'choose' }
  | { step: 'map'; source: ImportSourceSpec; preview: SourcePreview; saved?: ImportProgress | undefined; resume?: ImportProgress | undefined }
  | { step: 'write'; source: ImportSourceSpec; settings: ImportSettings; dry: DryRunResult; resume?: ImportProgress | undefined; maxInFlight: number };

function classify(error: unknown): CallFailure {
  const name = error instanceof AwsCallError ? (error.awsName ?? error.name) : error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof AwsCallError ? error.kind : 'service';
  if (kind === 'throttled') return { kind: 'throttled', errorCode: name, message };
  if (kind === 'network' || kind === 'service') return { kind: 'transient', errorCode: name, message };
  return { kind: 'final', errorCode: name, message };
}

function BulkImport({ schema }: { schema: FeatureGroupSchema }) {
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [problem, setProblem] = useState<string>();
  const scope = useStorageScope();

  const chooseFile = async (file: File, format: SourceFormat) => {
    setProblem(undefined);
    try {
      const preview = await previewFile(file, format, PREVIEW_ROWS);
      if (preview.columns.length === 0) throw new Error('The file has no header row or no columns.');
      const loaded = await loadImportProgress(scope, importKey(schema.name, file));
      const saved = loaded.ok && loaded.value && !loaded.value.finished ? loaded.value : undefined;
      setStage({ step: 'map', source: { kind: 'file', file, format, columns: preview.columns }, preview, saved });
    } catch (error) {
      setProblem(`${file.name} could not be read: ${(error as Error).message}`);
    }
  };

  return (
    <section className="panel" aria-labelledby="import-title">
      <h2 id="import-title">Import records</h2>
      {stage.step === 'choose' && (
        <>
          <p className="muted">
            Write many records with BatchWriteRecord (25 per call). Every row is checked with the same rules as the form before anything is sent.
          </p>
          <FileChooser onChoose={chooseFile} />
          <GenerateChooser
            schema={schema}
            onChoose={(name, count, record) => {
              const columns = schema.features.map((spec) => spec.name);
              setStage({
                step: 'map',
                source: { kind: 'generate', name, count, record },
                preview: { columns, rows: [], rowCount: count },
              });
            }}
          />
          {problem && (
            <p className="field__error" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
      {stage.step === 'map' && (
        <MappingStep
          schema={schema}
          source={stage.source}
          preview={stage.preview}
          saved={stage.saved}
          onBack={() => setStage({ step: 'choose' })}
          onDiscardSaved={() => {
            if (stage.source.kind === 'file') void discardImportProgress(scope, importKey(schema.name, stage.source.file));
            setStage({ ...stage, saved: undefined });
          }}
          onWrite={(settings, dry, resume, maxInFlight) => setStage({ step: 'write', source: stage.source, settings, dry, resume, maxInFlight })}
        />
      )}
      {stage.step === 'write' && (
        <WriteStep
          schema={schema}
          source={stage.source}
          settings={stage.settings}
          dry={stage.dry}
          resume={stage.resume}
          maxInFlight={stage.maxInFlight}
          onDone={() => setStage({ step: 'choose' })}
        />
      )}
    </section>
  );
}

function FileChooser({ onChoose }: { onChoose: (file: File, format: SourceFormat) => void }) {
  const fileId = useId();
  const formatId = useId();
  const [format, setFormat] = useState<SourceFormat | 'auto'>('auto');
  return (
    <div className="field-row field-row--wrap">
      <div className="field">
        <div className="field__head">
          <label className="field__label" htmlFor={fileId}>
            File to import (CSV, TSV, JSON Lines or Parquet)
          </label>
        </div>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.tab,.txt,.jsonl,.ndjson,.parquet"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Cleared, so choosing the same file again (to resume) fires a change.
            event.target.value = '';
            if (file) onChoose(file, format === 'auto' ? formatFromName(file.name) : format);
          }}
        />
      </div>
      <div className="field">
        <div className="field__head">
          <label className="field__label" htmlFor={formatId}>
            Format
          </label>
        </div>
        <select id={formatId} value={format} onChange={(event) => setFormat(event.target.value as SourceFormat | 'auto')}>
          <option value="auto">By file name</option>
          <option value="csv">CSV (comma)</option>
          <option value="tsv">TSV (tab)</option>
          <option value="jsonl">JSON Lines</option>
          <option value="parquet">Parquet</option>
        </select>
      </div>
    </div>
  );
}

function GenerateChooser({
  schema,
  onChoose,
}: {
  schema: FeatureGroupSchema;
  onChoose: (name: string, count: number, record: ReturnType<typeof templateRecord>) => void;
}) {
  const scope = useStorageScope();
  const templates = useQuery({
    // Its own key: the write page caches this group's templates in another shape.
    queryKey: ['bulk-import', 'templates', scope.environment, scope.user, schema.name],
    queryFn: async () => {
      const result = await listTemplates(scope, schema.name);
      return result.ok ? result.value.templates : [];
    },
  });
  const ids = { template: useId(), count: useId() };
  const [chosen, setChosen] = useState('');
  const [count, setCount] = useState('100');
  const list = templates.data ?? [];
  const template = list.find((candidate) => candidate.name === chosen) ?? list[0];
  const countValue = Number(count);
  const countOk = /^\d{1,7}$/.test(count) && countValue >= 1 && countValue <= 1_000_000;
  return (
    <fieldset className="panel">
      <legend>Generate N test records</legend>
      {list.length === 0 ? (
        <p className="muted">
          Save a template on the write page (values may use generators such as {'{{uuid}}'} and {'{{seq}}'}) to generate records from it.
        </p>
      ) : (
        <div className="field-row field-row--wrap">
          <div className="field">
            <div className="field__head">
              <label className="field__label" htmlFor={ids.template}>
                Template
              </label>
            </div>
            <select id={ids.template} value={template?.name ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {list.map((candidate) => (
                <option key={candidate.name} value={candidate.name}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <div className="field__head">
              <label className="field__label" htmlFor={ids.count}>
                Number of records
              </label>
            </div>
            <input id={ids.count} inputMode="numeric" value={count} onChange={(event) => setCount(event.target.value)} aria-invalid={!countOk} />
            {!countOk && <p className="field__error">Enter a whole number from 1 to 1,000,000.</p>}
          </div>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={!template || !countOk}
              onClick={() => template && onChoose(`template ${template.name}`, countValue, templateRecord(schema, template))}
            >
              Generate
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

function sourceLabel(source: ImportSourceSpec): string {
  return source.kind === 'file' ? source.file.name : `${source.count.toLocaleString('en-US')} records from ${source.name}`;
}

function openSourceFor(schema: FeatureGroupSchema, source: ImportSourceSpec, settings: ImportSettings): () => ChunkSource {
  return source.kind === 'file' ? () => readFile(source.file, source.format, source.columns) : () => generatedSource(schema, source, settings);
}

function MappingStep({
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
  const [listFormat, setListFormat] = useState<ListFormat>(() => saved?.settings.listFormat ?? { kind: 'json' });
  const [stores, setStores] = useState({ online: schema.onlineStore !== undefined, offline: schema.offlineStore });
  const [ttl, setTtl] = useState<{ on: boolean; value: string; unit: TtlUnit }>({ on: false, value: '1', unit: 'Days' });
  const [inFlight, setInFlight] = useState(String(DEFAULT_IN_FLIGHT));
  const [dry, setDry] = useState<{ running: boolean; done: number; total: number; result?: DryRunResult; settings?: ImportSettings; error?: string }>();
  const [resume, setResume] = useState<ImportProgress | undefined>();
  const [seed] = useState(() => saved?.settings.seed ?? newSeed());
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);
  const ids = { listFormat: useId(), separator: useId(), ttl: useId(), ttlUnit: useId(), inFlight: useId() };
  const columns = preview.columns;

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
  const storesOk = (stores.online && schema.onlineStore !== undefined) || (stores.offline && schema.offlineStore);
  const ttlOk = !ttl.on || (/^\d{1,9}$/.test(ttl.value) && Number(ttl.value) >= 1);
  const inFlightOk = /^\d{1,2}$/.test(inFlight) && Number(inFlight) >= 1 && Number(inFlight) <= 16;
  const ready = problems.length === 0 && storesOk && ttlOk && inFlightOk;

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
      setListFormat(withResume.settings.listFormat);
    }
    setDry({ running: true, done: 0, total: 0 });
    try {
      const result = await dryRun(
        { schema, settings: fixed, openSource: openSourceFor(schema, source, fixed), resumeFrom: withResume },
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
        <div className="panel panel--warn" role="status" data-testid="import-resume-offer">
          <h3>This file's import stopped before it finished</h3>
          <p>
            <RowRangesText ranges={saved.written} /> were written on <Timestamp date={saved.updatedAt} />
            {saved.inFlight.length > 0 && '; some rows were being sent when the page closed and will be sent again'}. Resume uses the first run's mapping and
            options and skips the rows AWS acknowledged as written.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button--primary"
              onClick={async () => {
                const checked = await runDry(saved);
                if (checked) onWrite(checked.fixed, checked.result, saved, inFlightOk ? Number(inFlight) : DEFAULT_IN_FLIGHT);
              }}
            >
              Resume the import
            </button>
            <button type="button" className="button" onClick={onDiscardSaved}>
              Start over
            </button>
          </div>
        </div>
      )}
      {!generated && (
        <>
          <h3>Columns to features</h3>
          <table className="table" data-testid="mapping-table">
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">Type</th>
                <th scope="col">Source</th>
                <th scope="col">First row</th>
              </tr>
            </thead>
            <tbody>
              {schema.features.map((spec, index) => (
                <MappingRow
                  key={spec.name}
                  spec={spec}
                  source={mapping[index] ?? { kind: 'none' }}
                  columns={columns}
                  firstRow={preview.rows[0]?.cells}
                  onChange={(next) => change(index, next)}
                />
              ))}
            </tbody>
          </table>
          {problems.length > 0 && (
            <ul className="field__error" data-testid="mapping-problems">
              {problems.map((item) => (
                <li key={item.feature}>
                  {item.feature}: {item.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
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
                setDry(undefined);
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
                    setDry(undefined);
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

function RowRangesText({ ranges }: { ranges: [number, number][] }) {
  const count = ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  return (
    <span>
      {count.toLocaleString('en-US')} rows ({ranges.map(([first, last]) => (first === last ? String(first) : `${first}-${last}`)).join(', ') || 'none'})
    </span>
  );
}

function MappingRow({
  spec,
  source,
  columns,
  firstRow,
  onChange,
}: {
  spec: FeatureGroupSchema['features'][number];
  source: FeatureSource;
  columns: string[];
  firstRow: readonly (string | string[] | null | { invalid: string })[] | undefined;
  onChange: (next: FeatureSource) => void;
}) {
  const selectId = useId();
  const valueId = useId();
  const selected = source.kind === 'column' ? `column:${source.column}` : source.kind;
  const sample = source.kind === 'column' ? firstRow?.[source.column] : undefined;
  return (
    <tr>
      <th scope="row">
        <label htmlFor={selectId}>{spec.name}</label>
        {spec.role !== 'feature' && <span className="badge badge--required">{spec.role === 'identifier' ? 'identifier' : 'event time'}</span>}
      </th>
      <td>{describeFeatureKind(spec)}</td>
      <td>
        <select
          id={selectId}
          value={selected}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'none') onChange({ kind: 'none' });
            else if (value === 'value') onChange({ kind: 'value', text: spec.role === 'eventTime' ? '{{now}}' : '' });
            else onChange({ kind: 'column', column: Number(value.slice('column:'.length)) });
          }}
        >
          <option value="none">Not imported</option>
          <option value="value">A fixed value or generator</option>
          {columns.map((column, index) => (
            <option key={`${index}-${column}`} value={`column:${index}`}>
              Column “{column}”
            </option>
          ))}
        </select>
        {source.kind === 'value' && (
          <>
            <label className="visually-hidden" htmlFor={valueId}>
              Value for {spec.name}
            </label>
            <input
              id={valueId}
              value={source.text}
              placeholder="{{uuid}}"
              title={GENERATOR_HELP}
              onChange={(event) => onChange({ kind: 'value', text: event.target.value })}
            />
          </>
        )}
      </td>
      <td className="value">
        {sample === undefined || sample === null ? '' : typeof sample === 'object' && !Array.isArray(sample) ? sample.invalid : cellText(sample)}
      </td>
    </tr>
  );
}

function DryRunSummary({ result, onWrite, canWrite, maxInFlight }: { result: DryRunResult; onWrite: () => void; canWrite: boolean; maxInFlight: number }) {
  return (
    <div className={`panel ${result.invalid > 0 ? 'panel--warn' : 'panel--ok'}`} data-testid="dry-run">
      <h3>Dry run: nothing was sent</h3>
      <p data-testid="dry-run-counts">
        {rowCount(result.rows)} read: {result.valid.toLocaleString('en-US')} valid, {result.invalid.toLocaleString('en-US')} invalid
        {result.alreadyWritten > 0 && `, ${result.alreadyWritten.toLocaleString('en-US')} already written`}.
      </p>
      {result.firstProblems.length > 0 && (
        <>
          <h4>First problems</h4>
          <table className="table" data-testid="dry-run-problems">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.firstProblems.map((item) => (
                <tr key={item.row}>
                  <td>{item.row}</td>
                  <td>{item.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={!canWrite || result.valid === 0} onClick={onWrite}>
          Write {result.valid.toLocaleString('en-US')} valid {result.valid === 1 ? 'row' : 'rows'}
        </button>
        <span className="muted">
          {result.invalid > 0 ? 'Invalid rows are not sent; they are listed with the failed rows. ' : ''}Up to {maxInFlight} calls in flight.
        </span>
      </div>
    </div>
  );
}

function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.ceil(seconds - minutes * 60)} s`;
}

function WriteStep({
  schema,
  source,
  settings,
  dry,
  resume,
  maxInFlight,
  onDone,
}: {
  schema: FeatureGroupSchema;
  source: ImportSourceSpec;
  settings: ImportSettings;
  dry: DryRunResult;
  resume: ImportProgress | undefined;
  maxInFlight: number;
  onDone: () => void;
}) {
  const config = useRuntimeConfig();
  const scope = useStorageScope();
  const control = useRef(new WriteControl());
  const [state, setState] = useState<WriteState>();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  const columns = source.kind === 'file' ? source.columns : schema.features.map((spec) => spec.name);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const key = source.kind === 'file' ? importKey(schema.name, source.file) : undefined;
    const run = async () => {
      const api = await getAwsApi(config);
      const final = await writeRows(
        {
          schema,
          settings,
          source,
          openSource: openSourceFor(schema, source, settings),
          send: (input) => api.batchWriteRecord(input),
          classify,
          maxInFlight,
          ...(key
            ? {
                saveProgress: async (progress: ImportProgress) => {
                  const saved = await saveImportProgress(scope, key, progress);
                  return saved.ok ? undefined : `progress not saved: ${saved.message}`;
                },
              }
            : {}),
          resumeFrom: resume,
          now: () => performance.timeOrigin + performance.now(),
        },
        control.current,
        { rows: dry.rows, valid: dry.valid },
        setState,
      );
      const historyWarning = await recordImportHistory(config, {
        featureGroup: schema.name,
        targetStores: settings.targetStores ?? ['all stores'],
        request: {
          source: sourceLabel(source),
          mapping: settings.mapping,
          listFormat: settings.listFormat,
          TtlDuration: settings.ttl,
          TargetStores: settings.targetStores,
        },
        bulkImport: {
          source: sourceLabel(source),
          rows: dry.rows,
          written: final.written,
          failed: final.failed - final.invalid,
          invalid: final.invalid,
          notWritten: final.notWritten,
          cancelled: final.cancelled,
          writtenRows: final.writtenRows.toString(),
          failures: final.failedRows.slice(0, 100).map((row) => ({ row: row.row, errorCode: row.errorCode, message: row.message })),
        },
      });
      setState({ ...final, ...(historyWarning ? { historyWarning } : {}) });
    };
    run().catch((caught: unknown) => {
      const problem = describeAwsError(caught);
      setError(`${problem.title}: ${problem.detail}`);
    });
  }, [config, dry, resume, schema, scope, settings, source, maxInFlight]);

  // Leaving the page stops sending; what AWS acknowledged is saved, the rest can be resumed.
  useEffect(() => {
    const stop = control.current;
    return () => stop.cancel();
  }, []);

  if (error) {
    return (
      <p className="field__error" role="alert">
        The import stopped: {error}
      </p>
    );
  }
  if (!state) return <p role="status">Starting…</p>;
  const processed = state.written + state.failed;
  const done = state.phase === 'done';
  return (
    <div data-testid="import-progress">
      <h3>{done ? (state.cancelled ? 'Import cancelled' : 'Import finished') : state.phase === 'paused' ? 'Paused' : 'Writing…'}</h3>
      <progress max={Math.max(1, state.total)} value={Math.min(processed, state.total)} aria-label="Import progress" style={{ width: '100%' }} />
      <dl className="facts" data-testid="import-counts">
        <div>
          <dt>Rows written</dt>
          <dd data-testid="rows-written">{state.written.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Rows failed</dt>
          <dd data-testid="rows-failed">{state.failed.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Of</dt>
          <dd>{state.total.toLocaleString('en-US')} rows</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{Math.round(state.rowsPerSecond).toLocaleString('en-US')} rows/s</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{done ? '—' : formatSeconds(state.secondsLeft)}</dd>
        </div>
        <div>
          <dt>Retries</dt>
          <dd data-testid="import-retries">
            {state.retries.toLocaleString('en-US')} ({state.throttled.toLocaleString('en-US')} throttled; calls in flight now at most {state.callLimit})
          </dd>
        </div>
      </dl>
      {!done && (
        <div className="actions">
          {state.phase === 'paused' ? (
            <button type="button" className="button button--primary" onClick={() => control.current.resume()}>
              Resume
            </button>
          ) : (
            <button type="button" className="button" onClick={() => control.current.pause()} disabled={state.phase === 'cancelling'}>
              Pause
            </button>
          )}
          <button type="button" className="button button--danger" onClick={() => control.current.cancel()} disabled={state.phase === 'cancelling'}>
            Cancel
          </button>
        </div>
      )}
      {state.storageWarning && (
        <p className="field__warning">Progress could not be saved in this browser ({state.storageWarning}): a resume may send rows again.</p>
      )}
      {done && <ImportSummary state={state} columns={columns} sourceName={sourceLabel(source)} onDone={onDone} />}
    </div>
  );
}

function ImportSummary({ state, columns, sourceName, onDone }: { state: WriteState; columns: string[]; sourceName: string; onDone: () => void }) {
  return (
    <div data-testid="import-summary">
      <p className={state.failed > 0 || state.cancelled ? 'field__warning' : undefined}>
        <strong>{state.written.toLocaleString('en-US')}</strong> {state.written === 1 ? 'row' : 'rows'} written ({state.written === 1 ? 'row' : 'rows'}{' '}
        {state.writtenRows.toString()}). {state.failed > 0 && `${rowCount(state.failed)} failed. `}
        {state.notWritten > 0 && `${rowCount(state.notWritten)} not sent. `}
        {state.resentInDoubt > 0 &&
          `${rowCount(state.resentInDoubt)} were being sent when the page closed and their answer never arrived: they were sent again, so the offline store may hold them twice. `}
      </p>
      {state.historyWarning && <p className="field__warning">The import is {state.historyWarning}.</p>}
      {state.failedRows.length > 0 && (
        <>
          <h4>Failed rows</h4>
          <div className="actions">
            {(['exact', 'excel-safe'] as const).map((style) => (
              <button
                key={style}
                type="button"
                className="button"
                onClick={() =>
                  downloadBlob(
                    new Blob([failedRowsCsv(columns, state.failedRows, style)], { type: 'text/csv;charset=utf-8' }),
                    csvFileName(`${sourceName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}-failed-rows.csv`, style),
                  )
                }
                title={style === 'excel-safe' ? "Cells starting with =, +, -, @, tab or CR get a leading ' so a spreadsheet does not run them" : undefined}
              >
                {style === 'exact' ? 'Download failed rows (CSV)' : 'Download failed rows (CSV, Excel-safe)'}
              </button>
            ))}
            {state.failedRows.length < state.failed && (
              <span className="muted">The first {state.failedRows.length.toLocaleString('en-US')} failed rows are kept for the download.</span>
            )}
          </div>
          <table className="table" data-testid="failed-rows">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Error</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {state.failedRows.slice(0, FAILED_ROWS_SHOWN).map((row) => (
                <tr key={row.row}>
                  <td>{row.row}</td>
                  <td>
                    <code>{row.errorCode}</code>
                  </td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Import another file
        </button>
      </div>
    </div>
  );
}
