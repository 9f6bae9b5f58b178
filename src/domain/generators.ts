/**
 * Value generators: `{{now}}`, `{{uuid}}`, `{{seq}}`, `{{seq:100}}`, `{{int:1:100}}`,
 * `{{float:0:1}}` (optionally `{{float:0:1:2}}` for 2 decimals) and `{{choice:a|b|c}}`,
 * alone or inside literal text (`C-{{seq:1000}}`). The form, templates and bulk import
 * ("Generate N test records") expand values with these same functions.
 *
 * Decisions:
 * - Any `{{` starts an expression; an unknown name or an unclosed `{{` is an error, never
 *   sent as literal text (a typo such as `{{uuidd}}` must not be written). A literal `{{` is
 *   written `\{{`; a backslash anywhere else is literal.
 * - Expansion is deterministic for a given context (random source, record index, clock), so
 *   the preview shows exactly what Write sends: both expand with the same context.
 * - `{{now}}` follows the group's event-time format (ISO-8601 UTC with milliseconds, or epoch
 *   seconds); `{{now:iso}}` and `{{now:epoch}}` choose explicitly.
 * - `{{seq}}` starts at 1; `{{seq:N}}` starts at N; the record index (0 for the first record
 *   of a run) is added. Integers are BigInt, so ranges up to the Integral limits are exact.
 * - `{{int:a:b}}` is inclusive of both bounds; `{{float:a:b}}` is in [a, b).
 *
 * Parsing is a single left-to-right scan with indexOf (linear); lengths are checked first.
 */
import { formatEpochSeconds, formatIsoMillis, type EventTimeType } from './eventTime';
import type { FeatureValueLike, RecordFormValues } from './recordForm';
import { INT64_MAX, INT64_MIN } from './values';

/** Longest text the parser looks at (the longest ValueAsString AWS accepts). */
export const MAX_GENERATOR_TEXT_LENGTH = 358_400;
/** Longest single `{{…}}` expression, braces included. */
export const MAX_EXPRESSION_LENGTH = 4_096;
/** Most expressions in one value. */
export const MAX_EXPRESSIONS_PER_VALUE = 64;
/** Most options of one `{{choice:…}}`. */
export const MAX_CHOICE_OPTIONS = 1_000;

export type Generator =
  | { kind: 'now'; format?: 'iso' | 'epoch' }
  | { kind: 'uuid' }
  | { kind: 'seq'; start: bigint }
  | { kind: 'int'; min: bigint; max: bigint }
  | { kind: 'float'; min: number; max: number; decimals?: number }
  | { kind: 'choice'; options: string[] };

export type TemplatePart = { literal: string } | { generator: Generator; source: string };

export type TemplateParse = { ok: true; parts: TemplatePart[]; generated: boolean } | { ok: false; message: string };

export interface GeneratorContext {
  /** 0 for the first record of a run; `{{seq}}` adds it to its start. */
  index: number;
  now: Date;
  eventTimeType: EventTimeType;
  /** Uniform in [0, 1). */
  random: () => number;
}

export const GENERATOR_HELP =
  '{{now}}, {{uuid}}, {{seq}} or {{seq:100}}, {{int:1:100}}, {{float:0:1}} (or {{float:0:1:2}} for 2 decimals), {{choice:a|b|c}}; write \\{{ for a literal {{';

const INTEGER_TEXT = /^-?[0-9]{1,19}$/;
const DECIMAL_TEXT = /^-?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})$/;

/** Cheap check before parsing: text without `{{` is always literal. */
export function hasGeneratorSyntax(text: string): boolean {
  return text.includes('{{');
}

function parseInteger(text: string, what: string): bigint | string {
  if (!INTEGER_TEXT.test(text)) return `${what} must be a whole number, got "${text.slice(0, 40)}".`;
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) return `${what} is outside the 64-bit integer range.`;
  return value;
}

function parseDecimal(text: string, what: string): number | string {
  if (!DECIMAL_TEXT.test(text)) return `${what} must be a number such as 0.5, got "${text.slice(0, 40)}".`;
  return Number(text);
}

