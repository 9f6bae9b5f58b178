/**
 * The calls of one bulk import over time (issue 18 §6): a CSV written from the import page
 * of a console build in headless Chromium (driven over the bare DevTools protocol) to a
 * local Feature Store whose answers wait LOCAL_FEATURESTORE_LATENCY, and the same rows from
 * the plain Node BatchWriteRecord script. From the page's resource timing of its calls:
 * calls in flight on average (against the limit of 4), each call's time from fetch() to its
 * last byte, and how long a free call slot stayed free. CPU seconds of every process, and
 * of every Chromium thread.
 *
 * Modes (arguments, in the order run; default relay direct script):
 *   relay / direct  the console through its relay, or calling the store itself;
 *   script          the plain Node script (25 per call, 4 in flight);
 *   floor           a blank page that only sends one pre-signed 25-row BatchWriteRecord
 *                   ROWS/25 times with fetch(), 4 in flight: what Chromium's fetch() alone
 *                   costs, with no SDK, no signing and no import loop;
 *   worker-floor    the same from a dedicated worker of that page;
 *   node-floor      the same pre-signed request from Node's fetch().
 * A build with marks in globalThis.__t ([name, ms, call id], e.g. a middleware on each step
 * of the SDK's stack) also gets the mean time of each stage of a call (`stages`).
 *
 * `npx tsx bench/importTrace.ts [mode ...]`; BENCH_TRACE_DISTS="A=/tmp/a,B=/tmp/b" compares
 * builds in one run, interleaved (default: CONSOLE_OUT_DIR or dist/); BENCH_TRACE_ROWS
 * (10,000), BENCH_TRACE_LATENCY (p50=10ms,p99=60ms; "none" for none), BENCH_TRACE_REPEAT (1);
 * ports BENCH_PORT_BASE+40 and up. Not part of `npm run bench`; prints one JSON line a run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CdpPage } from './cdpPage';
import { createTraceGroup, fetchFloor } from './fetchFloor';
import { threadCpu, treeCpu } from './processCpu';
import { batchScript, readyToWrite, spawnBenchStore, writeCsv } from './import';
import { waitForLine } from './waitForLine';

const ROWS = Number(process.env.BENCH_TRACE_ROWS ?? 10_000);
const LATENCY = process.env.BENCH_TRACE_LATENCY ?? 'p50=10ms,p99=60ms';
const REPEAT = Number(process.env.BENCH_TRACE_REPEAT ?? 1);
const BASE = Number(process.env.BENCH_PORT_BASE ?? 7300) + 40;
const DIST = process.env.CONSOLE_OUT_DIR ?? 'dist';
/** BENCH_TRACE_PROFILE=1: a V8 profile of the page's main thread during the write (use an unminified build for names). */
const PROFILE = process.env.BENCH_TRACE_PROFILE === '1';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Busy seconds of the page's main thread, the top functions by self time, and by where their code comes from. */
function selfTimes(profile: CpuProfile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let busy = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    const frame = nodes.get(profile.samples[index] as number)?.callFrame;
    const us = profile.timeDeltas[index + 1] ?? 0;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += us;
    const file = frame.url.split('/').at(-1) ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const place = !frame.url ? (frame.functionName.startsWith('(') ? frame.functionName : '(native)') : file.replace(/-[\w-]{8}\.js$/, '.js');
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
  }
  const top = (map: Map<string, number>, count: number) =>
    Object.fromEntries(
      [...map]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([key, us]) => [key, Number(((100 * us) / Math.max(1, busy)).toFixed(1))]),
    );
  return { busySeconds: Number((busy / 1e6).toFixed(2)), byPlacePercent: top(byPlace, 10), topSelfPercent: top(self, 25) };
}

interface Timing {
  startTime: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
}

