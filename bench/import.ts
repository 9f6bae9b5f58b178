/**
 * Bulk import figures for `npm run bench` (issue 10 §2), one run, one local Feature Store:
 *   - the console: a CSV chosen on the import page of the production build in headless
 *     Chromium, dry run, then Write (BatchWriteRecord, 25 rows per call, 4 calls in flight);
 *     rows/s from the click on Write to the summary, peak JS heap of the page sampled
 *     during the write (the reader worker's heap is its own and not included);
 *   - a boto3 `put_record` loop (Debian's python3-boto3), one record per call, in sequence;
 *   - a Node AWS SDK v3 PutRecord loop, the same.
 * The console imports 10,000 and 100,000 rows (heap flat as the file grows); the loops,
 * whose rate does not depend on the count, write a bounded number of rows each.
 *
 * Standalone: `npx tsx bench/import.ts` (builds nothing: uses the built console in
 * CONSOLE_OUT_DIR or dist/) starts its own local Feature Store on a port in 4800-4899.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { BatchWriteRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { chromium } from '@playwright/test';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { createGroup as createTestGroup } from '../packages/local-featurestore/src/testing';
import { chromiumArgs } from '../playwright.config';
import { CdpPage } from './cdpPage';
import { fetchFloor, type FloorRun } from './fetchFloor';

/** BENCH_IMPORT_ROWS="1000,5000" for a quick smoke run. */
export const CONSOLE_ROWS: readonly number[] = process.env.BENCH_IMPORT_ROWS ? process.env.BENCH_IMPORT_ROWS.split(',').map(Number) : [10_000, 100_000];
const BOTO3_ROWS = Number(process.env.BENCH_BOTO3_ROWS ?? 3_000);
const NODE_LOOP_ROWS = Number(process.env.BENCH_NODE_LOOP_ROWS ?? 5_000);
const HEAP_SAMPLE_MS = 250;
/** Calls in flight for the console (its default) and the batch script alike. */
const IN_FLIGHT = 4;
/** The simulated latency of the second store (LOCAL_FEATURESTORE_LATENCY): AWS-like answers. */
export const SIMULATED_LATENCY = process.env.BENCH_LATENCY ?? 'p50=10ms,p99=60ms';
const LATENCY_CONSOLE_ROWS = Number(process.env.BENCH_LATENCY_CONSOLE_ROWS ?? 20_000);
const LATENCY_BOTO3_ROWS = Number(process.env.BENCH_LATENCY_BOTO3_ROWS ?? 300);

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

type ConsoleRun = {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakHeapMiB: number;
  peakLiveHeapMiB: number;
  /** Live heap (after a forced GC) once the summary shows: what the import left behind. */
  liveHeapAfterMiB?: number;
  written: string;
};

export interface ImportFigures {
  date?: string;
  /** The machine may be shared: its load when the import figures were taken. */
  loadAverageAtEnd?: number[];
  /** Through the console's relay (config.json as shipped): 5k and 20k rows by default. */
  console: ConsoleRun[];
  /** The same build calling the store directly (endpoints.featureStoreRuntime), as the script does. */
  consoleDirect?: ConsoleRun;
  boto3: { rows: number; seconds: number; rowsPerSecond: number } | { skipped: string };
  nodeLoop: { rows: number; seconds: number; rowsPerSecond: number };
  /** A plain Node script: the same rows, BatchWriteRecord, 25 per call, the console's calls in flight. */
  batchScript?: { rows: number; seconds: number; rowsPerSecond: number; inFlight: number };
  /**
   * The browser's floor, in the same run on the same store: a blank page that only sends one
   * pre-signed 25-row BatchWriteRecord with fetch(), the same calls in flight (bench/fetchFloor.ts).
   */
  browserFloor?: FloorRun;
  /** The same script again after the console runs. */
  batchScriptAfter?: { rows: number; seconds: number; rowsPerSecond: number; inFlight: number };
  /** The same console and a boto3 put_record loop against a store whose answers wait SIMULATED_LATENCY. */
  withLatency?: {
    latency: string;
    console: { rows: number; seconds: number; rowsPerSecond: number; peakHeapMiB: number; peakLiveHeapMiB: number; written: string };
    boto3: { rows: number; seconds: number; rowsPerSecond: number } | { skipped: string };
    batchScript: { rows: number; seconds: number; rowsPerSecond: number; inFlight: number };
  };
  ratios: {
    consoleToBatchScript?: number;
    consoleDirectToBatchScript?: number;
    browserFloorToBatchScript?: number;
    latencyConsoleToBoto3?: number | null;
    consoleToBoto3: number | null;
    consoleToNodeLoop: number;
    heap100kTo10k: number;
    liveHeap100kTo10k: number;
    liveHeapAfterLargestToSmallest?: number;
  };
}

