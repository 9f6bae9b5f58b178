import { formatRelative } from '../domain/relativeTime';
import { useNow } from './useNow';

/** A moment as "in 4 minutes 10 seconds" / "3 minutes ago", updated every second (B8). */
export function RelativeTime({ date }: { date: Date }) {
  const now = useNow(1000);
  return <time dateTime={date.toISOString()}>{formatRelative(date, now)}</time>;
}
