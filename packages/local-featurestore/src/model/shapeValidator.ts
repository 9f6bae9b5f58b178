/**
 * Request validation from AWS's service models (service-models/*.json, extracted by
 * scripts/extractServiceModels.ts): required members, types, lengths, ranges, patterns,
 * enums and list/map bounds, reported as AWS's request validation reports them:
 * `1 validation error detected: Value 'x' at 'featureGroupName' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: ...`, several joined by `; `.
 *
 * Decisions (where AWS leaves room; also in the package README):
 * - String length counts Unicode code points (Smithy's length trait counts Unicode scalar
 *   values; unpaired surrogates are refused elsewhere), list and map length their entries.
 * - A length is checked before its pattern, and a pattern runs only on a value within its
 *   length bounds, through the linear-time matcher (linearPattern.ts).
 * - A value of the wrong JSON type is the service's validation error ("Member must be a
 *   string"); null is an absent member. Unknown members are ignored, as AWS ignores them.
 * - Member paths are lowerCamelCase, list entries `.N.member` (1-based); values are echoed
 *   up to 256 characters, sensitive ones (the model's `sensitive`) never; at most 100
 *   failures are listed, all are counted.
 */
import { readFileSync } from 'node:fs';
import { linearPattern } from './linearPattern.js';

const INT32_MAX = 2_147_483_647;
const INT32_MIN = -2_147_483_648;

export interface ModelShape {
  type: string;
  members?: Record<string, { shape: string; location?: string; locationName?: string }>;
  required?: string[];
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
}

export interface ServiceModel {
  service: string;
  validationError: { name: string };
  operations: Record<string, { input?: string; http?: { method: string; requestUri: string } }>;
  shapes: Record<string, ModelShape>;
}

export function loadServiceModel(file: 'sagemaker' | 'sagemaker-featurestore-runtime' | 'cognito-identity'): ServiceModel {
  return JSON.parse(readFileSync(new URL(`./service-models/${file}.json`, import.meta.url), 'utf8')) as ServiceModel;
}

const MAX_ECHOED = 256;
const MAX_LISTED = 100;
/** Patterns whose every value passes, skipped (feature values are up to 358,400 characters). */
const MATCHES_ANYTHING = new Set(['.*', '^.*$', '(.*)']);
/** Short values seen before, per pattern: feature and group names repeat on every request. */
const MEMO_LIMIT = 4096;
const MEMO_MAX_LENGTH = 64;

function codePointLength(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < value.length) {
      const next = value.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    }
    count += 1;
  }
  return count;
}

function echo(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = `[${value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ')}]`;
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_ECHOED ? `${text.slice(0, MAX_ECHOED)}...` : text;
}

