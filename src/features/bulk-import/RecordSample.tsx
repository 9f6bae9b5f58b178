import type { FeatureValueLike } from '../../domain/recordForm';
import { shortText } from '../../domain/shortText';

/** Records exactly as they will be sent (feature names and values), values shortened for the screen. */
export function RecordSample({ records, title }: { records: readonly FeatureValueLike[][]; title: string }) {
  if (records.length === 0) return null;
  const names = [...new Set(records.flatMap((record) => record.map((value) => value.FeatureName)))];
  return (
    <>
      <h4>{title}</h4>
      <div className="table-scroll">
        <table className="table" data-testid="record-sample">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              {records.map((_, index) => (
                <th scope="col" key={index}>
                  Record {index + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {records.map((record, index) => {
                  const value = record.find((candidate) => candidate.FeatureName === name);
                  const text = value === undefined ? '' : value.ValueAsStringList ? JSON.stringify(value.ValueAsStringList) : (value.ValueAsString ?? '');
                  return (
                    <td className="value" key={index}>
                      {value === undefined ? <span className="muted">(not sent)</span> : shortText(text)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
