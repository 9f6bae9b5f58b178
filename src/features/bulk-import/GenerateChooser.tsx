import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useStorageScope } from '../../aws/storageScope';
import type { FeatureGroupSchema } from '../../domain/schema';
import { templateRecord } from '../../domain/templates';
import { listTemplates } from '../../storage';
import { Field } from '../../ui/Field';

/** Generate N records from a template saved on the write page. */
export function GenerateChooser({
  schema,
  onChoose,
}: {
  schema: FeatureGroupSchema;
  onChoose: (name: string, count: number, record: ReturnType<typeof templateRecord>) => void;
}) {
  const scope = useStorageScope();
  const templates = useQuery({
    // Its own key: the write page caches this group's templates in another shape.
    queryKey: ['bulk-import', 'templates', scope.environment, scope.user, schema.name],
    queryFn: async () => {
      const result = await listTemplates(scope, schema.name);
      return result.ok ? result.value.templates : [];
    },
  });
  const ids = { template: useId(), count: useId() };
  const [chosen, setChosen] = useState('');
  const [count, setCount] = useState('100');
  const list = templates.data ?? [];
  const template = list.find((candidate) => candidate.name === chosen) ?? list[0];
  const countValue = Number(count);
  const countOk = /^\d{1,7}$/.test(count) && countValue >= 1 && countValue <= 1_000_000;
  return (
    <fieldset className="panel">
      <legend>Generate N test records</legend>
      {list.length === 0 ? (
        <p className="muted">
          Save a template on the write page (values may use generators such as {'{{uuid}}'} and {'{{seq}}'}) to generate records from it.
        </p>
      ) : (
        <div className="field-row field-row--wrap">
          <Field id={ids.template} label="Template">
            <select id={ids.template} value={template?.name ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {list.map((candidate) => (
                <option key={candidate.name} value={candidate.name}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id={ids.count} label="Number of records">
            <input id={ids.count} inputMode="numeric" value={count} onChange={(event) => setCount(event.target.value)} aria-invalid={!countOk} />
            {!countOk && <p className="field__error">Enter a whole number from 1 to 1,000,000.</p>}
          </Field>
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={!template || !countOk}
              onClick={() => template && onChoose(`template ${template.name}`, countValue, templateRecord(schema, template))}
            >
              Generate
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}
