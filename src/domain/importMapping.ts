/**
 * Bulk import, from a source row to a Record: which column feeds which feature (matched by
 * name, fixable by the user), and the row's values checked with the same rules as the
 * record form (featureIssues) and the local Feature Store. The schema decides every type:
 * cells are text and stay exactly as written (`007` stays `007`; Integral is checked with
 * BigInt, never a JS number).
 *
 * Decisions:
 * - An empty cell leaves the feature out of the record (a CSV cell cannot tell "" from
 *   nothing); the identifier and event time are then reported missing.
 * - Cells from the file are data: a `{{` in a cell is written as is. Generators run only in
 *   values the user types into the mapping (a fixed value per feature, e.g. `{{now}}`).
 * - List, Set and Vector cells are a JSON array (`["a","b"]`, `[0.1, 0.2]`, numbers kept as
 *   written) or text split on a chosen separator; JSON Lines and Parquet arrays are lists as is.
 */
import * as z from 'zod/mini';
import { MAX_GENERATOR_TEXT_LENGTH, expandValue, parseTemplate, type GeneratorContext } from './generators';
import { isJsonNumber, parseJsonKeepingNumbers, type JsonValue } from './jsonKeepingNumbers';
import { MAX_FEATURES_PER_GROUP, MAX_LIST_ITEMS } from './limits';
import { featureValueBytes, recordSizeError } from './recordRules';
import { TTL_UNITS } from './ttl';
import type { FeatureFormValue, FeatureValueLike } from './recordForm';
import type { FeatureGroupSchema, FeatureSpec } from './schema';
import { featureIssues } from './validation';

/** A source cell as text: null when absent, a list for JSON Lines and Parquet arrays, `invalid` for what has no text form. */
export type SourceCell = string | string[] | null | { invalid: string };

export type FeatureSource = { kind: 'column'; column: number } | { kind: 'value'; text: string } | { kind: 'none' };

/** One source per feature, in the schema's feature order. */
export type ImportMapping = FeatureSource[];

export type ListFormat = { kind: 'json' } | { kind: 'separator'; separator: string };

export interface RowProblem {
  feature: string;
  message: string;
}

export type RowRecord = { ok: true; record: FeatureValueLike[] } | { ok: false; problems: RowProblem[] };

/** Lower case, letters and digits only: `Customer ID`, `customer_id` and `customerId` all match `customer_id`. */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Each feature's column: the column of exactly its name, else the one column whose
 * normalized name is the feature's (two candidates: none, the user chooses).
 */
export function automaticMapping(schema: FeatureGroupSchema, columns: readonly string[]): ImportMapping {
  const exact = new Map<string, number>();
  const loose = new Map<string, number[]>();
  columns.forEach((column, index) => {
    if (!exact.has(column)) exact.set(column, index);
    const key = normalizedName(column);
    loose.set(key, [...(loose.get(key) ?? []), index]);
  });
  return schema.features.map((spec): FeatureSource => {
    const column = exact.get(spec.name);
    if (column !== undefined) return { kind: 'column', column };
    const candidates = loose.get(normalizedName(spec.name)) ?? [];
    return candidates.length === 1 ? { kind: 'column', column: candidates[0] as number } : { kind: 'none' };
  });
}

/** What stops an import before any row is read: the identifier and event time need a source; fixed values must parse. */
export function mappingProblems(schema: FeatureGroupSchema, mapping: ImportMapping, columns: readonly string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  schema.features.forEach((spec, index) => {
    const source = mapping[index] ?? { kind: 'none' };
    if (source.kind === 'none' && spec.role !== 'feature') {
      problems.push({
        feature: spec.name,
        message: `Choose a column or a value for the ${spec.role === 'identifier' ? 'record identifier' : 'event time'}${spec.role === 'eventTime' ? ' (for example {{now}})' : ''}.`,
      });
    }
    if (source.kind === 'column' && (source.column < 0 || source.column >= columns.length))
      problems.push({ feature: spec.name, message: 'The chosen column is not in the file.' });
    if (source.kind === 'value') {
      const parsed = parseTemplate(source.text);
      if (!parsed.ok) problems.push({ feature: spec.name, message: parsed.message });
      else if (source.text === '' && spec.role !== 'feature') problems.push({ feature: spec.name, message: 'Enter a value.' });
    }
  });
  return problems;
}

