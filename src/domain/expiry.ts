/** The ExpiresAt the console predicts for a write, before sending it. */
import { parseEventTime } from './eventTime';
import type { RecordFormValues } from './recordForm';
import type { FeatureGroupSchema } from './schema';
import { computeExpiresAt, isTtlUnit, type TtlDuration } from './ttl';
import { ttlApplies } from './validation';

export type ExpiryPrediction =
  | { kind: 'at'; expiresAt: Date; ttl: TtlDuration; source: 'group default' | 'this record' }
  | { kind: 'never' }
  | { kind: 'offline-only' }
  | { kind: 'unknown'; reason: string };

/** The TtlDuration the request carries: undefined means "the group default applies" (or none). */
export function requestTtl(schema: FeatureGroupSchema, values: RecordFormValues): TtlDuration | undefined {
  if (!ttlApplies(schema, values) || values.ttl.mode !== 'custom') return undefined;
  if (!/^\d+$/.test(values.ttl.value) || !isTtlUnit(values.ttl.unit)) return undefined;
  return { Unit: values.ttl.unit, Value: Number(values.ttl.value) };
}

export function predictExpiry(schema: FeatureGroupSchema, values: RecordFormValues, eventTimeText: string): ExpiryPrediction {
  if (!ttlApplies(schema, values)) return { kind: 'offline-only' };
  const custom = values.ttl.mode === 'custom' ? requestTtl(schema, values) : undefined;
  if (values.ttl.mode === 'custom' && !custom) return { kind: 'unknown', reason: 'Enter a valid TTL to see when the record expires.' };
  const ttl = custom ?? schema.onlineStore?.defaultTtl;
  if (!ttl) return { kind: 'never' };
  const parsed = parseEventTime(schema.eventTimeType, eventTimeText);
  if (!parsed.ok) return { kind: 'unknown', reason: 'Enter a valid event time to see when the record expires.' };
  const expiresAt = computeExpiresAt(parsed.nanos, ttl);
  if (!expiresAt) return { kind: 'unknown', reason: 'The TTL is too long to compute an expiry date.' };
  return { kind: 'at', expiresAt, ttl, source: custom ? 'this record' : 'group default' };
}