/** What the resource timing of the BatchWriteRecord calls says. */
function analyse(calls: Timing[], limit = 4) {
  calls.sort((a, b) => a.startTime - b.startTime);
  const first = calls[0] as Timing;
  const last = Math.max(...calls.map((call) => call.responseEnd));
  const wall = last - first.startTime;
  const busy = calls.reduce((sum, call) => sum + (call.responseEnd - call.startTime), 0);
  const wire = calls.map((call) => call.responseEnd - call.startTime).sort((a, b) => a - b);
  const queued = calls.map((call) => call.requestStart - call.startTime).sort((a, b) => a - b);
  // For each call: how long the slot it took had been free (the latest answer before it,
  // when fewer than `limit` calls were in flight at its start).
  const gaps: number[] = [];
  const ends = calls.map((call) => call.responseEnd).sort((a, b) => a - b);
  for (const call of calls.slice(1)) {
    const inFlight = calls.filter((other) => other.startTime < call.startTime && other.responseEnd > call.startTime).length;
    if (inFlight >= limit) continue;
    let latest = -Infinity;
    for (const end of ends) {
      if (end > call.startTime) break;
      latest = end;
    }
    if (latest > -Infinity) gaps.push(call.startTime - latest);
  }
  gaps.sort((a, b) => a - b);
  const pct = (sorted: number[], p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(2));
  const mean = (values: number[]) => Number((values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)).toFixed(2));
  return {
    calls: calls.length,
    wallMs: Math.round(wall),
    callsInFlight: Number((busy / wall).toFixed(2)),
    wireMs: { mean: mean(wire), p50: pct(wire, 0.5), p99: pct(wire, 0.99) },
    queuedBeforeSendMs: { mean: mean(queued), p50: pct(queued, 0.5), p99: pct(queued, 0.99) },
    slotIdleMs: { mean: mean(gaps), p50: pct(gaps, 0.5), p90: pct(gaps, 0.9), p99: pct(gaps, 0.99), n: gaps.length },
  };
}

/**
 * Where each call's time goes, from marks an instrumented build leaves in globalThis.__t
 * ([name, time, call id]): the write loop's send (send / send<), the SDK's middleware steps
 * (init, serialize, build, finalize, fetch, deser and their returns "<"), the reader (batch).
 */
function stages(events: [string, number, number][]) {
  const byCall = new Map<number, Map<string, number>>();
  for (const [name, time, id] of events) {
    if (id <= 0) continue;
    const call = byCall.get(id) ?? new Map<string, number>();
    if (!call.has(name)) call.set(name, time);
    byCall.set(id, call);
  }
  const steps: [string, string, string][] = [
    ['send→init', 'send', 'init'],
    ['init→serialize', 'init', 'serialize'],
    ['serialize→build', 'serialize', 'build'],
    ['build→finalize', 'build', 'finalize'],
    ['finalize→fetch (retry, sign)', 'finalize', 'fetch'],
    ['fetch→deser', 'fetch', 'deser'],
    ['deser→fetch()', 'deser', 'F'],
    ['fetch() to headers', 'F', 'F<'],
    ['F<→deser<', 'F<', 'deser<'],
    ['body + deserialise', 'deser<', 'fetch<'],
    ['fetch<→finalize<', 'fetch<', 'finalize<'],
    ['finalize<→init<', 'finalize<', 'init<'],
    ['init<→send<', 'init<', 'send<'],
    ['send→send<', 'send', 'send<'],
  ];
  const out: Record<string, number> = {};
  for (const [label, from, to] of steps) {
    const values = [...byCall.values()].flatMap((call) => (call.has(from) && call.has(to) ? [(call.get(to) as number) - (call.get(from) as number)] : []));
    out[label] = Number((values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)).toFixed(2));
  }
  // From an answer handed back to the write loop to the next call's send.
  const sends = events.filter((event) => event[0] === 'send').map((event) => event[1]);
  const backs = events.filter((event) => event[0] === 'send<').map((event) => event[1]);
  const gaps: number[] = [];
  for (const back of backs) {
    const next = sends.find((time) => time >= back);
    if (next !== undefined) gaps.push(next - back);
  }
  out['send<→next send'] = Number((gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length)).toFixed(2));
  const batches = events.filter((event) => event[0] === 'batch' || event[0] === 'batch<');
  let batchTime = 0;
  for (let index = 0; index + 1 < batches.length; index += 2)
    batchTime += (batches[index + 1] as [string, number, number])[1] - (batches[index] as [string, number, number])[1];
  out['nextBatch per call'] = Number((batchTime / Math.max(1, batches.length / 2)).toFixed(2));
  const inFlightTotal = [...byCall.values()].reduce((sum, call) => sum + ((call.get('send<') ?? 0) - (call.get('send') ?? 0)), 0);
  const span = Math.max(...backs) - Math.min(...sends);
  out['sends in flight (mean)'] = Number((inFlightTotal / span).toFixed(2));
  return out;
}

