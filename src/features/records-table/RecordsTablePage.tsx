import { useId, useMemo, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { getAwsApi } from '../../aws/api';
import { describeAwsError } from '../../aws/errors';
import { awsKeys } from '../../aws/queries';
import type { FeatureGroupSchema } from '../../domain/schema';
import { GroupHeader } from '../../ui/GroupHeader';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { WithGroupSchema } from '../../shared/WithGroupSchema';
import { DeleteAccessNote, useDeleteAccess } from '../../shared/DeleteAccessNote';
import { ColumnChooser } from './ColumnChooser';
import { DeleteSelectedDialog } from './DeleteSelectedDialog';
import { ExportControls } from './ExportControls';
import { GroupSearchStatus } from './GroupSearchStatus';
import { loadTablePage } from './loadRows';
import { RecordRows } from './RecordRows';
import { defaultColumns, filterByPrefix, type Column } from './tableRows';
import { useGroupSearch } from './useGroupSearch';

/** Browse a group as a table: ListRecords pages filled with BatchGetRecord. */
export function RecordsTablePage({ groupName }: { groupName: string }) {
  return <WithGroupSchema groupName={groupName}>{(schema) => <RecordsTableForGroup schema={schema} />}</WithGroupSchema>;
}

function RecordsTableForGroup({ schema }: { schema: FeatureGroupSchema }) {
  return (
    <>
      <GroupHeader schema={schema} active="table" />
      {schema.onlineStore ? (
        <RecordsTable schema={schema} />
      ) : (
        <div className="panel panel--warn" role="status">
          <h2>No online store</h2>
          <p>{schema.name} keeps records only in the offline store; ListRecords and BatchGetRecord read the online store, so there is no table to show.</p>
        </div>
      )}
    </>
  );
}

/**
 * The identifier filter works on the loaded rows as the user types; "Search the whole
 * group" pages through every identifier (searchGroup.ts) and then the table shows its
 * matches instead, until the prefix or the soft-deleted choice changes.
 */
function RecordsTable({ schema }: { schema: FeatureGroupSchema }) {
  const config = useRuntimeConfig();
  const [includeSoftDeleted, setIncludeSoftDeleted] = useState(true);
  const [columns, setColumns] = useState<Column[]>(() => defaultColumns(schema));
  const [prefix, setPrefix] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const deleteAccess = useDeleteAccess(schema);
  /** The identifiers being deleted, fixed when the dialog opens. */
  const [deleting, setDeleting] = useState<string[] | null>(null);
  /** Event times this page's soft deletes sent: what the online store keeps, which no read returns. */
  const [keptEventTimes, setKeptEventTimes] = useState<ReadonlyMap<string, string>>(new Map());
  const prefixId = useId();
  const { search, start, cancel, clear, applyDelete } = useGroupSearch(schema.name, includeSoftDeleted);

  const pages = useInfiniteQuery({
    queryKey: [...awsKeys.records(config, schema.name), 'table', { includeSoftDeleted }] as const,
    queryFn: async ({ pageParam }) => loadTablePage(await getAwsApi(config), schema.name, pageParam, includeSoftDeleted),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextToken,
    staleTime: 0,
  });
  const loaded = useMemo(() => pages.data?.pages.flatMap((page) => page.rows) ?? [], [pages.data]);
  const searching = search.status !== 'idle';
  const shown = useMemo(() => (search.status !== 'idle' ? search.matches : filterByPrefix(loaded, prefix)), [search, loaded, prefix]);
  const wholeGroupLoaded = pages.isSuccess && !pages.hasNextPage;

  return (
    <>
      <section className="panel" aria-labelledby="table-controls-title">
        <h2 id="table-controls-title" className="visually-hidden">
          Table settings
        </h2>
        <div className="field-row field-row--wrap" style={{ gap: 'var(--space-3)', alignItems: 'end' }}>
          <form
            role="search"
            aria-label="Records by identifier"
            onSubmit={(event) => {
              event.preventDefault();
              if (prefix !== '' && search.status !== 'running') start(prefix);
            }}
          >
            <label className="field__label" htmlFor={prefixId} style={{ display: 'block' }}>
              Filter by {schema.recordIdentifierName} prefix
            </label>
            <div className="field-row">
              <input
                id={prefixId}
                type="search"
                className="mono"
                value={prefix}
                onChange={(event) => {
                  setPrefix(event.target.value);
                  if (searching) clear();
                }}
                style={{ width: '14rem' }}
              />
              {search.status === 'running' ? (
                <button type="button" className="button" onClick={cancel}>
                  Cancel search
                </button>
              ) : (
                <button type="submit" className="button" disabled={prefix === ''}>
                  Search the whole group
                </button>
              )}
            </div>
          </form>
          <label className="check">
            <input
              type="checkbox"
              checked={includeSoftDeleted}
              onChange={(event) => {
                setIncludeSoftDeleted(event.target.checked);
                setSelected(new Set());
                clear();
              }}
            />{' '}
            Include soft-deleted records
          </label>
          <ColumnChooser schema={schema} columns={columns} onChange={setColumns} />
        </div>
        <GroupSearchStatus search={search} schema={schema} />
        <ExportControls schema={schema} shown={shown} columns={columns} includeSoftDeleted={includeSoftDeleted} />
      </section>

      {pages.isError && <ProblemPanel problem={describeAwsError(pages.error, { operation: 'ListRecords', featureGroup: schema.name })} />}
      <section className="panel" aria-labelledby="records-table-title">
        <div className="section-head">
          <h2 id="records-table-title">Records</h2>
          <div className="field-row">
            <span className="muted" role="status" data-testid="table-count">
              {search.status !== 'idle'
                ? `${shown.length.toLocaleString('en-US')} found of ${search.searched.toLocaleString('en-US')} searched`
                : `${shown.length.toLocaleString('en-US')} shown of ${loaded.length.toLocaleString('en-US')} loaded${
                    pages.hasNextPage ? ', more in the group' : pages.isSuccess ? ', the whole group' : ''
                  }`}
              {selected.size > 0 ? ` · ${selected.size} selected` : ''}
            </span>
            <button
              type="button"
              className="button button--danger"
              disabled={selected.size === 0 || !deleteAccess.allowed}
              aria-describedby={deleteAccess.allowed ? undefined : 'table-delete-access'}
              onClick={() => setDeleting([...selected])}
            >
              Delete selected ({selected.size})
            </button>
          </div>
        </div>
        <DeleteAccessNote id="table-delete-access" access={deleteAccess} />
        {pages.isPending && !searching ? (
          <p className="muted" aria-busy="true">
            Reading records…
          </p>
        ) : shown.length === 0 ? (
          <p className="muted">
            {searching
              ? search.status === 'running'
                ? 'No match yet.'
                : `No ${search.status === 'complete' ? '' : 'searched '}record's identifier starts with "${search.prefix}".`
              : loaded.length === 0
                ? 'No records in this group.'
                : wholeGroupLoaded
                  ? `No record's identifier starts with "${prefix}".`
                  : `No loaded record's identifier starts with "${prefix}". The group has more records than are loaded: search the whole group.`}
          </p>
        ) : (
          <RecordRows schema={schema} rows={shown} columns={columns} selected={selected} onSelect={setSelected} keptEventTimes={keptEventTimes} />
        )}
        {pages.hasNextPage && !searching && (
          <div className="actions">
            <button type="button" className="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Load 100 more'}
            </button>
          </div>
        )}
      </section>
      <DeleteSelectedDialog
        open={deleting !== null}
        schema={schema}
        recordIds={deleting ?? []}
        onClose={() => setDeleting(null)}
        onDeleted={(deleted, { mode, eventTime }) => {
          const next = new Set(selected);
          for (const id of deleted) next.delete(id);
          setSelected(next);
          applyDelete(deleted, mode);
          if (mode === 'SoftDelete') {
            const kept = new Map(keptEventTimes);
            for (const id of deleted) kept.set(id, eventTime);
            setKeptEventTimes(kept);
          }
        }}
      />
    </>
  );
}
