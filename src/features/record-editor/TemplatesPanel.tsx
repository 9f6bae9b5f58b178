import { useId, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { useStorageScope } from '../../aws/storageScope';
import { hasValue, type RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import {
  MAX_TEMPLATE_FILE_BYTES,
  applyTemplate,
  parseTemplatesJson,
  templateFromForm,
  templateNameProblem,
  templatesToJson,
  type RecordTemplate,
} from '../../domain/templates';
import { CopyButton } from '../../ui/CopyButton';
import { templateStoreFor } from './templateStore';

type Message = { tone: 'ok' | 'error'; text: string };

/**
 * Saved starting points for this group's form: apply, save the form as one, delete,
 * export all as JSON, import a file or pasted JSON, copy one to share it.
 */
export function TemplatesPanel({ schema, form, onApplied }: { schema: FeatureGroupSchema; form: UseFormReturn<RecordFormValues>; onApplied: () => void }) {
  const config = useRuntimeConfig();
  const store = templateStoreFor(config);
  const queryClient = useQueryClient();
  const ids = { select: useId(), name: useId(), file: useId(), paste: useId() };
  const scope = useStorageScope();
  const queryKey = ['templates', scope.environment, scope.user, schema.name] as const;
  const list = useQuery({ queryKey, queryFn: () => store.list(schema.name) });
  const templates = list.data?.templates ?? [];
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string>();
  const [pasted, setPasted] = useState('');
  const [message, setMessage] = useState<Message>();
  const selected = templates.find((template) => template.name === chosen) ?? templates[0];

  const saveAll = useMutation({
    mutationFn: async (incoming: RecordTemplate[]) => {
      for (const template of incoming) await store.save(template);
      return incoming;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });

  const save = async (incoming: RecordTemplate[], done: string) => {
    try {
      await saveAll.mutateAsync(incoming);
      setMessage({ tone: 'ok', text: done });
      return true;
    } catch (error) {
      setMessage({ tone: 'error', text: `Not saved: ${(error as Error).message || 'this browser refused to store it'}.` });
      return false;
    }
  };

  const apply = (template: RecordTemplate) => {
    const current = form.getValues();
    const typed = schema.features.some((spec, index) => current.features[index] && hasValue(spec, current.features[index]));
    if (typed && !window.confirm(`Replace what is in the form with the template "${template.name}"?`)) return;
    const applied = applyTemplate(schema, template);
    form.reset(applied.values, { keepDefaultValues: true });
    onApplied();
    setMessage({
      tone: applied.unknownFeatures.length ? 'error' : 'ok',
      text:
        `Applied "${template.name}".` +
        (applied.unknownFeatures.length ? ` Not in this group, so not applied: ${applied.unknownFeatures.slice(0, 10).join(', ')}.` : ''),
    });
  };

  const importText = async (text: string, source: string) => {
    const parsed = parseTemplatesJson(text);
    if (!parsed.ok) {
      setMessage({ tone: 'error', text: `${source}: ${parsed.message}` });
      return false;
    }
    // Shared templates may come from another group with the same features: they apply to this one.
    const incoming = parsed.templates.map((template) => ({ ...template, group: schema.name }));
    const replaced = incoming.filter((template) => templates.some((other) => other.name === template.name)).length;
    return save(
      incoming,
      `Imported ${incoming.length} template${incoming.length === 1 ? '' : 's'}${replaced ? ` (${replaced} replaced one with the same name)` : ''}.`,
    );
  };

  const saveTemplate = () => {
    const problem = templateNameProblem(name);
    setNameProblem(problem);
    if (problem) return;
    const template = templateFromForm(schema, name, form.getValues());
    const replacing = templates.some((other) => other.name === template.name);
    void save([template], replacing ? `Replaced "${template.name}".` : `Saved "${template.name}".`).then((ok) => ok && setName(''));
  };

  return (
    <section className="panel" aria-labelledby="templates-title">
      <h2 id="templates-title">Templates</h2>
      {list.data && list.data.skipped > 0 && <p className="field__error">{list.data.skipped} stored templates could not be read and are not shown.</p>}
      {list.isError && (
        <p className="field__error">Templates could not be read from this browser&apos;s storage: {(list.error as Error).message || 'unknown error'}.</p>
      )}
      {templates.length > 0 ? (
        <div className="field">
          <label className="field__label" htmlFor={ids.select}>
            Template
          </label>
          <div className="field-row field-row--wrap">
            <select id={ids.select} value={selected?.name ?? ''} onChange={(event) => setChosen(event.target.value)}>
              {templates.map((template) => (
                <option key={template.name} value={template.name}>
                  {template.name}
                </option>
              ))}
            </select>
            <button type="button" className="button button--small" onClick={() => selected && apply(selected)}>
              Apply
            </button>
            {selected && <CopyButton label="Copy" getText={() => templatesToJson([selected])} />}
            <button
              type="button"
              className="button button--small"
              onClick={async () => {
                if (!selected || !window.confirm(`Delete the template "${selected.name}"?`)) return;
                await store.remove(schema.name, selected.name);
                await queryClient.invalidateQueries({ queryKey });
                setMessage({ tone: 'ok', text: `Deleted "${selected.name}".` });
              }}
            >
              Delete
            </button>
          </div>
        </div>
      ) : (
        <p className="muted">No templates for this group yet.</p>
      )}
      <div className="field">
        <label className="field__label" htmlFor={ids.name}>
          Save the form as a template
        </label>
        <div className="field-row">
          <input
            id={ids.name}
            type="text"
            value={name}
            placeholder="Template name"
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              // Enter saves the template; it must never submit (write) the record around it.
              if (event.key === 'Enter') {
                event.preventDefault();
                saveTemplate();
              }
            }}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={`${ids.name}-hint${nameProblem ? ` ${ids.name}-error` : ''}`}
          />
          <button type="button" className="button button--small" onClick={saveTemplate}>
            Save template
          </button>
        </div>
        <p className="field__hint" id={`${ids.name}-hint`}>
          Keeps the values as typed, generators included (each write draws new ones), the target stores and the TTL.
        </p>
        {nameProblem && (
          <p className="field__error" id={`${ids.name}-error`} role="alert">
            {nameProblem}
          </p>
        )}
      </div>
      <details>
        <summary>Export and import</summary>
        <div className="field-row field-row--wrap" style={{ marginTop: 'var(--space-2)' }}>
          <button
            type="button"
            className="button button--small"
            disabled={templates.length === 0}
            onClick={() => {
              const url = URL.createObjectURL(new Blob([templatesToJson(templates)], { type: 'application/json' }));
              const link = document.createElement('a');
              link.href = url;
              link.download = `${schema.name}-templates.json`;
              link.click();
              setTimeout(() => URL.revokeObjectURL(url), 60_000);
            }}
          >
            Export all ({templates.length})
          </button>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.file} style={{ display: 'block' }}>
            Import a templates file
          </label>
          <input
            id={ids.file}
            type="file"
            accept="application/json,.json"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              if (file.size > MAX_TEMPLATE_FILE_BYTES) {
                setMessage({ tone: 'error', text: `${file.name}: too large (templates files are at most ${MAX_TEMPLATE_FILE_BYTES / 1024 / 1024} MB).` });
                return;
              }
              await importText(await file.text(), file.name);
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.paste}>
            Or paste a copied template
          </label>
          <textarea id={ids.paste} className="mono" rows={3} value={pasted} onChange={(event) => setPasted(event.target.value)} />
          <button
            type="button"
            className="button button--small"
            disabled={pasted.trim() === ''}
            onClick={async () => {
              if (await importText(pasted, 'Pasted JSON')) setPasted('');
            }}
          >
            Import pasted JSON
          </button>
        </div>
      </details>
      <div role="status" aria-live="polite" data-testid="templates-message">
        {message && <p className={message.tone === 'error' ? 'field__error' : 'muted'}>{message.text}</p>}
      </div>
    </section>
  );
}
