/** "in 29 days 23 hours", "3 minutes ago": the two largest units, for humans. */
const UNITS: [string, number][] = [
  ['year', 365 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const plural = (count: number, name: string) => `${count} ${name}${count === 1 ? '' : 's'}`;

export function formatDuration(ms: number): string {
  const total = Math.abs(ms);
  const first = UNITS.findIndex(([, size]) => total >= size);
  const [name, size] = UNITS[first] ?? [];
  if (name === undefined || size === undefined) return 'less than a second';
  const count = Math.floor(total / size);
  const parts = [plural(count, name)];
  const [nextName, nextSize] = UNITS[first + 1] ?? [];
  if (nextName !== undefined && nextSize !== undefined) {
    const nextCount = Math.floor((total - count * size) / nextSize);
    if (nextCount > 0) parts.push(plural(nextCount, nextName));
  }
  return parts.join(' ');
}

export function formatRelative(target: Date, now: Date): string {
  const ms = target.getTime() - now.getTime();
  return ms >= 0 ? `in ${formatDuration(ms)}` : `${formatDuration(ms)} ago`;
}

/*
 * One style for every moment the console shows, the zone always written (decision): the
 * service's event times and ExpiresAt are UTC, so a moment is shown in UTC,
 * "2026-12-05 17:31:09 UTC". Where a page adds the local time as a help, it uses the same
 * shape with the offset, "2026-12-05 18:31:09 UTC+01:00" (just "UTC" at offset 0).
 * Fixed digits rather than toLocaleString, so it reads the same in every browser locale.
 */
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function shape(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, zone: string): string {
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)} ${zone}`;
}

/** A moment in UTC: "2026-12-05 17:31:09 UTC"; "unknown time" for an invalid date. */
export function formatTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown time';
  return shape(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), 'UTC');
}

/** The same moment in this browser's zone, with its offset: "2026-12-05 18:31:09 UTC+01:00". */
export function formatLocal(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'unknown time';
  const offset = -date.getTimezoneOffset();
  const zone = offset === 0 ? 'UTC' : `UTC${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return shape(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds(), zone);
}
