import { useEffect, useRef, useState } from 'react';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { getAwsApi } from '../../aws/api';
import { describeAwsError } from '../../aws/errors';
import { useStorageScope } from '../../aws/storageScope';
import { recordImportHistory } from '../../aws/writes';
import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { importKey, saveImportProgress, type ImportProgress } from '../../storage';
import { classifyCallFailure } from './classifyCallFailure';
import { ImportSummary } from './ImportSummary';
import { WriteControl, writeRows, type DryRunResult, type ImportSourceSpec, type WriteState } from './importSession';
import { formatSeconds, sourceLabel } from './importText';
import { openImportSource } from './openImportSource';

/** The write: progress, pause, resume, cancel, then the summary. */
export function WriteStep({
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
  // The settings' columns: JSON Lines keys added after the preview are among them.
  const columns = source.kind === 'file' ? settings.columns : schema.features.map((spec) => spec.name);

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
          openSource: openImportSource(schema, source, settings),
          send: (input) => api.batchWriteRecord(input),
          classify: classifyCallFailure,
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
