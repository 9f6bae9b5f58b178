import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { FeatureGroupSchema } from '../domain/schema';
import { scalarValueError } from '../domain/values';
import { recordPath } from '../ui/paths';

/**
 * Look up one record by its identifier: a labelled field (the identifier feature's name)
 * checked against the identifier's type before anything is sent (a wrongly typed id is a
 * type error, never "not found"), then the record page. Ids come from useId, so the form
 * can appear more than once on a page.
 */
export function RecordLookupForm({ schema, title = 'Find a record' }: { schema: FeatureGroupSchema; title?: string }) {
  const [, navigate] = useLocation();
  const [id, setId] = useState('');
  const [error, setError] = useState<string>();
  const ids = useId();
  const [titleId, inputId, errorId] = [`${ids}-title`, `${ids}-id`, `${ids}-error`];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (id.trim() === '') {
      setError(`Enter the value of ${schema.recordIdentifierName}.`);
      return;
    }
    const idType = schema.features.find((feature) => feature.name === schema.recordIdentifierName)?.type ?? 'String';
    const typeError = scalarValueError(idType, id);
    if (typeError) {
      setError(`Not a valid ${idType} identifier: ${typeError}`);
      return;
    }
    navigate(recordPath(schema.name, id));
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <label className="field__label" htmlFor={inputId}>
        {schema.recordIdentifierName}
      </label>
      <div className="field-row">
        <input
          id={inputId}
          type="text"
          className="mono"
          value={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            setId(event.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="button button--primary">
          Find
        </button>
      </div>
      {error && (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
