import { useCallback, useEffect, useRef, useState } from 'react';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { getAwsApi } from '../../aws/api';
import { searchGroup } from './searchGroup';
import type { TableRow } from './tableRows';

export type GroupSearch =
  | { status: 'idle' }
  | {
      status: 'running' | 'complete' | 'cancelled' | 'limit' | 'failed';
      prefix: string;
      searched: number;
      pages: number;
      matches: TableRow[];
      error?: unknown;
    };

/**
 * The whole-group search behind the table's identifier filter (searchGroup.ts): started
 * by the user, cancelled by the user, by a new search, by clear() and when the table
 * unmounts. Matches arrive as each page is searched.
 */
export function useGroupSearch(group: string, includeSoftDeleted: boolean) {
  const config = useRuntimeConfig();
  const [search, setSearch] = useState<GroupSearch>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);

  const stop = useCallback(() => {
    running.current?.abort();
    running.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (prefix: string) => {
      stop();
      const controller = new AbortController();
      running.current = controller;
      let state: Extract<GroupSearch, { prefix: string }> = { status: 'running', prefix, searched: 0, pages: 0, matches: [] };
      setSearch(state);
      const update = (next: typeof state) => {
        state = next;
        // A search that was replaced or cleared says nothing more.
        if (running.current === controller) setSearch(next);
      };
      void (async () => {
        try {
          const end = await searchGroup(await getAwsApi(config), group, {
            prefix,
            includeSoftDeleted,
            signal: controller.signal,
            onProgress: ({ searched, pages, found }) =>
              update({ ...state, searched, pages, matches: found.length ? [...state.matches, ...found] : state.matches }),
          });
          update({ ...state, status: end.kind });
        } catch (error) {
          update({ ...state, status: 'failed', error });
        } finally {
          if (running.current === controller) running.current = null;
        }
      })();
    },
    [config, group, includeSoftDeleted, stop],
  );

  const cancel = useCallback(() => running.current?.abort(), []);
  const clear = useCallback(() => {
    stop();
    setSearch({ status: 'idle' });
  }, [stop]);
  /** Rows deleted from the table: gone (hard delete, or soft-deleted rows not shown), or marked soft-deleted. */
  const applyDelete = useCallback(
    (recordIds: readonly string[], mode: 'SoftDelete' | 'HardDelete') => {
      const deleted = new Set(recordIds);
      setSearch((current) =>
        current.status === 'idle'
          ? current
          : {
              ...current,
              matches: current.matches.flatMap((row) =>
                !deleted.has(row.recordId) ? [row] : mode === 'SoftDelete' && includeSoftDeleted ? [{ recordId: row.recordId, softDeleted: true }] : [],
              ),
            },
      );
    },
    [includeSoftDeleted],
  );
  return { search, start, cancel, clear, applyDelete };
}
