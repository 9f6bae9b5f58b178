/**
 * One Athena query at a time for a panel: started on request, its id, state and bytes
 * scanned shown while it runs, cancellable (StopQueryExecution through the query's signal).
 */
import { useCallback, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { athenaQueryOptions, type AthenaProgress, type AthenaQueryInput } from '../../aws/athenaQueries';

export function useAthenaRun() {
  const config = useRuntimeConfig();
  const queryClient = useQueryClient();
  const [input, setInput] = useState<AthenaQueryInput | undefined>();
  const [progress, setProgress] = useState<AthenaProgress>({});
  const [cancelled, setCancelled] = useState(false);
  const options = athenaQueryOptions(config, input ?? { queryString: '', parameters: [] }, setProgress);
  const query = useQuery({ ...options, enabled: input !== undefined });
  const run = useCallback(
    (next: AthenaQueryInput) => {
      setProgress({});
      setCancelled(false);
      setInput(next);
      // The same question asked again is a new query (the offline store may have caught up).
      void queryClient.resetQueries({ queryKey: athenaQueryOptions(config, next).queryKey, exact: true });
    },
    [config, queryClient],
  );
  const cancel = useCallback(() => {
    setCancelled(true);
    // Aborts the query's signal: runAthenaQuery calls StopQueryExecution. No input, no refetch.
    void queryClient.cancelQueries({ queryKey: options.queryKey, exact: true });
    setInput(undefined);
  }, [queryClient, options.queryKey]);
  const running = input !== undefined && query.fetchStatus === 'fetching';
  return { input, query: input !== undefined ? query : undefined, progress, running, cancelled, run, cancel };
}
