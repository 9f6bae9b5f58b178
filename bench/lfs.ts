/**
 * The local Feature Store against its peers, in one run, with one load generator that
 * does not saturate first: requests are signed up front (SigV4, the developer key) and
 * replayed by autocannon, so the client spends no CPU on signing while it measures.
 *   - PutRecord and GetRecord at concurrency 1 and 16 vs a bare Node HTTP server (200 {}).
 *   - Cognito GetId + GetCredentialsForIdentity and DescribeFeatureGroup vs moto's server
 *     (`python3 -m moto.server`), skipped with a note where moto is absent.
 * The machine may be shared, so absolute rates are noisy: each comparison is measured in
 * several rounds, both servers in each round (the order alternating), and reported as the
 * median ratio with its spread. Every measurement is a fixed number of requests (bounded),
 * never asserted.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import net from 'node:net';
import autocannon from 'autocannon';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';

export interface Measurement {
  requestsPerSecond: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  /**
   * The server process's CPU time (user + system, from /proc) per request, in µs, when its
   * pid is known: unlike the rate, it barely moves when other work shares the cores.
   */
  serverCpuUs?: number;
}

/** One operation, the local Feature Store against one peer, over several rounds. */
export interface Comparison {
  operation: string;
  concurrency: number;
  peer: string;
  /** Seconds (autocannon) or requests (moto comparison) per round and server. */
  amount: number;
  unit: 'seconds' | 'requests';
  rounds: { ours: Measurement; theirs: Measurement; ratio: number }[];
  /** Medians over the rounds: our rate, the peer's, and the ratio (ours ÷ theirs). */
  ours: Measurement;
  theirs: Measurement;
  ratio: number;
  ratioMin: number;
  ratioMax: number;
}

interface PreparedRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function medianMeasurement(measurements: Measurement[]): Measurement {
  const cpu = measurements.map((m) => m.serverCpuUs).filter((value): value is number => value !== undefined);
  return {
    requestsPerSecond: round(median(measurements.map((m) => m.requestsPerSecond)), 0),
    p50ms: round(median(measurements.map((m) => m.p50ms))),
    p99ms: round(median(measurements.map((m) => m.p99ms))),
    non2xx: measurements.reduce((sum, m) => sum + m.non2xx, 0),
    ...(cpu.length ? { serverCpuUs: round(median(cpu), 0) } : {}),
  };
}

let clockTicksPerSecond: number | undefined;

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is no /proc. */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

/** Runs a measurement of `requests` requests, adding the server's CPU time per request when its pid is known. */
async function withServerCpu(pid: number | undefined, measure: () => Promise<Measurement & { responses: number }>, perResponse = 1): Promise<Measurement> {
  const before = processCpuSeconds(pid);
  const { responses, ...measured } = await measure();
  const after = processCpuSeconds(pid);
  if (before === undefined || after === undefined || responses === 0) return measured;
  return { ...measured, serverCpuUs: round(((after - before) * 1e6 * perResponse) / responses, 0) };
}

function summarise(operation: string, concurrency: number, peer: string, amount: number, unit: Comparison['unit'], rounds: Comparison['rounds']): Comparison {
  const ratios = rounds.map((r) => r.ratio);
  return {
    operation,
    concurrency,
    peer,
    amount,
    unit,
    rounds,
    ours: medianMeasurement(rounds.map((r) => r.ours)),
    theirs: medianMeasurement(rounds.map((r) => r.theirs)),
    ratio: round(median(ratios)),
    ratioMin: round(Math.min(...ratios)),
    ratioMax: round(Math.max(...ratios)),
  };
}

/**
 * Loopback ports: BENCH_PORT_BASE=N gives the local Feature Store N, the bare server N+1
 * and moto N+2 (for a machine where each user has a range); unset, the system picks.
 */
export function benchPorts(): { featureStore: number; bare: number; moto: number | undefined } {
  const base = Number(process.env.BENCH_PORT_BASE);
  if (!Number.isInteger(base) || base <= 0) return { featureStore: 0, bare: 0, moto: undefined };
  return { featureStore: base, bare: base + 1, moto: base + 2 };
}

