import { useEffect, useState } from 'react';
import type { ImportSettings } from '../../domain/importMapping';
import type { FeatureValueLike } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import { shortText } from '../../domain/shortText';
import { generatedSource } from './importSession';
import type { SourceRow } from './sourceRows';

const SAMPLES = 3;

function cellDisplay(cell: SourceRow['cells'][number] | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return shortText(cell);
  return Array.isArray(cell) ? shortText(JSON.stringify(cell)) : cell.invalid;
}

/** Generate N: which template value (generator) fills each feature, and the first three rows it makes, before any check. */
export function GeneratedPreview({ schema, record, settings }: { schema: FeatureGroupSchema; record: FeatureValueLike[]; settings: ImportSettings }) {
  const [rows, setRows] = useState<SourceRow[]>();
  // The sample's clock is fixed when shown; the import's `{{now}}` is fixed when the dry run starts.
  const [now] = useState(() => new Date().toISOString());
  const { seed } = settings;
  useEffect(() => {
    let current = true;
    const source = generatedSource(schema, { count: SAMPLES, record }, { ...settings, seed, now });
    void source.next().then((chunk) => {
      if (current) setRows(chunk?.rows ?? []);
    });
    return () => {
      current = false;
      source.close();
    };
    // The sample depends on the template, the seed and the clock only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema, record, seed, now]);
  const byName = new Map(record.map((value) => [value.FeatureName, value]));
  return (
    <>
      <h3>Generators to features</h3>
      <div className="table-scroll">
        <table className="table" data-testid="generated-preview">
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col">Template value</th>
              {Array.from({ length: SAMPLES }, (_, index) => (
                <th scope="col" key={index}>
                  Row {index + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {schema.features.map((spec, index) => {
              const value = byName.get(spec.name);
              const template = value === undefined ? '' : value.ValueAsStringList ? JSON.stringify(value.ValueAsStringList) : (value.ValueAsString ?? '');
              return (
                <tr key={spec.name}>
                  <th scope="row">{spec.name}</th>
                  <td>{value === undefined ? <span className="muted">(not in the template: not sent)</span> : <code>{shortText(template)}</code>}</td>
                  {Array.from({ length: SAMPLES }, (_, row) => (
                    <td className="value" key={row}>
                      {rows ? (rows[row]?.problem ?? cellDisplay(rows[row]?.cells[index])) : '…'}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
