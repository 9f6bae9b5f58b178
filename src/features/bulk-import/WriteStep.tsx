import { useEffect, useSyncExternalStore } from 'react';
import { ProblemPanel } from '../../ui/ProblemPanel';
import type { CsvStyle } from '../../domain/csvCell';
import { failedRowsBlob } from './failedRowsDownload';
import { ImportSummary } from './ImportSummary';
import { openImportSource } from './openImportSource';
import { formatSeconds, sourceLabel } from './importText';
import { useLeaveGuard } from './useLeaveGuard';
import type { WriteSession } from './writeSession';

/** The write: progress, pause, resume, cancel, then the summary. It watches the session; it does not own it. */
export function WriteStep({ session, onDone }: { session: WriteSession; onDone: () => void }) {
  const { state, error } = useSyncExternalStore(session.subscribe, session.getView);
  const control = session.control;
  const { schema, source, settings } = session.start;
  // The settings' columns: JSON Lines keys added after the preview are among them.
  const columns = source.kind === 'file' ? settings.columns : schema.features.map((spec) => spec.name);
  useEffect(() => session.watch(), [session]);
  const writing = error === undefined && state?.phase !== 'done';
  useLeaveGuard(
    writing,
    `An import into ${schema.name} is writing. Leave this page? Sending stops; the rows AWS acknowledged are kept${
      source.kind === 'file' ? ', and choosing the file again resumes the import' : ''
    }.`,
  );

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
      <h3>
        {done
          ? state.stopped
            ? 'Import stopped'
            : state.cancelled
              ? 'Import cancelled'
              : 'Import finished'
          : state.phase === 'paused'
            ? 'Paused'
            : 'Writing…'}
      </h3>
      {state.stopped && (
        <div data-testid="import-stopped">
          <ProblemPanel
            problem={{
              title: state.stopped.title ?? state.stopped.errorCode,
              detail: state.stopped.detail ?? state.stopped.message,
              errorName: state.stopped.errorCode,
            }}
          >
            <p className="panel__text">AWS refused a whole call: every other call would be refused too, so the import stopped there and sent nothing more.</p>
          </ProblemPanel>
        </div>
      )}
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
            <button type="button" className="button button--primary" onClick={() => control.resume()}>
              Resume
            </button>
          ) : (
            <button type="button" className="button" onClick={() => control.pause()} disabled={state.phase === 'cancelling'}>
              Pause
            </button>
          )}
          <button type="button" className="button button--danger" onClick={() => control.cancel()} disabled={state.phase === 'cancelling'}>
            Cancel
          </button>
        </div>
      )}
      {state.storageWarning && (
        <p className="field__warning">Progress could not be saved in this browser ({state.storageWarning}): a resume may send rows again.</p>
      )}
      {done && (
        <ImportSummary
          state={state}
          source={source}
          columns={columns}
          sourceName={sourceLabel(source)}
          onDone={onDone}
          {...(source.kind === 'file'
            ? {
                failedRowsFile: (style: CsvStyle) =>
                  failedRowsBlob({ schema, settings, columns, state, openSource: openImportSource(schema, source, settings), style }),
              }
            : {})}
        />
      )}
    </div>
  );
}