export async function sign(
  url: string,
  method: PreparedRequest['method'],
  path: string,
  query: Record<string, string>,
  body: string,
  extra: Record<string, string>,
  service = 'sagemaker',
): Promise<PreparedRequest> {
  const { host, hostname, port } = new URL(url);
  const signer = new SignatureV4({ credentials: DEVELOPER_KEY, region: 'us-east-1', service, sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({ method, protocol: 'http:', hostname, port: Number(port), path, query, headers: { host, ...extra }, ...(body ? { body } : {}) }),
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  const search = new URLSearchParams(query).toString();
  return { method, path: search ? `${path}?${search}` : path, headers, ...(body ? { body } : {}) };
}

/**
 * Replays `requests` in a cycle for `seconds` on `connections` connections. Bounded by time
 * rather than by count: autocannon ends a counted run only on its one-second ticker (a run
 * of 1.1 s and one of 1.9 s both take 2 s), which halved rates at random; over a fixed
 * time, the rate is the responses counted over the time measured here.
 */
async function fire(url: string, requests: PreparedRequest[], connections: number, seconds: number): Promise<Measurement & { responses: number }> {
  const started = performance.now();
  const result = await autocannon({ url, connections, duration: seconds, requests, timeout: 30 });
  const elapsed = (performance.now() - started) / 1000;
  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    requestsPerSecond: round(responses / elapsed, 0),
    p50ms: round(result.latency.p50),
    p99ms: round(result.latency.p99),
    non2xx: result.non2xx + result.errors,
    responses,
  };
}

/**
 * The same requests in turn, one in flight, through Node's HTTP client with a keep-alive
 * agent. For moto: its server (Werkzeug) answers `Connection: close`, which autocannon
 * does not survive (it stalls until its timeout on every request), so both servers of the
 * moto comparison are measured with this client instead: the client's own cost then
 * counts in both rates, which can only lower our ratio.
 */
async function fireInTurn(url: string, requests: PreparedRequest[], amount: number): Promise<Measurement & { responses: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  let failures = 0;
  const send = (request: PreparedRequest) =>
    new Promise<number>((resolve, reject) => {
      const outgoing = http.request(
        { agent, hostname, port: Number(port), method: request.method, path: request.path, headers: request.headers, timeout: 30_000 },
        (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode ?? 0));
          response.once('error', reject);
        },
      );
      outgoing.once('timeout', () => outgoing.destroy(new Error('timed out')));
      outgoing.once('error', reject);
      outgoing.end(request.body);
    });
  const started = performance.now();
  for (let index = 0; index < amount; index++) {
    const t0 = performance.now();
    try {
      const status = await send(requests[index % requests.length] as PreparedRequest);
      if (status < 200 || status > 299) failures += 1;
    } catch {
      failures += 1;
    }
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { requestsPerSecond: round(amount / seconds, 0), p50ms: round(at(0.5)), p99ms: round(at(0.99)), non2xx: failures, responses: amount };
}

/** PutRecord requests with distinct identifiers and increasing event times; GetRecord requests for them. */
async function recordRequests(url: string, operation: 'PutRecord' | 'GetRecord', count: number): Promise<PreparedRequest[]> {
  const base = Date.now();
  return Promise.all(
    Array.from({ length: count }, (_, index) => {
      const id = `BENCH-${index}`;
      if (operation === 'GetRecord') return sign(url, 'GET', '/FeatureGroup/customers', { RecordIdentifierValueAsString: id }, '', {});
      const body = JSON.stringify({
        Record: [
          { FeatureName: 'customer_id', ValueAsString: id },
          { FeatureName: 'event_time', ValueAsString: new Date(base + index).toISOString() },
          { FeatureName: 'age', ValueAsString: String(index % 90) },
          { FeatureName: 'lifetime_value', ValueAsString: '1234.5' },
          { FeatureName: 'segment', ValueAsString: 'consumer' },
        ],
      });
      return sign(url, 'PUT', '/FeatureGroup/customers', {}, body, { 'content-type': 'application/json' });
    }),
  );
}

/** Both servers once, in the given order (alternated round by round so a drift in machine load hits both). */
async function measurePair(
  order: 'ours-first' | 'theirs-first',
  ours: () => Promise<Measurement>,
  theirs: () => Promise<Measurement>,
): Promise<{ ours: Measurement; theirs: Measurement; ratio: number }> {
  let a: Measurement;
  let b: Measurement;
  if (order === 'ours-first') {
    a = await ours();
    b = await theirs();
  } else {
    b = await theirs();
    a = await ours();
  }
  return { ours: a, theirs: b, ratio: round(a.requestsPerSecond / b.requestsPerSecond) };
}

export interface BareServerOptions {
  /** The servers' process ids, for their CPU time per request (optional). */
  pids?: { featureStore?: number; bare?: number };
  /** Rounds per operation and concurrency (default 7 at concurrency 1, 3 at 16). */
  rounds?: Partial<Record<1 | 16, number>>;
  concurrencies?: (1 | 16)[];
  operations?: ('PutRecord' | 'GetRecord')[];
}

