/**
 * Time to live: ExpiresAt = EventTime + TtlDuration. A record-level TtlDuration
 * overrides the group default. Decision (precision is open in AWS): ExpiresAt is
 * reported to the millisecond, RFC 3339 with Z, truncating any finer event time.
 */
import { nanosToDate } from './eventTime.js';

export const TTL_UNITS = ['Seconds', 'Minutes', 'Hours', 'Days', 'Weeks'] as const;
export type TtlUnit = (typeof TTL_UNITS)[number];
export interface TtlDuration {
  Unit: TtlUnit;
  Value: number;
}

const SECONDS_PER_UNIT: Record<TtlUnit, number> = {
  Seconds: 1,
  Minutes: 60,
  Hours: 3600,
  Days: 86_400,
  Weeks: 604_800,
};

/** Largest date a JS Date holds: beyond it no ExpiresAt can be written. */
const MAX_DATE_MS = 8.64e15;

export function isTtlUnit(value: unknown): value is TtlUnit {
  return typeof value === 'string' && (TTL_UNITS as readonly string[]).includes(value);
}

export function ttlDurationError(ttl: { Unit?: unknown; Value?: unknown }): string | null {
  if (!isTtlUnit(ttl.Unit)) return `TtlDuration.Unit must be one of ${TTL_UNITS.join(', ')}.`;
  if (typeof ttl.Value !== 'number' || !Number.isInteger(ttl.Value) || ttl.Value < 1) {
    return 'TtlDuration.Value must be a whole number of at least 1.';
  }
  // The service model's TtlDurationValue is a (signed 32-bit) integer.
  if (ttl.Value > 2_147_483_647) return 'TtlDuration.Value must be at most 2147483647 (a 32-bit integer).';
  if (ttl.Value * SECONDS_PER_UNIT[ttl.Unit] * 1000 > MAX_DATE_MS) return 'TtlDuration is too long to compute an expiry date.';
  return null;
}

export function ttlToMillis(ttl: TtlDuration): number {
  return ttl.Value * SECONDS_PER_UNIT[ttl.Unit] * 1000;
}

/** Returns null when the expiry cannot be represented (beyond year 275760). */
export function computeExpiresAt(eventTimeNanos: bigint, ttl: TtlDuration): Date | null {
  const ms = nanosToDate(eventTimeNanos).getTime() + ttlToMillis(ttl);
  return Math.abs(ms) > MAX_DATE_MS ? null : new Date(ms);
}

export function describeTtl(ttl: TtlDuration): string {
  const unit = ttl.Value === 1 ? ttl.Unit.replace(/s$/, '') : ttl.Unit;
  return `${ttl.Value} ${unit}`;
}
