import { useState } from 'react';
import { visibleText } from '../../domain/inputWarnings';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { describeAwsError } from '../../aws/errors';
import { batchRecordsQuery, recordListQuery } from '../../aws/queries';
import { parseIdentifierList } from '../../domain/pasteList';
import { scalarValueError } from '../../domain/values';
import { RecordLookupForm } from '../../shared/RecordLookupForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import { GroupHeader } from '../../ui/GroupHeader';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { recordPath } from '../../ui/paths';
import { WithGroupSchema } from '../../shared/WithGroupSchema';

export function RecordBrowserPage({ groupName }: { groupName: string }) {
  return (
    <WithGroupSchema groupName={groupName}>
      {(schema) => (
        <>
          <GroupHeader schema={schema} active="records" />
          {schema.onlineStore ? (
            <div className="editor-layout">
              <div>
                <RecordLookupForm schema={schema} />
                <FindMany schema={schema} />
              </div>
              <Browse schema={schema} />
            </div>
          ) : (
            <div className="panel panel--warn" role="status">
              <h2>No online store</h2>
              <p>
                {schema.name} keeps records only in the offline store, so they cannot be read back one by one here. Query the offline store (Athena, or the
                local Feature Store&apos;s <code>/_local/offline-store/{schema.name}</code>) instead.
              </p>
            </div>
          )}
        </>
      )}
    </WithGroupSchema>
  );
}

function FindMany({ schema }: { schema: FeatureGroupSchema }) {
  const config = useRuntimeConfig();
  const [text, setText] = useState('');
  const [ids, setIds] = useState<string[]>([]);
  const [typeErrors, setTypeErrors] = useState<Map<string, string>>(new Map());
  const idSpec = schema.features.find((spec) => spec.role === 'identifier');
  const sendable = ids.filter((id) => !typeErrors.has(id));
  const batch = useQuery({ ...batchRecordsQuery(config, schema.name, sendable), enabled: sendable.length > 0 });
  const eventTimeOf = (record: { FeatureName: string; ValueAsString?: string }[]) =>
    record.find((value) => value.FeatureName === schema.eventTimeName)?.ValueAsString ?? '—';
  const found = new Map((batch.data?.records ?? []).map((result) => [result.recordId, result]));
  const failed = new Map((batch.data?.errors ?? []).map((error) => [error.recordId, error]));

  return (
    <section className="panel" aria-labelledby="find-many-title">
      <h2 id="find-many-title">Find several records</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          // B10: an identifier that is not of the identifier's type is a type error here, never sent and reported "not found".
          const all = parseIdentifierList(text);
          const errors = new Map<string, string>();
          for (const id of all) {
            const error = idSpec && idSpec.type !== 'String' ? scalarValueError(idSpec.type, id) : null;
            if (error) errors.set(id, `Not a valid ${idSpec?.type ?? ''} identifier: ${error}`);
          }
          setTypeErrors(errors);
          setIds(all);
        }}
        noValidate
      >
        <label className="field__label" htmlFor="batch-ids">
          {schema.recordIdentifierName} values
        </label>
        <textarea id="batch-ids" className="mono" rows={4} value={text} onChange={(event) => setText(event.target.value)} aria-describedby="batch-ids-hint" />
        <p className="field__hint" id="batch-ids-hint">
          Separated by new lines, commas, or both. Read with BatchGetRecord, 100 per call.
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={parseIdentifierList(text).length === 0}>
            Find {parseIdentifierList(text).length || ''} records
          </button>
        </div>
      </form>
      {batch.isError && <ProblemPanel problem={describeAwsError(batch.error, { operation: 'BatchGetRecord', featureGroup: schema.name })} />}
      {batch.isFetching && <p className="muted">Reading {ids.length} records…</p>}
      {ids.length > 0 && (sendable.length === 0 || (batch.data && !batch.isFetching)) && (
        <table className="table" aria-label="Batch results" style={{ marginTop: 'var(--space-3)' }}>
          <thead>
            <tr>
              <th scope="col">{schema.recordIdentifierName}</th>
              <th scope="col">Result</th>
              <th scope="col">Event time</th>
              <th scope="col">ExpiresAt</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => {
              const result = found.get(id);
              const error = failed.get(id);
              const typeError = typeErrors.get(id);
              return (
                <tr key={id}>
                  <td className="value">{result ? <Link href={recordPath(schema.name, id)}>{visibleText(id)}</Link> : visibleText(id)}</td>
                  <td>{typeError ?? (result ? 'found' : error ? `${error.errorCode}: ${error.message}` : 'not found')}</td>
                  <td className="value">{result ? eventTimeOf(result.record) : '—'}</td>
                  <td className="value">{result?.expiresAt ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Browse({ schema }: { schema: FeatureGroupSchema }) {
  const config = useRuntimeConfig();
  const [includeSoftDeleted, setIncludeSoftDeleted] = useState(false);
  const list = useInfiniteQuery(recordListQuery(config, schema.name, includeSoftDeleted));
  const ids = list.data?.pages.flatMap((page) => page.recordIds) ?? [];
  return (
    <section className="panel" aria-labelledby="browse-title">
      <div className="section-head">
        <h2 id="browse-title">Browse identifiers</h2>
        <label className="check">
          <input type="checkbox" checked={includeSoftDeleted} onChange={(event) => setIncludeSoftDeleted(event.target.checked)} /> Include soft-deleted
        </label>
      </div>
      {list.isError ? (
        <ProblemPanel problem={describeAwsError(list.error, { operation: 'ListRecords', featureGroup: schema.name })} />
      ) : list.isPending ? (
        <p className="muted">Listing records…</p>
      ) : ids.length === 0 ? (
        <p className="muted">No records{includeSoftDeleted ? '' : ' (soft-deleted records are hidden)'}.</p>
      ) : (
        <ul className="record-list" aria-label="Record identifiers">
          {ids.map((id) => (
            <li key={id}>
              <Link href={recordPath(schema.name, id)}>
                <code>{visibleText(id)}</code>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">
        {ids.length} shown{list.hasNextPage ? ', more available' : ''}.
      </p>
      {list.hasNextPage && (
        <button type="button" className="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
