import { useId, useState } from 'react';
import { describeAwsError } from '../../aws/errors';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { athenaEndpoint } from '../../aws/config';
import { formatFeatureValue } from '../../domain/diff';
import { HistoryQueryError, recordAsOfQuery, versionsFromRows, type TimeRange } from '../../domain/offlineHistory';
import type { FeatureGroupSchema } from '../../domain/schema';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { fromUtcInput, toUtcInput } from './HistoryRangeForm';
import { QueryStatus } from './QueryStatus';
import { useAthenaRun } from './useAthenaRun';

/** The record as it stood at a chosen time: AWS's documented time-travel query, for this record. */
export function AsOfPanel({ schema, recordId, range }: { schema: FeatureGroupSchema; recordId: string; range: TimeRange }) {
  const config = useRuntimeConfig();
  const inputId = useId();
  const [asOf, setAsOf] = useState(() => toUtcInput(new Date()));
  const [problem, setProblem] = useState<string | undefined>();
  const [shownAsOf, setShownAsOf] = useState<string | undefined>();
  const athena = useAthenaRun();
  const result = athena.query?.data;
  const version = result ? versionsFromRows(schema, result.header, result.rows)[0] : undefined;
  return (
    <section className="panel" aria-labelledby="as-of-title">
      <h3 id="as-of-title">As of a time</h3>
      <form
        className="field-row field-row--wrap"
        onSubmit={(event) => {
          event.preventDefault();
          const time = fromUtcInput(asOf);
          if (!time) return setProblem('Enter a date and time (UTC).');
          try {
            setProblem(undefined);
            setShownAsOf(time.toISOString());
            athena.run(recordAsOfQuery(schema, recordId, time, range.from < time ? range.from : time));
          } catch (error) {
            if (error instanceof HistoryQueryError) setProblem(error.message);
            else throw error;
          }
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>The record as of (UTC)</label>
          <input id={inputId} type="datetime-local" step="1" value={asOf} onChange={(event) => setAsOf(event.target.value)} required />
        </div>
        <button type="submit" className="button">
          Show as of
        </button>
      </form>
      <p className="muted">Looks back to the history's "from" time ({range.from.toISOString()}); earlier versions are not considered.</p>
      {problem && (
        <p className="panel panel--error" role="alert">
          {problem}
        </p>
      )}
      <QueryStatus progress={athena.progress} running={athena.running} cancelled={athena.cancelled} onCancel={athena.cancel} testId="as-of-query" />
      {athena.query?.isError && (
        <ProblemPanel problem={describeAwsError(athena.query.error, { operation: 'StartQueryExecution', endpoint: athenaEndpoint(config) })} />
      )}
      {result && (
        <div data-testid="as-of-result">
          {!version ? (
            <p>No version of this record has an event time at or before {shownAsOf} (within the range).</p>
          ) : version.deleted ? (
            <p>
              As of {shownAsOf} the record was <strong>deleted</strong> (the deletion at event time <code>{version.eventTime}</code>).
            </p>
          ) : (
            <>
              <p>
                As of {shownAsOf}: the version with event time <code>{version.eventTime}</code>.
              </p>
              <table className="table">
                <tbody>
                  {schema.features.map((spec) => (
                    <tr key={spec.name}>
                      <th scope="row">{spec.name}</th>
                      <td className="value">{formatFeatureValue(version.record.find((value) => value.FeatureName === spec.name))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