function listFromJson(value: JsonValue): string[] | string {
  if (!Array.isArray(value)) return 'Write the list as a JSON array, such as ["a", "b"] or [0.5, 1.5].';
  const items: string[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item === 'string') items.push(item);
    else if (isJsonNumber(item)) items.push(item.number);
    else return `Element ${index + 1} of the JSON array is not a string or a number.`;
  }
  return items;
}

/** A collection cell's elements, or a message. */
export function parseListCell(text: string, format: ListFormat): string[] | string {
  if (format.kind === 'separator') return format.separator === '' ? [text] : text.split(format.separator);
  if (!text.trimStart().startsWith('[')) return 'Write the list as a JSON array, such as ["a", "b"] or [0.5, 1.5], or choose a separator.';
  const parsed = parseJsonKeepingNumbers(text);
  return parsed.ok ? listFromJson(parsed.value) : parsed.message;
}

/** A JSON Lines value as a cell: numbers as written, true/false as text, arrays of scalars as lists. */
export function cellFromJson(value: JsonValue | undefined): SourceCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isJsonNumber(value)) return value.number;
  if (Array.isArray(value)) {
    const list = listFromJson(value);
    return typeof list === 'string' ? { invalid: list } : list;
  }
  return { invalid: 'An object is not a feature value: use a string, a number or an array.' };
}

function describeIssue(issue: { path: (string | number)[]; message: string }): string {
  return issue.path[0] === 'items' && typeof issue.path[1] === 'number' ? `Element ${issue.path[1] + 1}: ${issue.message}` : issue.message;
}

/** The form value a cell stands for, or a message when its shape does not fit the feature. */
function formValueOf(spec: FeatureSpec, cell: SourceCell, format: ListFormat): FeatureFormValue | string {
  const empty: FeatureFormValue = { text: '', empty: false, items: [] };
  if (cell === null || cell === '') return empty;
  if (typeof cell === 'object' && !Array.isArray(cell)) return cell.invalid;
  if (!spec.collection) {
    if (Array.isArray(cell)) return `${spec.name} holds one ${spec.type} value, not a list.`;
    return { text: cell, empty: false, items: [] };
  }
  const items = Array.isArray(cell) ? cell : parseListCell(cell, format);
  if (typeof items === 'string') return items;
  if (items.length > MAX_LIST_ITEMS)
    return `A list holds at most ${MAX_LIST_ITEMS.toLocaleString('en-US')} elements; this one has ${items.length.toLocaleString('en-US')}.`;
  return { text: '', empty: false, items: items.map((value) => ({ value })) };
}

/** `0,5`, `-12,75`, `1,5e3`: a number written with a decimal comma (no thousands separators). */
const DECIMAL_COMMA = /^[+-]?\d{0,40},\d{1,40}(?:[eE][+-]?\d{1,5})?$/;

/** Whether a cell is a number with a decimal comma (checked on the preview to offer the conversion). */
export function hasDecimalComma(text: string): boolean {
  return text.length <= 100 && DECIMAL_COMMA.test(text);
}

/** `0,5` as `0.5`; any other text unchanged (it is then checked, and refused, as written). */
export function decimalCommaToPoint(text: string): string {
  return hasDecimalComma(text) ? text.replace(',', '.') : text;
}

export interface RowContext {
  listFormat: ListFormat;
  /** Columns whose Fractional cells are written with a decimal comma, converted when the user turned it on. */
  decimalCommaColumns?: ReadonlySet<number>;
  /** For fixed values with generators; the record index is the row's. */
  generators: GeneratorContext;
}

