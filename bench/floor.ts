/**
 * The floor under a PutRecord and a GetRecord (issue 16 §6): what the parts every such
 * request must pay cost by themselves, in this process, on this machine, in the same run as
 * the comparison with the bare server:
 *   - the store's own SQLite work through its storage layer (`FeatureStoreDatabase`, a data
 *     directory on disk, WAL, synchronous=NORMAL, one COMMIT per write as at one request in
 *     flight): a PutRecord's online upsert plus its offline row; a GetRecord's read;
 *   - the store's own SigV4 check (`checkAuthorization` + `verifySignature`) of requests
 *     signed as the SDK signs them.
 * Added to the bare server's CPU per request (Node's HTTP parsing and one send), that is a
 * lower bound for a store that verifies signatures and commits before it answers: nothing
 * else (routing, JSON, validation, the answer's headers) is counted. CPU from
 * process.cpuUsage over a fixed count of operations, median of rounds; never asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQuery } from '../packages/local-featurestore/src/http/messages';
import { checkAuthorization, verifySignature } from '../packages/local-featurestore/src/http/sigv4';
import { IdentityModel } from '../packages/local-featurestore/src/model/identity';
import { DEFAULT_IDENTITY_POOL_ID, DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { FeatureStoreDatabase } from '../packages/local-featurestore/src/storage/database';
import { sign, type Comparison } from './lfs';

export interface FloorFigures {
  /** CPU µs per operation, median of the rounds. */
  sqlitePutRecordUs: number;
  sqliteGetRecordUs: number;
  sigv4PutRecordUs: number;
  sigv4GetRecordUs: number;
}

const OPERATIONS = 5_000;
const ROUNDS = 5;
const RECORDS = 500;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round = (value: number) => Number(value.toFixed(1));

