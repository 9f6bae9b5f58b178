/**
 * A labelled form field: label, optional meta line, the control, hint and error.
 * The control receives ids through `describedBy` so screen readers read the hint
 * and the error with it.
 */
import type { ReactNode } from 'react';

export interface FieldProps {
  id: string;
  label: ReactNode;
  meta?: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  changed?: boolean;
  /** The control is a group of inputs (a list editor): label it by id instead of <label for>. */
  asGroup?: boolean;
  children: ReactNode;
  className?: string;
}

export function describedByIds(id: string, hasHint: boolean, hasError: boolean): string | undefined {
  const ids = [hasError ? `${id}-error` : '', hasHint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function Field({ id, label, meta, hint, error, required, changed, asGroup, children, className }: FieldProps) {
  return (
    <div className={`field${error ? ' field--invalid' : ''}${changed ? ' field--changed' : ''}${className ? ` ${className}` : ''}`}>
      <div className="field__head">
        {asGroup ? (
          <span className="field__label" id={`${id}-label`}>
            {label}
          </span>
        ) : (
          <label className="field__label" htmlFor={id}>
            {label}
          </label>
        )}
        {required && <span className="badge badge--required">required</span>}
        {changed && <span className="badge badge--changed">changed</span>}
        {meta && <span className="field__meta">{meta}</span>}
      </div>
      {children}
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
