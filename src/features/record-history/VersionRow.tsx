import { formatFeatureValue } from '../../domain/diff';
import type { RecordVersion } from '../../domain/offlineHistory';
import type { FeatureGroupSchema } from '../../domain/schema';

/** One version: its times, whether it is a deletion, its values with the changed ones marked. */
export function VersionRow({
  schema,
  version,
  number,
  compared,
  onCompare,
  onRestore,
}: {
  schema: FeatureGroupSchema;
  version: RecordVersion;
  number: number;
  compared: boolean;
  onCompare: () => void;
  onRestore: () => void;
}) {
  const changed = new Set(version.changes.map((change) => change.name));
  const values = new Map(version.record.map((value) => [value.FeatureName, value]));
  return (
    <li className="panel" data-testid="version" aria-label={`Version ${number}, event time ${version.eventTime}`}>
      <div className="section-head">
        <h4 style={{ margin: 0 }}>
          Version {number} · event time <code>{version.eventTime}</code> {version.deleted && <span className="badge badge--required">deleted</span>}
        </h4>
        <div className="field-row">
          <label className="check">
            <input type="checkbox" checked={compared} onChange={onCompare} /> Compare
          </label>
          {!version.deleted && (
            <button type="button" className="button button--small" onClick={onRestore}>
              Restore this version…
            </button>
          )}
        </div>
      </div>
      <p className="muted" style={{ margin: 0 }}>
        {version.oldest && 'The oldest version in this range (nothing earlier to compare with). '}
        api_invocation_time <code>{version.apiInvocationTime}</code> · write_time <code>{version.writeTime}</code>
      </p>
      {version.deleted ? (
        <p style={{ margin: 0 }}>Deleted: DeleteRecord wrote this marker (is_deleted = true); the features are empty.</p>
      ) : (
        <table className="table">
          <tbody>
            {schema.features.map((spec) => (
              <tr key={spec.name} data-changed={changed.has(spec.name) ? 'true' : undefined}>
                <th scope="row">
                  {spec.name}{' '}
                  {changed.has(spec.name) && (
                    <span className="badge badge--changed" data-testid="changed-badge">
                      changed
                    </span>
                  )}
                </th>
                <td className="value">{formatFeatureValue(values.get(spec.name))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
