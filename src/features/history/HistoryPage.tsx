import { useMemo, useState, useSyncExternalStore } from 'react';
import { Link } from 'wouter';
import { clearHistory, historyToJsonLines, readHistory, subscribeHistory, type HistoryEntry } from '../../aws/history';
import { CodeBlock } from '../../ui/CodeBlock';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { recordPath } from '../../ui/paths';

function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/** Every write and delete made from this browser, newest first. */
export function HistoryPage() {
  const entries = useSyncExternalStore(subscribeHistory, readHistory);
  const [group, setGroup] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const [openRequest, setOpenRequest] = useState<HistoryEntry>();
  const groups = useMemo(() => [...new Set(entries.map((entry) => entry.featureGroup))].sort(), [entries]);
  const shown = useMemo(() => entries.filter((entry) => !group || entry.featureGroup === group).reverse(), [entries, group]);

  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">History</h1>
      <p className="panel panel--warn" role="note">
        Every write and delete made from this browser is kept here, <strong>unencrypted in this browser&apos;s local storage</strong>: request inputs and
        outcomes, never credentials. Anyone using this browser profile can read it. Clear it when you are done.
      </p>
      <div className="section-head">
        <div className="field-row">
          <label htmlFor="history-group" className="field__label">
            Feature group
          </label>
          <select id="history-group" value={group} onChange={(event) => setGroup(event.target.value)} style={{ width: 'auto' }}>
            <option value="">All groups ({entries.length})</option>
            {groups.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <button
            type="button"
            className="button"
            disabled={shown.length === 0}
            onClick={() => download('featurestore-console-history.jsonl', historyToJsonLines([...shown].reverse()))}
          >
            Export JSON Lines
          </button>
          <button type="button" className="button" disabled={entries.length === 0} onClick={() => setConfirmClear(true)}>
            Clear history
          </button>
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No writes or deletes yet{group ? ` for ${group}` : ''}.</p>
      ) : (
        <table className="table" aria-label="History entries">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Feature group</th>
              <th scope="col">Record</th>
              <th scope="col">Operation</th>
              <th scope="col">Target stores</th>
              <th scope="col">Outcome</th>
              <th scope="col">Request id</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={entry.id} data-testid="history-entry">
                <td>
                  <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                </td>
                <td>
                  <code>{entry.featureGroup}</code>
                </td>
                <td className="value">
                  <Link href={recordPath(entry.featureGroup, entry.recordId)}>{entry.recordId}</Link>
                </td>
                <td>{entry.operation}</td>
                <td>{entry.targetStores.join(', ')}</td>
                <td>
                  {entry.outcome === 'success' ? (
                    <span className="status status--ok">success</span>
                  ) : (
                    <span className="status status--warn" title={entry.message}>
                      {entry.errorName}
                    </span>
                  )}
                </td>
                <td className="value">{entry.requestId ?? '—'}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => setOpenRequest(entry)}>
                    Show request
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog
        open={openRequest !== undefined}
        title={openRequest ? `${openRequest.operation} request, ${new Date(openRequest.at).toLocaleString()}` : ''}
        onClose={() => setOpenRequest(undefined)}
      >
        {openRequest && (
          <>
            {openRequest.message && <p className="field__error">{openRequest.message}</p>}
            <CodeBlock title="Request input" actions={<CopyButton label="Copy JSON" getText={() => JSON.stringify(openRequest.request, null, 2)} />}>
              {JSON.stringify(openRequest.request, null, 2)}
            </CodeBlock>
            <div className="actions">
              <Link href={recordPath(openRequest.featureGroup, openRequest.recordId)} className="button" onClick={() => setOpenRequest(undefined)}>
                Open the record
              </Link>
              <button type="button" className="button" onClick={() => setOpenRequest(undefined)}>
                Close
              </button>
            </div>
          </>
        )}
      </Dialog>
      <Dialog open={confirmClear} title="Clear the history?" onClose={() => setConfirmClear(false)}>
        <p>This removes all {entries.length} entries from this browser. Records in the Feature Store are not affected.</p>
        <div className="actions">
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              clearHistory();
              setConfirmClear(false);
            }}
          >
            Clear history
          </button>
          <button type="button" className="button" onClick={() => setConfirmClear(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </section>
  );
}