/** Seconds each server is measured per round. */
const SECONDS_PER_RUN = 3;
/** Distinct signed requests per round and server, replayed in a cycle (signing is the client's slowest part). */
const SIGNED_PER_ROUND = 500;

/** Local Feature Store vs the bare server: PutRecord and GetRecord, median ratio over rounds. */
export async function benchAgainstBareServer(featureStoreUrl: string, bareUrl: string, options: BareServerOptions = {}): Promise<Comparison[]> {
  const comparisons: Comparison[] = [];
  for (const operation of options.operations ?? (['PutRecord', 'GetRecord'] as const)) {
    for (const connections of options.concurrencies ?? ([1, 16] as const)) {
      const seconds = SECONDS_PER_RUN;
      const rounds: Comparison['rounds'] = [];
      const roundCount = options.rounds?.[connections] ?? (connections === 1 ? 7 : 3);
      for (let index = 0; index < roundCount; index++) {
        // Signed afresh each round (within the 15-minute skew), for each server's own host,
        // and replayed in a cycle; the bare server ignores everything.
        const run = async (url: string, pid: number | undefined) => {
          const requests = await recordRequests(url, operation, SIGNED_PER_ROUND);
          await fire(url, requests, connections, 2); // warm up (connections, JIT)
          return withServerCpu(pid, () => fire(url, requests, connections, seconds));
        };
        rounds.push(
          await measurePair(
            index % 2 ? 'theirs-first' : 'ours-first',
            () => run(featureStoreUrl, options.pids?.featureStore),
            () => run(bareUrl, options.pids?.bare),
          ),
        );
      }
      comparisons.push(summarise(operation, connections, 'bare Node HTTP server', seconds, 'seconds', rounds));
    }
  }
  return comparisons;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Moto {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Polls for readiness at most this many times, READY_POLL_MS apart (~40 s). */
const READY_POLLS = 200;
const READY_POLL_MS = 200;

/** moto's server on a loopback port, ready; or why not. Stopped by stop() (and at exit, whatever happens). */
async function startMoto(): Promise<Moto | { skipped: string }> {
  const probe = spawnSync('python3', ['-c', 'import moto.server'], { encoding: 'utf8' });
  if (probe.status !== 0) return { skipped: 'moto is not installed (python3 -m moto.server)' };
  const port = benchPorts().moto ?? (await freePort());
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const killAtExit = () => child.kill('SIGKILL');
  process.once('exit', killAtExit);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    process.removeListener('exit', killAtExit);
    if (exited) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  for (let poll = 0; poll < READY_POLLS && !exited; poll++) {
    try {
      const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return { url, pid: child.pid, stop };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
    }
  }
  await stop();
  return { skipped: exited ? `moto's server exited before it was ready (port ${port} taken?)` : `moto's server was not ready after ${READY_POLLS} polls` };
}

/**
 * An awsJson1_1 call. Cognito's GetId and GetCredentialsForIdentity are unsigned on AWS;
 * moto's server can only route a request by its credential scope, so for moto they are
 * signed (moto verifies nothing, so signing costs it nothing).
 */
async function awsJson(url: string, target: string, body: object, signing: 'sagemaker' | 'cognito-identity' | 'none'): Promise<PreparedRequest> {
  const text = JSON.stringify(body);
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
  if (signing !== 'none') return sign(url, 'POST', '/', {}, text, headers, signing);
  return { method: 'POST', path: '/', headers, body: text };
}

async function call(url: string, request: PreparedRequest): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    signal: AbortSignal.timeout(30_000),
    ...(request.body ? { body: request.body } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${request.headers['x-amz-target'] ?? request.path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export interface MotoComparison {
  comparisons: Comparison[];
  /** Why moto was not measured, or what it could not do. */
  notes: string[];
}

/** Cognito GetId + GetCredentialsForIdentity and DescribeFeatureGroup, local Feature Store vs moto, median over rounds. */
export async function benchAgainstMoto(featureStoreUrl: string, identityPoolId: string, rounds = 3, featureStorePid?: number): Promise<MotoComparison> {
  const moto = await startMoto();
  if ('skipped' in moto) return { comparisons: [], notes: [moto.skipped] };
  try {
    return await measureAgainstMoto(featureStoreUrl, identityPoolId, moto, rounds, featureStorePid);
  } catch (error) {
    return { comparisons: [], notes: [`moto comparison failed: ${error instanceof Error ? error.message : String(error)}`] };
  } finally {
    await moto.stop();
  }
}

/** Requests per round and server for the moto comparison (moto answers a few hundred a second). */
const MOTO_REQUESTS = 500;

async function measureAgainstMoto(
  featureStoreUrl: string,
  identityPoolId: string,
  moto: Moto,
  roundCount: number,
  featureStorePid: number | undefined,
): Promise<MotoComparison> {
  const motoUrl = moto.url;
  // The same resources in moto: an identity pool that allows guests, and the customers group.
  const pool = await call(
    motoUrl,
    await awsJson(
      motoUrl,
      'AWSCognitoIdentityService.CreateIdentityPool',
      { IdentityPoolName: 'bench', AllowUnauthenticatedIdentities: true },
      'cognito-identity',
    ),
  );
  await call(
    motoUrl,
    await awsJson(
      motoUrl,
      'SageMaker.CreateFeatureGroup',
      {
        FeatureGroupName: 'customers',
        RecordIdentifierFeatureName: 'customer_id',
        EventTimeFeatureName: 'event_time',
        FeatureDefinitions: [
          { FeatureName: 'customer_id', FeatureType: 'String' },
          { FeatureName: 'event_time', FeatureType: 'String' },
        ],
        OnlineStoreConfig: { EnableOnlineStore: true },
        OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://bench/offline' } },
        RoleArn: 'arn:aws:iam::123456789012:role/bench',
      },
      'sagemaker',
    ),
  );
  interface Target {
    url: string;
    pid: number | undefined;
    poolId: string;
    cognitoSigning: 'none' | 'cognito-identity';
  }
  const servers: { ours: Target; theirs: Target } = {
    ours: { url: featureStoreUrl, pid: featureStorePid, poolId: identityPoolId, cognitoSigning: 'none' },
    theirs: { url: motoUrl, pid: moto.pid, poolId: String(pool.IdentityPoolId), cognitoSigning: 'cognito-identity' },
  };
  /** One guest sign-in is GetId then GetCredentialsForIdentity: autocannon replays the pair in order on its connection. */
  const signIn = async (server: Target) => {
    const getId = await awsJson(server.url, 'AWSCognitoIdentityService.GetId', { IdentityPoolId: server.poolId }, server.cognitoSigning);
    const identityId = String((await call(server.url, getId)).IdentityId);
    const credentials = await awsJson(server.url, 'AWSCognitoIdentityService.GetCredentialsForIdentity', { IdentityId: identityId }, server.cognitoSigning);
    await fireInTurn(server.url, [getId, credentials], 100); // warm up
    const measured = await withServerCpu(server.pid, () => fireInTurn(server.url, [getId, credentials], 2 * MOTO_REQUESTS), 2);
    // Sign-ins per second (two requests each); CPU per sign-in.
    return { ...measured, requestsPerSecond: round(measured.requestsPerSecond / 2, 0) };
  };
  const describe = async (server: Target) => {
    const request = await awsJson(server.url, 'SageMaker.DescribeFeatureGroup', { FeatureGroupName: 'customers' }, 'sagemaker');
    await call(server.url, request);
    await fireInTurn(server.url, [request], 100); // warm up
    return withServerCpu(server.pid, () => fireInTurn(server.url, [request], MOTO_REQUESTS));
  };
  const comparisons: Comparison[] = [];
  for (const [operation, measure] of [
    ['Cognito sign-in (GetId + GetCredentialsForIdentity)', signIn],
    ['DescribeFeatureGroup', describe],
  ] as const) {
    const rounds: Comparison['rounds'] = [];
    for (let index = 0; index < roundCount; index++) {
      rounds.push(
        await measurePair(
          index % 2 ? 'theirs-first' : 'ours-first',
          () => measure(servers.ours),
          () => measure(servers.theirs),
        ),
      );
    }
    comparisons.push(summarise(operation, 1, 'moto', MOTO_REQUESTS, 'requests', rounds));
  }
  return { comparisons, notes: [] };
}

/** Markdown rows: one per comparison, medians with the ratio's spread over the rounds. */
export function comparisonRows(comparisons: Comparison[]): string[] {
  return comparisons.map(
    (c) =>
      `| ${c.operation} | ${c.concurrency} | ${c.ours.requestsPerSecond} | ${c.ours.p50ms} / ${c.ours.p99ms} | ${c.ours.serverCpuUs ?? '—'} | ${c.peer} | ${c.theirs.requestsPerSecond} | ${c.theirs.p50ms} / ${c.theirs.p99ms} | ${c.theirs.serverCpuUs ?? '—'} | **${c.ratio}** (${c.ratioMin}–${c.ratioMax}; ${c.rounds.map((r) => r.ratio).join(', ')}) |`,
  );
}

export const COMPARISON_HEADER = [
  '| operation | concurrency | local FS req/s | p50 / p99 ms | server CPU µs/req | peer | peer req/s | p50 / p99 ms | peer CPU µs/req | rate ratio: median (min–max; every round) |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
