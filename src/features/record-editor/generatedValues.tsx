/**
 * Value generators in the record form. A field whose text holds `{{…}}` is expanded with
 * the editor's generator session (a random seed, the record's number in this session, and
 * the time the session started), so the preview and the write use the very same values:
 * the preview expands the watched values (RequestPreview's generatorSession), the resolver expands them again at submit with
 * the same session, and react-hook-form hands the resolver's (expanded) values to the
 * write. After a successful write the session advances: `{{seq}}` counts on, random values
 * and `{{now}}` are drawn afresh.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { GENERATOR_HELP, expandFormValues, generatorContext, hasGeneratorSyntax, newSeed, type ExpandedFormValues } from '../../domain/generators';
import type { RecordFormValues } from '../../domain/recordForm';
import type { FeatureGroupSchema } from '../../domain/schema';
import type { FormHandles } from './formTypes';
import { useLiveFormValues } from './formChanges';

export interface GeneratorSession {
  seed: number;
  /** 0 for the first record written in this session. */
  index: number;
  now: Date;
}

export function newGeneratorSession(index = 0): GeneratorSession {
  return { seed: newSeed(), index, now: new Date() };
}

export interface GeneratorSessionHandle {
  session: GeneratorSession;
  /** Always the current session, for callbacks created once (the resolver). */
  current: () => GeneratorSession;
  /** New random values and time, same record number. */
  regenerate: () => void;
  /** The next record: number + 1, new random values and time. */
  advance: () => void;
}

export function useGeneratorSession(): GeneratorSessionHandle {
  const [session, setSession] = useState(() => newGeneratorSession());
  const ref = useRef(session);
  const update = useCallback((next: GeneratorSession) => {
    ref.current = next;
    setSession(next);
  }, []);
  const current = useCallback(() => ref.current, []);
  const regenerate = useCallback(() => update(newGeneratorSession(ref.current.index)), [update]);
  const advance = useCallback(() => update(newGeneratorSession(ref.current.index + 1)), [update]);
  return { session, current, regenerate, advance };
}

export function expandWithSession(schema: FeatureGroupSchema, values: RecordFormValues, session: GeneratorSession): ExpandedFormValues {
  return expandFormValues(values, generatorContext({ ...session, eventTimeType: schema.eventTimeType }));
}

/** The values the write will send, for the preview. Without a session (outside the editor) the values as typed. */
export function useExpandedValues(schema: FeatureGroupSchema, values: RecordFormValues, session: GeneratorSession | undefined): RecordFormValues {
  return useMemo(() => (session ? expandWithSession(schema, values, session).values : values), [schema, values, session]);
}

function setPath(target: Record<string | number, unknown>, path: (string | number)[], value: unknown): void {
  let node = target;
  path.forEach((key, position) => {
    if (position === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (!next || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  });
}

/** Validates (and hands to the write) the expanded values; a malformed expression is an error at its field. */
export function withGenerators(resolver: Resolver<RecordFormValues>, schema: FeatureGroupSchema, current: () => GeneratorSession): Resolver<RecordFormValues> {
  return async (values, context, options) => {
    const expanded = expandWithSession(schema, values, current());
    const result = await resolver(expanded.values, context, options);
    if (expanded.issues.length === 0) return result;
    const errors = { ...result.errors } as Record<string | number, unknown>;
    for (const issue of expanded.issues) {
      setPath(errors, ['features', issue.index, ...issue.path], { type: 'generator', message: issue.message });
    }
    return { values: {}, errors: errors as FieldErrors<RecordFormValues> };
  };
}

/** Says when the form holds generators, that the preview shows the values Write sends, and draws new ones on request. */
export function GeneratorNote({
  form,
  session,
  onRegenerate,
}: {
  schema: FeatureGroupSchema;
  form: FormHandles;
  session: GeneratorSession;
  onRegenerate: () => void;
}) {
  const values = useLiveFormValues(form.control).features;
  const count = values.filter((value) => hasGeneratorSyntax(value.text) || value.items.some((item) => hasGeneratorSyntax(item.value))).length;
  if (count === 0) return null;
  return (
    <div className="panel" role="status" data-testid="generator-note">
      <p style={{ margin: 0 }}>
        {count === 1 ? '1 feature holds' : `${count} features hold`} generators: the preview shows the values Write will send (record {session.index + 1} of
        this session, drawn at {session.now.toISOString()}).{' '}
        <button type="button" className="button button--small" onClick={onRegenerate}>
          Draw new values
        </button>
      </p>
      <p className="field__hint">Generators: {GENERATOR_HELP}.</p>
    </div>
  );
}
