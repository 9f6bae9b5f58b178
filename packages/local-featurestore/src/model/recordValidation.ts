/**
 * Validation of the FeatureValues of PutRecord, UpdateRecord and BatchWriteRecord,
 * against the feature group's definitions. The value rules themselves come from
 * featurestore-record-contract, the same code the console validates its form with.
 */
import {
  MAX_LIST_ITEMS,
  dedupeSetElements,
  featureValueBytes,
  parseEventTime,
  recordIdentifierError,
  recordSizeError,
  scalarValueError,
} from 'featurestore-record-contract';
import type { StoredFeatureValue } from '../storage/database.js';
import { validationError } from './errors.js';
import type { FeatureDefinition, FeatureGroupDescription } from './types.js';

export interface ValidatedFeatures {
  values: Map<string, StoredFeatureValue>;
  /** Present when the record carries the identifier feature. */
  recordId?: string;
  /** Present when the record carries the event-time feature. */
  eventTimeNanos?: bigint;
  eventTimeText?: string;
}

/** At most this many problems are listed in one message, then "and N more". */
const MAX_LISTED_PROBLEMS = 5;

function valueProblem(definition: FeatureDefinition, value: Record<string, unknown>, isEventTime: boolean): string | null {
  const name = definition.FeatureName;
  const { ValueAsString: scalar, ValueAsStringList: list } = value;
  if (!definition.CollectionType) {
    if (list !== undefined) return `Feature '${name}' is a scalar ${definition.FeatureType} feature: send ValueAsString, not ValueAsStringList.`;
    if (typeof scalar !== 'string') return `Feature '${name}' has no value: set ValueAsString (every value travels as a string).`;
    // The event time's own parser gives the more useful message (format, range).
    if (isEventTime) return null;
    const error = scalarValueError(definition.FeatureType, scalar);
    return error ? `Feature '${name}' (${definition.FeatureType}): ${error}` : null;
  }
  const kind = `${definition.CollectionType} of ${definition.FeatureType}`;
  if (scalar !== undefined) return `Feature '${name}' is a ${kind}: send ValueAsStringList, not ValueAsString.`;
  if (!Array.isArray(list)) return `Feature '${name}' is a ${kind}: set ValueAsStringList to a list of strings.`;
  if (list.length > MAX_LIST_ITEMS) return `Feature '${name}': a list holds at most ${MAX_LIST_ITEMS} items, got ${list.length}.`;
  for (let index = 0; index < list.length; index += 1) {
    const item: unknown = list[index];
    if (typeof item !== 'string') return `Feature '${name}' element ${index + 1}: every element must be a string.`;
    const error = scalarValueError(definition.FeatureType, item);
    if (error) return `Feature '${name}' element ${index + 1} (${definition.FeatureType}): ${error}`;
  }
  if (definition.CollectionType === 'Vector') {
    const dimension = definition.CollectionConfig?.VectorConfig?.Dimension ?? 0;
    if (list.length !== dimension)
      return `Feature '${name}' is a Vector of dimension ${dimension}: it needs exactly ${dimension} elements, got ${list.length}.`;
  }
  return null;
}

/**
 * Checks each FeatureValue: defined in the group, not repeated, the right shape
 * (scalar vs list) and valid for its type. Throws one ValidationError listing the problems.
 */
export function validateFeatureValues(group: FeatureGroupDescription, raw: unknown, memberName: string): ValidatedFeatures {
  if (!Array.isArray(raw) || raw.length === 0) throw validationError(`${memberName} must be a list of at least one FeatureValue.`);
  const definitions = new Map(group.FeatureDefinitions.map((d) => [d.FeatureName, d]));
  const problems: string[] = [];
  const values = new Map<string, StoredFeatureValue>();
  let bytes = 0;
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) {
      problems.push(`Every entry of ${memberName} must be an object with FeatureName and ValueAsString or ValueAsStringList.`);
      continue;
    }
    const value = entry as Record<string, unknown>;
    const name = value.FeatureName;
    if (typeof name !== 'string') {
      problems.push(`Every entry of ${memberName} needs a FeatureName.`);
      continue;
    }
    const definition = definitions.get(name);
    if (!definition) {
      problems.push(`Feature '${name}' is not defined in feature group ${group.FeatureGroupName}.`);
      continue;
    }
    if (values.has(name)) {
      problems.push(`Feature '${name}' appears more than once; send each feature once.`);
      continue;
    }
    const problem = valueProblem(definition, value, name === group.EventTimeFeatureName);
    if (problem) {
      problems.push(problem);
      continue;
    }
    const stored: StoredFeatureValue =
      definition.CollectionType !== undefined
        ? {
            FeatureName: name,
            // A Set keeps a repeated element once, as the Developer Guide says AWS does.
            ValueAsStringList:
              definition.CollectionType === 'Set'
                ? dedupeSetElements(definition.FeatureType, value.ValueAsStringList as string[])
                : (value.ValueAsStringList as string[]),
          }
        : { FeatureName: name, ValueAsString: value.ValueAsString as string };
    bytes += featureValueBytes(stored);
    values.set(name, stored);
  }
  const sizeError = recordSizeError(bytes);
  if (sizeError) problems.push(sizeError);

  const result: ValidatedFeatures = { values };
  const idValue = values.get(group.RecordIdentifierFeatureName)?.ValueAsString;
  if (idValue !== undefined) {
    const identifierError = recordIdentifierError(idValue);
    if (identifierError) problems.push(`Record identifier feature '${group.RecordIdentifierFeatureName}': ${identifierError}`);
    else result.recordId = idValue;
  }
  const eventTimeValue = values.get(group.EventTimeFeatureName)?.ValueAsString;
  if (eventTimeValue !== undefined) {
    const eventTimeDefinition = definitions.get(group.EventTimeFeatureName);
    const parsed = parseEventTime(eventTimeDefinition?.FeatureType === 'Fractional' ? 'Fractional' : 'String', eventTimeValue);
    if (parsed.ok) {
      result.eventTimeNanos = parsed.nanos;
      result.eventTimeText = eventTimeValue;
    } else problems.push(`Event time feature '${group.EventTimeFeatureName}': ${parsed.message}`);
  }
  throwProblems(problems);
  return result;
}

export function throwProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const more = problems.length > listed.length ? ` (and ${problems.length - listed.length} more)` : '';
  const head = problems.length === 1 ? '' : `${problems.length} validation errors detected: `;
  throw validationError(`${head}${listed.join(' ')}${more}`);
}

/** PutRecord and BatchWriteRecord need the identifier and the event time. */
export function requireIdentifierAndEventTime(group: FeatureGroupDescription, record: ValidatedFeatures): { recordId: string; eventTimeNanos: bigint } {
  const problems: string[] = [];
  if (record.recordId === undefined && !record.values.has(group.RecordIdentifierFeatureName)) {
    problems.push(`The record must include the record identifier feature '${group.RecordIdentifierFeatureName}'.`);
  }
  if (record.eventTimeNanos === undefined && !record.values.has(group.EventTimeFeatureName)) {
    problems.push(`The record must include the event time feature '${group.EventTimeFeatureName}'.`);
  }
  throwProblems(problems);
  return { recordId: record.recordId as string, eventTimeNanos: record.eventTimeNanos as bigint };
}
