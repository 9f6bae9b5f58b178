import { diffRecords, formatFeatureValue } from '../../domain/diff';
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
      {changes.length === 0 ? (
        <p>The two versions hold the same values.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.name}>
                <th scope="row">{change.name}</th>
                <td className="value diff-before">{formatFeatureValue(change.before)}</td>
                <td className="value diff-after">{formatFeatureValue(change.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
