import { useId, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { getAwsApi } from '../../aws/api';
import { describeAwsError } from '../../aws/errors';
import { awsKeys } from '../../aws/queries';
import type { FeatureGroupSchema } from '../../domain/schema';
import { GroupHeader } from '../../ui/GroupHeader';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { recordPath } from '../../ui/paths';
import { downloadBlob } from '../../shared/downloadBlob';
import { csvFileName, type CsvStyle } from '../../domain/csvCell';
import { exportWholeGroup, loadTablePage, type ExportProgress } from './loadRows';
import {
  EXPIRES_AT,
  SOFT_DELETED,
  cellText,
  columnHeader,
  columnKey,
  defaultColumns,
  exportFileName,
  filterByPrefix,
  rowsToCsv,
  rowsToJsonLines,
  type Column,
  type ExportFormat,
} from './tableRows';
import { DeleteSelectedDialog } from './DeleteSelectedDialog';
import { WithGroupSchema } from '../../shared/WithGroupSchema';

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

function RecordsTable({ schema }: { schema: FeatureGroupSchema }) {
  const config = useRuntimeConfig();
  const [includeSoftDeleted, setIncludeSoftDeleted] = useState(true);
  const [columns, setColumns] = useState<Column[]>(() => defaultColumns(schema));
  const [prefix, setPrefix] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  /** The identifiers being deleted, fixed when the dialog opens. */
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const prefixId = useId();

  const pages = useInfiniteQuery({
    queryKey: [...awsKeys.records(config, schema.name), 'table', { includeSoftDeleted }] as const,
    queryFn: async ({ pageParam }) => loadTablePage(await getAwsApi(config), schema.name, pageParam, includeSoftDeleted),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextToken,
    staleTime: 0,
  });
  const loaded = useMemo(() => pages.data?.pages.flatMap((page) => page.rows) ?? [], [pages.data]);
  const shown = useMemo(() => filterByPrefix(loaded, prefix), [loaded, prefix]);
  const shownIds = shown.map((row) => row.recordId);
  const selectedShown = shownIds.filter((id) => selected.has(id));
  const allShownSelected = shown.length > 0 && selectedShown.length === shown.length;

  const toggle = (recordId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(recordId);
    else next.delete(recordId);
    setSelected(next);
  };

  return (
    <>
      <section className="panel" aria-labelledby="table-controls-title">
        <h2 id="table-controls-title" className="visually-hidden">
          Table settings
        </h2>
        <div className="field-row field-row--wrap" style={{ gap: 'var(--space-3)', alignItems: 'center' }}>
          <div>
            <label className="field__label" htmlFor={prefixId} style={{ display: 'block' }}>
              Filter loaded rows by {schema.recordIdentifierName} prefix
            </label>
            <input id={prefixId} type="search" className="mono" value={prefix} onChange={(event) => setPrefix(event.target.value)} style={{ width: '14rem' }} />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={includeSoftDeleted}
              onChange={(event) => {
                setIncludeSoftDeleted(event.target.checked);
                setSelected(new Set());
              }}
            />{' '}
            Include soft-deleted records
          </label>
          <ColumnChooser schema={schema} columns={columns} onChange={setColumns} />
        </div>
        <ExportControls schema={schema} shown={shown} columns={columns} includeSoftDeleted={includeSoftDeleted} />
      </section>

      {pages.isError && <ProblemPanel problem={describeAwsError(pages.error, { operation: 'ListRecords', featureGroup: schema.name })} />}
      <section className="panel" aria-labelledby="records-table-title">
        <div className="section-head">
          <h2 id="records-table-title">Records</h2>
          <div className="field-row">
            <span className="muted" role="status" data-testid="table-count">
              {shown.length.toLocaleString('en-US')} shown of {loaded.length.toLocaleString('en-US')} loaded
              {pages.hasNextPage ? ', more in the group' : pages.isSuccess ? ', the whole group' : ''}
              {selected.size > 0 ? ` · ${selected.size} selected` : ''}
            </span>
            <button type="button" className="button button--danger" disabled={selected.size === 0} onClick={() => setDeleting([...selected])}>
              Delete selected ({selected.size})
            </button>
          </div>
        </div>
        {pages.isPending ? (
          <p className="muted" aria-busy="true">
            Reading records…
          </p>
        ) : shown.length === 0 ? (
          <p className="muted">{loaded.length === 0 ? 'No records in this group.' : `No loaded record's identifier starts with "${prefix}".`}</p>
        ) : (
          <div className="table-scroll" style={{ overflowX: 'auto' }}>
            <table className="table" aria-labelledby="records-table-title" data-testid="records-table">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select every shown row"
                      checked={allShownSelected}
                      onChange={(event) => {
                        const next = new Set(selected);
                        for (const id of shownIds)
                          if (event.target.checked) next.add(id);
                          else next.delete(id);
                        setSelected(next);
                      }}
                    />
                  </th>
                  {columns.map((column) => (
                    <th scope="col" key={columnKey(column)}>
                      <code>{columnHeader(schema, column)}</code>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.recordId} className={row.softDeleted ? 'row--soft-deleted' : undefined} data-soft-deleted={row.softDeleted || undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.recordId}`}
                        checked={selected.has(row.recordId)}
                        onChange={(event) => toggle(row.recordId, event.target.checked)}
                      />
                    </td>
                    {columns.map((column) => (
                      <td key={columnKey(column)} className="value">
                        {column === schema.recordIdentifierName ? (
                          <>
                            {row.softDeleted ? row.recordId : <Link href={recordPath(schema.name, row.recordId)}>{row.recordId}</Link>}
                            {row.softDeleted && <span className="badge badge--changed"> soft-deleted</span>}
                            {row.error && <span className="field__error"> {row.error}</span>}
                          </>
                        ) : row.softDeleted && typeof column === 'string' ? (
                          <span className="muted">—</span>
                        ) : (
                          cellText(schema, row, column)
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages.hasNextPage && (
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
        onDeleted={(deleted) => {
          const next = new Set(selected);
          for (const id of deleted) next.delete(id);
          setSelected(next);
        }}
      />
    </>
  );
}

function ColumnChooser({ schema, columns, onChange }: { schema: FeatureGroupSchema; columns: Column[]; onChange: (next: Column[]) => void }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const chosen = new Set(columns.map(columnKey));
  const options: Column[] = [
    schema.eventTimeName,
    EXPIRES_AT,
    SOFT_DELETED,
    ...schema.features.filter((spec) => spec.role === 'feature').map((spec) => spec.name),
  ];
  const query = filter.trim().toLowerCase();
  const visibleOptions = query ? options.filter((column) => columnHeader(schema, column).toLowerCase().includes(query)) : options;
  const order = (list: Column[]) => [schema.recordIdentifierName, ...options.filter((column) => list.some((other) => columnKey(other) === columnKey(column)))];
  return (
    <details className="column-chooser" style={{ position: 'relative' }} onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary className="button">Columns ({columns.length})</summary>
      {open && (
        // Opens over the page like a menu, so the controls beside it do not move.
        <fieldset
          style={{
            position: 'absolute',
            zIndex: 2,
            minWidth: '16rem',
            maxHeight: '18rem',
            overflowY: 'auto',
            background: 'var(--surface)',
            boxShadow: '0 4px 16px rgb(0 0 0 / 0.2)',
          }}
        >
          <legend>Columns to show and export</legend>
          <p className="field__hint">{schema.recordIdentifierName} is always shown.</p>
          {options.length > 12 && (
            <>
              <label htmlFor={filterId} className="visually-hidden">
                Filter columns
              </label>
              <input id={filterId} type="search" placeholder="Filter columns…" value={filter} onChange={(event) => setFilter(event.target.value)} />
            </>
          )}
          {visibleOptions.slice(0, 500).map((column) => (
            <label className="check" key={columnKey(column)} style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={chosen.has(columnKey(column))}
                onChange={(event) =>
                  onChange(
                    order(event.target.checked ? [...columns, column] : columns.filter((other) => columnKey(other) !== columnKey(column))).filter(
                      (c, i, all) => all.findIndex((o) => columnKey(o) === columnKey(c)) === i,
                    ),
                  )
                }
              />{' '}
              <code>{columnHeader(schema, column)}</code>
            </label>
          ))}
          {visibleOptions.length > 500 && <p className="muted">{visibleOptions.length - 500} more: filter by name to find them.</p>}
        </fieldset>
      )}
    </details>
  );
}

type ExportChoice = 'csv' | 'csv-excel-safe' | 'jsonl';

function ExportControls({
  schema,
  shown,
  columns,
  includeSoftDeleted,
}: {
  schema: FeatureGroupSchema;
  shown: Parameters<typeof rowsToCsv>[1];
  columns: Column[];
  includeSoftDeleted: boolean;
}) {
  const config = useRuntimeConfig();
  const [choice, setChoice] = useState<ExportChoice>('csv');
  const format: ExportFormat = choice === 'jsonl' ? 'jsonl' : 'csv';
  const csvStyle: CsvStyle = choice === 'csv-excel-safe' ? 'excel-safe' : 'exact';
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'cancelled'; records: number } | { kind: 'failed'; error: unknown } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const running = progress !== null;
  const fileName = (scope: 'shown' | 'group') => csvFileName(exportFileName(schema.name, scope, format), format === 'csv' ? csvStyle : 'exact');

  const exportShown = () => {
    const text = format === 'csv' ? rowsToCsv(schema, shown, columns, true, csvStyle) : rowsToJsonLines(schema, shown, columns);
    downloadBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }), fileName('shown'));
    setOutcome({ kind: 'done', records: shown.length });
  };

  const exportGroup = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setOutcome(null);
    setProgress({ records: 0, pages: 0 });
    try {
      const { blob, records } = await exportWholeGroup(await getAwsApi(config), schema, {
        format,
        csvStyle,
        includeSoftDeleted,
        signal: controller.signal,
        onProgress: setProgress,
      });
      downloadBlob(blob, fileName('group'));
      setOutcome({ kind: 'done', records });
    } catch (error) {
      setOutcome(controller.signal.aborted ? { kind: 'cancelled', records: 0 } : { kind: 'failed', error });
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  return (
    <fieldset style={{ marginTop: 'var(--space-3)' }}>
      <legend>Export</legend>
      <div className="field-row field-row--wrap">
        <span role="radiogroup" aria-label="Export format">
          <label className="check">
            <input type="radio" name="export-format" checked={choice === 'csv'} onChange={() => setChoice('csv')} /> CSV
          </label>{' '}
          <label className="check">
            <input type="radio" name="export-format" checked={choice === 'csv-excel-safe'} onChange={() => setChoice('csv-excel-safe')} /> CSV, Excel-safe
          </label>{' '}
          <label className="check">
            <input type="radio" name="export-format" checked={choice === 'jsonl'} onChange={() => setChoice('jsonl')} /> JSON Lines
          </label>
        </span>
        <button type="button" className="button" onClick={exportShown} disabled={running || shown.length === 0}>
          Export shown rows ({shown.length})
        </button>
        <button type="button" className="button" onClick={() => void exportGroup()} disabled={running}>
          Export whole group
        </button>
        {running && (
          <button type="button" className="button" onClick={() => abort.current?.abort()}>
            Cancel export
          </button>
        )}
      </div>
      <p className="field__hint">
        Shown rows: the columns chosen above, rows matching the filter. Whole group: every feature of every record, read page by page
        {includeSoftDeleted ? ' (soft-deleted records included, marked in SoftDeleted)' : ''}. CSV writes every value exactly as stored and leaves an absent
        feature empty; JSON Lines leaves it out. Lists are JSON arrays. CSV, Excel-safe is for opening in a spreadsheet: a cell starting with =, +, -, @, a tab
        or a carriage return gets a leading &apos; so it is not run as a formula (so &quot;-5&quot; is written &quot;&apos;-5&quot;), and the file name ends in
        -excel-safe.
      </p>
      <div role="status" aria-live="polite">
        {running && (
          <p>
            <progress aria-label="Export progress" /> {progress.records.toLocaleString('en-US')} records read ({progress.pages} pages)…
          </p>
        )}
        {outcome?.kind === 'done' && <p data-testid="export-outcome">Exported {outcome.records.toLocaleString('en-US')} records.</p>}
        {outcome?.kind === 'cancelled' && <p>Export cancelled: nothing was downloaded.</p>}
      </div>
      {outcome?.kind === 'failed' && (
        <ProblemPanel
          problem={{
            ...describeAwsError(outcome.error, { operation: 'ListRecords', featureGroup: schema.name }),
            title: `Export stopped, nothing was downloaded: ${describeAwsError(outcome.error, { operation: 'ListRecords', featureGroup: schema.name }).title}`,
          }}
        />
      )}
    </fieldset>
  );
}
