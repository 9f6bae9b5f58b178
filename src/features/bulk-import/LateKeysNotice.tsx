import { automaticMapping, type ImportMapping } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import { shortText } from '../../domain/shortText';

/** Late keys that automatic mapping would give a feature that has no source yet: writing now would drop them. */
export function droppedFeatures(
  schema: FeatureGroupSchema,
  mapping: ImportMapping,
  columns: readonly string[],
  lateKeys: readonly { key: string }[],
): string[] {
  const all = [...columns, ...lateKeys.map((item) => item.key)];
  const automatic = automaticMapping(schema, all);
  return schema.features.flatMap((spec, index) => {
    const candidate = automatic[index];
    return mapping[index]?.kind === 'none' && candidate?.kind === 'column' && candidate.column >= columns.length ? [spec.name] : [];
  });
}

/**
 * JSON Lines keys the preview did not see (they first appear after its sample), found by the
 * dry run: named with their first line, addable to the mapping. The write waits while one of
 * them would feed a feature that has no source.
 */
export function LateKeysNotice({
  schema,
  mapping,
  columns,
  lateKeys,
  onAdd,
}: {
  schema: FeatureGroupSchema;
  mapping: ImportMapping;
  columns: readonly string[];
  lateKeys: readonly { key: string; line: number }[];
  onAdd: () => void;
}) {
  if (lateKeys.length === 0) return null;
  const dropped = droppedFeatures(schema, mapping, columns, lateKeys);
  return (
    <div className="panel panel--warn" role="alert" data-testid="late-keys">
      <h4>Keys the preview did not see</h4>
      <p>
        The columns came from the first lines; these keys appear later and are not in the mapping:{' '}
        {lateKeys.map((item) => `“${shortText(item.key, 60)}” (first on line ${item.line.toLocaleString('en-US')})`).join(', ')}.
      </p>
      {dropped.length > 0 && <p>{dropped.join(', ')} would be left out of every record. Add the keys to the mapping and check again before writing.</p>}
      <div className="actions">
        <button type="button" className="button" onClick={onAdd}>
          Add these keys to the mapping
        </button>
      </div>
    </div>
  );
}
