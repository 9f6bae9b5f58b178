import { decimalCommaToPoint, hasDecimalComma, type ImportMapping } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { shortText } from '../../domain/shortText';
import type { SourcePreview } from './sourceRows';

/** Columns feeding a Fractional feature whose preview cells have decimal commas (`0,5`). */
export function decimalCommaCandidates(schema: FeatureGroupSchema, mapping: ImportMapping, preview: SourcePreview): { column: number; examples: string[] }[] {
  const found = new Map<number, string[]>();
  schema.features.forEach((spec, index) => {
    const source = mapping[index];
    if (spec.type !== 'Fractional' || spec.collection || source?.kind !== 'column' || found.has(source.column)) return;
    const examples = preview.rows.flatMap((row) => {
      const cell = row.cells[source.column];
      return typeof cell === 'string' && hasDecimalComma(cell) ? [cell] : [];
    });
    if (examples.length > 0) found.set(source.column, examples.slice(0, 3));
  });
  return [...found].map(([column, examples]) => ({ column, examples }));
}

/**
 * Decimal commas, converted only where the user turns it on, per column, with what the
 * preview's values become; off, such a value is refused with the reason.
 */
export function DecimalCommaChoices({
  schema,
  mapping,
  preview,
  chosen,
  onChange,
}: {
  schema: FeatureGroupSchema;
  mapping: ImportMapping;
  preview: SourcePreview;
  chosen: readonly number[];
  onChange: (columns: number[]) => void;
}) {
  const candidates = decimalCommaCandidates(schema, mapping, preview);
  if (candidates.length === 0) return null;
  return (
    <fieldset className="panel panel--warn" data-testid="decimal-commas">
      <legend>Decimal commas</legend>
      <p>These columns feed Fractional features and are written with a decimal comma. Turn on the conversion for each one that is.</p>
      {candidates.map(({ column, examples }) => (
        <label className="check" key={column}>
          <input
            type="checkbox"
            checked={chosen.includes(column)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, column] : chosen.filter((candidate) => candidate !== column))}
          />{' '}
          Column “{shortText(preview.columns[column] ?? '', 60)}”: read{' '}
          {examples.map((example) => `${shortText(example, 40)} as ${shortText(decimalCommaToPoint(example), 40)}`).join(', ')}
        </label>
      ))}
    </fieldset>
  );
}
