import { Fragment, useId, useState, type ReactNode } from 'react';
import type { TimeRange } from '../../domain/offlineHistory';

/** `YYYY-MM-DDTHH:MM` for a datetime-local input, in UTC. */
export function toUtcInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

/** A datetime-local value read as UTC; undefined when empty or invalid. */
export function fromUtcInput(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const date = new Date(`${value}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The event-time range the history covers (UTC). The range bounds the query's partitions,
 * so a narrow range scans less; the default is the last 30 days (and the next day, for
 * event times set slightly ahead).
 */
export function HistoryRangeForm({ children }: { children: (range: TimeRange) => ReactNode }) {
  const fromId = useId();
  const toId = useId();
  const [from, setFrom] = useState(() => toUtcInput(new Date(Date.now() - 30 * DAY_MS)));
  const [to, setTo] = useState(() => toUtcInput(new Date(Date.now() + DAY_MS)));
  const [range, setRange] = useState<TimeRange | undefined>();
  /** Each "Show history" is a new question: the panel below starts afresh. */
  const [asked, setAsked] = useState(0);
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <>
      <form
        className="field-row field-row--wrap"
        onSubmit={(event) => {
          event.preventDefault();
          const [start, end] = [fromUtcInput(from), fromUtcInput(to)];
          if (!start || !end) return setProblem('Enter both times as date and time (UTC).');
          if (start > end) return setProblem('"From" must not be after "To".');
          setProblem(undefined);
          setRange({ from: start, to: end });
          setAsked((count) => count + 1);
        }}
      >
        <div className="field">
          <label htmlFor={fromId}>Event time from (UTC)</label>
          <input id={fromId} type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor={toId}>to (UTC)</label>
          <input id={toId} type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} required />
        </div>
        <button type="submit" className="button button--primary">
          Show history
        </button>
      </form>
      {problem && (
        <p className="panel panel--error" role="alert">
          {problem}
        </p>
      )}
      {range && <Fragment key={asked}>{children(range)}</Fragment>}
    </>
  );
}
