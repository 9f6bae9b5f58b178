/**
 * Baselines for bulk loading: how fast a plain client loop writes N records with PutRecord,
 * one call at a time, as a user's own script would (the figures an import must beat).
 *   - sdkPutRecordLoop: the AWS SDK for JavaScript v3, in this process.
 *   - boto3PutRecordLoop: boto3 in a python3 child process (skipped with a note where
 *     python3 or boto3 is absent); the records are handed over on stdin, so both loops
 *     write the same records, and the time is taken inside Python around the loop alone.
 * Bounded by N; every call's outcome is counted (a failed call is a failure, not a row).
 */
import { spawn } from 'node:child_process';
import { PutRecordCommand, SageMakerFeatureStoreRuntimeClient, type FeatureValue } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';

export interface RecordLoopResult {
  client: 'AWS SDK v3 (Node)' | 'boto3';
  records: number;
  failures: number;
  seconds: number;
  /** Records written (acknowledged) per second. */
  recordsPerSecond: number;
  /** The first failure's message, when there was one. */
  firstError?: string;
}

export interface RecordLoopTarget {
  endpoint: string;
  groupName: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Records for the seeded `customers` group, with identifiers `<prefix>-<i>` and increasing event times. */
export function customerRecords(count: number, prefix: string): FeatureValue[][] {
  const base = Date.now();
  return Array.from({ length: count }, (_, index) => [
    { FeatureName: 'customer_id', ValueAsString: `${prefix}-${index}` },
    { FeatureName: 'event_time', ValueAsString: new Date(base + index).toISOString() },
    { FeatureName: 'age', ValueAsString: String(index % 90) },
    { FeatureName: 'lifetime_value', ValueAsString: '1234.5' },
    { FeatureName: 'segment', ValueAsString: 'consumer' },
  ]);
}

/** PutRecord for each record in turn through the AWS SDK for JavaScript v3 (one call in flight). */
export async function sdkPutRecordLoop(target: RecordLoopTarget, records: FeatureValue[][]): Promise<RecordLoopResult> {
  const client = new SageMakerFeatureStoreRuntimeClient({
    region: target.region ?? 'us-east-1',
    endpoint: target.endpoint,
    credentials: target.credentials ?? DEVELOPER_KEY,
    maxAttempts: 1,
  });
  let failures = 0;
  let firstError: string | undefined;
  const started = performance.now();
  for (const record of records) {
    try {
      await client.send(new PutRecordCommand({ FeatureGroupName: target.groupName, Record: record }));
    } catch (error) {
      failures += 1;
      firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return result('AWS SDK v3 (Node)', records.length, failures, seconds, firstError);
}

function result(client: RecordLoopResult['client'], records: number, failures: number, seconds: number, firstError?: string): RecordLoopResult {
  return {
    client,
    records,
    failures,
    seconds: round(seconds, 3),
    recordsPerSecond: round((records - failures) / seconds, 0),
    ...(firstError ? { firstError: firstError.slice(0, 300) } : {}),
  };
}

/** Reads JSON records from stdin (one array of FeatureValues a line), PutRecord each, prints a JSON summary. */
const BOTO3_LOOP = `
import json, sys, time
import boto3
from botocore.config import Config
endpoint, group, region, key_id, secret = sys.argv[1:6]
records = [json.loads(line) for line in sys.stdin if line.strip()]
client = boto3.client('sagemaker-featurestore-runtime', endpoint_url=endpoint, region_name=region,
    aws_access_key_id=key_id, aws_secret_access_key=secret,
    config=Config(retries={'max_attempts': 1, 'mode': 'standard'}))
failures, first_error = 0, None
started = time.perf_counter()
for record in records:
    try:
        client.put_record(FeatureGroupName=group, Record=record)
    except Exception as error:
        failures += 1
        first_error = first_error or f'{type(error).__name__}: {error}'
seconds = time.perf_counter() - started
print(json.dumps({'records': len(records), 'failures': failures, 'seconds': seconds, 'firstError': first_error}))
`;

/** Kills the boto3 child if a loop takes longer than this (a stall guard, not a measurement). */
const BOTO3_LIMIT_MS = 10 * 60_000;

/** The same loop in boto3 (python3 child process); skipped with a note where boto3 is absent. */
export function boto3PutRecordLoop(target: RecordLoopTarget, records: FeatureValue[][]): Promise<RecordLoopResult | { skipped: string }> {
  const credentials = target.credentials ?? DEVELOPER_KEY;
  return new Promise((resolve) => {
    const child = spawn(
      'python3',
      ['-c', BOTO3_LOOP, target.endpoint, target.groupName, target.region ?? 'us-east-1', credentials.accessKeyId, credentials.secretAccessKey],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), BOTO3_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ skipped: `python3 could not be started: ${error.message}` });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const reason = /ModuleNotFoundError: No module named 'boto3'/.test(stderr)
          ? 'boto3 is not installed for python3'
          : `the boto3 loop ended with ${signal ?? `exit code ${code}`}: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
        resolve({ skipped: reason });
        return;
      }
      const summary = JSON.parse(stdout.trim().split('\n').slice(-1)[0] ?? '{}') as {
        records: number;
        failures: number;
        seconds: number;
        firstError: string | null;
      };
      resolve(result('boto3', summary.records, summary.failures, summary.seconds, summary.firstError ?? undefined));
    });
    child.stdin.on('error', () => {}); // a child that exits early (no boto3) closes its stdin
    child.stdin.end(records.map((record) => JSON.stringify(record)).join('\n'));
  });
}

export interface RecordLoops {
  results: RecordLoopResult[];
  notes: string[];
}

/** Both loops for each N against the seeded `customers` group, fresh identifiers per loop. */
export async function benchRecordLoops(endpoint: string, counts: number[] = [2000, 10000]): Promise<RecordLoops> {
  const results: RecordLoopResult[] = [];
  const notes: string[] = [];
  const target = { endpoint, groupName: 'customers' };
  for (const count of counts) {
    results.push(await sdkPutRecordLoop(target, customerRecords(count, `SDK-LOOP-${count}`)));
    const boto3 = await boto3PutRecordLoop(target, customerRecords(count, `BOTO3-LOOP-${count}`));
    if ('skipped' in boto3) notes.push(`boto3 loop of ${count} skipped: ${boto3.skipped}`);
    else results.push(boto3);
  }
  return { results, notes };
}

export function recordLoopRows(loops: RecordLoops): string[] {
  return loops.results.map(
    (r) => `| ${r.client} | ${r.records} | ${r.seconds} | **${r.recordsPerSecond}** | ${r.failures}${r.firstError ? ` (${r.firstError})` : ''} |`,
  );
}

export const RECORD_LOOP_HEADER = ['| client | records | seconds | rows/s | failures |', '|---|---|---|---|---|'];
