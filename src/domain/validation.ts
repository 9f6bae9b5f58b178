/**
 * The record form's zod schema, built from the feature definitions. Every rule comes
 * from values.ts and eventTime.ts, the same code the local Feature Store validates
 * with, so the console never sends what the service would reject for a value rule.
 * Messages say what is wrong and how to fix it.
 */
import * as z from 'zod/mini';
import { parseEventTime } from './eventTime';
import { recordIdentifierError } from './recordRules';
import type { FeatureFormValue, RecordFormValues } from './recordForm';
import type { FeatureGroupSchema, FeatureSpec } from './schema';
import { TTL_UNITS, ttlDurationError } from './ttl';
import { duplicateSetElementIndexes, scalarValueError, setElementKey } from './values';

export interface FieldIssue {
  /** Path below the feature's form value: ['text'] or ['items', 3, 'value'] or ['items']. */
  path: (string | number)[];
  message: string;
}

/** The problems of one feature's value; empty when valid. */
export function featureIssues(spec: FeatureSpec, value: FeatureFormValue): FieldIssue[] {
  if (spec.collection) return collectionIssues(spec, value);
  const required = spec.role !== 'feature';
  if (value.text === '' && !(spec.type === 'String' && value.empty)) {
    if (!required) return [];
    return [
      {
        path: ['text'],
        message:
          spec.role === 'identifier'
            ? 'Required: the record identifier names the record.'
            : 'Required: every record needs an event time; use "Now" for the current time.',
      },
    ];
  }
  if (spec.role === 'eventTime') {
    const parsed = parseEventTime(spec.type === 'Fractional' ? 'Fractional' : 'String', value.text);
    return parsed.ok ? [] : [{ path: ['text'], message: parsed.message }];
  }
  if (spec.role === 'identifier') {
    if (value.text === '' || value.empty) return [{ path: ['text'], message: 'The record identifier cannot be empty.' }];
    // B11: an identifier of only spaces looks empty everywhere it is shown; refuse it.
    if (value.text.trim() === '') return [{ path: ['text'], message: 'The record identifier cannot be only spaces.' }];
    const identifierError = recordIdentifierError(value.text);
    if (identifierError) return [{ path: ['text'], message: identifierError }];
  }
  if (value.empty && spec.type === 'String') return [];
  const error = scalarValueError(spec.type, value.text);
  return error ? [{ path: ['text'], message: error }] : [];
}

function collectionIssues(spec: FeatureSpec, value: FeatureFormValue): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const items = value.items.map((item) => item.value);
  items.forEach((item, index) => {
    const error = scalarValueError(spec.type, item);
    if (error) issues.push({ path: ['items', index, 'value'], message: error });
  });
  if (spec.collection === 'Set') {
    // B9: quote the earlier element this one repeats ("01" repeats "1"), not the element itself.
    const firstByKey = new Map<string, number>();
    items.forEach((item, index) => {
      const key = setElementKey(spec.type, item);
      if (!firstByKey.has(key)) firstByKey.set(key, index);
    });
    for (const index of duplicateSetElementIndexes(spec.type, items)) {
      const earlier = firstByKey.get(setElementKey(spec.type, items[index] ?? '')) ?? 0;
      const same =
        items[earlier] === items[index] ? `"${items[index] ?? ''}"` : `"${items[index] ?? ''}" is the same value as "${items[earlier] ?? ''}", which`;
      issues.push({
        path: ['items', index, 'value'],
        message: `Duplicate: a Set holds each value once (${same} appears earlier, as element ${earlier + 1}).`,
      });
    }
  }
  if (spec.collection === 'Vector' && items.length > 0 && items.length !== spec.dimension) {
    issues.push({ path: ['items'], message: `A Vector needs exactly ${spec.dimension ?? '?'} elements; it has ${items.length}.` });
  }
  return issues;
}

export interface WriteOptionIssue {
  path: string[];
  message: string;
}

export function writeOptionIssues(schema: FeatureGroupSchema, values: RecordFormValues): WriteOptionIssue[] {
  const issues: WriteOptionIssue[] = [];
  const { online, offline } = values.targetStores;
  if (!(online && schema.onlineStore) && !(offline && schema.offlineStore)) {
    // Filed under both checkboxes: the form re-validates the path that changed.
    for (const store of ['online', 'offline']) issues.push({ path: ['targetStores', store], message: 'Choose at least one store to write to.' });
  }
  if (values.ttl.mode === 'custom' && ttlApplies(schema, values)) {
    const value = Number(values.ttl.value);
    const error = /^\d+$/.test(values.ttl.value) ? ttlDurationError({ Unit: values.ttl.unit, Value: value }) : 'Enter a whole number of at least 1.';
    if (error) issues.push({ path: ['ttl', 'value'], message: error.replace(/^TtlDuration\.Value must be /, 'Enter ') });
  }
  return issues;
}

/** TTL applies only to writes that reach an online store. */
export function ttlApplies(schema: FeatureGroupSchema, values: RecordFormValues): boolean {
  return schema.onlineStore !== undefined && values.targetStores.online;
}

const featureValueShape = z.object({
  text: z.string(),
  empty: z.boolean(),
  items: z.array(z.object({ value: z.string() })),
});

/** The zod schema of the whole form for one feature group (zod/mini: the console's bundle stays small). */
export function buildRecordFormSchema(schema: FeatureGroupSchema) {
  return z
    .object({
      features: z.array(featureValueShape),
      targetStores: z.object({ online: z.boolean(), offline: z.boolean() }),
      ttl: z.object({ mode: z.enum(['default', 'none', 'custom']), value: z.string(), unit: z.enum(TTL_UNITS) }),
    })
    .check(
      z.superRefine((values, context) => {
        schema.features.forEach((spec, index) => {
          const value = values.features[index];
          if (!value) return;
          for (const issue of featureIssues(spec, value))
            context.addIssue({ code: 'custom', path: ['features', index, ...issue.path], message: issue.message });
        });
        for (const issue of writeOptionIssues(schema, values as RecordFormValues))
          context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }),
    );
}
