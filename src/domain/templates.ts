/**
 * Record templates: named starting points for the record form of one feature group,
 * holding values as typed (generator expressions included, expanded at write time),
 * target stores and TTL. Stored per group; exported, imported and shared as JSON.
 *
 * Values are kept by feature name (like drafts), so a template still applies after the
 * group's schema gains or loses features; features it names that the group lacks are
 * reported when it is applied, never silently dropped.
 */
import * as z from 'zod/mini';
import { formatEventTime } from './eventTime';
import { hasGeneratorSyntax } from './generators';
import {
  draftToFeatures,
  emptyFeatureValue,
  featuresToDraft,
  formValuesToRecord,
  type DraftFeatures,
  type FeatureFormValue,
  type FeatureValueLike,
  type RecordFormValues,
} from './recordForm';
import type { FeatureGroupSchema } from './schema';
import { TTL_UNITS } from './ttl';

export const TEMPLATE_FORMAT = 'featurestore-console/record-templates';
export const TEMPLATE_VERSION = 1;
export const MAX_TEMPLATE_NAME_LENGTH = 100;
/** Import limits: a file larger than this is refused before parsing. */
export const MAX_TEMPLATE_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_TEMPLATES_PER_FILE = 1000;

export interface RecordTemplate {
  group: string;
  name: string;
  features: DraftFeatures;
  targetStores: RecordFormValues['targetStores'];
  ttl: RecordFormValues['ttl'];
  savedAt: string;
}

const featureValueSchema = z.object({
  text: z.string(),
  empty: z.boolean(),
  items: z.array(z.object({ value: z.string() })),
});

export const recordTemplateSchema = z.object({
  group: z.string().check(z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.minLength(1), z.maxLength(MAX_TEMPLATE_NAME_LENGTH)),
  features: z.record(z.string().check(z.maxLength(64)), featureValueSchema),
  targetStores: z.object({ online: z.boolean(), offline: z.boolean() }),
  ttl: z.object({ mode: z.enum(['default', 'none', 'custom']), value: z.string().check(z.maxLength(32)), unit: z.enum(TTL_UNITS) }),
  savedAt: z.string().check(z.maxLength(40)),
});

export const templateFileSchema = z.object({
  format: z.literal(TEMPLATE_FORMAT),
  version: z.literal(TEMPLATE_VERSION),
  templates: z.array(recordTemplateSchema).check(z.maxLength(MAX_TEMPLATES_PER_FILE)),
});

export type TemplateFile = z.infer<typeof templateFileSchema>;

export function templateNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Give the template a name.';
  if (name.length > MAX_TEMPLATE_NAME_LENGTH) return `At most ${MAX_TEMPLATE_NAME_LENGTH} characters.`;
  return undefined;
}

export function templateFromForm(schema: FeatureGroupSchema, name: string, values: RecordFormValues, now = new Date()): RecordTemplate {
  return {
    group: schema.name,
    name: name.trim(),
    features: featuresToDraft(schema, values.features),
    targetStores: { ...values.targetStores },
    ttl: { ...values.ttl },
    savedAt: now.toISOString(),
  };
}

export interface AppliedTemplate {
  values: RecordFormValues;
  /** Features the template names that this group does not have. */
  unknownFeatures: string[];
}

export function applyTemplate(schema: FeatureGroupSchema, template: RecordTemplate): AppliedTemplate {
  const known = new Set(schema.features.map((spec) => spec.name));
  return {
    values: {
      features: draftToFeatures(schema, template.features),
      targetStores: {
        online: schema.onlineStore ? template.targetStores.online : false,
        offline: schema.offlineStore ? template.targetStores.offline : false,
      },
      ttl: { ...template.ttl },
    },
    unknownFeatures: Object.keys(template.features).filter((name) => !known.has(name)),
  };
}

export function templatesToJson(templates: readonly RecordTemplate[]): string {
  const file: TemplateFile = { format: TEMPLATE_FORMAT, version: TEMPLATE_VERSION, templates: [...templates] };
  return JSON.stringify(file, null, 2);
}

export type TemplateImport = { ok: true; templates: RecordTemplate[] } | { ok: false; message: string };

/**
 * Reads an exported or copied file: the whole file, or one template object on its own
 * (what "Copy" puts on the clipboard is a whole file holding one template). Validated
 * with zod; the first problem is named with its path.
 */
export function parseTemplatesJson(text: string): TemplateImport {
  if (text.length > MAX_TEMPLATE_FILE_BYTES)
    return { ok: false, message: `Too large: templates files are at most ${MAX_TEMPLATE_FILE_BYTES / 1024 / 1024} MB.` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not JSON: ${(error as Error).message}` };
  }
  const parsed = templateFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, message: `Not a templates file${where}: ${issue?.message ?? 'invalid'}.` };
  }
  return { ok: true, templates: parsed.data.templates };
}

/**
 * "Duplicate" and "write another": a new record from this one's values, with the
 * identifier cleared (a new record needs a new one) and the event time "now" (only a newer
 * event time reaches the online store). Decision: a generator expression in either field
 * is kept, since it already yields a new identifier (`{{uuid}}`, `C-{{seq}}`) or the time
 * of the write (`{{now}}`).
 */
export function nextRecordFeatures(schema: FeatureGroupSchema, features: readonly FeatureFormValue[], now: Date): FeatureFormValue[] {
  return schema.features.map((spec, index) => {
    const value = features[index] ?? emptyFeatureValue();
    if (spec.role === 'identifier') return hasGeneratorSyntax(value.text) ? value : emptyFeatureValue();
    if (spec.role === 'eventTime') return hasGeneratorSyntax(value.text) ? value : { ...emptyFeatureValue(), text: formatEventTime(schema.eventTimeType, now) };
    return value;
  });
}

/**
 * A template as a Record, generators left in place: what "Generate N test records" (bulk
 * import) expands once per record with expandRecordValues and generatorContext({ seed, index }).
 */
export function templateRecord(schema: FeatureGroupSchema, template: RecordTemplate): FeatureValueLike[] {
  return formValuesToRecord(schema, applyTemplate(schema, template).values);
}
