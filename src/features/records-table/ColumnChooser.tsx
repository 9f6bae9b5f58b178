import { useId, useState } from 'react';
import type { FeatureGroupSchema } from '../../domain/schema';
import { EXPIRES_AT, SOFT_DELETED, columnHeader, columnKey, type Column } from './tableRows';

/** Which columns the table shows and the shown-rows export writes. */
export function ColumnChooser({ schema, columns, onChange }: { schema: FeatureGroupSchema; columns: Column[]; onChange: (next: Column[]) => void }) {
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
