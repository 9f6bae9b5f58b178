/**
 * Amazon Athena for a record's history, in its own chunk: loaded from sdk.ts the first
 * time a history query runs. Called directly (not through the relay): Athena answers
 * browsers' CORS preflights (the SDK v2 metadata marks it `cors: true`), like Cognito.
 */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import type { AthenaApi } from './awsApi';
import type { RuntimeConfig } from './config';

type CredentialSource = () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

export function createAthenaApi(config: RuntimeConfig, credentials: CredentialSource): AthenaApi & { destroy(): void } {
  const client = new AthenaClient({ region: config.region, credentials, ...(config.endpoints?.athena ? { endpoint: config.endpoints.athena } : {}) });
  return {
    destroy: () => client.destroy(),

    async startQuery({ queryString, parameters, workGroup, outputLocation }) {
      const output = await client.send(
        new StartQueryExecutionCommand({
          QueryString: queryString,
          WorkGroup: workGroup,
          ...(parameters.length > 0 ? { ExecutionParameters: parameters } : {}),
          ...(outputLocation ? { ResultConfiguration: { OutputLocation: outputLocation } } : {}),
        }),
      );
      return { queryExecutionId: output.QueryExecutionId ?? '' };
    },

    async getQueryExecution(queryExecutionId) {
      const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryExecutionId }));
      const status = QueryExecution?.Status;
      return {
        state: (status?.State ?? 'QUEUED') as 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED',
        ...(status?.StateChangeReason ? { reason: status.StateChangeReason } : {}),
        ...(QueryExecution?.Statistics?.DataScannedInBytes !== undefined ? { scannedBytes: QueryExecution.Statistics.DataScannedInBytes } : {}),
      };
    },

    async getQueryResults(queryExecutionId, nextToken) {
      const output = await client.send(
        new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, MaxResults: 1000, ...(nextToken ? { NextToken: nextToken } : {}) }),
      );
      return {
        columns: (output.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => ({ name: column.Name ?? '', type: column.Type ?? 'varchar' })),
        rows: (output.ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((datum) => datum.VarCharValue ?? null)),
        ...(output.NextToken ? { nextToken: output.NextToken } : {}),
      };
    },

    async stopQuery(queryExecutionId) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryExecutionId }));
    },
  };
}
