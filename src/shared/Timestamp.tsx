import { formatTimestamp } from '../domain/relativeTime';

/** A moment in the console's one time style, "2026-12-05 17:31:09 UTC" (see src/domain/relativeTime.ts). */
export function Timestamp({ date }: { date: Date | string }) {
  const moment = typeof date === 'string' ? new Date(date) : date;
  return <time dateTime={Number.isNaN(moment.getTime()) ? undefined : moment.toISOString()}>{formatTimestamp(moment)}</time>;
}
