import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useStorageScope } from '../../aws/storageScope';
import {
  clearHistory,
  countHistory,
  exportHistory,
  historyGroups,
  readHistoryPage,
  subscribeHistory,
  HISTORY_OPERATIONS,
  HISTORY_OUTCOMES,
  type HistoryEntry,
  type HistoryFilter,
  type HistoryOperation,
  type HistoryOutcome,
  type HistoryPage as StoredPage,
} from '../../storage';
import { CodeBlock } from '../../ui/CodeBlock';
import { CopyButton } from '../../ui/CopyButton';
import { Dialog } from '../../ui/Dialog';
import { recordPath } from '../../ui/paths';
import { downloadBlob } from '../../shared/downloadBlob';
import { blobFromChunks } from './download';
import { formatTimestamp } from '../../domain/relativeTime';
import { Timestamp } from '../../shared/Timestamp';

/** Entries per page: the page reads this many rows by key, whatever the history's size. */
export const HISTORY_PAGE_SIZE = 100;

type Loaded = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; page: StoredPage; total: number; groups: string[] };

function filterLabel(filter: HistoryFilter): string {
  const parts = [filter.group && `group ${filter.group}`, filter.operation, filter.outcome].filter(Boolean);
  return parts.length ? parts.join(', ') : '';
}

