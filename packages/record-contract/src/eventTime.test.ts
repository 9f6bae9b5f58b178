import { describe, expect, it } from 'vitest';
import { formatEpochSeconds, formatEventTime, nanosToDate, parseEventTime, parseIsoEventTime } from './eventTime.js';

describe('ISO-8601 event times', () => {
  it.each([
    ['2026-11-24T09:30:00Z', 1_795_512_600_000_000_000n],
    ['2026-11-24T09:30:00.5Z', 1_795_512_600_500_000_000n],
    ['2026-11-24T09:30:00.123456789Z', 1_795_512_600_123_456_789n],
    ['1970-01-01T00:00:00Z', 0n],
    ['0000-01-01T00:00:00Z', -62_167_219_200_000_000_000n],
    ['9999-12-31T23:59:59.999999999Z', 253_402_300_799_999_999_999n],
    ['2024-02-29T00:00:00Z', 1_709_164_800_000_000_000n],
  ])('parses %s exactly', (text, nanos) => {
    expect(parseIsoEventTime(text)).toEqual({ ok: true, nanos });
  });
  it.each([
    ['2026-11-24T09:30:00+01:00', /numeric offsets/],
    ['2026-11-24T09:30:00', /ISO-8601 UTC/],
    ['2026-11-24 09:30:00Z', /ISO-8601 UTC/],
    ['2026-11-24T09:30:00.1234567890Z', /ISO-8601 UTC/],
    ['2026-11-24t09:30:00z', /ISO-8601 UTC/],
    ['2025-02-29T00:00:00Z', /not a calendar date/],
    ['2026-13-01T00:00:00Z', /not a calendar date/],
    ['2026-11-24T24:00:00Z', /not a time of day/],
    ['2026-11-24T23:60:00Z', /not a time of day/],
    ['', /required/],
  ])('rejects %j', (text, message) => {
    const result = parseEventTime('String', text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('epoch-seconds event times', () => {
  it('parses decimals and exponents', () => {
    expect(parseEventTime('Fractional', '1764000000')).toEqual({ ok: true, nanos: 1_764_000_000_000_000_000n });
    expect(parseEventTime('Fractional', '1.5e9')).toEqual({ ok: true, nanos: 1_500_000_000_000_000_000n });
    expect(parseEventTime('Fractional', '-1.5')).toEqual({ ok: true, nanos: -1_500_000_000n });
  });
  it('rejects text and out-of-range values', () => {
    expect(parseEventTime('Fractional', 'now')).toMatchObject({ ok: false, message: expect.stringMatching(/epoch seconds/) });
    expect(parseEventTime('Fractional', '253402300800')).toMatchObject({ ok: false, message: expect.stringMatching(/Out of range/) });
    expect(parseEventTime('Fractional', '-62167219201')).toMatchObject({ ok: false });
    expect(parseEventTime('Fractional', 'Infinity')).toMatchObject({ ok: false });
  });
});

describe('formatting', () => {
  const date = new Date('2026-11-24T09:30:00.120Z');
  it('writes ISO with milliseconds for String and epoch seconds for Fractional', () => {
    expect(formatEventTime('String', date)).toBe('2026-11-24T09:30:00.120Z');
    expect(formatEventTime('Fractional', date)).toBe('1795512600.120');
    expect(formatEpochSeconds(new Date(1_795_512_600_000))).toBe('1795512600');
  });
  it('round-trips through the parser', () => {
    for (const type of ['String', 'Fractional'] as const) {
      const parsed = parseEventTime(type, formatEventTime(type, date));
      expect(parsed.ok && nanosToDate(parsed.nanos).toISOString()).toBe(date.toISOString());
    }
  });
  it('floors negative nanoseconds to the millisecond', () => {
    expect(nanosToDate(-1n).getTime()).toBe(-1);
  });
});
