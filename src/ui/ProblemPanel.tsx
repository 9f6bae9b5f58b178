import type { ReactNode } from 'react';

export interface ProblemLike {
  title: string;
  detail: string;
  errorName?: string;
  requestId?: string;
}

/** An error the user can act on: what happened, what to do, and the AWS ids for support. */
export function ProblemPanel({ problem, children }: { problem: ProblemLike; children?: ReactNode }) {
  return (
    <div className="panel panel--error" role="alert">
      <h3 className="panel__title">{problem.title}</h3>
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
