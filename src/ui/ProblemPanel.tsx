import type { ReactNode } from 'react';

export interface ProblemLike {
  title: string;
  detail: string;
  errorName?: string;
  requestId?: string;
}

/**
 * An error the user can act on: what happened, what to do, and the AWS ids for support.
 * Its title is an h3 inside a page's sections; `level={2}` where it stands right under the h1.
 */
export function ProblemPanel({ problem, children, level = 3 }: { problem: ProblemLike; children?: ReactNode; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="panel panel--error" role="alert">
      <Heading className="panel__title">{problem.title}</Heading>
      <p className="panel__text">{problem.detail}</p>
      {(problem.errorName || problem.requestId) && (
        <dl className="meta-list">
          {problem.errorName && (
            <>
              <dt>AWS error</dt>
              <dd>
                <code>{problem.errorName}</code>
              </dd>
            </>
          )}
          {problem.requestId && (
            <>
              <dt>Request id</dt>
              <dd>
                <code>{problem.requestId}</code>
              </dd>
            </>
          )}
        </dl>
      )}
      {children}
    </div>
  );
}
