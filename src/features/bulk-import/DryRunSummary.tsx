import type { ReactNode } from 'react';
import { shortText } from '../../domain/shortText';
import type { DryRunResult, ImportSourceSpec } from './importSession';
import { rowCount, sourcePosition } from './importText';

/** The dry run's counts and first problems, and the button that starts the write. */
export function DryRunSummary({
  source,
  result,
  onWrite,
  canWrite,
  maxInFlight,
  children,
}: {
  source: ImportSourceSpec;
  result: DryRunResult;
  onWrite: () => void;
  canWrite: boolean;
  maxInFlight: number;
  /** What will be sent (a sample), shown above the write button. */
  children?: ReactNode;
}) {
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
                <th scope="col">In the file</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.firstProblems.map((item) => (
                <tr key={item.row}>
                  <td>{sourcePosition(source, item.row)}</td>
                  <td>{shortText(item.message, 400)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {children}
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