/** Every write and delete made from this browser, newest first, a page at a time. */
export function HistoryPage() {
  const scope = useStorageScope();
  const [filter, setFilter] = useState<HistoryFilter>({});
  /** Keyset cursors of the pages before the current one; the last is the current page's `before`. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const [confirmClear, setConfirmClear] = useState(false);
  const [openRequest, setOpenRequest] = useState<HistoryEntry>();
  const [notice, setNotice] = useState<{ tone: 'ok' | 'warn'; text: string }>();
  const [exporting, setExporting] = useState(false);
  const [clearing, setClearing] = useState(false);
  const before = cursors[cursors.length - 1];

  useEffect(() => subscribeHistory(() => setVersion((current) => current + 1)), []);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [page, total, groups] = await Promise.all([
        readHistoryPage(scope, filter, { ...(before !== undefined ? { before } : {}), limit: HISTORY_PAGE_SIZE }),
        countHistory(scope, filter),
        historyGroups(scope),
      ]);
      if (cancelled) return;
      if (!page.ok) setLoaded({ state: 'failed', message: page.message });
      else setLoaded({ state: 'ready', page: page.value, total: total.ok ? total.value : page.value.entries.length, groups: groups.ok ? groups.value : [] });
    })();
    return () => {
      cancelled = true;
    };
  }, [scope, filter, before, version]);

  const changeFilter = useCallback((next: HistoryFilter) => {
    setFilter(next);
    setCursors([undefined]);
    setNotice(undefined);
  }, []);

  const exportShown = async () => {
    setExporting(true);
    let lines = 0;
    try {
      const file = await blobFromChunks(exportHistory(scope, filter), 'application/x-ndjson', (chunk) => {
        for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) lines += 1;
      });
      downloadBlob(file, 'featurestore-console-history.jsonl');
      setNotice({ tone: 'ok', text: `Exported ${lines.toLocaleString('en-US')} entries.` });
    } catch {
      setNotice({ tone: 'warn', text: 'The history could not be read from browser storage: nothing was exported.' });
    } finally {
      setExporting(false);
    }
  };

  const clearShown = async () => {
    setConfirmClear(false);
    setClearing(true);
    const result = await clearHistory(scope, filter);
    setClearing(false);
    setCursors([undefined]);
    setNotice(
      result.ok
        ? { tone: 'ok', text: `Removed ${result.value.toLocaleString('en-US')} entries${filterLabel(filter) ? ` (${filterLabel(filter)})` : ''}.` }
        : { tone: 'warn', text: `The history was not cleared: ${result.message}.` },
    );
  };

  const ready = loaded.state === 'ready' ? loaded : undefined;
  const entries = ready?.page.entries ?? [];
  const total = ready?.total ?? 0;
  const filtered = filterLabel(filter);
  const firstIndex = (cursors.length - 1) * HISTORY_PAGE_SIZE;

  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">History</h1>
      <p className="panel panel--warn" role="note">
        Every write and delete made from this browser is kept here, <strong>unencrypted in this browser&apos;s local storage</strong> (IndexedDB): request
        inputs and outcomes, never credentials. Anyone using this browser profile can read it. Clear it when you are done.
      </p>
      <div className="section-head">
        <div className="field-row">
          <label htmlFor="history-group" className="field__label">
            Feature group
          </label>
          <select
            id="history-group"
            value={filter.group ?? ''}
            onChange={(event) => changeFilter({ ...filter, group: event.target.value || undefined })}
            style={{ width: 'auto' }}
          >
            <option value="">All groups</option>
            {(ready?.groups ?? []).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            {filter.group !== undefined && !ready?.groups.includes(filter.group) && <option value={filter.group}>{filter.group}</option>}
          </select>
          <label htmlFor="history-operation" className="field__label">
            Operation
          </label>
          <select
            id="history-operation"
            value={filter.operation ?? ''}
            onChange={(event) => changeFilter({ ...filter, operation: (event.target.value || undefined) as HistoryOperation | undefined })}
            style={{ width: 'auto' }}
          >
            <option value="">All operations</option>
            {HISTORY_OPERATIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <label htmlFor="history-outcome" className="field__label">
            Outcome
          </label>
          <select
            id="history-outcome"
            value={filter.outcome ?? ''}
            onChange={(event) => changeFilter({ ...filter, outcome: (event.target.value || undefined) as HistoryOutcome | undefined })}
            style={{ width: 'auto' }}
          >
            <option value="">All outcomes</option>
            {HISTORY_OUTCOMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <button type="button" className="button" disabled={total === 0 || exporting} onClick={() => void exportShown()}>
            {exporting ? 'Exporting…' : 'Export JSON Lines'}
          </button>
          <button type="button" className="button" disabled={total === 0 || clearing} onClick={() => setConfirmClear(true)}>
            {clearing ? 'Clearing…' : filtered ? 'Clear shown entries' : 'Clear history'}
          </button>
        </div>
      </div>
      {notice && (
        <p className={`panel ${notice.tone === 'ok' ? 'panel--ok' : 'panel--warn'}`} role="status" data-testid="history-notice">
          {notice.text}
        </p>
      )}
      {loaded.state === 'loading' ? (
        <p className="muted" aria-busy="true">
          Loading history…
        </p>
      ) : loaded.state === 'failed' ? (
        <p className="panel panel--warn" role="alert">
          The history could not be read: {loaded.message}.
        </p>
      ) : entries.length === 0 ? (
        <p className="muted">No writes or deletes yet{filtered ? ` for ${filtered}` : ''}.</p>
      ) : (
        <>
          <p className="muted" data-testid="history-range">
            Entries {(firstIndex + 1).toLocaleString('en-US')}–{(firstIndex + entries.length).toLocaleString('en-US')} of {total.toLocaleString('en-US')}
            {filtered ? ` (${filtered})` : ''}, newest first.
            {ready && ready.page.skipped > 0 && ` ${ready.page.skipped} damaged entries on this page could not be read and are not shown.`}
          </p>
          <table className="table" aria-label="History entries">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Feature group</th>
                <th scope="col">Record</th>
                <th scope="col">Operation</th>
                <th scope="col">Target stores</th>
                <th scope="col">Outcome</th>
                <th scope="col">By</th>
                <th scope="col">Request id</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="history-entry">
                  <td>
                    <Timestamp date={entry.at} />
                  </td>
                  <td>
                    <code>{entry.featureGroup}</code>
                  </td>
                  <td className="value">
                    {entry.bulkImport ? (
                      <span>
                        import of {entry.bulkImport.source}: {entry.bulkImport.written.toLocaleString('en-US')} of{' '}
                        {entry.bulkImport.rows.toLocaleString('en-US')} rows written
                      </span>
                    ) : (
                      <Link href={recordPath(entry.featureGroup, entry.recordId)}>{entry.recordId}</Link>
                    )}
                  </td>
                  <td>{entry.operation}</td>
                  <td>{entry.targetStores.join(', ')}</td>
                  <td>
                    {entry.outcome === 'success' && entry.note ? (
                      <>
                        <span className="status status--warn">success</span>
                        <br />
                        <small>{entry.note}</small>
                      </>
                    ) : entry.outcome === 'success' ? (
                      <span className="status status--ok">success</span>
                    ) : (
                      <span className="status status--warn" title={entry.message}>
                        {entry.errorName ?? 'error'}
                      </span>
                    )}
                  </td>
                  <td data-testid="history-actor">{entry.actor ? `${entry.actor.name}${entry.actor.role ? ` (${entry.actor.role})` : ''}` : 'guest'}</td>
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
          <nav className="actions" aria-label="History pages">
            <button type="button" className="button" disabled={cursors.length <= 1} onClick={() => setCursors((current) => current.slice(0, -1))}>
              Newer
            </button>
            <button
              type="button"
              className="button"
              disabled={ready?.page.nextBefore === undefined}
              onClick={() => {
                const next = ready?.page.nextBefore;
                if (next !== undefined) setCursors((current) => [...current, next]);
              }}
            >
              Older
            </button>
          </nav>
        </>
      )}
      <Dialog
        open={openRequest !== undefined}
        title={openRequest ? `${openRequest.operation} request, ${formatTimestamp(new Date(openRequest.at))}` : ''}
        onClose={() => setOpenRequest(undefined)}
      >
        {openRequest && (
          <>
            {openRequest.message && <p className="field__error">{openRequest.message}</p>}
            {openRequest.requestOmitted ? (
              <p className="muted">The request input was too large to keep in the history.</p>
            ) : (
              <CodeBlock title="Request input" actions={<CopyButton label="Copy JSON" getText={() => JSON.stringify(openRequest.request, null, 2)} />}>
                {JSON.stringify(openRequest.request, null, 2)}
              </CodeBlock>
            )}
            {openRequest.bulkImport && <CodeBlock title="Import summary">{JSON.stringify(openRequest.bulkImport, null, 2)}</CodeBlock>}
            <div className="actions">
              {!openRequest.bulkImport && (
                <Link href={recordPath(openRequest.featureGroup, openRequest.recordId)} className="button" onClick={() => setOpenRequest(undefined)}>
                  Open the record
                </Link>
              )}
              <button type="button" className="button" onClick={() => setOpenRequest(undefined)}>
                Close
              </button>
            </div>
          </>
        )}
      </Dialog>
      <Dialog open={confirmClear} title={filtered ? 'Clear the shown entries?' : 'Clear the history?'} onClose={() => setConfirmClear(false)}>
        <p>
          {filtered
            ? `This removes the ${total.toLocaleString('en-US')} entries shown (${filtered}) from this browser; other entries stay.`
            : `This removes all ${total.toLocaleString('en-US')} entries from this browser.`}{' '}
          Records in the Feature Store are not affected.
        </p>
        <div className="actions">
          <button type="button" className="button button--danger" onClick={() => void clearShown()}>
            {filtered ? 'Clear shown entries' : 'Clear history'}
          </button>
          <button type="button" className="button" onClick={() => setConfirmClear(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </section>
  );
}
