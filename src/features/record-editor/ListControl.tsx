import { useState } from 'react';
import { useFieldArray, useFormState } from 'react-hook-form';
import { parsePastedElements } from '../../domain/pasteList';
import type { FeatureSpec } from '../../domain/schema';
import { fieldId, type FormHandles } from './formTypes';
import { keepFocusOnPress } from '../../ui/keepFocus';

/** A list, set or vector: add, remove, reorder, and paste to fill. Each element is validated by the feature's type. */
export function ListControl({ spec, index, form }: { spec: FeatureSpec; index: number; form: FormHandles }) {
  const { fields, append, remove, move, replace } = useFieldArray({ control: form.control, name: `features.${index}.items` });
  const { errors } = useFormState({ control: form.control, name: `features.${index}.items` });
  const itemErrors = errors.features?.[index]?.items;
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState('');
  const [pasteNote, setPasteNote] = useState<string | undefined>();
  const id = fieldId(index);
  const what = spec.collection === 'Vector' ? `${spec.type} element` : `${spec.type} element`;

  const applyPaste = (mode: 'replace' | 'append') => {
    const pasted = parsePastedElements(pasteText);
    const values = pasted.values.map((value) => ({ value }));
    const offset = mode === 'replace' ? 0 : fields.length;
    if (mode === 'replace') replace(values);
    else append(values, { shouldFocus: false });
    // B5: empty elements stay where they were pasted; say so rather than drop them (which would shift a Vector).
    setPasteNote(
      pasted.empties.length > 0
        ? `Pasted ${values.length} elements; ${pasted.empties.length === 1 ? 'element' : 'elements'} ${pasted.empties.map((position) => position + offset + 1).join(', ')} ${pasted.empties.length === 1 ? 'is' : 'are'} empty: fill in or remove.`
        : undefined,
    );
    setPasteText('');
    setPasteOpen(false);
  };

  return (
    <div role="group" aria-labelledby={`${id}-label`} aria-describedby={itemErrors?.message || itemErrors?.root?.message ? `${id}-error` : undefined}>
      {spec.collection === 'Vector' && (
        <p className="field__meta" aria-live="polite">
          <span className={`counter ${fields.length === 0 ? '' : fields.length === spec.dimension ? 'counter--good' : 'counter--bad'}`}>
            {fields.length} / {spec.dimension}
          </span>{' '}
          elements
        </p>
      )}
      {fields.length > 0 && (
        <ol className="list-editor" aria-label={`Elements of ${spec.name}`}>
          {fields.map((field, position) => {
            const elementError = (itemErrors as Record<number, { value?: { message?: string } } | undefined> | undefined)?.[position]?.value?.message;
            const inputId = `${id}-item-${position}`;
            return (
              <li key={field.id}>
                <span className="list-editor__index" aria-hidden="true">
                  {position + 1}
                </span>
                <input
                  id={inputId}
                  type="text"
                  className="mono"
                  autoComplete="off"
                  spellCheck={false}
                  aria-label={`${spec.name} element ${position + 1}`}
                  aria-invalid={elementError ? true : undefined}
                  aria-describedby={elementError ? `${inputId}-error` : undefined}
                  {...form.register(`features.${index}.items.${position}.value`)}
                  onKeyDown={(event) => {
                    // B3: Enter in an element moves to the next one, adding it after the last; Ctrl/Cmd+Enter is left to write the record.
                    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
                    event.preventDefault();
                    if (position === fields.length - 1) append({ value: '' }, { shouldFocus: true });
                    else document.getElementById(`${id}-item-${position + 1}`)?.focus();
                  }}
                />
                <span className="list-editor__buttons">
                  <button
                    {...keepFocusOnPress}
                    type="button"
                    className="button button--small button--icon"
                    aria-label={`Move ${spec.name} element ${position + 1} up`}
                    disabled={position === 0}
                    onClick={() => move(position, position - 1)}
                  >
                    ↑
                  </button>
                  <button
                    {...keepFocusOnPress}
                    type="button"
                    className="button button--small button--icon"
                    aria-label={`Move ${spec.name} element ${position + 1} down`}
                    disabled={position === fields.length - 1}
                    onClick={() => move(position, position + 1)}
                  >
                    ↓
                  </button>
                  <button
                    {...keepFocusOnPress}
                    type="button"
                    className="button button--small button--icon"
                    aria-label={`Remove ${spec.name} element ${position + 1}`}
                    onClick={() => remove(position)}
                  >
                    ✕
                  </button>
                </span>
                {elementError && (
                  <p className="field__error list-editor__error" id={`${inputId}-error`}>
                    {elementError}
                  </p>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="field-row field-row--wrap">
        <button
          {...keepFocusOnPress}
          type="button"
          className="button button--small"
          id={`${id}-add`}
          onClick={() => append({ value: '' })}
          aria-label={`Add ${what} to ${spec.name}`}
        >
          + Add element
        </button>
        <button
          {...keepFocusOnPress}
          type="button"
          className="button button--small"
          aria-expanded={pasteOpen}
          aria-controls={`${id}-paste`}
          onClick={() => setPasteOpen((open) => !open)}
        >
          Paste values…
        </button>
        {fields.length > 0 && (
          <button {...keepFocusOnPress} type="button" className="button button--small" onClick={() => replace([])}>
            Clear list
          </button>
        )}
      </div>
      {pasteNote && (
        <p className="field__warning" role="status" data-testid="paste-note">
          {pasteNote}
        </p>
      )}
      {pasteOpen && (
        <div id={`${id}-paste`} style={{ marginTop: 'var(--space-2)' }}>
          <label htmlFor={`${id}-paste-text`} className="field__meta">
            Paste elements for {spec.name}: comma-separated, one per line, or a JSON array
          </label>
          <textarea id={`${id}-paste-text`} className="mono" rows={3} value={pasteText} onChange={(event) => setPasteText(event.target.value)} />
          <div className="field-row">
            <button {...keepFocusOnPress} type="button" className="button button--small" onClick={() => applyPaste('replace')}>
              Replace list ({parsePastedElements(pasteText).values.length})
            </button>
            <button {...keepFocusOnPress} type="button" className="button button--small" onClick={() => applyPaste('append')}>
              Append
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
