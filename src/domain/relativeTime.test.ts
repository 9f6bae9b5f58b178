import { describe, expect, it } from 'vitest';
import { formatDuration, formatLocal, formatRelative, formatTimestamp } from './relativeTime';

describe('relative time', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('names the two largest units', () => {
    expect(formatRelative(new Date(now.getTime() + 30 * 86_400_000 - 3_600_000), now)).toBe('in 29 days 23 hours');
    expect(formatRelative(new Date(now.getTime() - 90_000), now)).toBe('1 minute 30 seconds ago');
    expect(formatDuration(86_400_000)).toBe('1 day');
    expect(formatDuration(400)).toBe('less than a second');
  });

  it('shows a moment in one style with its zone: UTC, or local with the offset', () => {
    const moment = new Date('2026-12-05T17:31:09.456Z');
    expect(formatTimestamp(moment)).toBe('2026-12-05 17:31:09 UTC');
    expect(formatTimestamp(new Date('0099-01-02T03:04:05Z'))).toBe('0099-01-02 03:04:05 UTC');
    expect(formatTimestamp(new Date('nonsense'))).toBe('unknown time');
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'Europe/Paris';
      expect(formatLocal(moment)).toBe('2026-12-05 18:31:09 UTC+01:00');
      process.env.TZ = 'America/St_Johns';
      expect(formatLocal(moment)).toBe('2026-12-05 14:01:09 UTC-03:30');
      process.env.TZ = 'UTC';
      expect(formatLocal(moment)).toBe('2026-12-05 17:31:09 UTC');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});
