import type { FeatureSource, ImportMapping, mappingProblems } from '../../domain/importMapping';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { SourcePreview } from './sourceRows';
import { MappingRow } from './MappingRow';

/** Columns to features: one row per feature, and what is missing. */
export function MappingTable({
  schema,
  mapping,
  preview,
  problems,
  onChange,
}: {
  schema: FeatureGroupSchema;
  mapping: ImportMapping;
  preview: SourcePreview;
  problems: ReturnType<typeof mappingProblems>;
  onChange: (index: number, next: FeatureSource) => void;
}) {
  return (
    <>
      <h3>Columns to features</h3>
      <table className="table" data-testid="mapping-table">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Type</th>
            <th scope="col">Source</th>
            <th scope="col">First row</th>
          </tr>
        </thead>
        <tbody>
          {schema.features.map((spec, index) => (
            <MappingRow
              key={spec.name}
              spec={spec}
              source={mapping[index] ?? { kind: 'none' }}
              columns={preview.columns}
              firstRow={preview.rows[0]?.cells}
              onChange={(next) => onChange(index, next)}
            />
          ))}
        </tbody>
      </table>
      {problems.length > 0 && (
        <ul className="field__error" data-testid="mapping-problems">
          {problems.map((item) => (
            <li key={item.feature}>
              {item.feature}: {item.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