/** One source row as the Record to write, or every problem found in it. */
export function rowToRecord(schema: FeatureGroupSchema, mapping: ImportMapping, cells: readonly SourceCell[], context: RowContext): RowRecord {
  const problems: RowProblem[] = [];
  const record: FeatureValueLike[] = [];
  let bytes = 0;
  schema.features.forEach((spec, index) => {
    const source = mapping[index] ?? { kind: 'none' };
    let cell: SourceCell = null;
    if (source.kind === 'column') {
      cell = cells[source.column] ?? null;
      if (typeof cell === 'string' && spec.type === 'Fractional' && !spec.collection && context.decimalCommaColumns?.has(source.column)) {
        cell = decimalCommaToPoint(cell);
      }
    } else if (source.kind === 'value') {
      const expanded = expandValue(source.text, context.generators);
      if (!expanded.ok) {
        problems.push({ feature: spec.name, message: expanded.message });
        return;
      }
      cell = expanded.value;
    }
    const value = formValueOf(spec, cell, context.listFormat);
    if (typeof value === 'string') {
      problems.push({ feature: spec.name, message: value });
      return;
    }
    const issues = featureIssues(spec, value);
    if (issues.length > 0) {
      const commaHint =
        spec.type === 'Fractional' && typeof cell === 'string' && hasDecimalComma(cell)
          ? ` ${cell} has a decimal comma: turn on “Decimal commas” for its column to read it as ${decimalCommaToPoint(cell)}.`
          : '';
      for (const issue of issues) problems.push({ feature: spec.name, message: describeIssue(issue) + commaHint });
      return;
    }
    if (spec.collection) {
      if (value.items.length === 0) return;
      const list = value.items.map((item) => item.value);
      const entry = { FeatureName: spec.name, ValueAsStringList: list };
      bytes += featureValueBytes(entry);
      record.push(entry);
    } else if (value.text !== '') {
      const entry = { FeatureName: spec.name, ValueAsString: value.text };
      bytes += featureValueBytes(entry);
      record.push(entry);
    }
  });
  const sizeError = recordSizeError(bytes);
  if (sizeError) problems.push({ feature: '(record)', message: sizeError });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, record };
}

/** The row's problems in one line, for the failed-rows table and its CSV. */
export function describeRowProblems(problems: readonly RowProblem[]): string {
  return problems.map((problem) => `${problem.feature}: ${problem.message}`).join(' ');
}

/**
 * A Parquet value (as hyparquet decodes it) as a cell: INT64 arrives as BigInt and keeps
 * every digit; doubles print as JavaScript's shortest round-trip text; timestamps as
 * ISO-8601 UTC; lists as lists. Binary, maps and structs have no text form here.
 */
export function cellFromValue(value: unknown): SourceCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : { invalid: `${value} is not a finite number.` };
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { invalid: 'An invalid date.' } : value.toISOString();
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      const cell = cellFromValue(item);
      if (typeof cell !== 'string') return { invalid: 'A list element is empty, nested or not a scalar.' };
      items.push(cell);
    }
    return items;
  }
  return { invalid: 'A binary, map or struct value is not a feature value.' };
}

/** A cell as text for the failed-rows CSV: lists as JSON arrays, so the file imports again. */
export function cellText(cell: SourceCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (Array.isArray(cell)) return JSON.stringify(cell);
  return '';
}

const featureSourceSchema = z.union([
  z.object({ kind: z.literal('column'), column: z.number() }),
  z.object({ kind: z.literal('value'), text: z.string().check(z.maxLength(MAX_GENERATOR_TEXT_LENGTH)) }),
  z.object({ kind: z.literal('none') }),
]);

/** What an import was started with, saved with its progress so a resume maps rows exactly as before. */
export const importSettingsSchema = z.object({
  mapping: z.array(featureSourceSchema).check(z.maxLength(MAX_FEATURES_PER_GROUP)),
  columns: z.array(z.string()).check(z.maxLength(100_000)),
  listFormat: z.union([z.object({ kind: z.literal('json') }), z.object({ kind: z.literal('separator'), separator: z.string().check(z.maxLength(16)) })]),
  format: z.enum(['csv', 'tsv', 'jsonl', 'parquet', 'xlsx']),
  /** How the file was read (delimiter, encoding, sheet, header row), so a resume reads it the same way. */
  read: z.optional(
    z.object({
      delimiter: z.optional(z.enum([',', ';', '\t', '|'])),
      encoding: z.optional(z.enum(['utf-8', 'windows-1252'])),
      sheet: z.optional(z.string().check(z.maxLength(256))),
      headerRow: z.optional(z.number()),
    }),
  ),
  /** Columns whose decimal commas are converted (`0,5` → `0.5`) for Fractional features. */
  decimalCommaColumns: z.optional(z.array(z.number()).check(z.maxLength(100_000))),
  targetStores: z.optional(z.array(z.enum(['OnlineStore', 'OfflineStore']))),
  ttl: z.optional(z.object({ Unit: z.enum(TTL_UNITS), Value: z.number() })),
  seed: z.number(),
  /** The clock `{{now}}` expands to, as ISO-8601. */
  now: z.string().check(z.maxLength(40)),
});

export type ImportSettings = z.infer<typeof importSettingsSchema>;
