import type { ImportProgress } from '../../storage';

function RowRangesText({ ranges }: { ranges: [number, number][] }) {
  const count = ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  return (
    <span>
      {count.toLocaleString('en-US')} rows ({ranges.map(([first, last]) => (first === last ? String(first) : `${first}-${last}`)).join(', ') || 'none'})
    </span>
  );
}

/** An earlier import of the same file stopped before it finished: resume it or start over. */
export function ResumeOffer({ saved, onResume, onDiscard }: { saved: ImportProgress; onResume: () => void; onDiscard: () => void }) {
  return (
    <div className="panel panel--warn" role="status" data-testid="import-resume-offer">
      <h3>This file's import stopped before it finished</h3>
      <p>
        <RowRangesText ranges={saved.written} /> were written on {new Date(saved.updatedAt).toLocaleString()}
        {saved.inFlight.length > 0 && '; some rows were being sent when the page closed and will be sent again'}. Resume uses the first run's mapping and
        options and skips the rows AWS acknowledged as written.
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onResume}>
          Resume the import
        </button>
        <button type="button" className="button" onClick={onDiscard}>
          Start over
        </button>
      </div>
    </div>
  );
}
