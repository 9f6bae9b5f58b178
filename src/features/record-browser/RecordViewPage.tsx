import { useState } from 'react';
import { visibleText } from '../../domain/inputWarnings';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { describeAwsError } from '../../aws/errors';
import { recordQuery } from '../../aws/queries';
import { historyWarningFor } from '../../aws/writes';
import { nanosToDate, parseEventTime } from '../../domain/eventTime';
import { formatLocal, formatRelative } from '../../domain/relativeTime';
import { describeFeatureKind, type FeatureGroupSchema } from '../../domain/schema';
import type { FeatureValueLike } from '../../domain/recordForm';
import { GroupHeader } from '../../ui/GroupHeader';
import { CopyButton } from '../../ui/CopyButton';
import { recordToJsonText } from '../../domain/recordJson';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { RecordLookupForm } from '../../shared/RecordLookupForm';
import { duplicatePath, recordEditPath, recordHistoryPath, recordsPath } from '../../ui/paths';
import { DeleteRecordDialog, type DeleteOutcome } from './DeleteRecordDialog';
import { WithGroupSchema } from '../../shared/WithGroupSchema';
import { DeleteAccessNote, useDeleteAccess } from '../../shared/DeleteAccessNote';

export function RecordViewPage({ groupName, recordId, savedRequestId }: { groupName: string; recordId: string; savedRequestId?: string | undefined }) {
  return (
    <WithGroupSchema groupName={groupName}>
      {(schema) => (
        <>
          <GroupHeader schema={schema} active="records" />
          <RecordView key={recordId} schema={schema} recordId={recordId} savedRequestId={savedRequestId} />
        </>
      )}
    </WithGroupSchema>
  );
}

function RecordView({ schema, recordId, savedRequestId }: { schema: FeatureGroupSchema; recordId: string; savedRequestId: string | undefined }) {
  const config = useRuntimeConfig();
  const record = useQuery(recordQuery(config, schema.name, recordId));
  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleted, setDeleted] = useState<DeleteOutcome>();
  const deleteAccess = useDeleteAccess(schema);
  const now = new Date();

  return (
    <section aria-labelledby="record-title">
      <div className="section-head">
        <h2 id="record-title">
          Record <code>{visibleText(recordId)}</code>
        </h2>
        <div className="field-row">
          <button type="button" className="button" onClick={() => void record.refetch()} disabled={record.isFetching}>
            {record.isFetching ? 'Reading…' : 'Refresh'}
          </button>
          <Link href={recordHistoryPath(schema.name, recordId)} className="button">
            Versions (offline store)
          </Link>
          {record.data?.record && (
            <>
              <CopyButton label="Copy as JSON" getText={() => recordToJsonText(record.data.record ?? [])} />
              <Link href={recordEditPath(schema.name, recordId)} className="button button--primary">
                Edit
              </Link>
              <Link href={duplicatePath(schema.name, recordId)} className="button">
                Duplicate
              </Link>
              <button
                type="button"
                className="button button--danger"
                onClick={() => setDeleteOpen(true)}
                disabled={!deleteAccess.allowed}
                aria-describedby={deleteAccess.allowed ? undefined : 'delete-access'}
              >
                Delete…
              </button>
            </>
          )}
        </div>
      </div>
      {record.data?.record && <DeleteAccessNote id="delete-access" access={deleteAccess} />}
      {savedRequestId !== undefined && !deleted && (
        <p className="panel panel--ok" role="status" data-testid="saved-banner">
          Saved (request id <code>{savedRequestId || 'not returned'}</code>). The values below were read back from the online store just now.
          {historyWarningFor(savedRequestId) && <span data-testid="history-warning"> Written, but {historyWarningFor(savedRequestId)}.</span>}
        </p>
      )}
      {deleted && (
        <div className="panel panel--ok" role="status" data-testid="delete-outcome">
          <strong>{deleted.mode === 'HardDelete' ? 'Hard-deleted' : 'Soft-deleted'}</strong> record <code>{visibleText(recordId)}</code> (request id{' '}
          <code>{deleted.requestId ?? 'not returned'}</code>
          ).{' '}
          {deleted.mode === 'HardDelete'
            ? 'GetRecord no longer finds it and ListRecords no longer lists it.'
            : 'GetRecord no longer returns it; ListRecords lists it only with "Include soft-deleted".'}{' '}
          <Link href={recordsPath(schema.name)}>Back to the records</Link>
        </div>
      )}
      {record.isPending ? (
        <p className="muted">Reading the record…</p>
      ) : record.isError ? (
        <ProblemPanel problem={describeAwsError(record.error, { operation: 'GetRecord', featureGroup: schema.name })} />
      ) : !record.data.record && deleted ? (
        // B12: the console knows why the record is gone; no list of guesses.
        <p className="panel" role="status" data-testid="record-not-found">
          GetRecord now returns no record with {schema.recordIdentifierName} = <code>{visibleText(recordId)}</code>: you{' '}
          {deleted.mode === 'HardDelete' ? 'hard-deleted' : 'soft-deleted'} it just now.
        </p>
      ) : !record.data.record ? (
        <div className="panel panel--warn" role="status" data-testid="record-not-found">
          <h3>Not found in the online store</h3>
          <p>
            GetRecord returned no record with {schema.recordIdentifierName} = <code>{visibleText(recordId)}</code>. It could be that it was:
          </p>
          <ul>
            <li>never written under this identifier (check spelling and case);</li>
            <li>expired: its ExpiresAt has passed;</li>
            <li>soft-deleted: it still shows in Browse with &quot;Include soft-deleted&quot;;</li>
            <li>written to the offline store only (TargetStores = OfflineStore, or an event time older than the stored record).</li>
          </ul>
          <RecordLookupForm schema={schema} title="Look up another identifier" />
        </div>
      ) : (
        <RecordTable schema={schema} record={record.data.record} expiresAt={record.data.expiresAt} now={now} />
      )}
      <DeleteRecordDialog
        schema={schema}
        recordId={recordId}
        open={deleteOpen}
        onClose={() => setDeleteOpen(false)}
        onDeleted={(outcome) => {
          setDeleteOpen(false);
          setDeleted(outcome);
          void record.refetch();
        }}
      />
    </section>
  );
}

