import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { featureGroupsQuery } from '../../aws/queries';
import { describeAwsError } from '../../aws/errors';
import { sagemakerEndpoint } from '../../aws/config';
import { FEATURE_GROUP_NAME_OR_ARN_PATTERN } from '../../domain/limits';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { describedByIds } from '../../ui/Field';
import { groupPath } from '../../ui/paths';
import { Timestamp } from '../../shared/Timestamp';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function GroupPickerPage() {
  const config = useRuntimeConfig();
  const [search, setSearch] = useState('');
  const nameContains = useDebounced(search.trim(), 250);
  const groups = useInfiniteQuery(featureGroupsQuery(config, nameContains));
  const rows = groups.data?.pages.flatMap((page) => page.groups) ?? [];

  return (
    <div className="group-picker">
      <h1>Feature groups</h1>
      <p className="muted">Choose a feature group to write, find or fix its records.</p>
      <div className="editor-layout">
        <section aria-labelledby="list-title">
          <div className="section-head">
            <h2 id="list-title">All feature groups</h2>
            <div style={{ minWidth: 260 }}>
              <label htmlFor="group-search" className="visually-hidden">
                Search feature groups by name
              </label>
              <input id="group-search" type="search" placeholder="Search by name…" value={search} onChange={(event) => setSearch(event.target.value)} />
            </div>
          </div>
          {groups.isError ? (
            <ProblemPanel
              problem={describeAwsError(groups.error, {
                operation: 'ListFeatureGroups',
                endpoint: sagemakerEndpoint(config),
              })}
            >
              <p>You can still open a group by name or ARN.</p>
            </ProblemPanel>
          ) : (
            <table className="table" aria-busy={groups.isPending}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Offline store</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {groups.isPending ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      Loading feature groups…
                    </td>
                  </tr>
                ) : rows.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      {nameContains ? `No feature group name contains "${nameContains}".` : 'This account has no feature groups in this Region.'}
                    </td>
                  </tr>
                ) : (
                  rows.map((group) => (
                    <tr key={group.arn || group.name}>
                      <td>
                        <Link href={groupPath(group.name)}>
                          <code>{group.name}</code>
                        </Link>
                      </td>
                      <td>
                        <span className={`status status--${group.status === 'Created' ? 'ok' : 'warn'}`}>{group.status}</span>
                      </td>
                      <td>{group.offlineStoreStatus ?? '—'}</td>
                      <td>{group.creationTime ? <Timestamp date={group.creationTime} /> : '—'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          )}
          {groups.hasNextPage && (
            <div className="actions">
              <button type="button" className="button" onClick={() => void groups.fetchNextPage()} disabled={groups.isFetchingNextPage}>
                {groups.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </section>
        <aside>
          <OpenByName />
        </aside>
      </div>
    </div>
  );
}

/** For identities that may describe a group but not list them all. */
function OpenByName() {
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!FEATURE_GROUP_NAME_OR_ARN_PATTERN.test(trimmed)) {
      setError('Enter a feature group name (letters, digits, - and _) or its ARN (arn:aws:sagemaker:region:account:feature-group/name).');
      return;
    }
    navigate(groupPath(trimmed));
  };
  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>Open by name or ARN</h2>
      <label htmlFor="open-group" className="field__label">
        Feature group name or ARN
      </label>
      <div className="field-row">
        <input
          id="open-group"
          type="text"
          className="mono"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedByIds('open-group', false, Boolean(error))}
          onChange={(event) => {
            setValue(event.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="button button--primary">
          Open
        </button>
      </div>
      {error && (
        <p className="field__error" id="open-group-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
