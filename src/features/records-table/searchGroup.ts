/**
 * Finds the records of a whole group whose identifier starts with a prefix. ListRecords
 * returns identifiers in no promised order, so every page is read (100 identifiers per
 * call, identifiers only); only the identifiers that match are read with BatchGetRecord,
 * one call per page that has matches. Matches are reported as each page is searched.
 *
 * Bounds (decisions): pages are read one at a time and dropped once searched, so memory
 * holds the matches only, and the search stops after MAX_SEARCH_MATCHES of them (the
 * page says so: narrow the prefix). Cancelling stops before the next call; the calls
 * already made finish, and the counts say how much of the group was searched.
 */
import type { AwsApi } from '../../aws/api';
import { batchGetAll, TABLE_PAGE_SIZE } from './loadRows';
import { joinPage, type TableRow } from './tableRows';

export const MAX_SEARCH_MATCHES = 1000;

export interface SearchProgress {
  /** Identifiers listed and compared so far. */
  searched: number;
  pages: number;
  /** The matches found in the page just searched (with their values). */
  found: TableRow[];
}

export type SearchEnd = { kind: 'complete' } | { kind: 'cancelled' } | { kind: 'limit' };

export async function searchGroup(
  api: AwsApi,
  group: string,
  options: { prefix: string; includeSoftDeleted: boolean; signal: AbortSignal; onProgress: (progress: SearchProgress) => void; maxMatches?: number },
): Promise<SearchEnd> {
  const maxMatches = options.maxMatches ?? MAX_SEARCH_MATCHES;
  let token = '';
  let searched = 0;
  let pages = 0;
  let matches = 0;
  do {
    if (options.signal.aborted) return { kind: 'cancelled' };
    const listed = await api.listRecords(group, {
      includeSoftDeleted: options.includeSoftDeleted,
      maxResults: TABLE_PAGE_SIZE,
      ...(token ? { nextToken: token } : {}),
    });
    const allMatching = listed.recordIds.filter((recordId) => recordId.startsWith(options.prefix));
    const matching = allMatching.slice(0, maxMatches - matches);
    const found = matching.length > 0 ? joinPage(matching, await batchGetAll(api, group, matching), options.includeSoftDeleted) : [];
    searched += listed.recordIds.length;
    pages += 1;
    matches += matching.length;
    options.onProgress({ searched, pages, found });
    token = listed.nextToken ?? '';
    if (matching.length < allMatching.length || (matches >= maxMatches && token)) return { kind: 'limit' };
  } while (token);
  return { kind: 'complete' };
}