async function consoleTrace(storeUrl: string, consoleUrl: string, file: string, label: string, preview: ChildProcess, store: ChildProcess) {
  const group = await createTraceGroup(storeUrl);
  const page = await CdpPage.launch();
  try {
    const writeLabel = await readyToWrite(page, `${consoleUrl}/groups/${group}/import`, file, ROWS);
    await page.evaluate('performance.setResourceTimingBufferSize(1000000)');
    await page.evaluate('performance.clearResourceTimings()');
    const cpu = () => ({ chromium: treeCpu(page.pid), preview: treeCpu(preview.pid ?? 0), store: treeCpu(store.pid ?? 0) });
    const cpuBefore = cpu();
    const threadsBefore = threadCpu(page.pid);
    if (PROFILE) {
      await page.send('Profiler.enable');
      await page.send('Profiler.setSamplingInterval', { interval: 500 });
      await page.send('Profiler.start');
    }
    const started = performance.now();
    await page.clickButton(writeLabel);
    await page.waitFor(`document.querySelector('[data-testid=import-summary]')`, 1_800_000, 50);
    const seconds = (performance.now() - started) / 1000;
    const profile = PROFILE ? selfTimes((await page.send<{ profile: CpuProfile }>('Profiler.stop')).profile) : undefined;
    const cpuAfter = cpu();
    const threadsAfter = threadCpu(page.pid);
    const chromiumThreads = Object.fromEntries(
      [...threadsAfter]
        .map(([key, value]) => [key, Number((value - (threadsBefore.get(key) ?? 0)).toFixed(2))] as const)
        .filter(([, value]) => value >= 0.05)
        .sort((a, b) => b[1] - a[1]),
    );
    const calls = await page.evaluate<Timing[]>(`performance.getEntriesByType('resource')
      .filter((entry) => entry.initiatorType === 'fetch' && entry.name.includes('featurestore') || entry.name.startsWith(${JSON.stringify(storeUrl.replace('127.0.0.1', 'localhost'))}) || (entry.initiatorType === 'fetch' && entry.name.startsWith(${JSON.stringify(storeUrl)})))
      .map((entry) => ({ startTime: entry.startTime, requestStart: entry.requestStart, responseStart: entry.responseStart, responseEnd: entry.responseEnd, name: entry.name }))`);
    const marks = await page.evaluate<Record<string, number[]>>(`(() => {
      const byName = {};
      for (const entry of performance.getEntriesByType('measure')) (byName[entry.name] ??= []).push(entry.duration);
      return byName;
    })()`);
    const events = await page.evaluate<[string, number, number][]>('globalThis.__t ?? []');
    const summary = await page.evaluate<string>(`document.querySelector('[data-testid=import-summary] p')?.textContent ?? ''`);
    const measures = Object.fromEntries(
      Object.entries(marks).map(([name, values]) => [name, { n: values.length, mean: Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(2)) }]),
    );
    return {
      label,
      rows: ROWS,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(ROWS / seconds),
      cpuSeconds: {
        chromium: Number((cpuAfter.chromium - cpuBefore.chromium).toFixed(2)),
        preview: Number((cpuAfter.preview - cpuBefore.preview).toFixed(2)),
        store: Number((cpuAfter.store - cpuBefore.store).toFixed(2)),
      },
      chromiumThreads,
      ...(profile ? { profile } : {}),
      ...analyse(calls),
      measures,
      ...(events.length > 0 ? { stages: stages(events) } : {}),
      summary: summary.trim().slice(0, 120),
    };
  } finally {
    await page.close();
  }
}

