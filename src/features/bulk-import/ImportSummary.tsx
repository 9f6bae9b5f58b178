import { downloadBlob } from '../../shared/downloadBlob';
import { failedRowsCsv } from './failedRowsCsv';
import type { WriteState } from './importSession';
import { rowCount } from './importText';

const FAILED_ROWS_SHOWN = 100;

/** What AWS wrote and refused, the failed rows and their download. */
export function ImportSummary({ state, columns, sourceName, onDone }: { state: WriteState; columns: string[]; sourceName: string; onDone: () => void }) {
  return (
    <div data-testid="import-summary">
      <p className={state.failed > 0 || state.cancelled || state.stopped ? 'field__warning' : undefined}>
        <strong>{state.written.toLocaleString('en-US')}</strong> {state.written === 1 ? 'row' : 'rows'} written
        {state.written > 0 && ` (${state.written === 1 ? 'row' : 'rows'} ${state.writtenRows.toString()})`}.{' '}
        {state.failed > 0 && `${rowCount(state.failed)} failed. `}
        {state.notWritten > 0 && `${rowCount(state.notWritten)} not sent. `}
        {state.resentInDoubt > 0 &&
          `${rowCount(state.resentInDoubt)} were being sent when the page closed and their answer never arrived: they were sent again, so the offline store may hold them twice. `}
      </p>
      {state.historyWarning && <p className="field__warning">The import is {state.historyWarning}.</p>}
      {state.failedRows.length > 0 && (
        <>
          <h4>Failed rows</h4>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() =>
                downloadBlob(
                  new Blob([failedRowsCsv(columns, state.failedRows)], { type: 'text/csv;charset=utf-8' }),
                  `${sourceName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}-failed-rows.csv`,
                )
              }
            >
              Download failed rows (CSV)
            </button>
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
