/**
 * Event time: the feature that orders writes. String event times are ISO-8601 UTC
 * (`yyyy-MM-ddTHH:mm:ssZ` with an optional 1-9 digit fraction); Fractional event times
 * are Unix epoch seconds. Both are normalised to nanoseconds since the epoch as a BigInt
 * so ordering is exact, whatever the format.
 */
import { fractionalError } from './values.js';

export type EventTimeType = 'String' | 'Fractional';

const ISO_EVENT_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z, in nanoseconds. */
export const MIN_EVENT_TIME_NANOS = -62_167_219_200n * 1_000_000_000n;
export const MAX_EVENT_TIME_NANOS = 253_402_300_800n * 1_000_000_000n - 1n;

export type EventTimeParse = { ok: true; nanos: bigint } | { ok: false; message: string };

function utcSeconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  // Date.UTC maps years 0-99 to 1900-1999, so set the full year explicitly.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime() / 1000;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function parseIsoEventTime(text: string): EventTimeParse {
  const match = ISO_EVENT_TIME.exec(text);
  if (!match) {
    if (/[+-]\d{2}:?\d{2}$/.test(text)) {
      return { ok: false, message: 'Use UTC with a literal Z (for example 2026-11-24T09:30:00.000Z); numeric offsets are not accepted.' };
    }
    return { ok: false, message: 'Use ISO-8601 UTC, for example 2026-11-24T09:30:00.000Z (fraction of up to 9 digits optional).' };
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `${text.slice(0, 10)} is not a calendar date.` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `${text.slice(11, 19)} is not a time of day (hours 00-23, minutes and seconds 00-59).` };
  }
  const fraction = (match[7] ?? '').padEnd(9, '0');
  const nanos = BigInt(utcSeconds(year, month, day, hour, minute, second)) * 1_000_000_000n + BigInt(fraction || '0');
  return { ok: true, nanos };
}

/**
 * Epoch seconds as text -> nanoseconds. Decision: plain decimals are read as the
 * decimal they spell (1795512600.120 is .120 s, not the nearest double's .119999...),
 * to the nanosecond; exponent notation goes through the double.
 */
export function parseEpochSecondsEventTime(text: string): EventTimeParse {
  const error = fractionalError(text);
  if (error) return { ok: false, message: `${error} Event time here is Unix epoch seconds, for example 1764000000.123.` };
  // Linear: the second digit run is reachable only through a literal '.'.
  const plain = /^[+-]?\d*(?:\.\d*)?$/.test(text);
  const fixed = plain ? text.replace(/^\+/, '') : Number(text).toFixed(9);
  const negative = fixed.startsWith('-');
  const [whole = '', fraction = ''] = fixed.replace('-', '').split('.');
  // Out of range long before BigInt would have to parse a huge digit run (253402300799 has 12 digits).
  if (whole.replace(/^0+/, '').length > 12) {
    return { ok: false, message: 'Out of range: event time must fall between 0000-01-01 and 9999-12-31 (epoch seconds -62167219200 to 253402300799).' };
  }
  const magnitude = BigInt(whole || '0') * 1_000_000_000n + BigInt(fraction.slice(0, 9).padEnd(9, '0'));
  const nanos = negative ? -magnitude : magnitude;
  if (nanos < MIN_EVENT_TIME_NANOS || nanos > MAX_EVENT_TIME_NANOS) {
    return { ok: false, message: 'Out of range: event time must fall between 0000-01-01 and 9999-12-31 (epoch seconds -62167219200 to 253402300799).' };
  }
  return { ok: true, nanos };
}

export function parseEventTime(type: EventTimeType, text: string): EventTimeParse {
  if (text === '') return { ok: false, message: 'Event time is required: every record is ordered by it.' };
  return type === 'String' ? parseIsoEventTime(text) : parseEpochSecondsEventTime(text);
}

export function nanosToDate(nanos: bigint): Date {
  return new Date(Number(nanos / 1_000_000n) - (nanos < 0n && nanos % 1_000_000n !== 0n ? 1 : 0));
}

/** ISO-8601 UTC with milliseconds, the format the console writes for String event times. */
export function formatIsoMillis(date: Date): string {
  return date.toISOString();
}

/** Epoch seconds with millisecond precision, the format the console writes for Fractional event times. */
export function formatEpochSeconds(date: Date): string {
  const ms = date.getTime();
  const seconds = Math.trunc(ms / 1000);
  const millis = Math.abs(ms % 1000);
  return millis === 0 ? String(seconds) : `${seconds}.${String(millis).padStart(3, '0')}`;
}

export function formatEventTime(type: EventTimeType, date: Date): string {
  return type === 'String' ? formatIsoMillis(date) : formatEpochSeconds(date);
}
