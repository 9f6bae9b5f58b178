/**
 * The local Athena's model (never sees HTTP): workgroups, query executions and their
 * results, over the offline store's rows.
 *
 * - A query runs asynchronously, as on Athena: StartQueryExecution answers at once with
 *   the id in state QUEUED; it turns RUNNING on the next turn of the event loop and
 *   SUCCEEDED (or FAILED) on the one after. StopQueryExecution before then CANCELS it.
 * - Workgroups: `primary` (no result location: StartQueryExecution must give one) and the
 *   console's (default `featurestore-console`, or LOCAL_FEATURESTORE_ATHENA_WORKGROUPS),
 *   which enforces its result location, as the deploy's does. Results live in memory; the
 *   location is only reported.
 * - `Statistics.DataScannedInBytes` counts the offline rows of the tables the query names
 *   (JSON bytes): the local engine reads whole tables, it prunes no partitions.
 * - LOCAL_FEATURESTORE_OFFLINE_DELAY (milliseconds, default 0) holds rows back: a row is
 *   visible once its api_invocation_time is that old, and its write_time is then.
 * - The last 1,000 executions are kept (decision); older ids are ResourceNotFound-like
 *   InvalidRequestException, as Athena says for an unknown id.
 */
import { randomUUID } from 'node:crypto';
import { ServiceError } from '../../model/errors.js';
import type { FeatureGroupModel } from '../../model/featureGroups.js';
import type { RecordModel } from '../../model/records.js';
import { catalogTables, type CatalogTable } from '../glue/catalog.js';
import { AthenaSqlError, translateQuery } from './athenaSql.js';
import { runOfflineQuery, type OfflineRowColumns, type QueryOutcome } from './offlineTables.js';

type Json = Record<string, unknown>;
type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export const invalidRequest = (message: string, code = 'INVALID_INPUT') => {
  const error = new ServiceError('InvalidRequestException', 400, message);
  (error as ServiceError & { athenaErrorCode?: string }).athenaErrorCode = code;
  return error;
};

export interface WorkGroupSetting {
  name: string;
  /** Enforced result location (s3://...), or none: StartQueryExecution must give one. */
  outputLocation?: string;
  bytesScannedCutoffPerQuery?: number;
}

export const DEFAULT_WORK_GROUPS: readonly WorkGroupSetting[] = [
  { name: 'primary' },
  { name: 'featurestore-console', outputLocation: 's3://local-featurestore-athena-results/', bytesScannedCutoffPerQuery: 1_073_741_824 },
];

interface Execution {
  id: string;
  query: string;
  parameters: string[];
  workGroup: WorkGroupSetting;
  outputLocation: string;
  database?: string;
  state: QueryState;
  reason?: string;
  errorCode?: string;
  submitted: Date;
  completed?: Date;
  engineMs: number;
  outcome?: QueryOutcome;
  clientRequestToken?: string;
}

const KEPT_EXECUTIONS = 1000;
const PAGE_SIZE = 1000;

export interface AthenaModelOptions {
  groups: FeatureGroupModel;
  records: RecordModel;
  now: () => Date;
  offlineDelayMs?: number;
  workGroups?: readonly WorkGroupSetting[];
  /** Runs a step later (default: the next turn of the event loop); tests hold steps here. */
  later?: (step: () => void) => void;
}

export class AthenaQueryModel {
  private readonly executions = new Map<string, Execution>();
  private readonly workGroups: readonly WorkGroupSetting[];

  constructor(private readonly options: AthenaModelOptions) {
    this.workGroups = options.workGroups ?? DEFAULT_WORK_GROUPS;
  }

  private workGroup(name: unknown): WorkGroupSetting {
    const wanted = typeof name === 'string' ? name : 'primary';
    const found = this.workGroups.find((group) => group.name === wanted);
    if (!found) throw invalidRequest(`WorkGroup ${wanted} is not found.`);
    return found;
  }

  /** The workgroup an execution ran in (what IAM checks GetQueryExecution and the like on); undefined for an unknown id. */
  workGroupOf(queryExecutionId: unknown): string | undefined {
    return typeof queryExecutionId === 'string' ? this.executions.get(queryExecutionId)?.workGroup.name : undefined;
  }

  getWorkGroup(input: Json) {
    const group = this.workGroup(input.WorkGroup);
    return {
      WorkGroup: {
        Name: group.name,
        State: 'ENABLED',
        Configuration: {
          ...(group.outputLocation ? { ResultConfiguration: { OutputLocation: group.outputLocation } } : {}),
          EnforceWorkGroupConfiguration: group.outputLocation !== undefined,
          PublishCloudWatchMetricsEnabled: false,
          ...(group.bytesScannedCutoffPerQuery ? { BytesScannedCutoffPerQuery: group.bytesScannedCutoffPerQuery } : {}),
          RequesterPaysEnabled: false,
          EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
        },
        CreationTime: 0,
      },
    };
  }

