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

/** Local time with the zone, e.g. "24 Nov 2026, 22:15:03 GMT+1". */
export function formatLocal(date: Date): string {
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
}
