import { describe, expect, it, vi } from 'vitest';
import type { AthenaApi } from './api';
import { parseRuntimeConfig, type RuntimeConfig } from './config';
import { runAthenaQuery } from './athenaQueries';

const api = vi.hoisted((): AthenaApi => ({
  startQuery: vi.fn(async () => ({ queryExecutionId: 'q-1' })),
  getQueryExecution: vi.fn(async () => ({ state: 'RUNNING' as const })),
  getQueryResults: vi.fn(async () => ({ columns: [], rows: [] })),
  stopQuery: vi.fn(async () => undefined),
}));
vi.mock('./api', () => ({ getAwsApi: async () => api }));

function config(athena?: RuntimeConfig['athena']): RuntimeConfig {
  const parsed = parseRuntimeConfig({ region: 'us-east-1', identityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000001', ...(athena ? { athena } : {}) });
  if (!parsed.ok) throw new Error('bad config');
  return parsed.config;
}

describe('runAthenaQuery', () => {
  it('stops the query on Athena when cancelled, and says so', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const running = runAthenaQuery(
      config({ workGroup: 'wg' }),
      { queryString: 'SELECT 1', parameters: [] },
      {
        signal: controller.signal,
        onProgress: (progress) => {
          seen.push(progress.state ?? '');
          if (progress.state === 'RUNNING') controller.abort();
        },
      },
    );
    await expect(running).rejects.toMatchObject({ name: 'QueryCancelled' });
    expect(api.stopQuery).toHaveBeenCalledWith('q-1');
    expect(api.startQuery).toHaveBeenCalledWith({ queryString: 'SELECT 1', parameters: [], workGroup: 'wg' });
    expect(seen).toEqual(['QUEUED', 'RUNNING']);
  });

  it('reads every page, the header once, and reports a failed query in words', async () => {
    vi.mocked(api.getQueryExecution).mockResolvedValueOnce({ state: 'SUCCEEDED', scannedBytes: 42 });
    vi.mocked(api.getQueryResults)
      .mockResolvedValueOnce({ columns: [], rows: [['a'], ['1']], nextToken: 't' })
      .mockResolvedValueOnce({ columns: [], rows: [['2'], [null]] });
    const result = await runAthenaQuery(config({ workGroup: 'wg', outputLocation: 's3://bucket/x/' }), { queryString: 'SELECT a', parameters: [] });
    expect(result).toMatchObject({ queryExecutionId: 'q-1', scannedBytes: 42, header: ['a'], rows: [['1'], ['2'], [null]], truncated: false });
    expect(api.startQuery).toHaveBeenLastCalledWith({ queryString: 'SELECT a', parameters: [], workGroup: 'wg', outputLocation: 's3://bucket/x/' });

    vi.mocked(api.getQueryExecution).mockResolvedValueOnce({ state: 'FAILED', reason: 'TABLE_NOT_FOUND: nope' });
    await expect(runAthenaQuery(config({ workGroup: 'wg' }), { queryString: 'SELECT b', parameters: [] })).rejects.toThrow(/failed: TABLE_NOT_FOUND: nope/);
    await expect(runAthenaQuery(config(), { queryString: 'SELECT c', parameters: [] })).rejects.toMatchObject({ name: 'AthenaNotConfigured' });
  });
});