/**
 * The floor of the browser path: one BatchWriteRecord request of 25 rows, signed once (in
 * Node), sent ROWS/25 times by a page with nothing else to do (bare fetch(), 4 in flight,
 * answer read whole): what Chromium's fetch() costs per call, with no SDK, no signing, no
 * import loop. The same from Node's fetch() for comparison.
 */
async function main(): Promise<void> {
  const modes = process.argv.slice(2).filter((arg) => ['relay', 'direct', 'script', 'floor', 'worker-floor', 'node-floor'].includes(arg));
  const runs = modes.length > 0 ? modes : ['relay', 'direct', 'script'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trace-'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-trace-'));
  const storePort = String(BASE);
  const store = spawnBenchStore(storePort, dataDir, { LOCAL_FEATURESTORE_CORS: 'all', ...(LATENCY === 'none' ? {} : { LOCAL_FEATURESTORE_LATENCY: LATENCY }) });
  const previews: ChildProcess[] = [];
  let blankServer: { close(): void } | undefined;
  try {
    const storeUrl = (await waitForLine(store, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string;
    const config = JSON.parse(fs.readFileSync('public/config.json', 'utf8')) as { endpoints: Record<string, string> };
    config.endpoints.featureStoreRuntime = 'http://127.0.0.1:4566';
    const directConfig = path.join(dir, 'config-direct.json');
    fs.writeFileSync(directConfig, JSON.stringify(config));
    const startPreview = async (port: number, direct: boolean, distDir: string) => {
      const preview = spawn(path.join('node_modules', '.bin', 'vite'), ['preview', '--port', String(port), '--strictPort', '--outDir', distDir], {
        env: { ...process.env, LOCAL_FEATURESTORE_PORT: storePort, ...(direct ? { CONSOLE_CONFIG_FILE: directConfig } : {}) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      previews.push(preview);
      await waitForLine(preview, /Local:\s+http/);
      return preview;
    };
    // BENCH_TRACE_DISTS="A=/tmp/a,B=/tmp/b": builds compared in one run, interleaved.
    const dists = (process.env.BENCH_TRACE_DISTS ?? `console=${DIST}`).split(',').map((pair) => pair.split('=') as [string, string]);
    const servers: { name: string; mode: string; port: number; preview: ChildProcess }[] = [];
    let port = BASE + 1;
    for (const [name, distDir] of dists) {
      for (const mode of runs.filter((run) => run === 'relay' || run === 'direct')) {
        servers.push({ name, mode, port, preview: await startPreview(port, mode === 'direct', distDir) });
        port += 1;
      }
    }
    const file = writeCsv(dir, ROWS);
    const http = await import('node:http');
    const blank = http.createServer((_request, response) => response.end('<!doctype html><title>floor</title>'));
    blank.listen(BASE + 30, '127.0.0.1');
    blankServer = blank;
    for (let round = 0; round < REPEAT; round += 1) {
      for (const mode of runs) {
        if (mode === 'floor' || mode === 'worker-floor' || mode === 'node-floor') {
          console.log(JSON.stringify(await fetchFloor(storeUrl, `http://127.0.0.1:${BASE + 30}/`, mode, store.pid, ROWS)));
          continue;
        }
        if (mode === 'script') {
          const scriptCpu = process.cpuUsage();
          const storeBefore = treeCpu(store.pid ?? 0);
          const result = await batchScript(storeUrl, ROWS);
          const used = process.cpuUsage(scriptCpu);
          console.log(
            JSON.stringify({
              label: 'script',
              ...result,
              cpuSeconds: { script: Number(((used.user + used.system) / 1e6).toFixed(2)), store: Number((treeCpu(store.pid ?? 0) - storeBefore).toFixed(2)) },
            }),
          );
          continue;
        }
        for (const server of servers.filter((candidate) => candidate.mode === mode)) {
          console.log(JSON.stringify(await consoleTrace(storeUrl, `http://localhost:${server.port}`, file, `${server.name}:${mode}`, server.preview, store)));
        }
      }
    }
  } finally {
    for (const preview of previews) preview.kill('SIGTERM');
    blankServer?.close();
    store.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
