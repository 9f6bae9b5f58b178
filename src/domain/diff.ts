/** Stored vs new, per feature: what an edit changes. */
import type { FeatureValueLike } from './recordForm';
import type { FeatureGroupSchema } from './schema';

export type ChangeKind = 'changed' | 'added' | 'removed';

export interface FeatureChange {
  name: string;
  kind: ChangeKind;
  before?: FeatureValueLike;
  after?: FeatureValueLike;
}

function sameFeatureValue(a: FeatureValueLike, b: FeatureValueLike): boolean {
  if (a.ValueAsStringList || b.ValueAsStringList) {
    const left = a.ValueAsStringList ?? [];
    const right = b.ValueAsStringList ?? [];
    return left.length === right.length && left.every((item, index) => item === right[index]);
  }
  return a.ValueAsString === b.ValueAsString;
}

/** Changes in the schema's feature order; unchanged features are left out. */
export function diffRecords(schema: FeatureGroupSchema, stored: readonly FeatureValueLike[], next: readonly FeatureValueLike[]): FeatureChange[] {
  const before = new Map(stored.map((value) => [value.FeatureName, value]));
  const after = new Map(next.map((value) => [value.FeatureName, value]));
  const changes: FeatureChange[] = [];
  for (const spec of schema.features) {
    const a = before.get(spec.name);
    const b = after.get(spec.name);
    if (a && b) {
      if (!sameFeatureValue(a, b)) changes.push({ name: spec.name, kind: 'changed', before: a, after: b });
    } else if (b) changes.push({ name: spec.name, kind: 'added', after: b });
    else if (a) changes.push({ name: spec.name, kind: 'removed', before: a });
  }
  return changes;
}

/** A value as one line of text for tables and diffs: lists as JSON, absent as an em dash. */
export function formatFeatureValue(value: FeatureValueLike | undefined): string {
  if (!value) return '—';
  if (value.ValueAsStringList) return JSON.stringify(value.ValueAsStringList);
  return value.ValueAsString === '' ? '"" (empty string)' : (value.ValueAsString ?? '—');
}