function RecordTable({ schema, record, expiresAt, now }: { schema: FeatureGroupSchema; record: FeatureValueLike[]; expiresAt: string | undefined; now: Date }) {
  const values = new Map(record.map((value) => [value.FeatureName, value]));
  const eventTimeText = values.get(schema.eventTimeName)?.ValueAsString;
  const eventTime = eventTimeText ? parseEventTime(schema.eventTimeType, eventTimeText) : undefined;
  const eventDate = eventTime?.ok ? nanosToDate(eventTime.nanos) : undefined;
  const expires = expiresAt ? new Date(expiresAt) : undefined;
  return (
    <>
      <dl className="facts panel">
        <div>
          <dt>Event time (UTC)</dt>
          <dd>
            <code>{eventTimeText}</code>
            {eventDate && <span className="muted"> · {formatLocal(eventDate)} local</span>}
          </dd>
        </div>
        <div>
          <dt>ExpiresAt</dt>
          <dd data-testid="record-expires-at">
            {expires ? (
              <>
                <code>{expiresAt}</code> ·{' '}
                {expires.getTime() > now.getTime() ? `expires ${formatRelative(expires, now)}` : `expired ${formatRelative(expires, now)}`}
              </>
            ) : (
              'never expires'
            )}
          </dd>
        </div>
      </dl>
      <table className="table" aria-label="Feature values">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {schema.features.map((spec) => {
            const value = values.get(spec.name);
            return (
              <tr key={spec.name} data-feature={spec.name}>
                <th scope="row">
                  <code>{spec.name}</code>
                </th>
                <td className="muted">{describeFeatureKind(spec)}</td>
                <td className="value">
                  {!value ? (
                    <span className="muted">not set</span>
                  ) : value.ValueAsStringList ? (
                    <>
                      {spec.collection === 'Vector' && (
                        <span className="muted">
                          {value.ValueAsStringList.length} / {spec.dimension}:{' '}
                        </span>
                      )}
                      <ol className="inline-list">
                        {value.ValueAsStringList.map((item, index) => (
                          <li key={index}>{item}</li>
                        ))}
                      </ol>
                    </>
                  ) : value.ValueAsString === '' ? (
                    <span className="muted">"" (empty string)</span>
                  ) : (
                    value.ValueAsString
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
