import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './relativeTime';

describe('relative time', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('names the two largest units', () => {
    expect(formatRelative(new Date(now.getTime() + 30 * 86_400_000 - 3_600_000), now)).toBe('in 29 days 23 hours');
    expect(formatRelative(new Date(now.getTime() - 90_000), now)).toBe('1 minute 30 seconds ago');
    expect(formatDuration(86_400_000)).toBe('1 day');
    expect(formatDuration(400)).toBe('less than a second');
  });
});