function cpuUsPerOperation(count: number, operation: (index: number) => void): number {
  const before = process.cpuUsage();
  for (let index = 0; index < count; index++) operation(index);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

function features(id: string, index: number) {
  return [
    { FeatureName: 'customer_id', ValueAsString: id },
    { FeatureName: 'event_time', ValueAsString: new Date(Date.UTC(2026, 0, 1) + index).toISOString() },
    { FeatureName: 'age', ValueAsString: String(index % 90) },
    { FeatureName: 'lifetime_value', ValueAsString: '1234.5' },
    { FeatureName: 'segment', ValueAsString: 'consumer' },
  ];
}

export async function benchFloor(url: string): Promise<FloorFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-floor-'));
  const db = new FeatureStoreDatabase(dataDir);
  try {
    let eventTime = 1_767_225_600_000_000_000n;
    const put = (index: number) => {
      const recordId = `FLOOR-${index % RECORDS}`;
      const values = features(recordId, index);
      eventTime += 1_000_000n;
      db.transaction(() => {
        db.putOnlineRecordUnlessNewer(
          { groupName: 'customers', recordId, eventTimeNanos: eventTime, features: values, expiresAtMs: null, softDeleted: false },
          Date.now(),
        );
        db.appendOfflineRow({
          groupName: 'customers',
          recordId,
          columns: { customer_id: recordId, event_time: values[1]?.ValueAsString ?? null, is_deleted: false },
        });
      });
    };
    const get = (index: number) => db.getOnlineRecordText('customers', `FLOOR-${index % RECORDS}`);
    cpuUsPerOperation(1_000, put); // warm-up: JIT, pages, WAL
    const sqlitePut = Array.from({ length: ROUNDS }, () => cpuUsPerOperation(OPERATIONS, put));
    const sqliteGet = Array.from({ length: ROUNDS }, () => cpuUsPerOperation(OPERATIONS, get));

    const identities = new IdentityModel(db, [DEFAULT_IDENTITY_POOL_ID], DEVELOPER_KEY, () => new Date());
    const scope = { region: 'us-east-1', service: 'sagemaker' };
    const signed = async (operation: 'PutRecord' | 'GetRecord') =>
      Promise.all(
        Array.from({ length: RECORDS }, (_, index) => {
          const id = `FLOOR-${index}`;
          return operation === 'GetRecord'
            ? sign(url, 'GET', '/FeatureGroup/customers', { RecordIdentifierValueAsString: id }, '', {})
            : sign(url, 'PUT', '/FeatureGroup/customers', {}, JSON.stringify({ Record: features(id, index) }), { 'content-type': 'application/json' });
        }),
      ).then((requests) =>
        requests.map((request) => {
          const questionMark = request.path.indexOf('?');
          const headers = Object.create(null) as Record<string, string>;
          for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
          return {
            method: request.method,
            rawPath: questionMark < 0 ? request.path : request.path.slice(0, questionMark),
            search: questionMark < 0 ? '' : request.path.slice(questionMark + 1),
            headers,
            body: Buffer.from(request.body ?? ''),
          };
        }),
      );
    const verify = (requests: Awaited<ReturnType<typeof signed>>) => (index: number) => {
      const request = requests[index % requests.length] as (typeof requests)[number];
      const now = new Date();
      const checked = checkAuthorization(request.headers, identities, now, scope);
      verifySignature(
        { method: request.method, rawPath: request.rawPath, query: parseQuery(request.search), headers: request.headers, body: request.body },
        identities,
        now,
        scope,
        checked,
      );
    };
    const puts = verify(await signed('PutRecord'));
    const gets = verify(await signed('GetRecord'));
    cpuUsPerOperation(1_000, puts);
    cpuUsPerOperation(1_000, gets);
    const sigv4Put = Array.from({ length: ROUNDS }, () => cpuUsPerOperation(OPERATIONS, puts));
    const sigv4Get = Array.from({ length: ROUNDS }, () => cpuUsPerOperation(OPERATIONS, gets));
    return {
      sqlitePutRecordUs: round(median(sqlitePut)),
      sqliteGetRecordUs: round(median(sqliteGet)),
      sigv4PutRecordUs: round(median(sigv4Put)),
      sigv4GetRecordUs: round(median(sigv4Get)),
    };
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The floor table: the bare server's CPU per request at one in flight plus the parts measured alone, against the store's and the 2x target. */
export function floorReport(floor: FloorFigures, replayed: Comparison[]): string[] {
  const row = (operation: 'PutRecord' | 'GetRecord', sqliteUs: number, sigv4Us: number, sqliteWhat: string) => {
    const comparison = replayed.find((c) => c.operation === operation && c.concurrency === 1);
    const bare = comparison?.theirs.serverCpuUs;
    const ours = comparison?.ours.serverCpuUs;
    if (bare === undefined || ours === undefined) return `| ${operation} | (no CPU figures) | | | | | | |`;
    const floorUs = bare + sqliteUs + sigv4Us;
    return `| ${operation} | ${bare} | ${sqliteUs} (${sqliteWhat}) | ${sigv4Us} | **${round(floorUs)}** (${round(floorUs / bare)}x) | ${round(2 * bare)} | ${ours} (${round(ours / bare)}x) |`;
  };
  return [
    '### The floor under one request in flight (server CPU µs per request)',
    '',
    "What a store that verifies SigV4 and commits a write before it answers cannot avoid, measured in this run (bench/floor.ts): the bare server's CPU per request (Node's HTTP parsing and one send), plus the store's own storage layer alone (a data directory on disk, WAL, synchronous=NORMAL, one COMMIT per write as at one request in flight) and its own SigV4 check alone, each a median over rounds of 5,000 operations in one process. Routing, JSON, validation and the answer's headers are not counted, so the real floor is higher.",
    '',
    '| operation | bare server | + SQLite alone | + SigV4 check alone | = floor (÷ bare) | target: 2x bare | local Feature Store (÷ bare) |',
    '|---|---|---|---|---|---|---|',
    row('PutRecord', floor.sqlitePutRecordUs, floor.sigv4PutRecordUs, 'upsert + offline row + COMMIT'),
    row('GetRecord', floor.sqliteGetRecordUs, floor.sigv4GetRecordUs, 'one read'),
  ];
}
