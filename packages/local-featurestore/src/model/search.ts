/**
 * SageMaker Search for the resources this store holds: `FeatureGroup` and
 * `FeatureMetadata`. A SearchExpression has Filters (Name, Operator, Value), nested
 * SubExpressions and an Operator (And, the default, or Or) joining them; results sort by
 * any property (default CreationTime, Descending) and page with MaxResults (1-100, default
 * 10) and NextToken.
 *
 * Decisions where the API reference leaves room: property names are dotted paths into the
 * resource (`OnlineStoreConfig.StorageType`); `Contains` is a case-insensitive substring
 * match; `In` takes a comma-separated list; a timestamp property (CreationTime,
 * LastModifiedTime) compares as a time, its Value ISO-8601 or epoch seconds; a filter on a
 * property the resource lacks matches only NotExists (and NotEquals). Expressions nest to
 * a depth of 5 (bounded work); the model bounds each level to 20 filters and 20
 * sub-expressions, checked by the wire layer (services/sagemaker/wire.ts).
 */
import { controlPlaneValidation } from './errors.js';
import { decodePageToken, encodePageToken } from './pagination.js';
import { featureMetadataView } from './featureMetadataView.js';
import type { FeatureGroupDescription, FeatureMetadata } from './types.js';

type Json = Record<string, unknown>;
const TIME_PROPERTIES = new Set(['CreationTime', 'LastModifiedTime']);
const MAX_DEPTH = 5;

export interface SearchSources {
  groups(): FeatureGroupDescription[];
  metadata(group: string, feature: string): FeatureMetadata | undefined;
}

interface Filter {
  name: string;
  operator: string;
  value: string | undefined;
}
interface Expression {
  filters: Filter[];
  subExpressions: Expression[];
  or: boolean;
}

/**
 * The wire layer has checked the request against the model (types, list bounds, lengths,
 * enums); what is left here is what the model cannot say: nesting depth, and a Value for
 * every operator but Exists / NotExists.
 */
function parseExpression(raw: unknown, depth: number): Expression {
  if (raw === undefined) return { filters: [], subExpressions: [], or: false };
  if (depth > MAX_DEPTH) throw controlPlaneValidation(`SearchExpression nests deeper than ${MAX_DEPTH} levels.`);
  const input = raw as Json;
  const filters = (input.Filters ?? []) as Json[];
  const subs = (input.SubExpressions ?? []) as unknown[];
  return {
    filters: filters.map((f, index) => {
      const operator = (f.Operator as string | undefined) ?? 'Equals';
      if (f.Value === undefined && operator !== 'Exists' && operator !== 'NotExists')
        throw controlPlaneValidation(`Filters[${index}] needs a Value for ${operator}.`);
      return { name: f.Name as string, operator, value: f.Value as string | undefined };
    }),
    subExpressions: subs.map((sub) => parseExpression(sub, depth + 1)),
    or: input.Operator === 'Or',
  };
}

function property(resource: Json, path: string): unknown {
  let current: unknown = resource;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined;
    current = (current as Json)[part];
  }
  return current;
}

function asTime(text: string): number {
  const number = Number(text);
  return Number.isFinite(number) ? number : Date.parse(text) / 1000;
}

function compare(actual: unknown, value: string, timeProperty: boolean): number {
  if (timeProperty || typeof actual === 'number') {
    const left = Number(actual);
    const right = timeProperty ? asTime(value) : Number(value);
    return left < right ? -1 : left > right ? 1 : 0;
  }
  const left = String(actual);
  return left < value ? -1 : left > value ? 1 : 0;
}

function matchesFilter(resource: Json, filter: Filter): boolean {
  const actual = property(resource, filter.name);
  const present = actual !== undefined && actual !== null;
  if (filter.operator === 'Exists') return present;
  if (filter.operator === 'NotExists') return !present;
  if (!present) return filter.operator === 'NotEquals';
  const value = filter.value ?? '';
  const time = TIME_PROPERTIES.has(filter.name.split('.').pop() ?? '');
  switch (filter.operator) {
    case 'Equals':
      return compare(actual, value, time) === 0;
    case 'NotEquals':
      return compare(actual, value, time) !== 0;
    case 'GreaterThan':
      return compare(actual, value, time) > 0;
    case 'GreaterThanOrEqualTo':
      return compare(actual, value, time) >= 0;
    case 'LessThan':
      return compare(actual, value, time) < 0;
    case 'LessThanOrEqualTo':
      return compare(actual, value, time) <= 0;
    case 'Contains':
      return String(actual).toLowerCase().includes(value.toLowerCase());
    case 'In':
      return value.split(',').some((item) => compare(actual, item.trim(), time) === 0);
    default:
      return false;
  }
}

function matches(resource: Json, expression: Expression): boolean {
  const results = [
    ...expression.filters.map((filter) => () => matchesFilter(resource, filter)),
    ...expression.subExpressions.map((sub) => () => matches(resource, sub)),
  ];
  if (results.length === 0) return true;
  return expression.or ? results.some((test) => test()) : results.every((test) => test());
}

export function search(input: Json, sources: SearchSources) {
  const resource = input.Resource;
  if (resource !== 'FeatureGroup' && resource !== 'FeatureMetadata') {
    throw controlPlaneValidation(`Resource ${String(resource)} is not held by the local Feature Store: search FeatureGroup or FeatureMetadata.`);
  }
  // MaxResults, SortOrder and SortBy were checked against the model by the wire layer.
  const maxResults = (input.MaxResults as number | undefined) ?? 10;
  const sortOrder = (input.SortOrder as string | undefined) ?? 'Descending';
  const sortBy = (input.SortBy as string | undefined) ?? 'CreationTime';
  const expression = parseExpression(input.SearchExpression, 1);
  const offset = decodePageToken(input.NextToken, 'NextToken', controlPlaneValidation);

  const groups = sources.groups();
  const resources: Json[] =
    resource === 'FeatureGroup'
      ? groups.map((group) => ({ ...group }) as Json)
      : groups.flatMap((group) =>
          group.FeatureDefinitions.map(
            (definition) => featureMetadataView(group, definition, sources.metadata(group.FeatureGroupName, definition.FeatureName)) as Json,
          ),
        );
  const found = resources.filter((item) => matches(item, expression));
  const time = TIME_PROPERTIES.has(sortBy);
  found.sort((a, b) => {
    const [left, right] = [property(a, sortBy), property(b, sortBy)];
    // Resources without the property sort last, whatever the order.
    const order = left === undefined ? (right === undefined ? 0 : 1) : right === undefined ? -1 : compare(left, String(right), time);
    return sortOrder === 'Ascending' ? order : -order;
  });
  const page = found.slice(offset, offset + maxResults);
  return {
    Results: page.map((item) => {
      const { DeletionTimeMs, AvailableTimeMs, ...visible } = item;
      void DeletionTimeMs;
      void AvailableTimeMs;
      return resource === 'FeatureGroup' ? { FeatureGroup: visible } : { FeatureMetadata: visible };
    }),
    ...(offset + maxResults < found.length ? { NextToken: encodePageToken(offset + maxResults) } : {}),
  };
}
