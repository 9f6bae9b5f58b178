/**
 * `npm run bench`: the figures issues ask for, measured, never asserted.
 *   1. Local Feature Store: PutRecord and GetRecord through the AWS SDK at concurrency 1
 *      and 16, next to a bare Node HTTP server doing no work, same client, same run.
 *   2. Local Feature Store vs peers (bench/lfs.ts): pre-signed requests replayed by
 *      autocannon against the bare server and moto's server, median ratio over rounds.
 *   3. Record loops (bench/recordLoops.ts): N PutRecords from an AWS SDK v3 loop and a
 *      boto3 loop, rows/s.
 *   3b. Cold start (bench/coldStart.ts): the packed package installed into an empty folder,
 *      `npx local-featurestore --port 0` and its bin run by node, to a first signed GetRecord.
 *   4. The console's initial JavaScript, gzip.
 *   5. Forms (bench/form.ts): a 2,500-feature group against an 8-feature group in headless
 *      Chromium: time to an interactive form, keystroke-to-preview latency, JS heap.
 *   6. Bulk import (bench/import.ts): 10,000 and 100,000 CSV rows through the console vs
 *      boto3 and Node SDK PutRecord loops: rows/s and peak JS heap.
 *   7. History (bench/history.ts): the history page with 100,000 entries: seed, append,
 *      load, page, filter, export, clear.
 * Writes bench/results/latest.json and bench/results/latest.md, and the local Feature
 * Store's part (1-3b) also to bench/results/featurestore.{json,md}.
 * `npm run bench -- --only featurestore` measures 1-3b alone (no console build, no browser),
 * writes featurestore.{json,md}, and replaces the local Feature Store part of
 * latest.{json,md}, keeping its console part from the last full run.
 * `npm run bench -- --only import` builds the console and measures 6 alone, writing
 * bench/results/import.{json,md} (latest.{json,md} are left as they are). BENCH_PORT_BASE=N puts the servers on loopback
 * ports N, N+1 (bare) and N+2 (moto) instead of ports the system picks.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEFAULT_IDENTITY_POOL_ID, DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { benchForms, formReport, initialJavaScriptGzip } from './form';
import { COMPARISON_HEADER, benchAgainstBareServer, benchAgainstMoto, benchPorts, comparisonRows } from './lfs';
import { RECORD_LOOP_HEADER, benchRecordLoops, recordLoopRows } from './recordLoops';
import { COLD_START_HEADER, benchColdStart, coldStartRows } from './coldStart';
import { benchImport, importReport, writeImportResults } from './import';
import { benchFloor, floorReport } from './floor';
import { benchHistory, historyReport } from './history';
import { waitForLine } from './waitForLine';

const REQUESTS = { 1: 1500, 16: 6000 } as const;
const children: ChildProcess[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function startEmulator(dataDir: string): Promise<{ url: string; pid: number | undefined }> {
  const child = spawn(process.execPath, ['--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: String(benchPorts().featureStore), LOCAL_FEATURESTORE_DATA_DIR: dataDir, LOCAL_FEATURESTORE_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return { url: (await waitForLine(child, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string, pid: child.pid };
}

/** The baseline: a Node HTTP server in its own process, as the emulator is, answering every request 200 {} and doing nothing else. */
async function startBareServer(): Promise<{ url: string; pid: number | undefined }> {
  const script = `
    const http = require('node:http');
    const server = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' });
        response.end('{}');
      });
    });
    server.listen(Number(process.argv[1] ?? 0), '127.0.0.1', () => console.log('bare server on http://127.0.0.1:' + server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', script, String(benchPorts().bare)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return { url: (await waitForLine(child, /bare server on (http:\/\/[\d.:]+)/))[1] as string, pid: child.pid };
}

interface LoadResult {
  operation: string;
  concurrency: number;
  requests: number;
  recordsPerSecond: number;
  p50ms: number;
  p99ms: number;
}

async function load(url: string, operation: 'PutRecord' | 'GetRecord', concurrency: 1 | 16): Promise<LoadResult> {
  const client = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: url, credentials: DEVELOPER_KEY, maxAttempts: 1 });
  const total = REQUESTS[concurrency];
  const latencies: number[] = [];
  let next = 0;
  const send = (index: number) =>
    operation === 'PutRecord'
      ? client.send(
          new PutRecordCommand({
            FeatureGroupName: 'customers',
            Record: [
              { FeatureName: 'customer_id', ValueAsString: `BENCH-${index % 500}` },
              { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
              { FeatureName: 'age', ValueAsString: String(index % 90) },
              { FeatureName: 'lifetime_value', ValueAsString: '1234.5' },
              { FeatureName: 'segment', ValueAsString: 'consumer' },
            ],
          }),
        )
      : client.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: `BENCH-${index % 500}` }));
  // Warm up connections and JIT.
  for (let i = 0; i < 100; i += 1) await send(i);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const t0 = performance.now();
        await send(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  latencies.sort((a, b) => a - b);
  return {
    operation,
    concurrency,
    requests: total,
    recordsPerSecond: round(total / seconds, 0),
    p50ms: round(percentile(latencies, 50)),
    p99ms: round(percentile(latencies, 99)),
  };
}

/** `--only featurestore` (or `--only=featurestore`): the local Feature Store's part alone; `--only import`: the bulk import's. */
function onlyPart(): string | undefined {
  const index = process.argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (index < 0) return undefined;
  const arg = process.argv[index] as string;
  const part = arg.includes('=') ? arg.slice('--only='.length) : process.argv[index + 1];
  if (part !== 'featurestore' && part !== 'import') throw new Error(`--only takes featurestore or import, got ${String(part)}`);
  return part;
}

async function main(): Promise<void> {
  const started = new Date();
  const only = onlyPart();
  if (!only) {
    console.log('building the console…');
    execFileSync(path.join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { stdio: 'inherit' });
  }

  if (only === 'import') {
    console.log('building the console…');
    execFileSync(path.join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'error'], { stdio: 'inherit' });
    const importDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-bench-'));
    try {
      const emulator = await startEmulator(importDataDir);
      console.log(writeImportResults(await benchImport(emulator.url)));
    } finally {
      for (const child of children.splice(0)) child.kill('SIGTERM');
      fs.rmSync(importDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
    return;
  }

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-bench-'));
  const emulator = await startEmulator(dataDir);
  const bare = await startBareServer();
  const emulatorUrl = emulator.url;
  const bareUrl = bare.url;
  // SDK-driven figures (the console's path), then autocannon replaying pre-signed requests.
  const throughput: (LoadResult & { server: string })[] = [];
  for (const operation of ['PutRecord', 'GetRecord'] as const) {
    for (const concurrency of [1, 16] as const) {
      for (const [server, url] of [
        ['local Feature Store', emulatorUrl],
        ['bare Node HTTP server', bareUrl],
      ] as const) {
        const result = await load(url, operation, concurrency);
        throughput.push({ server, ...result });
        console.log(`SDK ${operation} c=${concurrency} ${server}: ${result.recordsPerSecond}/s p50 ${result.p50ms} ms p99 ${result.p99ms} ms`);
      }
    }
  }
  const replayed = await benchAgainstBareServer(emulatorUrl, bareUrl, { pids: { featureStore: emulator.pid, bare: bare.pid } });
  for (const c of replayed) console.log(`autocannon ${c.operation} c=${c.concurrency}: ratio ${c.ratio} (${c.rounds.map((r) => r.ratio).join(', ')})`);
  const floor = await benchFloor(emulatorUrl);
  console.log(
    `floor: SQLite PutRecord ${floor.sqlitePutRecordUs} µs, GetRecord ${floor.sqliteGetRecordUs} µs; SigV4 ${floor.sigv4PutRecordUs} / ${floor.sigv4GetRecordUs} µs`,
  );
  const peers = await benchAgainstMoto(emulatorUrl, DEFAULT_IDENTITY_POOL_ID, 3, emulator.pid);
  for (const c of peers.comparisons) console.log(`${c.operation} vs moto: ratio ${c.ratio} (${c.rounds.map((r) => r.ratio).join(', ')})`);
  for (const note of peers.notes) console.log(`moto: ${note}`);
  const loops = await benchRecordLoops(emulatorUrl);
  for (const loop of loops.results) console.log(`${loop.client} PutRecord loop of ${loop.records}: ${loop.recordsPerSecond} rows/s (${loop.failures} failed)`);
  for (const note of loops.notes) console.log(note);
  // Last: it packs and installs the packages, and starts the store many times, with the servers above idle.
  const coldStart = await benchColdStart();
  for (const result of coldStart.results) console.log(`cold start ${result.command}: ${result.medianWallMs} ms wall, ${result.medianCpuMs} ms CPU`);
  for (const note of coldStart.notes) console.log(note);

  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: round(os.totalmem() / 1024 ** 3, 1), node: process.version };
  const featureStore = {
    date: started.toISOString(),
    machine,
    loadAverageAtEnd: os.loadavg().map((load) => round(load)),
    throughput: throughput.map((result) => {
      const baseline = throughput.find(
        (other) => other.server === 'bare Node HTTP server' && other.operation === result.operation && other.concurrency === result.concurrency,
      );
      return { ...result, ratioToBare: baseline ? round(result.recordsPerSecond / baseline.recordsPerSecond) : null };
    }),
    replayed,
    floor,
    peers,
    loops,
    coldStart,
  };
  const rows = featureStore.throughput
    .filter((result) => result.server === 'local Feature Store')
    .map((result) => {
      const bareRow = featureStore.throughput.find(
        (other) => other.server !== result.server && other.operation === result.operation && other.concurrency === result.concurrency,
      );
      return `| ${result.operation} | ${result.concurrency} | ${result.recordsPerSecond} | ${result.p50ms} | ${result.p99ms} | ${bareRow?.recordsPerSecond} | ${bareRow?.p50ms} | ${bareRow?.p99ms} | ${result.ratioToBare} |`;
    });
  const featureStoreMarkdown = [
    '## Local Feature Store vs peers, pre-signed requests replayed by autocannon (requests/s)',
    '',
    `The load generator signs nothing while it measures, so the servers, not the client, set the pace. Each comparison runs in rounds, both servers in every round (alternating which goes first), each server in its own process; rates and latencies are medians over the rounds, the ratio (local Feature Store ÷ the peer) is the median of the rounds' ratios, with its range and every round's value, because the machine may be shared (load average at the end of this run: ${featureStore.loadAverageAtEnd.join(', ')}). Server CPU is each server process's user + system time per request (per sign-in for Cognito) from /proc: it moves far less than the rates when other work shares the cores. Cognito sign-ins: GetId then GetCredentialsForIdentity, replayed as a pair; the rate is sign-ins (pairs) per second. The moto rows use Node's HTTP client, one request in flight, for both servers (moto's server answers \`Connection: close\`, on which autocannon stalls), so they include that client's cost on both sides.`,
    '',
    ...COMPARISON_HEADER,
    ...comparisonRows(replayed),
    ...comparisonRows(peers.comparisons),
    ...peers.notes.map((note) => `\nmoto: ${note}`),
    '',
    "The bare server answers 200 {} without parsing, signing checks or storage. The local Feature Store verifies every request's SigV4 signature, credential scope and clock skew, validates the record and commits it (SQLite WAL, synchronous=NORMAL, data directory on disk; the writes of requests that arrive together share one COMMIT) before it answers. moto's server (`python3 -m moto.server`) answers Cognito Identity and DescribeFeatureGroup without checking signatures; it has no Feature Store runtime (no PutRecord), so records are compared with the bare server only.",
    '',
    ...floorReport(floor, replayed),
    '',
    '## Record loops: N PutRecords, one call at a time (rows/s)',
    '',
    'A plain client loop, as a user script would write it: the baseline a bulk import has to beat. Same records for both clients (the seeded `customers` group, 5 features); boto3 runs in a python3 child process and is timed around its loop alone.',
    '',
    ...RECORD_LOOP_HEADER,
    ...recordLoopRows(loops),
    ...loops.notes.map((note) => `\n${note}`),
    '',
    '## Cold start: the packed package from an empty folder to its first answer (ms)',
    '',
    "The three packages are packed (`npm pack`, which builds them) and installed into an empty temp folder offline, as `packages/local-featurestore/scripts/package.test.ts` does. Each start gets a fresh data directory (so the demo data is seeded, as on a user's first start) and is timed from the spawn to the answer of a SigV4-signed GetRecord of a seeded record; CPU is the process tree's user + system time at that moment (npx and its shell included), from /proc. One unmeasured start first fills the page cache. The issue's target: under 1 s.",
    '',
    ...COLD_START_HEADER,
    ...coldStartRows(coldStart),
    ...coldStart.notes.map((note) => `\n${note}`),
    '',
    '## Local Feature Store through the AWS SDK v3 (records/s, latency ms)',
    '',
    '| operation | concurrency | local FS rec/s | p50 | p99 | bare server rec/s | p50 | p99 | ratio |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `The same SDK client (one Node process) drives both servers, once each. At concurrency 16 the client itself (SigV4 signing in JavaScript) saturates first on 2 cores, so both servers show about the same rate there; the replayed figures above are the servers' own.`,
  ];
  const machineLine = `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}. Figures are measured, not asserted.`;
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/featurestore.json', `${JSON.stringify(featureStore, null, 2)}\n`);
  const featureStoreReport = [`# Local Feature Store benchmark (${featureStore.date})`, '', machineLine, '', ...featureStoreMarkdown, ''].join('\n');
  fs.writeFileSync('bench/results/featurestore.md', featureStoreReport);
  if (only) {
    // latest.md and latest.json get this part anew and keep the console's from their last full run.
    keepConsoleFromLastRun(featureStore, [machineLine, '', ...featureStoreMarkdown]);
    console.log(featureStoreReport);
    return;
  }

  const bundle = initialJavaScriptGzip();
  console.log(`initial JS: ${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzip`);
  const forms = await benchForms(emulatorUrl);
  console.log(`forms: large/small interactive ${forms.ratios.interactive}x, keystroke→preview ${forms.ratios.keystroke}x`);
  const imports = await benchImport(emulatorUrl);
  const history = await benchHistory(emulatorUrl);
  const report = {
    ...featureStore,
    initialJavaScript: { files: bundle.files, bytes: bundle.bytes, gzipKiB: round(bundle.gzipBytes / 1024, 1), targetKiB: 100 },
    forms,
    imports,
    history,
  };
  fs.writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  const markdown = [
    `# Benchmark report (${report.date})`,
    '',
    machineLine,
    '',
    ...featureStoreMarkdown,
    '',
    '## Console',
    '',
    ...formReport(forms, bundle),
    '',
    ...importReport(imports),
    '',
    ...historyReport(history),
    '',
  ].join('\n');
  fs.writeFileSync('bench/results/latest.md', markdown);
  console.log(markdown);
}

