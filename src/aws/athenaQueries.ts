/**
 * Running an Athena query to completion, for a record's history: StartQueryExecution, then
 * GetQueryExecution with backoff until a final state, then every page of GetQueryResults.
 * Aborting the signal (TanStack Query cancels a query's signal) stops the query on Athena
 * (StopQueryExecution), so a cancelled query scans no more.
 */
import { queryOptions } from '@tanstack/react-query';
import { getAwsApi, type QueryState } from './api';
import { athenaEndpoint, type RuntimeConfig } from './config';
import { AwsCallError } from './errors';
import { awsKeys } from './queries';

export interface AthenaQueryInput {
  queryString: string;
  parameters: string[];
}

export interface AthenaProgress {
  queryExecutionId?: string;
  state?: QueryState;
  scannedBytes?: number;
}

export interface AthenaResult {
  queryExecutionId: string;
  scannedBytes: number;
  header: string[];
  rows: (string | null)[][];
  /** True when more rows exist than MAX_RESULT_PAGES pages hold. */
  truncated: boolean;
}

/** Polling: 250 ms, then 1.5 times longer each time, at most 2 s between polls (decision). */
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 2000;
/** Result pages read at most (10,000 rows): a record's history is far shorter (decision). */
export const MAX_RESULT_PAGES = 10;

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function failure(config: RuntimeConfig, operation: string, name: string, message: string): AwsCallError {
  return new AwsCallError({ operation, endpoint: athenaEndpoint(config), kind: 'service', name, message });
}

export async function runAthenaQuery(
  config: RuntimeConfig,
  input: AthenaQueryInput,
  options: { signal?: AbortSignal; onProgress?: (progress: AthenaProgress) => void } = {},
): Promise<AthenaResult> {
  const athena = config.athena;
  if (!athena) throw failure(config, 'StartQueryExecution', 'AthenaNotConfigured', 'config.json has no athena.workGroup: history queries are not configured.');
  const api = await getAwsApi(config);
  const { signal, onProgress } = options;
  const { queryExecutionId } = await api.startQuery({
    queryString: input.queryString,
    parameters: input.parameters,
    workGroup: athena.workGroup,
    ...(athena.outputLocation ? { outputLocation: athena.outputLocation } : {}),
  });
  onProgress?.({ queryExecutionId, state: 'QUEUED' });
  let delay = FIRST_POLL_MS;
  let status: Awaited<ReturnType<typeof api.getQueryExecution>>;
  for (;;) {
    if (signal?.aborted) {
      await api.stopQuery(queryExecutionId).catch(() => undefined);
      throw failure(config, 'StopQueryExecution', 'QueryCancelled', `Query ${queryExecutionId} was cancelled.`);
    }
    status = await api.getQueryExecution(queryExecutionId);
    onProgress?.({ queryExecutionId, state: status.state, ...(status.scannedBytes !== undefined ? { scannedBytes: status.scannedBytes } : {}) });
    if (status.state === 'SUCCEEDED' || status.state === 'FAILED' || status.state === 'CANCELLED') break;
    await wait(delay, signal);
    delay = Math.min(MAX_POLL_MS, delay * 1.5);
  }
  if (status.state !== 'SUCCEEDED') {
    throw failure(
      config,
      'GetQueryExecution',
      status.state === 'CANCELLED' ? 'QueryCancelled' : 'QueryFailed',
      `Athena query ${queryExecutionId} ${status.state === 'CANCELLED' ? 'was cancelled' : 'failed'}${status.reason ? `: ${status.reason}` : '.'}`,
    );
  }
  const rows: (string | null)[][] = [];
  let header: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await api.getQueryResults(queryExecutionId, token);
    const pageRows = page.rows;
    if (pages === 0) header = (pageRows.shift() ?? []).map((value) => value ?? '');
    rows.push(...pageRows);
    token = page.nextToken;
    pages += 1;
  } while (token && pages < MAX_RESULT_PAGES && !signal?.aborted);
  return { queryExecutionId, scannedBytes: status.scannedBytes ?? 0, header, rows, truncated: token !== undefined };
}

/** One Athena query as a TanStack query: cancelling it (queryClient.cancelQueries) stops it on Athena. */
export function athenaQueryOptions(config: RuntimeConfig, input: AthenaQueryInput, onProgress?: (progress: AthenaProgress) => void) {
  return queryOptions({
    queryKey: [...awsKeys.environment(config), 'athena', input.queryString, input.parameters] as const,
    queryFn: ({ signal }) => runAthenaQuery(config, input, { signal, ...(onProgress ? { onProgress } : {}) }),
    // History is read on request; a new query is a new question.
    staleTime: Infinity,
    retry: false,
  });
}
