import { formatFeatureValue, type FeatureChange } from '../domain/diff';

/**
 * A record's changed features, one row each: the value before and after. The write preview
 * (stored → new) and a record's history (older → newer version) show changes the same way.
 */
export function ChangesTable({ changes, before, after, label }: { changes: readonly FeatureChange[]; before: string; after: string; label?: string }) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <th scope="col">{before}</th>
          <th scope="col">{after}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.name}>
            <th scope="row">
              <code>{change.name}</code>
            </th>
            <td className="value diff-before">{formatFeatureValue(change.before)}</td>
            <td className="value diff-after">{formatFeatureValue(change.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
