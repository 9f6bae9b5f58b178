import { diffRecords } from '../../domain/diff';
import { ChangesTable } from '../../shared/ChangesTable';
import type { RecordVersion } from '../../domain/offlineHistory';
import type { FeatureGroupSchema } from '../../domain/schema';

/** Two versions side by side: what changed from the older to the newer. */
export function VersionDiff({ schema, newer, older }: { schema: FeatureGroupSchema; newer: RecordVersion; older: RecordVersion }) {
  const changes = diffRecords(schema, older.record, newer.record);
  return (
    <section className="panel" aria-labelledby="version-diff-title" data-testid="version-diff">
      <h3 id="version-diff-title">
        From event time <code>{older.eventTime}</code> to <code>{newer.eventTime}</code>
      </h3>
      {changes.length === 0 ? <p>The two versions hold the same values.</p> : <ChangesTable changes={changes} before="Before" after="After" />}
    </section>
  );
}
