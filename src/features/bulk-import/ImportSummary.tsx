import { useState } from 'react';
import { downloadBlob } from '../../shared/downloadBlob';
import { failedRowsCsv } from './failedRowsCsv';
import { csvFileName, type CsvStyle } from '../../domain/csvCell';
import type { ImportSourceSpec, WriteState } from './importSession';
import { rowCount, sourcePosition } from './importText';

const FAILED_ROWS_SHOWN = 100;

/** What AWS wrote and refused, the failed rows and their download. */
export function ImportSummary({
  state,
  source,
  columns,
  sourceName,
  onDone,
  failedRowsFile,
}: {
  state: WriteState;
  source: ImportSourceSpec;
  columns: string[];
  sourceName: string;
  onDone: () => void;
  /** Every failed row as CSV, past the kept ones too (read from the file again); absent for generated rows. */
  failedRowsFile?: (style: CsvStyle) => Promise<Blob>;
}) {
  const [preparing, setPreparing] = useState(false);
  const [downloadProblem, setDownloadProblem] = useState<string>();
  const unkept = state.failed - state.failedRows.length;
  const download = async (style: CsvStyle) => {
    const name = csvFileName(`${sourceName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')}-failed-rows.csv`, style);
    if (!failedRowsFile || unkept <= 0) {
      downloadBlob(new Blob([failedRowsCsv(columns, state.failedRows, style)], { type: 'text/csv;charset=utf-8' }), name);
      return;
    }
    setPreparing(true);
    setDownloadProblem(undefined);
    try {
      downloadBlob(await failedRowsFile(style), name);
    } catch (caught) {
      setDownloadProblem(`The failed rows could not be read from the file again: ${(caught as Error).message}`);
    } finally {
      setPreparing(false);
    }
  };
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
            {(['exact', 'excel-safe'] as const).map((style) => (
              <button
                key={style}
                type="button"
                className="button"
                disabled={preparing}
                onClick={() => void download(style)}
                title={style === 'excel-safe' ? "Cells starting with =, +, -, @, tab or CR get a leading ' so a spreadsheet does not run them" : undefined}
              >
                {style === 'exact' ? 'Download failed rows (CSV)' : 'Download failed rows (CSV, Excel-safe)'}
              </button>
            ))}
            {preparing && (
              <span className="muted" role="status">
                Reading the failed rows from the file again…
              </span>
            )}
            {!preparing && unkept > 0 && (
              <span className="muted" data-testid="failed-rows-kept">
                {failedRowsFile
                  ? `All ${state.failed.toLocaleString('en-US')} failed rows are in the download; past the first ${state.failedRows.length.toLocaleString('en-US')}, their cells are read from the file again.`
                  : `The first ${state.failedRows.length.toLocaleString('en-US')} failed rows are kept for the download.`}
              </span>
            )}
          </div>
          {downloadProblem && (
            <p className="field__error" role="alert">
              {downloadProblem}
            </p>
          )}
          <table className="table" data-testid="failed-rows">
            {state.failed > FAILED_ROWS_SHOWN && (
              <caption className="muted">
                The first {FAILED_ROWS_SHOWN} of {state.failed.toLocaleString('en-US')} failed rows;{' '}
                {failedRowsFile || unkept <= 0 ? 'the download has them all' : `the download has the first ${state.failedRows.length.toLocaleString('en-US')}`}.
              </caption>
            )}
            <thead>
              <tr>
                <th scope="col">In the file</th>
                <th scope="col">Error</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {state.failedRows.slice(0, FAILED_ROWS_SHOWN).map((row) => (
                <tr key={row.row}>
                  <td>{sourcePosition(source, row.row)}</td>
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
