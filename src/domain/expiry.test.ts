import { describe, expect, it } from 'vitest';
import { predictExpiry } from './expiry';
import { emptyFormValues } from './recordForm';
import { customersSchema, offlineOnlySchema, productsSchema } from './testSchemas';
import { TTL_UNITS, computeExpiresAt, ttlDurationError, type TtlUnit } from './ttl';

const eventTime = '2026-01-01T00:00:00.000Z';
const base = Date.parse(eventTime);

describe('ExpiresAt', () => {
  const seconds: Record<TtlUnit, number> = { Seconds: 1, Minutes: 60, Hours: 3600, Days: 86400, Weeks: 604800 };
  it.each(TTL_UNITS)('adds %s', (unit) => {
    expect(computeExpiresAt(BigInt(base) * 1_000_000n, { Unit: unit, Value: 3 })?.getTime()).toBe(base + 3 * seconds[unit] * 1000);
  });
  it('truncates sub-millisecond event times', () => {
    expect(computeExpiresAt(BigInt(base) * 1_000_000n + 999_999n, { Unit: 'Seconds', Value: 1 })?.toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });
  it('validates durations', () => {
    expect(ttlDurationError({ Unit: 'Days', Value: 1 })).toBeNull();
    expect(ttlDurationError({ Unit: 'Days', Value: 0 })).toMatch(/at least 1/);
    expect(ttlDurationError({ Unit: 'Days', Value: 1.5 })).toMatch(/whole number/);
    expect(ttlDurationError({ Unit: 'Years', Value: 1 })).toMatch(/Unit/);
    expect(ttlDurationError({ Unit: 'Weeks', Value: 2_000_000_000 })).toMatch(/too long/);
    // The model's TtlDurationValue is a 32-bit integer.
    expect(ttlDurationError({ Unit: 'Seconds', Value: 2_147_483_647 })).toBeNull();
    expect(ttlDurationError({ Unit: 'Seconds', Value: 2_147_483_648 })).toMatch(/at most 2147483647/);
  });
});

describe('predictExpiry', () => {
  it('uses the group default', () => {
    const values = emptyFormValues(customersSchema);
    expect(predictExpiry(customersSchema, values, eventTime)).toEqual({
      kind: 'at',
      expiresAt: new Date(base + 30 * 86_400_000),
      ttl: { Unit: 'Days', Value: 30 },
      source: 'group default',
    });
  });
  it('uses a custom TTL over the default', () => {
    const values = { ...emptyFormValues(customersSchema), ttl: { mode: 'custom' as const, value: '2', unit: 'Hours' as const } };
    expect(predictExpiry(customersSchema, values, eventTime)).toMatchObject({ kind: 'at', expiresAt: new Date(base + 7_200_000), source: 'this record' });
  });
  it('never expires without any TTL', () => {
    expect(predictExpiry(productsSchema, emptyFormValues(productsSchema), '1767225600')).toEqual({ kind: 'never' });
  });
  it('does not apply to offline-only writes', () => {
    expect(predictExpiry(offlineOnlySchema, emptyFormValues(offlineOnlySchema), eventTime)).toEqual({ kind: 'offline-only' });
    const offlineTarget = { ...emptyFormValues(customersSchema), targetStores: { online: false, offline: true } };
    expect(predictExpiry(customersSchema, offlineTarget, eventTime)).toEqual({ kind: 'offline-only' });
  });
  it('waits for a valid event time and TTL', () => {
    expect(predictExpiry(customersSchema, emptyFormValues(customersSchema), 'nope')).toMatchObject({ kind: 'unknown' });
    const badTtl = { ...emptyFormValues(customersSchema), ttl: { mode: 'custom' as const, value: 'x', unit: 'Days' as const } };
    expect(predictExpiry(customersSchema, badTtl, eventTime)).toMatchObject({ kind: 'unknown' });
  });
});