async function createGroup(emulatorUrl: string): Promise<string> {
  // The integration tests' group (id, ts, n, x, s), with a Standard online store and an offline store.
  const sagemaker = new SageMakerClient({ region: 'us-east-1', endpoint: emulatorUrl, credentials: DEVELOPER_KEY });
  try {
    return await createTestGroup(
      { sagemaker },
      {
        FeatureGroupName: `bench-import-${Date.now()}-${Math.floor(Math.random() * 1000)}`,
        OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
        OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://bench/offline' } },
      },
    );
  } finally {
    sagemaker.destroy();
  }
}

export function writeCsv(dir: string, rows: number): string {
  const file = path.join(dir, `import-${rows}.csv`);
  const ts = new Date().toISOString();
  const lines = ['id,ts,n,x,s'];
  for (let i = 1; i <= rows; i += 1) lines.push(`R-${i},${ts},${i},${(i / 7).toFixed(3)},"segment ${i % 13}, ünïcødé"`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * The console importing `file`: dry run, then Write; seconds from the click on Write to the
 * summary, peak JS heap sampled meanwhile. Driven over the bare DevTools protocol (cdpPage.ts)
 * so that no request observer of the harness runs in the page; BENCH_IMPORT_DRIVER=playwright
 * drives it with Playwright instead (its Network instrumentation included), for comparison.
 */
async function consoleImport(baseUrl: string, emulatorUrl: string, file: string, rows: number): Promise<ConsoleRun> {
  return process.env.BENCH_IMPORT_DRIVER === 'playwright'
    ? consoleImportPlaywright(baseUrl, emulatorUrl, file, rows)
    : consoleImportBare(baseUrl, emulatorUrl, file, rows);
}

/** Peak heap as sampled (garbage included) and peak live heap (after a forced GC every few samples). */
function heapSampler(send: (method: string) => Promise<unknown>) {
  let peak = 0;
  let peakLive = 0;
  let sampling = true;
  const done = (async () => {
    for (let sample = 0; sampling; sample += 1) {
      if (sample % 8 === 7) {
        await send('HeapProfiler.collectGarbage');
        peakLive = Math.max(peakLive, ((await send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize);
      }
      peak = Math.max(peak, ((await send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize);
      await new Promise((resolve) => setTimeout(resolve, HEAP_SAMPLE_MS));
    }
  })();
  return async () => {
    sampling = false;
    await done;
    return { peakHeapMiB: round(peak / 1024 / 1024), peakLiveHeapMiB: round(peakLive / 1024 / 1024) };
  };
}

/** The import page at `importUrl` with `file` chosen and dry-run: returns the label of the Write button, now shown. */
export async function readyToWrite(page: CdpPage, importUrl: string, file: string, rows: number): Promise<string> {
  await page.goto(importUrl);
  await page.waitFor(`document.querySelector('input[type=file]')`, 120_000);
  await page.setInputFile('input[type=file]', file);
  await page.waitFor(`[...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Check every row (dry run)' && !b.disabled)`, 120_000);
  await page.clickButton('Check every row (dry run)');
  await page.waitFor(`document.querySelector('[data-testid=dry-run-counts]')`, 600_000, 250);
  const writeLabel = `Write ${rows.toLocaleString('en-US')} valid rows`;
  await page.waitFor(`[...document.querySelectorAll('button')].some((b) => b.textContent.trim() === ${JSON.stringify(writeLabel)})`, 60_000);
  return writeLabel;
}

async function consoleImportBare(baseUrl: string, emulatorUrl: string, file: string, rows: number): Promise<ConsoleRun> {
  const group = await createGroup(emulatorUrl);
  const page = await CdpPage.launch(['--enable-precise-memory-info']);
  try {
    const writeLabel = await readyToWrite(page, `${baseUrl}/groups/${group}/import`, file, rows);
    const stopSampling = heapSampler((method) => page.send(method));
    const started = performance.now();
    await page.clickButton(writeLabel);
    await page.waitFor(`document.querySelector('[data-testid=import-summary]')`, 1_800_000, 100);
    const seconds = (performance.now() - started) / 1000;
    const heap = await stopSampling();
    await page.send('HeapProfiler.collectGarbage');
    const after = await page.send<{ usedSize: number }>('Runtime.getHeapUsage');
    const summary = await page.evaluate<string>(`document.querySelector('[data-testid=import-summary] p')?.textContent ?? ''`);
    return {
      rows,
      seconds: round(seconds, 2),
      rowsPerSecond: round(rows / seconds, 0),
      ...heap,
      liveHeapAfterMiB: round(after.usedSize / 1024 / 1024, 2),
      written: summary.trim(),
    };
  } finally {
    await page.close();
  }
}

async function consoleImportPlaywright(baseUrl: string, emulatorUrl: string, file: string, rows: number): Promise<ConsoleRun> {
  const group = await createGroup(emulatorUrl);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${baseUrl}/groups/${group}/import`);
    await page.getByLabel('File to import').setInputFiles(file);
    await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
    await page.getByTestId('dry-run-counts').waitFor({ timeout: 600_000 });
    const cdp = await page.context().newCDPSession(page);
    const stopSampling = heapSampler((method) => cdp.send(method as 'Runtime.getHeapUsage'));
    const started = performance.now();
    await page.getByRole('button', { name: `Write ${rows.toLocaleString('en-US')} valid rows` }).click();
    await page.getByTestId('import-summary').waitFor({ timeout: 1_800_000 });
    const seconds = (performance.now() - started) / 1000;
    const heap = await stopSampling();
    const summary = (await page.getByTestId('import-summary').locator('p').first().textContent()) ?? '';
    return { rows, seconds: round(seconds, 2), rowsPerSecond: round(rows / seconds, 0), ...heap, written: summary.trim() };
  } finally {
    await browser.close();
  }
}

async function nodeLoop(emulatorUrl: string, rows: number) {
  const group = await createGroup(emulatorUrl);
  const client = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: emulatorUrl, credentials: DEVELOPER_KEY });
  const ts = new Date().toISOString();
  const started = performance.now();
  for (let i = 1; i <= rows; i += 1) {
    await client.send(
      new PutRecordCommand({
        FeatureGroupName: group,
        Record: [
          { FeatureName: 'id', ValueAsString: `R-${i}` },
          { FeatureName: 'ts', ValueAsString: ts },
          { FeatureName: 'n', ValueAsString: String(i) },
          { FeatureName: 'x', ValueAsString: (i / 7).toFixed(3) },
          { FeatureName: 's', ValueAsString: `segment ${i % 13}, ünïcødé` },
        ],
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return { rows, seconds: round(seconds, 2), rowsPerSecond: round(rows / seconds, 0) };
}

/** The bench's rows as records, exactly as writeCsv writes them. */
function benchRecord(i: number, ts: string) {
  return [
    { FeatureName: 'id', ValueAsString: `R-${i}` },
    { FeatureName: 'ts', ValueAsString: ts },
    { FeatureName: 'n', ValueAsString: String(i) },
    { FeatureName: 'x', ValueAsString: (i / 7).toFixed(3) },
    { FeatureName: 's', ValueAsString: `segment ${i % 13}, ünïcødé` },
  ];
}

/** What a plain script would do: BatchWriteRecord, 25 records per call, `inFlight` calls at a time, no checks, no UI. */
export async function batchScript(emulatorUrl: string, rows: number, inFlight = IN_FLIGHT) {
  const group = await createGroup(emulatorUrl);
  const client = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: emulatorUrl, credentials: DEVELOPER_KEY });
  const ts = new Date().toISOString();
  let next = 1;
  const started = performance.now();
  const worker = async () => {
    while (next <= rows) {
      const first = next;
      next = Math.min(rows + 1, next + 25);
      const Entries = [];
      for (let i = first; i < next; i += 1) Entries.push({ FeatureGroupName: group, Record: benchRecord(i, ts) });
      const answer = await client.send(new BatchWriteRecordCommand({ Entries }));
      if ((answer.Errors?.length ?? 0) > 0 || (answer.UnprocessedEntries?.length ?? 0) > 0)
        throw new Error(`batch script: ${JSON.stringify(answer.Errors?.[0] ?? answer.UnprocessedEntries?.[0])}`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return { rows, seconds: round(seconds, 2), rowsPerSecond: round(rows / seconds, 0), inFlight };
}

/** A second local Feature Store whose runtime answers wait `latency`, and a preview of the console pointed at it. */
async function withLatencyStore<T>(latency: string, distDir: string, run: (storeUrl: string, consoleUrl: string) => Promise<T>): Promise<T> {
  return withOwnStore({ LOCAL_FEATURESTORE_LATENCY: latency }, benchPort(3, 4950, 20), async (storeUrl) => {
    const previewPort = benchPort(4, 4970, 20);
    const preview = spawn(path.join('node_modules', '.bin', 'vite'), ['preview', '--port', previewPort, '--strictPort', '--outDir', distDir], {
      env: { ...process.env, LOCAL_FEATURESTORE_PORT: new URL(storeUrl).port },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await waitForLine(preview, /Local:\s+http/);
      return await run(storeUrl, `http://localhost:${previewPort}`);
    } finally {
      preview.kill('SIGTERM');
    }
  });
}

const BOTO3_LOOP = `
import sys, time, datetime, boto3
url, group, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = boto3.client("sagemaker-featurestore-runtime", region_name="us-east-1", endpoint_url=url,
    aws_access_key_id="${DEVELOPER_KEY.accessKeyId}", aws_secret_access_key="${DEVELOPER_KEY.secretAccessKey}")
ts = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
started = time.perf_counter()
for i in range(1, rows + 1):
    client.put_record(FeatureGroupName=group, Record=[
        {"FeatureName": "id", "ValueAsString": f"R-{i}"},
        {"FeatureName": "ts", "ValueAsString": ts},
        {"FeatureName": "n", "ValueAsString": str(i)},
        {"FeatureName": "x", "ValueAsString": f"{i / 7:.3f}"},
        {"FeatureName": "s", "ValueAsString": f"segment {i % 13}, ünïcødé"},
    ])
print(time.perf_counter() - started)
`;
import { waitForLine } from './waitForLine';

async function boto3Loop(emulatorUrl: string, rows: number): Promise<ImportFigures['boto3']> {
  const group = await createGroup(emulatorUrl);
  const run = spawnSync('python3', ['-c', BOTO3_LOOP, emulatorUrl, group, String(rows)], { encoding: 'utf8', timeout: 900_000 });
  if (run.status !== 0) return { skipped: `python3 with boto3 did not run: ${(run.stderr || run.error?.message || '').trim().slice(0, 200)}` };
  const seconds = Number(run.stdout.trim().split('\n').at(-1));
  return { rows, seconds: round(seconds, 2), rowsPerSecond: round(rows / seconds, 0) };
}

/** Ports: BENCH_PORT_BASE+20… when set (shared machines), else picked at random in 4800-4999. */
function benchPort(offset: number, randomFrom: number, span: number): string {
  const base = Number(process.env.BENCH_PORT_BASE);
  return String(Number.isInteger(base) && base > 0 ? base + 20 + offset : randomFrom + Math.floor(Math.random() * span));
}

/** The local Feature Store from its sources, quiet, on `port` with its data in `dataDir`; `env` adds settings. */
export function spawnBenchStore(port: string, dataDir: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: port, LOCAL_FEATURESTORE_DATA_DIR: dataDir, LOCAL_FEATURESTORE_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** A local Feature Store of the bench's own, answering browsers' CORS on every service (for the direct-call console). */
async function withOwnStore<T>(env: Record<string, string>, port: string, run: (storeUrl: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-bench-import-'));
  const store = spawnBenchStore(port, dataDir, env);
  try {
    return await run((await waitForLine(store, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string);
  } finally {
    const exited = new Promise((resolve) => store.once('exit', resolve));
    store.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `vite preview` of the built console pointed at `storeUrl`: through its relay (config.json as shipped) or calling the runtime directly. */
async function withPreview<T>(
  distDir: string,
  storeUrl: string,
  port: string,
  calls: 'relay' | 'direct',
  dir: string,
  run: (consoleUrl: string) => Promise<T>,
): Promise<T> {
  const env: Record<string, string> = { LOCAL_FEATURESTORE_PORT: new URL(storeUrl).port };
  if (calls === 'direct') {
    const config = JSON.parse(fs.readFileSync('public/config.json', 'utf8')) as { endpoints: Record<string, string> };
    config.endpoints.featureStoreRuntime = 'http://127.0.0.1:4566';
    const file = path.join(dir, 'config-direct.json');
    fs.writeFileSync(file, JSON.stringify(config));
    env.CONSOLE_CONFIG_FILE = file;
  }
  const preview = spawn(path.join('node_modules', '.bin', 'vite'), ['preview', '--port', port, '--strictPort', '--outDir', distDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await waitForLine(preview, /Local:\s+http/);
    return await run(`http://localhost:${port}`);
  } finally {
    preview.kill('SIGTERM');
  }
}

/** A blank page of an origin of its own (the store answers browsers' CORS on every service), for the fetch() floor. */
async function withBlankPage<T>(port: string, run: (pageUrl: string) => Promise<T>): Promise<T> {
  const server = http.createServer((_request, response) => response.end('<!doctype html><title>fetch floor</title>'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(port), '127.0.0.1', () => resolve());
  });
  try {
    return await run(`http://127.0.0.1:${port}/`);
  } finally {
    server.close();
  }
}

/**
 * The console and the script write to a store of their own (CORS on every service, so the
 * console can also call it directly, as the script does), in the order script, console
 * (relay), console (direct), script: the machine may be shared, so the script runs on both
 * sides of the consoles and the ratio is to the mean of its two runs.
 */
export function compareWithScript(distDir: string, dir: string) {
  return withOwnStore({ LOCAL_FEATURESTORE_CORS: 'all' }, benchPort(0, 4800, 50), async (storeUrl) => {
    const rowsForRatio = CONSOLE_ROWS.at(-1) as number;
    const scriptBefore = await batchScript(storeUrl, rowsForRatio);
    console.log(`Node BatchWriteRecord script (${IN_FLIGHT} in flight): ${scriptBefore.rowsPerSecond} rows/s`);
    const relayRuns = await withPreview(distDir, storeUrl, benchPort(1, 4850, 50), 'relay', dir, async (consoleUrl) => {
      const runs: ImportFigures['console'] = [];
      for (const rows of CONSOLE_ROWS) {
        const file = writeCsv(dir, rows);
        const result = await consoleImport(consoleUrl, storeUrl, file, rows);
        console.log(`console import (relay) ${rows} rows: ${result.rowsPerSecond} rows/s, peak live JS heap ${result.peakLiveHeapMiB} MiB`);
        runs.push(result);
        fs.rmSync(file);
      }
      return runs;
    });
    const direct = await withPreview(distDir, storeUrl, benchPort(2, 4900, 50), 'direct', dir, async (consoleUrl) => {
      const file = writeCsv(dir, rowsForRatio);
      const result = await consoleImport(consoleUrl, storeUrl, file, rowsForRatio);
      console.log(`console import (direct) ${rowsForRatio} rows: ${result.rowsPerSecond} rows/s`);
      fs.rmSync(file);
      return result;
    });
    const browserFloor = await withBlankPage(benchPort(6, 4990, 10), (pageUrl) => fetchFloor(storeUrl, pageUrl, 'floor', undefined, rowsForRatio));
    console.log(`browser floor (a blank page, fetch() of one pre-signed call, ${IN_FLIGHT} in flight): ${browserFloor.rowsPerSecond} rows/s`);
    const scriptAfter = await batchScript(storeUrl, rowsForRatio);
    console.log(`Node BatchWriteRecord script again: ${scriptAfter.rowsPerSecond} rows/s`);
    return { relayRuns, direct, browserFloor, scriptBefore, scriptAfter };
  });
}

export async function benchImport(emulatorUrl: string, distDir = process.env.CONSOLE_OUT_DIR ?? 'dist'): Promise<ImportFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  try {
    const comparison = await compareWithScript(distDir, dir);
    const consoleRuns = comparison.relayRuns;
    const boto3 = await boto3Loop(emulatorUrl, BOTO3_ROWS);
    console.log(`boto3 put_record loop: ${'rowsPerSecond' in boto3 ? `${boto3.rowsPerSecond} rows/s` : boto3.skipped}`);
    const node = await nodeLoop(emulatorUrl, NODE_LOOP_ROWS);
    console.log(`Node SDK PutRecord loop: ${node.rowsPerSecond} rows/s`);
    const largest = consoleRuns.at(-1) as ImportFigures['console'][number];
    const smallest = consoleRuns[0] as ImportFigures['console'][number];
    const scriptRate = (comparison.scriptBefore.rowsPerSecond + comparison.scriptAfter.rowsPerSecond) / 2;
    const withLatency = await withLatencyStore(SIMULATED_LATENCY, distDir, async (storeUrl, consoleUrl) => {
      const file = writeCsv(dir, LATENCY_CONSOLE_ROWS);
      const consoleRun = await consoleImport(consoleUrl, storeUrl, file, LATENCY_CONSOLE_ROWS);
      console.log(`with latency ${SIMULATED_LATENCY}: console ${consoleRun.rowsPerSecond} rows/s`);
      const loop = await boto3Loop(storeUrl, LATENCY_BOTO3_ROWS);
      console.log(`with latency: boto3 ${'rowsPerSecond' in loop ? `${loop.rowsPerSecond} rows/s` : loop.skipped}`);
      const script = await batchScript(storeUrl, LATENCY_CONSOLE_ROWS);
      console.log(`with latency: Node BatchWriteRecord script ${script.rowsPerSecond} rows/s`);
      return { latency: SIMULATED_LATENCY, console: consoleRun, boto3: loop, batchScript: script };
    });
    return {
      date: new Date().toISOString(),
      loadAverageAtEnd: os.loadavg().map((load) => round(load, 2)),
      console: consoleRuns,
      consoleDirect: comparison.direct,
      boto3,
      nodeLoop: node,
      batchScript: comparison.scriptBefore,
      batchScriptAfter: comparison.scriptAfter,
      browserFloor: comparison.browserFloor,
      withLatency,
      ratios: {
        consoleToBatchScript: round(largest.rowsPerSecond / scriptRate, 2),
        consoleDirectToBatchScript: round(comparison.direct.rowsPerSecond / scriptRate, 2),
        browserFloorToBatchScript: round(comparison.browserFloor.rowsPerSecond / scriptRate, 2),
        latencyConsoleToBoto3: 'rowsPerSecond' in withLatency.boto3 ? round(withLatency.console.rowsPerSecond / withLatency.boto3.rowsPerSecond) : null,
        consoleToBoto3: 'rowsPerSecond' in boto3 ? round(largest.rowsPerSecond / boto3.rowsPerSecond) : null,
        consoleToNodeLoop: round(largest.rowsPerSecond / node.rowsPerSecond),
        heap100kTo10k: round(largest.peakHeapMiB / smallest.peakHeapMiB, 2),
        ...(largest.liveHeapAfterMiB && smallest.liveHeapAfterMiB
          ? { liveHeapAfterLargestToSmallest: round(largest.liveHeapAfterMiB / smallest.liveHeapAfterMiB, 2) }
          : {}),
        liveHeap100kTo10k: round(largest.peakLiveHeapMiB / smallest.peakLiveHeapMiB, 2),
      },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Lines for bench/results (markdown). */
export function importReport(figures: ImportFigures): string[] {
  const boto3 = figures.boto3;
  const count = (rows: number | undefined) => (rows ?? 0).toLocaleString('en-US');
  const largestRows = count(figures.console.at(-1)?.rows);
  const smallestRows = count(figures.console[0]?.rows);
  const script = (run: NonNullable<ImportFigures['batchScript']>, when: string) =>
    `| plain Node script, BatchWriteRecord (25 per call, ${run.inFlight} in flight)${when} | ${run.rows} | ${run.seconds} | ${run.rowsPerSecond} | — | — |`;
  return [
    '## Bulk import (BatchWriteRecord from the console vs a plain script and PutRecord loops)',
    '',
    ...(figures.loadAverageAtEnd ? [`Load average at the end of the import runs: ${figures.loadAverageAtEnd.join(', ')} (2 cores; shared machine).`, ''] : []),
    '| writer | rows | seconds | rows/s | peak JS heap MiB (sampled) | peak live JS heap MiB (after GC) |',
    '|---|---|---|---|---|---|',
    ...(figures.batchScript ? [script(figures.batchScript, figures.batchScriptAfter ? ', before the console runs' : '')] : []),
    ...figures.console.map(
      (run) =>
        `| console, CSV in headless Chromium, through its relay (25 rows per call, ${IN_FLIGHT} in flight) | ${run.rows} | ${run.seconds} | ${run.rowsPerSecond} | ${run.peakHeapMiB} | ${run.peakLiveHeapMiB} |`,
    ),
    ...(figures.consoleDirect
      ? [
          `| console, the same, calling the store directly (endpoints.featureStoreRuntime) | ${figures.consoleDirect.rows} | ${figures.consoleDirect.seconds} | ${figures.consoleDirect.rowsPerSecond} | ${figures.consoleDirect.peakHeapMiB} | ${figures.consoleDirect.peakLiveHeapMiB} |`,
        ]
      : []),
    ...(figures.browserFloor
      ? [
          `| the browser's floor: a blank page in the same Chromium, fetch() of one pre-signed 25-row call, ${IN_FLIGHT} in flight (no SDK, no signing, no import loop) | ${figures.browserFloor.rows} | ${round(figures.browserFloor.rows / figures.browserFloor.rowsPerSecond, 2)} | ${figures.browserFloor.rowsPerSecond} | — | — |`,
        ]
      : []),
    ...(figures.batchScriptAfter ? [script(figures.batchScriptAfter, ', after the console runs')] : []),
    'rowsPerSecond' in boto3
      ? `| boto3 put_record loop | ${boto3.rows} | ${boto3.seconds} | ${boto3.rowsPerSecond} | — | — |`
      : `| boto3 put_record loop | — | — | ${boto3.skipped} | — | — |`,
    `| Node SDK v3 PutRecord loop | ${figures.nodeLoop.rows} | ${figures.nodeLoop.seconds} | ${figures.nodeLoop.rowsPerSecond} | — | — |`,
    '',
    ...(figures.ratios.consoleToBatchScript !== undefined
      ? [
          `- Console ÷ plain BatchWriteRecord script, same rows, same store, same calls in flight${figures.batchScriptAfter ? ' (the mean of the script’s two runs)' : ''}: through the relay ${figures.ratios.consoleToBatchScript}x${
            figures.ratios.consoleDirectToBatchScript !== undefined
              ? `, calling the store directly as the script does ${figures.ratios.consoleDirectToBatchScript}x`
              : ''
          } (target ≥ 0.9x).`,
        ]
      : []),
    ...(figures.ratios.browserFloorToBatchScript !== undefined
      ? [
          `- The browser's floor ÷ the script: ${figures.ratios.browserFloorToBatchScript}x${
            figures.browserFloor && figures.consoleDirect
              ? `; the console calling the store directly ÷ that floor: ${round(figures.consoleDirect.rowsPerSecond / figures.browserFloor.rowsPerSecond, 2)}x`
              : ''
          }. A page that does nothing but send the same pre-signed call with fetch() is the most any console page can do in this Chromium on this machine; Chromium spends several ms of CPU per fetch() across its processes (renderer, network service, browser), more than the Node script spends on a whole call (bench/results/import-profile.md, second pass).`,
        ]
      : []),
    ...latencyReport(figures),
    `- Console (${largestRows} rows) ÷ boto3 loop: ${figures.ratios.consoleToBoto3 ?? '—'}x (target ≥ 10x); ÷ Node SDK loop: ${figures.ratios.consoleToNodeLoop}x.`,
    `- Peak live JS heap of the page, ${largestRows} rows ÷ ${smallestRows} rows: ${figures.ratios.liveHeap100kTo10k}x (sampled, garbage included: ${figures.ratios.heap100kTo10k}x; flat is 1x)${
      figures.ratios.liveHeapAfterLargestToSmallest !== undefined
        ? `; live heap left once the summary shows (after a forced GC), ${figures.console.map((run) => `${run.liveHeapAfterMiB} MiB`).join(' and ')}: ${figures.ratios.liveHeapAfterLargestToSmallest}x`
        : ''
    }. Peaks are sampled every 250 ms with a forced GC every 2 s, so a longer import has more chances to catch a high point. The file is read in chunks by a worker, one chunk ahead of the writes; failed rows are kept whole up to 10,000, past that as row numbers per error code (their cells are read from the file again for the download).`,
    '- Console time: from the click on Write to the summary (the dry run before it reads the whole file once more). The page is driven over the bare DevTools protocol (bench/cdpPage.ts): Playwright, used before, reports every request of the page to the test runner, a cost of the harness in each fetch() (see import-profile.md). The loops send one record per call, in sequence, as a script would; their rate does not depend on the row count, so they write fewer rows.',
    '- Where the time goes: bench/results/import-profile.md (`npx tsx bench/importProfile.ts`).',
  ];
}

function latencyReport(figures: ImportFigures): string[] {
  const run = figures.withLatency;
  if (!run) return [];
  const boto3 = run.boto3;
  return [
    '',
    `### With simulated latency (LOCAL_FEATURESTORE_LATENCY=${run.latency}: every runtime answer waits, as on the network)`,
    '',
    '| writer | rows | seconds | rows/s |',
    '|---|---|---|---|',
    `| console, CSV in headless Chromium (25 rows per call, ${IN_FLIGHT} in flight) | ${run.console.rows} | ${run.console.seconds} | ${run.console.rowsPerSecond} |`,
    `| plain Node script, BatchWriteRecord (25 per call, ${run.batchScript.inFlight} in flight) | ${run.batchScript.rows} | ${run.batchScript.seconds} | ${run.batchScript.rowsPerSecond} |`,
    'rowsPerSecond' in boto3
      ? `| boto3 put_record loop | ${boto3.rows} | ${boto3.seconds} | ${boto3.rowsPerSecond} |`
      : `| boto3 put_record loop | — | — | ${boto3.skipped} |`,
    '',
    `- Console ÷ boto3 loop with latency: ${figures.ratios.latencyConsoleToBoto3 ?? '—'}x (target ≥ 10x). Console ÷ batch script with latency: ${round(run.console.rowsPerSecond / run.batchScript.rowsPerSecond, 2)}x.`,
    '',
  ];
}

/** Rewrites bench/results/import.md from import.json (after a change to the report's wording). */
export function writeImportResults(figures: ImportFigures, date = new Date()): string {
  const markdown = [
    `# Bulk import benchmark (${date.toISOString()})`,
    '',
    `Machine: ${os.cpus().length} cores, Node ${process.version}.${process.env.BENCH_NOTE ? ` ${process.env.BENCH_NOTE}` : ''}`,
    '',
    ...importReport(figures),
    '',
  ].join('\n');
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/import.json', `${JSON.stringify(figures, null, 2)}\n`);
  fs.writeFileSync('bench/results/import.md', markdown);
  return markdown;
}

async function main(): Promise<void> {
  if (process.argv.includes('--compare-only')) {
    // The console ÷ script comparison alone (no loops, no latency store): for quick checks.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
    try {
      const figures = await compareWithScript(process.env.CONSOLE_OUT_DIR ?? 'dist', dir);
      const script = (figures.scriptBefore.rowsPerSecond + figures.scriptAfter.rowsPerSecond) / 2;
      console.log(
        JSON.stringify({
          ...figures,
          relayRatio: round(figures.relayRuns.at(-1)!.rowsPerSecond / script, 2),
          directRatio: round(figures.direct.rowsPerSecond / script, 2),
          load: os.loadavg(),
        }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-bench-import-'));
  const port = benchPort(5, 4750, 50);
  const store = spawn(process.execPath, ['--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: port, LOCAL_FEATURESTORE_DATA_DIR: dataDir, LOCAL_FEATURESTORE_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = (await waitForLine(store, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string;
    const markdown = writeImportResults(await benchImport(url));
    console.log(markdown);
  } finally {
    store.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
