/**
 * The local Athena and Glue, through the real SDK clients over HTTP: a record's history,
 * AWS's documented snapshot and time-travel queries, Athena's result shape and paging,
 * and named errors for what the local engine does not run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type GetQueryResultsCommandOutput,
  type StartQueryExecutionCommandInput,
} from '@aws-sdk/client-athena';
import { DeleteRecordCommand, PutRecordCommand } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEVELOPER_KEY } from './server.js';
import { createGroup, expectAwsError, record, startTestStack, stopTestStack, type TestStack } from './testing.js';
import { AthenaQueryModel } from './services/athena/queryExecutions.js';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';

/** An awsJson1_1 call signed with the developer key for `service` (Glue has no SDK client in this project). */
async function jsonCall(service: string, target: string, body: object) {
  const url = new URL(stack.store.url);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({ credentials: DEVELOPER_KEY, region: 'us-east-1', service, sha256: Sha256 });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: '/',
    headers: { host: url.host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: text,
  });
  const { headers } = await signer.sign(request, { signingDate: new Date() });
  const response = await fetch(`${stack.store.url}/`, { method: 'POST', headers: headers as Record<string, string>, body: text });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

let stack: TestStack;
let athena: AthenaClient;
const WORK_GROUP = 'featurestore-console';

beforeAll(async () => {
  stack = await startTestStack();
  athena = new AthenaClient({ region: 'us-east-1', endpoint: stack.store.url, credentials: DEVELOPER_KEY, maxAttempts: 1 });
});
afterAll(async () => {
  athena.destroy();
  await stopTestStack(stack);
});

/** Starts a query and waits for a final state (by condition: each poll yields to the server). */
async function run(input: Omit<StartQueryExecutionCommandInput, 'WorkGroup'> & { WorkGroup?: string }) {
  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ WorkGroup: WORK_GROUP, ...input }));
  for (;;) {
    const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = QueryExecution?.Status?.State ?? '';
    if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') return { id: QueryExecutionId as string, execution: QueryExecution };
  }
}

function table(results: GetQueryResultsCommandOutput): Record<string, string | undefined>[] {
  const [header, ...rows] = results.ResultSet?.Rows ?? [];
  const names = (header?.Data ?? []).map((datum) => datum.VarCharValue ?? '');
  return rows.map((row) => Object.fromEntries(names.map((name, index) => [name, row.Data?.[index]?.VarCharValue])));
}

async function put(group: string, values: Record<string, string>) {
  await stack.runtime.send(new PutRecordCommand({ FeatureGroupName: group, Record: record(values) }));
}