  startQueryExecution(input: Json): { QueryExecutionId: string } {
    const workGroup = this.workGroup(input.WorkGroup);
    const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : undefined;
    if (token) {
      // Idempotency: the same token returns the same execution.
      for (const execution of this.executions.values()) if (execution.clientRequestToken === token) return { QueryExecutionId: execution.id };
    }
    const requested = (input.ResultConfiguration as { OutputLocation?: unknown } | undefined)?.OutputLocation;
    const location = workGroup.outputLocation ?? (typeof requested === 'string' ? requested : undefined);
    if (!location) {
      throw invalidRequest(
        'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.',
      );
    }
    if (!/^s3:\/\/[^/]+/.test(location)) throw invalidRequest(`The output location ${location.slice(0, 256)} is not an s3:// location.`);
    const query = input.QueryString as string;
    const parameters = Array.isArray(input.ExecutionParameters) ? (input.ExecutionParameters as string[]) : [];
    const database = (input.QueryExecutionContext as { Database?: string } | undefined)?.Database;
    // Refusals before anything runs are InvalidRequestException, as Athena's are for a bad request.
    try {
      translateQuery(query, parameters, { tables: [], ...(database ? { contextDatabase: database } : {}) });
    } catch (error) {
      if (error instanceof AthenaSqlError && error.kind === 'invalid') throw invalidRequest(`${error.code}: ${error.message}`, error.code);
    }
    const id = randomUUID();
    const execution: Execution = {
      id,
      query,
      parameters,
      workGroup,
      outputLocation: `${location.replace(/\/?$/, '/')}${id}.csv`,
      ...(database ? { database } : {}),
      state: 'QUEUED',
      submitted: this.options.now(),
      engineMs: 0,
      ...(token ? { clientRequestToken: token } : {}),
    };
    this.executions.set(id, execution);
    while (this.executions.size > KEPT_EXECUTIONS) this.executions.delete(this.executions.keys().next().value as string);
    const later = this.options.later ?? ((step: () => void) => void setImmediate(step));
    later(() => {
      if (execution.state !== 'QUEUED') return;
      execution.state = 'RUNNING';
      later(() => this.run(execution));
    });
    return { QueryExecutionId: id };
  }

  private run(execution: Execution): void {
    if (execution.state !== 'RUNNING') return;
    const started = performance.now();
    try {
      const translated = translateQuery(execution.query, execution.parameters, {
        tables: catalogTables(this.options.groups),
        ...(execution.database ? { contextDatabase: execution.database } : {}),
      });
      execution.outcome = runOfflineQuery(translated, { rows: (table) => this.visibleRows(table) });
      const cutoff = execution.workGroup.bytesScannedCutoffPerQuery;
      if (cutoff !== undefined && execution.outcome.scannedBytes > cutoff) {
        throw new AthenaSqlError('failed', 'EXCEEDED_BYTES_SCANNED_CUTOFF', `Query exhausted the workgroup's limit of ${cutoff} bytes scanned per query.`);
      }
      execution.state = 'SUCCEEDED';
    } catch (error) {
      execution.state = 'FAILED';
      if (error instanceof AthenaSqlError) {
        execution.errorCode = error.code;
        execution.reason = `${error.code}: ${error.message}`;
      } else {
        execution.errorCode = 'INTERNAL_ERROR_QUERY_ENGINE';
        execution.reason = `INTERNAL_ERROR_QUERY_ENGINE: ${error instanceof Error ? error.message.slice(0, 256) : 'the local engine failed'}`;
      }
    }
    execution.engineMs = Math.round(performance.now() - started);
    execution.completed = this.options.now();
  }

  /** The offline rows of a table visible now: held back by the offline delay, write_time then. */
  private visibleRows(table: CatalogTable): OfflineRowColumns[] {
    const delay = this.options.offlineDelayMs ?? 0;
    const rows = this.options.records.offlineRows(table.group.FeatureGroupName) as OfflineRowColumns[];
    if (delay <= 0) return rows;
    const nowMs = this.options.now().getTime();
    return rows.flatMap((row) => {
      const invoked = Date.parse(String(row.api_invocation_time));
      if (!(invoked + delay <= nowMs)) return [];
      const written = Math.max(Date.parse(String(row.write_time)), invoked + delay);
      return [{ ...row, write_time: new Date(written).toISOString() }];
    });
  }

