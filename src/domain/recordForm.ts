/**
 * The record form's values and their mapping to and from a Feature Store Record.
 * Fields are indexed by the schema's feature order (feature names such as "123"
 * would otherwise read as array indexes in form paths).
 */
import type { FeatureGroupSchema, FeatureSpec } from './schema';
import type { TtlUnit } from './ttl';

export interface ListItemValue {
  value: string;
}

export interface FeatureFormValue {
  /** Scalars: the text exactly as typed; never trimmed or re-formatted. */
  text: string;
  /** String scalars: send "" explicitly (distinct from leaving the feature out). */
  empty: boolean;
  /** Collections: one entry per element. */
  items: ListItemValue[];
}

export type TtlMode = 'default' | 'none' | 'custom';

export interface RecordFormValues {
  features: FeatureFormValue[];
  targetStores: { online: boolean; offline: boolean };
  ttl: { mode: TtlMode; value: string; unit: TtlUnit };
}

export interface FeatureValueLike {
  FeatureName: string;
  ValueAsString?: string;
  ValueAsStringList?: string[];
}

export function emptyFeatureValue(): FeatureFormValue {
  return { text: '', empty: false, items: [] };
}

export function defaultTtlMode(schema: FeatureGroupSchema): TtlMode {
  return schema.onlineStore?.defaultTtl ? 'default' : 'none';
}

export function emptyFormValues(schema: FeatureGroupSchema): RecordFormValues {
  return {
    features: schema.features.map(emptyFeatureValue),
    targetStores: { online: schema.onlineStore !== undefined, offline: schema.offlineStore },
    ttl: { mode: defaultTtlMode(schema), value: '', unit: 'Days' },
  };
}

/** Whether the field holds a value that will be sent. */
export function hasValue(spec: FeatureSpec, value: FeatureFormValue): boolean {
  if (spec.collection) return value.items.length > 0;
  return value.text !== '' || (spec.type === 'String' && value.empty);
}

/** One FeatureValue for a field, or undefined when the optional field is left out. */
export function toFeatureValue(spec: FeatureSpec, value: FeatureFormValue): FeatureValueLike | undefined {
  if (!hasValue(spec, value)) return undefined;
  if (spec.collection) return { FeatureName: spec.name, ValueAsStringList: value.items.map((item) => item.value) };
  return { FeatureName: spec.name, ValueAsString: value.empty && spec.type === 'String' ? '' : value.text };
}

/** The Record to send: every field with a value, in the schema's order. */
export function formValuesToRecord(schema: FeatureGroupSchema, values: RecordFormValues): FeatureValueLike[] {
  const record: FeatureValueLike[] = [];
  schema.features.forEach((spec, index) => {
    const value = toFeatureValue(spec, values.features[index] ?? emptyFeatureValue());
    if (value) record.push(value);
  });
  return record;
}

export function featureValueToFormValue(spec: FeatureSpec, value: FeatureValueLike | undefined): FeatureFormValue {
  if (!value) return emptyFeatureValue();
  if (spec.collection) return { text: '', empty: false, items: (value.ValueAsStringList ?? []).map((item) => ({ value: item })) };
  const text = value.ValueAsString ?? '';
  return { text, empty: text === '' && spec.type === 'String', items: [] };
}

/** Form values for a stored Record (the editor's starting point). Unknown features are ignored. */
export function recordToFeatureFormValues(schema: FeatureGroupSchema, record: readonly FeatureValueLike[]): FeatureFormValue[] {
  const byName = new Map(record.map((value) => [value.FeatureName, value]));
  return schema.features.map((spec) => featureValueToFormValue(spec, byName.get(spec.name)));
}

/** Drafts are stored by feature name, so a schema change keeps what still fits. */
export type DraftFeatures = Record<string, FeatureFormValue>;

export function featuresToDraft(schema: FeatureGroupSchema, features: readonly FeatureFormValue[]): DraftFeatures {
  const draft: DraftFeatures = {};
  schema.features.forEach((spec, index) => {
    const value = features[index];
    if (value && (value.text !== '' || value.empty || value.items.length > 0)) draft[spec.name] = value;
  });
  return draft;
}

export function draftToFeatures(schema: FeatureGroupSchema, draft: DraftFeatures): FeatureFormValue[] {
  return schema.features.map((spec) => {
    const saved = draft[spec.name];
    if (!saved) return emptyFeatureValue();
    return {
      text: typeof saved.text === 'string' ? saved.text : '',
      empty: saved.empty === true,
      items: Array.isArray(saved.items) ? saved.items.filter((item) => typeof item?.value === 'string') : [],
    };
  });
}
