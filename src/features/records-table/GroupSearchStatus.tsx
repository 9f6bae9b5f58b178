import { describeAwsError } from '../../aws/errors';
import type { FeatureGroupSchema } from '../../domain/schema';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { MAX_SEARCH_MATCHES } from './searchGroup';
import type { GroupSearch } from './useGroupSearch';

const count = (n: number) => n.toLocaleString('en-US');

/** What the whole-group search has done: how much it searched, what it found, and whether it covered the group. */
export function GroupSearchStatus({ search, schema }: { search: GroupSearch; schema: FeatureGroupSchema }) {
  if (search.status === 'idle') return null;
  const found = `${count(search.matches.length)} ${search.matches.length === 1 ? 'identifier starts' : 'identifiers start'} with "${search.prefix}"`;
  const records = `${count(search.searched)} record${search.searched === 1 ? '' : 's'}`;
  return (
    <div role="status" aria-live="polite" data-testid="group-search">
      {search.status === 'running' && (
        <p>
          <progress aria-label="Search progress" /> Searching the whole group: {records} searched, {count(search.matches.length)} found so far…
        </p>
      )}
      {search.status === 'complete' && (
        <p>
          Searched all {records} of the group: {found}.
        </p>
      )}
      {search.status === 'cancelled' && (
        <p className="field__warning">
          Search cancelled after {records}: {found} among them. The rest of the group was not searched (ListRecords has no order, so more may match).
        </p>
      )}
      {search.status === 'limit' && (
        <p className="field__warning">
          Stopped at {count(MAX_SEARCH_MATCHES)} matches after {records} searched; the rest of the group was not searched. Type a longer prefix to narrow the
          search.
        </p>
      )}
      {search.status === 'failed' && (
        <ProblemPanel
          problem={{
            ...describeAwsError(search.error, { operation: 'ListRecords', featureGroup: schema.name }),
            title: `Search stopped after ${records}, ${count(search.matches.length)} found: ${describeAwsError(search.error, { operation: 'ListRecords', featureGroup: schema.name }).title}`,
          }}
        />
      )}
    </div>
  );
}