describe('a record history through Athena', () => {
  let group: string;
  beforeAll(async () => {
    group = await createGroup(stack);
    await put(group, { id: 'r1', ts: '2026-01-01T10:00:00Z', n: '1', x: '1.5', s: 'first' });
    await put(group, { id: 'r1', ts: '2026-01-02T10:00:00.250Z', n: '2', x: '2', s: 'second' });
    await put(group, { id: 'other', ts: '2026-01-02T11:00:00Z', n: '9', x: '9', s: 'other' });
    await put(group, { id: 'r1', ts: '2026-01-03T10:00:00Z', n: '9223372036854775807', x: '3.25', s: 'third' });
    await stack.runtime.send(new DeleteRecordCommand({ FeatureGroupName: group, RecordIdentifierValueAsString: 'r1', EventTime: '2026-01-04T10:00:00Z' }));
  });

  it('returns every version with the columns AWS adds, typed, header first, values as strings', async () => {
    const table_ = group.replace(/-/g, '_');
    const { id, execution } = await run({
      QueryString: `SELECT * FROM "sagemaker_featurestore"."${table_}" WHERE "id" = ? AND from_iso8601_timestamp("ts") BETWEEN ? AND ? ORDER BY "ts" DESC, api_invocation_time DESC`,
      ExecutionParameters: ["'r1'", "timestamp '2025-12-01 00:00:00'", "timestamp '2026-02-01 00:00:00.000'"],
    });
    expect(execution?.Status?.State).toBe('SUCCEEDED');
    expect(execution?.Statistics?.DataScannedInBytes).toBeGreaterThan(0);
    expect(execution?.ResultConfiguration?.OutputLocation).toMatch(/^s3:\/\/local-featurestore-athena-results\/.*\.csv$/);
    const results = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }));
    const rows = table(results);
    expect(rows.map((row) => row.s ?? null)).toEqual([null, 'third', 'second', 'first']);
    expect(rows.map((row) => row.is_deleted)).toEqual(['true', 'false', 'false', 'false']);
    expect(rows[1]?.n).toBe('9223372036854775807');
    expect(rows[2]?.x).toBe('2.0');
    expect(rows[0]?.write_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(rows[0]?.year).toBe('2026');
    expect(rows[0]?.hour).toBe('10');
    const types = Object.fromEntries((results.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => [column.Name, column.Type]));
    expect(types).toMatchObject({ id: 'varchar', n: 'bigint', x: 'double', write_time: 'timestamp', api_invocation_time: 'timestamp', is_deleted: 'boolean' });
    // Absent values carry no VarCharValue.
    expect(results.ResultSet?.Rows?.[1]?.Data?.[4]).toEqual({});
  });

  it("runs AWS's documented snapshot and time-travel queries", async () => {
    const table_ = `"sagemaker_featurestore"."${group.replace(/-/g, '_')}"`;
    const snapshot = (filter: string) =>
      `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY ts DESC, api_invocation_time DESC, write_time DESC) AS row_num FROM ${table_}${filter}) WHERE row_num = 1 AND NOT is_deleted`;
    const latest = await run({ QueryString: snapshot('') });
    expect(table(await athena.send(new GetQueryResultsCommand({ QueryExecutionId: latest.id }))).map((row) => row.id)).toEqual(['other']);
    const asOf = await run({ QueryString: snapshot(" WHERE ts <= timestamp '2026-01-02 12:00:00'") });
    const rows = table(await athena.send(new GetQueryResultsCommand({ QueryExecutionId: asOf.id })));
    expect(rows.map((row) => [row.id, row.s, row.row_num]).sort()).toEqual([
      ['other', 'other', '1'],
      ['r1', 'second', '1'],
    ]);
    const columnInfo = (await athena.send(new GetQueryResultsCommand({ QueryExecutionId: asOf.id }))).ResultSet?.ResultSetMetadata?.ColumnInfo;
    expect(columnInfo?.find((column) => column.Name === 'row_num')?.Type).toBe('bigint');
  });

  it('pages results 1,000 rows at a time, the header counted on the first page', async () => {
    const big = await createGroup(stack);
    for (let index = 0; index < 1200; index += 1) {
      stack.store.records.putRecord(big, { Record: record({ id: `r${index}`, ts: '2026-01-01T00:00:00Z', n: String(index), x: '0', s: 's' }) });
    }
    const { id } = await run({ QueryString: `SELECT id FROM sagemaker_featurestore.${big.replace(/-/g, '_')}` });
    const first = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id }));
    expect(first.ResultSet?.Rows).toHaveLength(1000);
    expect(first.NextToken).toBeTruthy();
    const second = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: first.NextToken }));
    expect(second.ResultSet?.Rows).toHaveLength(201);
    expect(second.NextToken).toBeUndefined();
    // Stopping a finished query changes nothing.
    await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    expect((await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution?.Status?.State).toBe('SUCCEEDED');
    await expectAwsError(athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: 1001 })), 'InvalidRequestException', /1000/);
    await expectAwsError(athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: 'bm9wZQ' })), 'InvalidRequestException', /NextToken/);
  });

  it('serves an Iceberg table and a Fractional event time (time travel with a plain number)', async () => {
    const iceberg = await createGroup(stack, {
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'String' },
        { FeatureName: 'ts', FeatureType: 'Fractional' },
        { FeatureName: 's', FeatureType: 'String' },
      ],
      OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://test-bucket/offline' }, TableFormat: 'Iceberg' },
    });
    await put(iceberg, { id: 'a', ts: '1700000000', s: 'old' });
    await put(iceberg, { id: 'a', ts: '1700000100.5', s: 'new' });
    const { id } = await run({
      QueryString: `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY ts DESC, api_invocation_time DESC, write_time DESC) AS row_num FROM "sagemaker_featurestore"."${iceberg.replace(/-/g, '_')}" WHERE ts <= ?) WHERE row_num = 1 AND NOT is_deleted`,
      ExecutionParameters: ['1700000050'],
    });
    const rows = table(await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id })));
    expect(rows.map((row) => row.s)).toEqual(['old']);
    // Iceberg partitions are hidden: no year/month/day/hour columns.
    expect(Object.keys(rows[0] ?? {})).not.toContain('year');
  });
});