/** Rewrites latest.{json,md} with a new local Feature Store part, keeping the console part of the last full run (if any). */
function keepConsoleFromLastRun(featureStore: { date: string }, featureStoreLines: string[]): void {
  const markdownFile = 'bench/results/latest.md';
  const jsonFile = 'bench/results/latest.json';
  if (!fs.existsSync(markdownFile) || !fs.existsSync(jsonFile)) return;
  const previous = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { date?: string };
  const previousMarkdown = fs.readFileSync(markdownFile, 'utf8');
  const consoleAt = previousMarkdown.indexOf('\n## Console');
  if (consoleAt < 0) return;
  const consolePart = previousMarkdown.slice(consoleAt + 1);
  fs.writeFileSync(jsonFile, `${JSON.stringify({ ...previous, ...featureStore, consoleDate: previous.date }, null, 2)}\n`);
  fs.writeFileSync(
    markdownFile,
    [
      `# Benchmark report (local Feature Store ${featureStore.date}; console ${previous.date ?? 'from the last full run'})`,
      '',
      ...featureStoreLines,
      '',
      `Console figures below are from the last full \`npm run bench\` (${previous.date ?? 'date unknown'}); \`--only featurestore\` left them as they were.`,
      '',
      consolePart,
    ].join('\n'),
  );
}

// Interrupted: stop the servers too (moto is stopped by its own exit handler).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(130);
  });
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const child of children) child.kill('SIGTERM');
  });
