/**
 * Warnings about values that are valid but probably not what the user means. They never
 * block a write; the form shows them in words before the user writes.
 */
import { parseEventTime, type EventTimeType } from './eventTime';

/** Bidirectional overrides/isolates and other invisible controls: they make text display differently from what it is. */
// Linear: a single character class, no repetition or alternation. Matching control characters is the point.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

/** B16: the text with every invisible or direction-changing character shown as \u{XXXX}, so an identifier displays as what it is. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE_ALL, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`);
}

export function hasInvisibleCharacters(text: string): boolean {
  return INVISIBLE.test(text);
}

/** B11, B16: identifiers that will be hard to find again. */
export function identifierWarnings(text: string): string[] {
  const warnings: string[] = [];
  if (text.trim() !== '' && text.trim() !== text) {
    warnings.push('This identifier starts or ends with spaces: they are part of it, and a lookup without them will not find the record.');
  }
  if (hasInvisibleCharacters(text)) {
    warnings.push(`This identifier holds invisible or text-direction characters; it is stored as ${visibleText(text)}.`);
  }
  return warnings;
}

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/**
 * Event times that are valid but almost surely a mistake. `now` is passed in (pure).
 * Why these matter: the online store keeps the record with the latest event time, so a time far
 * in the future makes every later write with a real time go to the offline store only.
 */
export function eventTimeWarnings(type: EventTimeType, text: string, now: Date): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const warnings: string[] = [];
  if (type === 'Fractional' && /^\d{13,16}(?:\.\d*)?$/.test(trimmed.length <= 40 ? trimmed : '')) {
    warnings.push('This looks like epoch milliseconds, but this event time is epoch seconds: divide by 1000.');
  }
  const parsed = parseEventTime(type, trimmed);
  if (!parsed.ok) return warnings;
  if (type === 'Fractional' && parsed.nanos === 0n && /[1-9]/.test(trimmed.split(/e/i)[0] ?? '')) {
    warnings.push(`${trimmed} is too small to represent and becomes 0 (1970-01-01T00:00:00Z).`);
    return warnings;
  }
  const ms = Number(parsed.nanos / 1_000_000n);
  const when = new Date(ms);
  const iso = Number.isNaN(when.getTime()) ? text : when.toISOString();
  if (ms > now.getTime() + DAY_MS) {
    warnings.push(
      `This event time (${iso}) is in the future: this blocks every later write from reaching the online store until then; they go to the offline store only.`,
    );
  } else if (ms < now.getTime() - 50 * YEAR_MS) {
    warnings.push(
      `This event time (${iso}) is more than 50 years in the past: it reaches the online store only if no record is stored there yet, and with a TTL it expires at once.`,
    );
  }
  return warnings;
}
