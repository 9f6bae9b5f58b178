import { formatFeatureValue } from '../../domain/diff';
import type { FeatureValueLike } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { ExpiryPrediction } from '../../domain/expiry';
import type { OnlineLanding } from '../../domain/rebase';
import type { AwsProblem } from '../../aws/errors';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { Link } from 'wouter';
import { recordPath } from '../../ui/paths';

export interface WriteResult {
  operation: 'PutRecord' | 'UpdateRecord';
  recordId: string;
  requestId?: string | undefined;
  at: Date;
  predicted: ExpiryPrediction;
  reachedOnline: boolean;
  sentEventTime: string;
  /** The write succeeded but its history entry was not kept (e.g. "not recorded in history: storage full"). */
  historyWarning?: string;
  readBack?: { record?: FeatureValueLike[]; expiresAt?: string } | { problem: AwsProblem };
  /** Where the write landed, judged from the event time read before and after it (src/domain/rebase). */
  landing?: OnlineLanding;
}

/**
 * B1: an edit AWS accepted but that reached the offline store only, because the online store holds a
 * record with a newer event time (another writer). Not a success banner: the user's change is not what GetRecord returns.
 */
export function OfflineOnlyOutcome({
  result,
  storedEventTime,
  onReapply,
}: {
  schema: FeatureGroupSchema;
  result: WriteResult;
  storedEventTime: string;
  onReapply: () => void;
}) {
  return (
    <section className="panel panel--warn" role="alert" aria-labelledby="offline-only-title" data-testid="offline-only-outcome">
      <h3 id="offline-only-title">Reached the offline store only</h3>
      <p>
        {result.operation} for <code>{result.recordId}</code> succeeded (request <code>{result.requestId ?? 'not returned'}</code>), but the online store keeps
        a newer record: its event time <code>{storedEventTime}</code> is later than yours (<code>{result.sentEventTime}</code>). GetRecord does not return your
        change; someone else wrote this record after you opened it.
      </p>
      <button type="button" className="button button--primary" onClick={onReapply}>
        Reload the latest and reapply my changes
      </button>
    </section>
  );
}

/** What happened: the request id and time, and the stored record read back with its ExpiresAt beside the prediction. */
export function WriteOutcome({ schema, result }: { schema: FeatureGroupSchema; result: WriteResult }) {
  const readBack = result.readBack;
  const stored = readBack && 'record' in readBack ? readBack.record : undefined;
  const storedEventTime = stored?.find((value) => value.FeatureName === schema.eventTimeName)?.ValueAsString;
  const predicted = result.predicted.kind === 'at' ? result.predicted.expiresAt.toISOString() : undefined;
  const returned = readBack && 'expiresAt' in readBack ? readBack.expiresAt : undefined;

  return (
    <section className="panel panel--ok" aria-labelledby="outcome-title" data-testid="write-outcome">
      <h3 id="outcome-title">
        {result.operation === 'UpdateRecord' ? 'Record updated' : 'Record written'}: <code>{result.recordId}</code>
      </h3>
      <dl className="meta-list">
        <dt>Operation</dt>
        <dd>{result.operation}</dd>
        <dt>Request id</dt>
        <dd>
          <code data-testid="request-id">{result.requestId ?? 'not returned'}</code>
        </dd>
        <dt>Time</dt>
        <dd>
          <time dateTime={result.at.toISOString()}>{result.at.toISOString()}</time>
        </dd>
      </dl>
      {result.historyWarning && (
        <p className="panel panel--warn" role="status" data-testid="history-warning">
          Written, but {result.historyWarning}.
        </p>
      )}
      {result.reachedOnline && (
        <p style={{ marginTop: 'var(--space-2)' }}>
          <Link href={recordPath(schema.name, result.recordId)}>Open the record</Link> to edit or delete it.
        </p>
      )}
      {!result.reachedOnline ? (
        <p style={{ marginTop: 'var(--space-2)' }}>Written to the offline store only: GetRecord does not return it, and TTL does not apply.</p>
      ) : readBack && 'problem' in readBack ? (
        <ProblemPanel problem={{ ...readBack.problem, title: `Written, but reading it back failed: ${readBack.problem.title}` }} />
      ) : !stored ? (
        <p style={{ marginTop: 'var(--space-2)' }}>
          GetRecord returned no record. It may have expired at once (a TTL shorter than its age) or been deleted meanwhile.
        </p>
      ) : (
        <>
          {storedEventTime !== result.sentEventTime && (
            <p className="panel panel--warn" role="status">
              The online store kept a newer record (event time {storedEventTime}): this write was historic and went to the offline store only.
            </p>
          )}
          <h4>Read back with GetRecord</h4>
          <dl className="meta-list">
            <dt>ExpiresAt returned</dt>
            <dd>
              <code data-testid="returned-expires-at">{returned ?? 'none (never expires)'}</code>
            </dd>
            <dt>ExpiresAt predicted</dt>
            <dd>
              <code>{predicted ?? (result.predicted.kind === 'never' ? 'none (never expires)' : '—')}</code>
              {predicted !== undefined && returned !== undefined && <strong> {predicted === returned ? '✓ matches' : '✗ differs'}</strong>}
            </dd>
          </dl>
          <table className="table" aria-label="Stored record" style={{ marginTop: 'var(--space-2)' }}>
            <tbody>
              {stored.map((value) => (
                <tr key={value.FeatureName}>
                  <th scope="row">
                    <code>{value.FeatureName}</code>
                  </th>
                  <td className="value">{formatFeatureValue(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