/** One expression's inside (between the braces) -> a generator, or a message. */
export function parseGenerator(inner: string): Generator | string {
  const colon = inner.indexOf(':');
  const name = (colon < 0 ? inner : inner.slice(0, colon)).trim();
  const args = colon < 0 ? undefined : inner.slice(colon + 1);
  switch (name) {
    case 'now': {
      if (args === undefined) return { kind: 'now' };
      if (args === 'iso' || args === 'epoch') return { kind: 'now', format: args };
      return '{{now}} takes no argument, or "iso" or "epoch".';
    }
    case 'uuid':
      return args === undefined ? { kind: 'uuid' } : '{{uuid}} takes no argument.';
    case 'seq': {
      if (args === undefined) return { kind: 'seq', start: 1n };
      const start = parseInteger(args, 'The start of {{seq:N}}');
      return typeof start === 'string' ? start : { kind: 'seq', start };
    }
    case 'int': {
      const bounds = args?.split(':') ?? [];
      if (bounds.length !== 2) return 'Write {{int:MIN:MAX}}, for example {{int:1:100}}.';
      const min = parseInteger(bounds[0] as string, 'MIN');
      const max = parseInteger(bounds[1] as string, 'MAX');
      if (typeof min === 'string') return min;
      if (typeof max === 'string') return max;
      if (min > max) return `{{int:${min}:${max}}}: MIN is greater than MAX.`;
      return { kind: 'int', min, max };
    }
    case 'float': {
      const bounds = args?.split(':') ?? [];
      if (bounds.length !== 2 && bounds.length !== 3) return 'Write {{float:MIN:MAX}} or {{float:MIN:MAX:DECIMALS}}, for example {{float:0:1}}.';
      const min = parseDecimal(bounds[0] as string, 'MIN');
      const max = parseDecimal(bounds[1] as string, 'MAX');
      if (typeof min === 'string') return min;
      if (typeof max === 'string') return max;
      if (!(min <= max)) return `{{float}}: MIN is greater than MAX.`;
      if (bounds.length === 3) {
        const decimals = bounds[2] as string;
        if (!/^[0-9]{1,2}$/.test(decimals) || Number(decimals) > 20) return 'DECIMALS of {{float}} must be 0 to 20.';
        return { kind: 'float', min, max, decimals: Number(decimals) };
      }
      return { kind: 'float', min, max };
    }
    case 'choice': {
      if (args === undefined || args === '') return 'Write {{choice:a|b|c}} with at least one option.';
      const options = args.split('|');
      if (options.length > MAX_CHOICE_OPTIONS) return `{{choice}} takes at most ${MAX_CHOICE_OPTIONS} options.`;
      return { kind: 'choice', options };
    }
    default:
      return `Unknown generator "{{${name.slice(0, 40)}}}". Known: ${GENERATOR_HELP}.`;
  }
}

/** Splits a value into literal text and generator expressions. Linear in the text's length. */
export function parseTemplate(text: string): TemplateParse {
  if (text.length > MAX_GENERATOR_TEXT_LENGTH)
    return { ok: false, message: `Too long: at most ${MAX_GENERATOR_TEXT_LENGTH.toLocaleString('en-US')} characters.` };
  const parts: TemplatePart[] = [];
  let literal = '';
  let position = 0;
  let expressions = 0;
  while (position < text.length) {
    const open = text.indexOf('{{', position);
    if (open < 0) {
      literal += text.slice(position);
      break;
    }
    if (open > 0 && text[open - 1] === '\\') {
      // "\{{" is a literal "{{": drop the backslash, keep the braces.
      literal += `${text.slice(position, open - 1)}{{`;
      position = open + 2;
      continue;
    }
    literal += text.slice(position, open);
    const close = text.indexOf('}}', open + 2);
    if (close < 0) return { ok: false, message: 'A "{{" is not closed with "}}". Write \\{{ for a literal {{.' };
    if (close + 2 - open > MAX_EXPRESSION_LENGTH) return { ok: false, message: `A generator expression is longer than ${MAX_EXPRESSION_LENGTH} characters.` };
    expressions += 1;
    if (expressions > MAX_EXPRESSIONS_PER_VALUE) return { ok: false, message: `At most ${MAX_EXPRESSIONS_PER_VALUE} generator expressions in one value.` };
    const source = text.slice(open, close + 2);
    const generator = parseGenerator(text.slice(open + 2, close));
    if (typeof generator === 'string') return { ok: false, message: generator };
    if (literal) parts.push({ literal });
    literal = '';
    parts.push({ generator, source });
    position = close + 2;
  }
  if (literal) parts.push({ literal });
  return { ok: true, parts, generated: expressions > 0 };
}

/** A uniform BigInt in [0, span) from the context's random source (span <= 2^64). */
function randomBelow(span: bigint, random: () => number): bigint {
  if (span <= 2n ** 52n) return BigInt(Math.floor(random() * Number(span)));
  // Four 16-bit draws make 64 bits; the modulo bias is below 2^-64 * span, negligible for test data.
  let bits = 0n;
  for (let i = 0; i < 4; i += 1) bits = (bits << 16n) | BigInt(Math.floor(random() * 65_536));
  return bits % span;
}

