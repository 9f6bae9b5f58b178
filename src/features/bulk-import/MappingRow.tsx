import { GENERATOR_HELP } from '../../domain/generators';
import { cellText, type FeatureSource } from '../../domain/importMapping';
import { shortText } from '../../domain/shortText';
import { describeFeatureKind, type FeatureGroupSchema } from '../../domain/schema';
import { useId } from 'react';

/** One feature's source: not imported, a fixed value or generator, or a column of the file. */
export function MappingRow({
  spec,
  source,
  columns,
  firstRow,
  onChange,
}: {
  spec: FeatureGroupSchema['features'][number];
  source: FeatureSource;
  columns: string[];
  firstRow: readonly (string | string[] | null | { invalid: string })[] | undefined;
  onChange: (next: FeatureSource) => void;
}) {
  const selectId = useId();
  const valueId = useId();
  const selected = source.kind === 'column' ? `column:${source.column}` : source.kind;
  const sample = source.kind === 'column' ? firstRow?.[source.column] : undefined;
  return (
    <tr>
      <th scope="row">
        <label htmlFor={selectId}>{spec.name}</label>
        {spec.role !== 'feature' && <span className="badge badge--required">{spec.role === 'identifier' ? 'identifier' : 'event time'}</span>}
      </th>
      <td>{describeFeatureKind(spec)}</td>
      <td>
        <select
          id={selectId}
          value={selected}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'none') onChange({ kind: 'none' });
            else if (value === 'value') onChange({ kind: 'value', text: spec.role === 'eventTime' ? '{{now}}' : '' });
            else onChange({ kind: 'column', column: Number(value.slice('column:'.length)) });
          }}
        >
          <option value="none">Not imported</option>
          <option value="value">A fixed value or generator</option>
          {columns.map((column, index) => (
            <option key={`${index}-${column}`} value={`column:${index}`}>
              Column “{shortText(column, 60)}”
            </option>
          ))}
        </select>
        {source.kind === 'value' && (
          <>
            <label className="visually-hidden" htmlFor={valueId}>
              Value for {spec.name}
            </label>
            <input
              id={valueId}
              value={source.text}
              placeholder="{{uuid}}"
              title={GENERATOR_HELP}
              onChange={(event) => onChange({ kind: 'value', text: event.target.value })}
            />
          </>
        )}
      </td>
      <td className="value">
        {sample === undefined || sample === null ? '' : typeof sample === 'object' && !Array.isArray(sample) ? sample.invalid : shortText(cellText(sample))}
      </td>
    </tr>
  );
}