describe('named errors', () => {
  it('refuses what is not one SELECT, and parameters that are not one literal, before running', async () => {
    const start = (QueryString: string, ExecutionParameters?: string[]) =>
      athena.send(new StartQueryExecutionCommand({ WorkGroup: WORK_GROUP, QueryString, ...(ExecutionParameters ? { ExecutionParameters } : {}) }));
    await expectAwsError(start('DROP TABLE x'), 'InvalidRequestException', /SELECT queries only/);
    await expectAwsError(start('SELECT 1; SELECT 2'), 'InvalidRequestException', /one statement/);
    await expectAwsError(start('SELECT * FROM a JOIN b ON 1 = 1'), 'InvalidRequestException', /JOIN is not supported/);
    await expectAwsError(start('SELECT ? , ?', ["'a'"]), 'InvalidRequestException', /2 parameter markers/);
    await expectAwsError(start('SELECT ?', ["'a' OR 1=1"]), 'InvalidRequestException', /one literal/);
    await expectAwsError(start("SELECT 'unterminated"), 'InvalidRequestException', /unterminated string/);
    await expectAwsError(start('SELECT 1', ['']), 'InvalidRequestException', /executionParameters/);
    await expectAwsError(start(''), 'InvalidRequestException', /queryString/);
    await expectAwsError(athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1' })), 'InvalidRequestException', /No output location provided/);
    await expectAwsError(
      athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT 1', WorkGroup: 'nope' })),
      'InvalidRequestException',
      /WorkGroup nope is not found/,
    );
    await expectAwsError(athena.send(new GetQueryExecutionCommand({ QueryExecutionId: 'no-such-id' })), 'InvalidRequestException', /was not found/);
  });

  it('fails a query the engine cannot run, with the reason in StateChangeReason', async () => {
    const unknownFunction = await run({ QueryString: 'SELECT load_extension(1)' });
    expect(unknownFunction.execution?.Status?.State).toBe('FAILED');
    expect(unknownFunction.execution?.Status?.StateChangeReason).toMatch(/^FUNCTION_NOT_FOUND: line 1:8: Function 'load_extension' not registered/);
    expect(unknownFunction.execution?.Status?.AthenaError?.ErrorCategory).toBe(2);
    const unknownTable = await run({ QueryString: 'SELECT * FROM "sagemaker_featurestore"."nope"' });
    expect(unknownTable.execution?.Status?.StateChangeReason).toMatch(/^TABLE_NOT_FOUND: .*sagemaker_featurestore\.nope/);
    const quotedColumn = await run({ QueryString: 'SELECT "nope" FROM (SELECT 1 AS a)' });
    expect(quotedColumn.execution?.Status?.StateChangeReason).toMatch(/^COLUMN_NOT_FOUND/);
    await expectAwsError(
      athena.send(new GetQueryResultsCommand({ QueryExecutionId: quotedColumn.id })),
      'InvalidRequestException',
      /Final query state: FAILED/,
    );
  });

  it('answers GetWorkGroup with its enforced result location', async () => {
    const { WorkGroup } = await athena.send(new GetWorkGroupCommand({ WorkGroup: WORK_GROUP }));
    expect(WorkGroup?.Configuration?.EnforceWorkGroupConfiguration).toBe(true);
    expect(WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation).toMatch(/^s3:\/\//);
  });

  it('answers browsers (CORS) for Athena, as AWS does', async () => {
    const response = await fetch(`${stack.store.url}/`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'x-amz-target': 'AmazonAthena.GetWorkGroup', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});

describe('Glue', () => {
  it('describes the offline table: features, the added columns, the hourly partition keys', async () => {
    const group = await createGroup(stack);
    const { status, json } = await jsonCall('glue', 'AWSGlue.GetTable', { DatabaseName: 'sagemaker_featurestore', Name: group.replace(/-/g, '_') });
    expect(status).toBe(200);
    const table = json.Table as { StorageDescriptor: { Columns: { Name: string; Type: string }[] }; PartitionKeys: { Name: string }[] };
    expect(table.StorageDescriptor.Columns.map((column) => `${column.Name}:${column.Type}`)).toEqual([
      'id:string',
      'ts:string',
      'n:bigint',
      'x:double',
      's:string',
      'write_time:timestamp',
      'api_invocation_time:timestamp',
      'is_deleted:boolean',
    ]);
    expect(table.PartitionKeys.map((key) => key.Name)).toEqual(['year', 'month', 'day', 'hour']);
    expect((await jsonCall('glue', 'AWSGlue.GetTable', { DatabaseName: 'sagemaker_featurestore', Name: 'nope' })).json.__type).toBe('EntityNotFoundException');
    expect((await jsonCall('glue', 'AWSGlue.GetTable', { DatabaseName: '', Name: 'x' })).json.__type).toBe('InvalidInputException');
    // Signed for another service: refused.
    expect((await jsonCall('athena', 'AWSGlue.GetDatabase', { Name: 'sagemaker_featurestore' })).status).toBe(403);
    expect((await jsonCall('glue', 'AWSGlue.GetDatabase', { Name: 'sagemaker_featurestore' })).json).toMatchObject({
      Database: { Name: 'sagemaker_featurestore' },
    });
  });
});

describe('the query model', () => {
  it('queues, runs and can be cancelled before it finishes; a finished query stays finished', () => {
    const steps: (() => void)[] = [];
    const model = new AthenaQueryModel({ groups: stack.store.groups, records: stack.store.records, now: () => new Date(), later: (step) => steps.push(step) });
    const { QueryExecutionId } = model.startQueryExecution({ QueryString: 'SELECT 1 AS one', WorkGroup: WORK_GROUP });
    expect(model.getQueryExecution({ QueryExecutionId }).QueryExecution.Status.State).toBe('QUEUED');
    steps.shift()?.();
    expect(model.getQueryExecution({ QueryExecutionId }).QueryExecution.Status.State).toBe('RUNNING');
    model.stopQueryExecution({ QueryExecutionId });
    steps.shift()?.();
    expect(model.getQueryExecution({ QueryExecutionId }).QueryExecution.Status.State).toBe('CANCELLED');

    const second = model.startQueryExecution({ QueryString: 'SELECT 1 AS one', WorkGroup: WORK_GROUP });
    while (steps.length) steps.shift()?.();
    model.stopQueryExecution(second);
    expect(model.getQueryExecution(second).QueryExecution.Status.State).toBe('SUCCEEDED');
    expect(model.getQueryResults(second).ResultSet.Rows).toEqual([{ Data: [{ VarCharValue: 'one' }] }, { Data: [{ VarCharValue: '1' }] }]);
  });

  it('holds offline rows back for LOCAL_FEATURESTORE_OFFLINE_DELAY, then shows them written then', async () => {
    let clock = new Date('2026-03-01T00:00:00Z');
    const delayed = await startTestStack({ now: () => clock });
    try {
      const group = await createGroup(delayed);
      delayed.store.records.putRecord(group, { Record: record({ id: 'a', ts: '2026-03-01T00:00:00Z', n: '1', x: '1', s: 's' }) });
      const steps: (() => void)[] = [];
      const model = new AthenaQueryModel({
        groups: delayed.store.groups,
        records: delayed.store.records,
        now: () => clock,
        offlineDelayMs: 60_000,
        later: (step) => steps.push(step),
      });
      const query = { QueryString: `SELECT write_time FROM sagemaker_featurestore.${group.replace(/-/g, '_')}`, WorkGroup: WORK_GROUP };
      const before = model.startQueryExecution(query);
      while (steps.length) steps.shift()?.();
      expect(model.getQueryResults(before).ResultSet.Rows).toHaveLength(1);
      clock = new Date('2026-03-01T00:01:00Z');
      const after = model.startQueryExecution(query);
      while (steps.length) steps.shift()?.();
      expect(model.getQueryResults(after).ResultSet.Rows[1]).toEqual({ Data: [{ VarCharValue: '2026-03-01 00:01:00.000' }] });
    } finally {
      await stopTestStack(delayed);
    }
  });
});