  private execution(input: Json): Execution {
    const execution = this.executions.get(input.QueryExecutionId as string);
    if (!execution) throw invalidRequest(`QueryExecution ${String(input.QueryExecutionId).slice(0, 128)} was not found`);
    return execution;
  }

  getQueryExecution(input: Json) {
    const execution = this.execution(input);
    const seconds = (date: Date) => date.getTime() / 1000;
    return {
      QueryExecution: {
        QueryExecutionId: execution.id,
        Query: execution.query,
        StatementType: 'DML',
        ResultConfiguration: { OutputLocation: execution.outputLocation },
        ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: false } },
        QueryExecutionContext: execution.database ? { Database: execution.database, Catalog: 'awsdatacatalog' } : {},
        Status: {
          State: execution.state,
          ...(execution.reason ? { StateChangeReason: execution.reason } : {}),
          SubmissionDateTime: seconds(execution.submitted),
          ...(execution.completed ? { CompletionDateTime: seconds(execution.completed) } : {}),
          ...(execution.state === 'FAILED'
            ? { AthenaError: { ErrorCategory: 2, ErrorType: 1000, Retryable: false, ErrorMessage: execution.reason ?? 'The query failed.' } }
            : {}),
        },
        Statistics: {
          EngineExecutionTimeInMillis: execution.engineMs,
          DataScannedInBytes: execution.outcome?.scannedBytes ?? 0,
          TotalExecutionTimeInMillis: execution.completed ? execution.completed.getTime() - execution.submitted.getTime() : 0,
          QueryQueueTimeInMillis: 0,
          ResultReuseInformation: { ReusedPreviousResult: false },
        },
        WorkGroup: execution.workGroup.name,
        EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
        ...(execution.parameters.length > 0 ? { ExecutionParameters: execution.parameters } : {}),
        SubstatementType: 'SELECT',
      },
    };
  }

  getQueryResults(input: Json) {
    const execution = this.execution(input);
    if (execution.state !== 'SUCCEEDED' || !execution.outcome) {
      throw invalidRequest(
        execution.state === 'FAILED' || execution.state === 'CANCELLED'
          ? `Query did not finish successfully. Final query state: ${execution.state}`
          : `Query has not yet finished. Current state: ${execution.state}`,
      );
    }
    const { columns, rows } = execution.outcome;
    const maxResults = (input.MaxResults as number | undefined) ?? PAGE_SIZE;
    // The header row is row 0 of the first page, counted like any other row.
    const all = rows.length + 1;
    const offset = decodeToken(input.NextToken, execution.id, all);
    const end = Math.min(all, offset + maxResults);
    const page: { Data: { VarCharValue?: string }[] }[] = [];
    for (let index = offset; index < end; index += 1) {
      const values = index === 0 ? columns.map((column) => column.name) : (rows[index - 1] as (string | null)[]);
      page.push({ Data: values.map((value) => (value === null ? {} : { VarCharValue: value })) });
    }
    return {
      UpdateCount: 0,
      ResultSet: {
        Rows: page,
        ResultSetMetadata: {
          ColumnInfo: columns.map((column) => ({
            CatalogName: 'hive',
            SchemaName: '',
            TableName: '',
            Name: column.name,
            Label: column.name,
            Type: column.type,
            Precision: column.type === 'varchar' ? 2147483647 : column.type === 'bigint' ? 19 : column.type === 'double' ? 17 : 0,
            Scale: 0,
            Nullable: 'UNKNOWN',
            CaseSensitive: column.type === 'varchar',
          })),
        },
      },
      ...(end < all ? { NextToken: encodeToken(execution.id, end) } : {}),
    };
  }

  stopQueryExecution(input: Json): Record<string, never> {
    const execution = this.execution(input);
    // Stopping a finished query changes nothing, as on Athena.
    if (execution.state === 'QUEUED' || execution.state === 'RUNNING') {
      execution.state = 'CANCELLED';
      execution.reason = 'Query cancelled by user';
      execution.completed = this.options.now();
    }
    return {};
  }
}

function encodeToken(id: string, offset: number): string {
  return Buffer.from(`${id}:${offset}`).toString('base64url');
}

function decodeToken(token: unknown, id: string, rows: number): number {
  if (token === undefined) return 0;
  const text = Buffer.from(String(token), 'base64url').toString();
  const match = /^([0-9a-f-]{36}):([0-9]{1,9})$/.exec(text);
  const offset = Number(match?.[2]);
  if (!match || match[1] !== id || offset > rows) throw invalidRequest('The NextToken is not valid for this query execution.');
  return offset;
}