function hex(random: () => number, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i += 1) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** RFC 9562 version 4 layout, from the context's random source (so the preview and the write agree). */
function uuidV4(random: () => number): string {
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

function formatFloat(value: number, decimals: number | undefined): string {
  if (decimals !== undefined) return value.toFixed(decimals);
  // Plain decimal notation for test data: at most 6 decimals, trailing zeros dropped.
  const text = value
    .toFixed(6)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

export function runGenerator(generator: Generator, context: GeneratorContext): string {
  switch (generator.kind) {
    case 'now': {
      const format = generator.format ?? (context.eventTimeType === 'Fractional' ? 'epoch' : 'iso');
      return format === 'epoch' ? formatEpochSeconds(context.now) : formatIsoMillis(context.now);
    }
    case 'uuid':
      return uuidV4(context.random);
    case 'seq':
      return (generator.start + BigInt(context.index)).toString();
    case 'int':
      return (generator.min + randomBelow(generator.max - generator.min + 1n, context.random)).toString();
    case 'float': {
      const value = generator.min + context.random() * (generator.max - generator.min);
      // Rounding can reach max; keep the half-open range.
      const text = formatFloat(Math.min(value, generator.max), generator.decimals);
      return Number(text) >= generator.max && generator.max > generator.min ? formatFloat(generator.min, generator.decimals) : text;
    }
    case 'choice':
      return generator.options[Math.floor(context.random() * generator.options.length)] as string;
  }
}

export function expandParts(parts: readonly TemplatePart[], context: GeneratorContext): string {
  let out = '';
  for (const part of parts) out += 'literal' in part ? part.literal : runGenerator(part.generator, context);
  return out;
}

export type ExpandResult = { ok: true; value: string; generated: boolean } | { ok: false; message: string };

/** A value's concrete text. Text without `{{` is returned as is (and `\{{` unescaped). */
export function expandValue(text: string, context: GeneratorContext): ExpandResult {
  if (!hasGeneratorSyntax(text)) return { ok: true, value: text, generated: false };
  const parsed = parseTemplate(text);
  if (!parsed.ok) return parsed;
  return { ok: true, value: expandParts(parsed.parts, context), generated: parsed.generated };
}

/**
 * A small seeded generator (mulberry32): the same seed gives the same values, which is
 * what lets a preview promise what the write will send. Not for secrets.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function newSeed(): number {
  const buffer = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return buffer[0] as number;
}

/** A context for record `index` of a run: each record gets its own random stream from (seed, index). */
export function generatorContext(options: { seed: number; index: number; now: Date; eventTimeType: EventTimeType }): GeneratorContext {
  return {
    index: options.index,
    now: options.now,
    eventTimeType: options.eventTimeType,
    random: seededRandom((options.seed ^ Math.imul(options.index + 1, 0x9e3779b1)) >>> 0),
  };
}

export interface GeneratorIssue {
  /** Position of the feature in the schema. */
  index: number;
  /** Below the feature's form value, as the form's errors use it: ['text'] or ['items', 2, 'value']. */
  path: (string | number)[];
  message: string;
}

export interface ExpandedFormValues {
  values: RecordFormValues;
  /** Whether any value held a generator (the form then says the preview shows generated values). */
  generated: boolean;
  issues: GeneratorIssue[];
}

/**
 * The form's values with every generator replaced by its concrete text, in schema order
 * with one random stream, so the same context always gives the same record. Values that
 * fail to parse stay as typed and are reported.
 */
export function expandFormValues(values: RecordFormValues, context: GeneratorContext): ExpandedFormValues {
  let generated = false;
  const issues: GeneratorIssue[] = [];
  const features = values.features.map((feature, index) => {
    let changed = false;
    let text = feature.text;
    if (hasGeneratorSyntax(text)) {
      const result = expandValue(text, context);
      if (result.ok) {
        text = result.value;
        changed = true;
        generated ||= result.generated;
      } else issues.push({ index, path: ['text'], message: result.message });
    }
    const items = feature.items.map((item, position) => {
      if (!hasGeneratorSyntax(item.value)) return item;
      const result = expandValue(item.value, context);
      if (!result.ok) {
        issues.push({ index, path: ['items', position, 'value'], message: result.message });
        return item;
      }
      changed = true;
      generated ||= result.generated;
      return { value: result.value };
    });
    return changed ? { ...feature, text, items } : feature;
  });
  if (!generated && issues.length === 0) return { values, generated: false, issues };
  return { values: { ...values, features }, generated, issues };
}

/** A record (FeatureName/ValueAsString[List]) with generators expanded: for imports and templates. */
export function expandRecordValues(
  record: readonly FeatureValueLike[],
  context: GeneratorContext,
): { ok: true; record: FeatureValueLike[] } | { ok: false; featureName: string; message: string } {
  const out: FeatureValueLike[] = [];
  for (const value of record) {
    if (value.ValueAsStringList) {
      const list: string[] = [];
      for (const item of value.ValueAsStringList) {
        const result = expandValue(item, context);
        if (!result.ok) return { ok: false, featureName: value.FeatureName, message: result.message };
        list.push(result.value);
      }
      out.push({ FeatureName: value.FeatureName, ValueAsStringList: list });
    } else {
      const result = expandValue(value.ValueAsString ?? '', context);
      if (!result.ok) return { ok: false, featureName: value.FeatureName, message: result.message };
      out.push({ FeatureName: value.FeatureName, ValueAsString: result.value });
    }
  }
  return { ok: true, record: out };
}
