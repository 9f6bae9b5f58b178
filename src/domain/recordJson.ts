/**
 * The JSON view of a Record: the `Record` array exactly as PutRecord sends it. Values
 * are strings on the wire, so the round trip is lossless (an Integral above 2^53 stays
 * the same digits).
 */
import { recordToFeatureFormValues, type FeatureFormValue, type FeatureValueLike } from './recordForm';
import type { FeatureGroupSchema } from './schema';

export function recordToJsonText(record: readonly FeatureValueLike[]): string {
  return JSON.stringify(record, null, 2);
}

export type RecordJsonParse = { ok: true; features: FeatureFormValue[] } | { ok: false; message: string };

export function parseRecordJson(schema: FeatureGroupSchema, text: string): RecordJsonParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(parsed)) return { ok: false, message: 'The Record is a JSON array of {"FeatureName": ..., "ValueAsString": ...} objects.' };
  const specs = new Map(schema.features.map((spec) => [spec.name, spec]));
  const seen = new Set<string>();
  const record: FeatureValueLike[] = [];
  for (const [index, entry] of (parsed as unknown[]).entries()) {
    const position = `Entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ok: false, message: `${position} must be an object with FeatureName.` };
    const { FeatureName: name, ValueAsString: scalar, ValueAsStringList: list, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0)
      return { ok: false, message: `${position} has unknown keys: ${extra.join(', ')}. Use FeatureName with ValueAsString or ValueAsStringList.` };
    if (typeof name !== 'string') return { ok: false, message: `${position} needs a FeatureName string.` };
    const spec = specs.get(name);
    if (!spec) return { ok: false, message: `${position}: feature "${name}" is not in feature group ${schema.name}.` };
    if (seen.has(name)) return { ok: false, message: `${position}: feature "${name}" appears twice.` };
    seen.add(name);
    if (spec.collection) {
      if (scalar !== undefined || !Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
        return { ok: false, message: `${position}: "${name}" is a ${spec.collection}; give ValueAsStringList, a list of strings (numbers in quotes).` };
      }
      record.push({ FeatureName: name, ValueAsStringList: list as string[] });
    } else {
      if (list !== undefined || typeof scalar !== 'string') {
        return { ok: false, message: `${position}: "${name}" is a scalar; give ValueAsString as a string (numbers in quotes, so none are rounded).` };
      }
      record.push({ FeatureName: name, ValueAsString: scalar });
    }
  }
  return { ok: true, features: recordToFeatureFormValues(schema, record) };
}
