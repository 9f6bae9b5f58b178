import { Link } from 'wouter';
import type { FeatureGroupSchema } from '../../domain/schema';
import { recordPath } from '../../ui/paths';
import { cellText, columnHeader, columnKey, type Column, type TableRow } from './tableRows';

interface Props {
  schema: FeatureGroupSchema;
  rows: readonly TableRow[];
  columns: readonly Column[];
  selected: ReadonlySet<string>;
  onSelect: (next: ReadonlySet<string>) => void;
  /** Event times this page's soft deletes sent, by identifier. */
  keptEventTimes: ReadonlyMap<string, string>;
}

/**
 * The table of records. A soft-deleted row keeps its identifier and event time online,
 * but GetRecord and BatchGetRecord do not return it (ListRecords lists only the
 * identifier), so its event time shows what this page's delete sent when there was one,
 * else says that AWS does not return it; its other features are blank ("—").
 */
export function RecordRows({ schema, rows, columns, selected, onSelect, keptEventTimes }: Props) {
  const ids = rows.map((row) => row.recordId);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));
  const toggle = (recordIds: readonly string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of recordIds)
      if (on) next.add(id);
      else next.delete(id);
    onSelect(next);
  };
  return (
    <div className="table-scroll" style={{ overflowX: 'auto' }}>
      <table className="table" aria-labelledby="records-table-title" data-testid="records-table">
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label="Select every shown row" checked={allSelected} onChange={(event) => toggle(ids, event.target.checked)} />
            </th>
            {columns.map((column) => (
              <th scope="col" key={columnKey(column)}>
                <code>{columnHeader(schema, column)}</code>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.recordId} className={row.softDeleted ? 'row--soft-deleted' : undefined} data-soft-deleted={row.softDeleted || undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${row.recordId}`}
                  checked={selected.has(row.recordId)}
                  onChange={(event) => toggle([row.recordId], event.target.checked)}
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
                  ) : row.softDeleted && column === schema.eventTimeName ? (
                    <SoftDeletedEventTime eventTime={keptEventTimes.get(row.recordId)} />
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
      {rows.some((row) => row.softDeleted) && (
        <p className="field__hint" data-testid="soft-deleted-note">
          Soft-deleted records keep their identifier and the delete&apos;s event time online, but GetRecord and BatchGetRecord do not return them (ListRecords
          lists the identifier only): their event time is shown only when the soft delete was made on this page, and their other features are blank.
        </p>
      )}
    </div>
  );
}

function SoftDeletedEventTime({ eventTime }: { eventTime: string | undefined }) {
  return eventTime !== undefined ? (
    <>
      {eventTime} <span className="muted">(sent by the soft delete on this page)</span>
    </>
  ) : (
    <span className="muted" data-testid="kept-event-time">
      kept, not returned
    </span>
  );
}