function memberPath(parent: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent ? `${parent}.${name}` : name;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shared "no problem" answer: the hot path allocates nothing for a valid value. */
const NONE: readonly string[] = Object.freeze([]);

export class ShapeValidator {
  private readonly memo = new Map<string, Map<string, boolean>>();
  /** Each structure's members as an array, built once (Object.entries per request is costly). */
  private readonly memberLists = new Map<string, [string, string][]>();

  constructor(readonly model: ServiceModel) {}

  /** The failures of an operation's input (empty when valid), in AWS's wording. */
  validate(operation: string, input: Record<string, unknown>): string[] {
    const shapeName = this.model.operations[operation]?.input;
    const failures: string[] = [];
    if (shapeName) this.structure(shapeName, input, '', failures);
    return failures;
  }

  /** `N validation error(s) detected: ...`, or undefined when there is none. */
  message(failures: string[]): string | undefined {
    if (failures.length === 0) return undefined;
    const listed = failures.slice(0, MAX_LISTED).join('; ');
    const more = failures.length > MAX_LISTED ? `; and ${failures.length - MAX_LISTED} more` : '';
    return `${failures.length} validation error${failures.length === 1 ? '' : 's'} detected: ${listed}${more}`;
  }

  private shape(name: string): ModelShape {
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`${this.model.service}: no shape ${name}`);
    return shape;
  }

  private structure(name: string, value: Record<string, unknown>, path: string, failures: string[]): void {
    const shape = this.shape(name);
    for (const required of shape.required ?? []) {
      if (value[required] === undefined || value[required] === null) {
        failures.push(`Value null at '${memberPath(path, required)}' failed to satisfy constraint: Member must not be null`);
      }
    }
    let members = this.memberLists.get(name);
    if (!members) {
      members = Object.entries(shape.members ?? {}).map(([member, ref]): [string, string] => [member, ref.shape]);
      this.memberLists.set(name, members);
    }
    for (const [member, memberShape] of members) {
      const memberValue = value[member];
      if (memberValue === undefined || memberValue === null) continue;
      this.value(memberShape, memberValue, path, member, failures);
    }
  }

  /** One member's value; its path is built only when needed (a nested structure, or a failure). */
  private value(name: string, value: unknown, parent: string, member: string | undefined, failures: string[]): void {
    const path = member === undefined ? parent : memberPath(parent, member);
    const problems = this.problems(name, value, path, failures);
    if (problems.length === 0) return;
    // A sensitive value (or a list or map of them) is not echoed: AWS writes "Value at '...'".
    const shown = this.isSensitive(name) ? 'Value' : `Value '${echo(value)}'`;
    for (const problem of problems) failures.push(`${shown} at '${path}' failed to satisfy constraint: ${problem}`);
  }

  private isSensitive(name: string): boolean {
    const shape = this.shape(name);
    if (shape.sensitive) return true;
    return [shape.member, shape.key, shape.value].some((inner) => inner !== undefined && this.shape(inner).sensitive === true);
  }

  /**
   * The constraint failures of one value ("Member must ..."); nested structures report
   * their own members into `failures` directly.
   */
  private problems(name: string, value: unknown, path: string, failures: string[]): readonly string[] {
    const shape = this.shape(name);
    switch (shape.type) {
      case 'string':
        if (typeof value !== 'string') return ['Member must be a string'];
        return this.stringProblems(shape, value);
      case 'integer':
      case 'long':
        if (typeof value !== 'number' || !Number.isInteger(value)) return ['Member must be an integer'];
        // A Smithy integer is a signed 32-bit number (TtlDuration.Value, MaxResults…): beyond
        // it AWS's service could not read the value, so it is refused with the range wording.
        if (shape.type === 'integer' && value > INT32_MAX)
          return [`Member must have value less than or equal to ${shape.max !== undefined ? Math.min(shape.max, INT32_MAX) : INT32_MAX}`];
        if (shape.type === 'integer' && value < INT32_MIN)
          return [`Member must have value greater than or equal to ${shape.min !== undefined ? Math.max(shape.min, INT32_MIN) : INT32_MIN}`];
        return this.rangeProblems(shape, value);
      case 'float':
      case 'double':
        if (typeof value !== 'number' || !Number.isFinite(value)) return ['Member must be a number'];
        return this.rangeProblems(shape, value);
      case 'boolean':
        return typeof value === 'boolean' ? NONE : ['Member must be a boolean'];
      case 'timestamp':
        // awsJson and restJson bodies carry timestamps as epoch seconds.
        return typeof value === 'number' && Number.isFinite(value) ? NONE : ['Member must be a timestamp in epoch seconds'];
      case 'structure':
        if (!isObject(value)) return ['Member must be a structure'];
        this.structure(name, value, path, failures);
        return NONE;
      case 'list': {
        if (!Array.isArray(value)) return ['Member must be a list'];
        const problems = [...this.lengthProblems(shape, value.length)];
        const memberShape = this.shape(shape.member as string);
        if (memberShape.type === 'structure' || memberShape.type === 'list' || memberShape.type === 'map') {
          value.forEach((item: unknown, index) => {
            const itemPath = `${path}.${index + 1}.member`;
            if (item === null || item === undefined) failures.push(`Value null at '${itemPath}' failed to satisfy constraint: Member must not be null`);
            else this.value(shape.member as string, item, itemPath, undefined, failures);
          });
          return problems;
        }
        // Scalar members are reported on the list, as AWS does: "Member must satisfy constraint: [...]".
        const memberProblems = new Set<string>();
        for (const item of value as unknown[]) {
          if (item === null || item === undefined) memberProblems.add('Member must not be null');
          else for (const problem of this.problems(shape.member as string, item, path, failures)) memberProblems.add(problem);
        }
        if (memberProblems.size > 0) problems.push(`Member must satisfy constraint: [${[...memberProblems].join(', ')}]`);
        return problems;
      }
      case 'map': {
        if (!isObject(value)) return ['Member must be a map'];
        const entries = Object.entries(value);
        const problems = [...this.lengthProblems(shape, entries.length)];
        const keyProblems = new Set<string>();
        const valueProblems = new Set<string>();
        for (const [key, item] of entries) {
          for (const problem of this.problems(shape.key as string, key, path, failures)) keyProblems.add(problem);
          if (item === null) valueProblems.add('Member must not be null');
          else for (const problem of this.problems(shape.value as string, item, `${path}.${key}`, failures)) valueProblems.add(problem);
        }
        if (keyProblems.size > 0) problems.push(`Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`);
        if (valueProblems.size > 0) problems.push(`Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`);
        return problems;
      }
      default:
        return NONE;
    }
  }

  private lengthProblems(shape: ModelShape, length: number): readonly string[] {
    if (shape.min !== undefined && length < shape.min) return [`Member must have length greater than or equal to ${shape.min}`];
    if (shape.max !== undefined && length > shape.max) return [`Member must have length less than or equal to ${shape.max}`];
    return NONE;
  }

  private rangeProblems(shape: ModelShape, value: number): readonly string[] {
    if (shape.min !== undefined && value < shape.min) return [`Member must have value greater than or equal to ${shape.min}`];
    if (shape.max !== undefined && value > shape.max) return [`Member must have value less than or equal to ${shape.max}`];
    return NONE;
  }

  private stringProblems(shape: ModelShape, value: string): readonly string[] {
    if (shape.min !== undefined || shape.max !== undefined) {
      // UTF-16 length bounds the code point count from above, and twice it from below.
      const fits = value.length <= (shape.max ?? Infinity) && value.length >= 2 * (shape.min ?? 0);
      if (!fits) {
        const problems = this.lengthProblems(shape, codePointLength(value));
        if (problems.length > 0) return problems;
      }
    }
    if (shape.enum && !shape.enum.includes(value)) return [`Member must satisfy enum value set: [${shape.enum.join(', ')}]`];
    if (shape.pattern !== undefined && !MATCHES_ANYTHING.has(shape.pattern) && !this.matches(shape.pattern, value)) {
      return [`Member must satisfy regular expression pattern: ${shape.pattern}`];
    }
    return NONE;
  }

  private matches(pattern: string, value: string): boolean {
    let memo = this.memo.get(pattern);
    if (!memo) {
      memo = new Map();
      this.memo.set(pattern, memo);
    }
    const known = memo.get(value);
    if (known !== undefined) return known;
    const matched = linearPattern(pattern).test(value);
    if (value.length <= MEMO_MAX_LENGTH) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(value, matched);
    }
    return matched;
  }
}
