import type { ReactNode } from 'react';

/** Preformatted text (requests, JSON). Rendered as text, never as HTML. */
export function CodeBlock({ title, children, actions, id }: { title: string; children: string; actions?: ReactNode; id?: string }) {
  return (
    <figure className="code-block" aria-labelledby={id ? `${id}-title` : undefined}>
      <figcaption className="code-block__head">
        <span id={id ? `${id}-title` : undefined}>{title}</span>
        {actions && <span className="code-block__actions">{actions}</span>}
      </figcaption>
      <pre className="code-block__body" tabIndex={0} id={id}>
        <code>{children}</code>
      </pre>
    </figure>
  );
}
