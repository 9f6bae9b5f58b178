/**
 * Where a bulk import's time goes (issue 18 §6): one 20,000-row CSV written from the import
 * page of a console build in headless Chromium to a local Feature Store, with
 *   - the CPU time of every thread of every process involved (Chromium's renderer main
 *     thread, its import worker, its network service, the relay in `vite preview`, the
 *     store), read from /proc before and after the write;
 *   - a V8 CPU profile of the page's main thread (CDP Profiler) over the write;
 *   - a V8 CPU profile of the store (`node --cpu-prof`).
 *
 * `npx tsx bench/importProfile.ts [distDir]`: use an unminified build for readable names
 * (`CONSOLE_OUT_DIR=/tmp/prof-dist npx vite build --minify false`). Writes
 * bench/results/import-profile.json; the prose is bench/results/import-profile.md. Not part
 * of `npm run bench`. BENCH_PROFILE_ROWS (20,000); ports BENCH_PORT_BASE+10 and +11.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { createGroup as createTestGroup } from '../packages/local-featurestore/src/testing';
import { chromiumArgs } from '../playwright.config';
import { batchScript } from './import';
import { waitForLine } from './waitForLine';
import { chromiumProcessType, descendants, threadTimes } from './processCpu';

const ROWS = Number(process.env.BENCH_PROFILE_ROWS ?? 20_000);
const BASE = Number(process.env.BENCH_PORT_BASE ?? 7200);

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function processLabel(pid: number, names: Record<number, string>): string {
  if (names[pid]) return names[pid];
  const type = chromiumProcessType(pid);
  return type === undefined ? `pid ${pid}` : `chromium ${type}`;
}

/** CPU seconds by "process / thread" for the given roots and their children. */
function snapshot(roots: number[], names: Record<number, string>): Map<string, number> {
  const all = new Map<string, number>();
  for (const root of roots) {
    for (const pid of descendants(root)) {
      const label = processLabel(pid, names);
      for (const [thread, seconds] of threadTimes(pid)) {
        const key = `${label} / ${thread}`;
        all.set(key, (all.get(key) ?? 0) + seconds);
      }
    }
  }
  return all;
}

function moduleOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return `npm:${inModules[1]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^https?:\/\/[^/]+/, '').replace(/^file:\/\/.*?\/(packages|src)\//, '$1/');
}

/** Self time by function and by module, and inclusive time of chosen functions, as % of busy (not idle) samples. */
function analyse(profile: CpuProfile, inclusiveOf: RegExp) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let busy = 0;
  let idle = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    const delta = profile.timeDeltas[index + 1] ?? 0;
    const node = nodes.get(profile.samples[index] as number) as ProfileNode;
    if (node.callFrame.functionName === '(idle)') {
      idle += delta;
      continue;
    }
    self.set(node.id, (self.get(node.id) ?? 0) + delta);
    busy += delta;
  }
  const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = (nodes.get(id) as ProfileNode).callFrame;
    add(byModule, moduleOf(frame), us);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${moduleOf(frame)}`, us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = (nodes.get(at) as ProfileNode).callFrame;
      const key = `${f.functionName || '(anonymous)'} ${moduleOf(f)}`;
      if (!inclusiveOf.test(key) || seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, us);
    }
  }
  const percent = (us: number) => Number(((100 * us) / Math.max(1, busy)).toFixed(1));
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  return {
    busySeconds: Number((busy / 1e6).toFixed(2)),
    idleSeconds: Number((idle / 1e6).toFixed(2)),
    byModule: top(byModule, 15).map(([module, us]) => ({ module, selfPercent: percent(us) })),
    byFunction: top(byFunction, 30).map(([fn, us]) => ({ fn, selfPercent: percent(us) })),
    inclusive: top(inclusive, 40).map(([fn, us]) => ({ fn, totalPercent: percent(us) })),
  };
}

function writeCsv(file: string, rows: number): void {
  const ts = new Date().toISOString();
  const lines = ['id,ts,n,x,s'];
  for (let i = 1; i <= rows; i += 1) lines.push(`R-${i},${ts},${i},${(i / 7).toFixed(3)},"segment ${i % 13}, ünïcødé"`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const distDir = process.argv[2] ?? process.env.CONSOLE_OUT_DIR ?? 'dist';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'import-profile-'));
  const profileDir = path.join(work, 'cpuprof');
  const storePort = String(BASE + 10);
  const previewPort = String(BASE + 11);
  const store = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'],
    {
      env: {
        ...process.env,
        LOCAL_FEATURESTORE_PORT: storePort,
        LOCAL_FEATURESTORE_DATA_DIR: path.join(work, 'data'),
        LOCAL_FEATURESTORE_QUIET: '1',
        LOCAL_FEATURESTORE_CORS: 'all',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // BENCH_PROFILE_CALLS=direct: the console calls the store itself (endpoints.featureStoreRuntime), as the script does, not through the relay.
  const direct = process.env.BENCH_PROFILE_CALLS === 'direct';
  const configFile = path.join(work, 'config.json');
  const config = JSON.parse(fs.readFileSync('public/config.json', 'utf8')) as { endpoints: Record<string, string> };
  if (direct) config.endpoints.featureStoreRuntime = 'http://127.0.0.1:4566';
  fs.writeFileSync(configFile, JSON.stringify(config));
  const preview = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--port', previewPort, '--strictPort', '--outDir', distDir], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: storePort, CONSOLE_CONFIG_FILE: configFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const storeUrl = (await waitForLine(store, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string;
    await waitForLine(preview, /Local:\s+http/);
    const sagemaker = new SageMakerClient({ region: 'us-east-1', endpoint: storeUrl, credentials: DEVELOPER_KEY });
    const group = await createTestGroup(
      { sagemaker },
      {
        FeatureGroupName: `profile-import-${Date.now()}`,
        OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
        OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://bench/offline' } },
      },
    );
    sagemaker.destroy();
    const file = path.join(work, `import-${ROWS}.csv`);
    writeCsv(file, ROWS);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://localhost:${previewPort}/groups/${group}/import`);
    await page.getByLabel('File to import').setInputFiles(file);
    await page.getByRole('button', { name: 'Check every row (dry run)' }).click();
    await page.getByTestId('dry-run-counts').waitFor({ timeout: 600_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    // Chromium, the store and the preview are all children of this process.
    const roots = [process.pid];
    const names = {
      [process.pid]: 'bench driver (Playwright client)',
      [store.pid as number]: 'local Feature Store',
      [preview.pid as number]: 'vite preview (relay)',
    };
    await page.evaluate(() => {
      performance.setResourceTimingBufferSize(100_000);
      performance.clearResourceTimings();
    });
    const before = snapshot(roots, names);
    await cdp.send('Profiler.start');
    const started = performance.now();
    await page.getByRole('button', { name: `Write ${ROWS.toLocaleString('en-US')} valid rows` }).click();
    await page.getByTestId('import-summary').waitFor({ timeout: 1_800_000 });
    const seconds = (performance.now() - started) / 1000;
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const after = snapshot(roots, names);
    // The write calls as the page's resource timing saw them: how long each took from fetch()
    // to its last byte, how much of that before the request left, and how many were in flight.
    // (A string: tsx would wrap named functions in a helper the page does not have.)
    const calls = (await page.evaluate(`(() => {
      const entries = performance.getEntriesByType('resource').filter((entry) => entry.initiatorType === 'fetch' && entry.name.includes('BatchWriteRecord'));
      const sum = (values) => values.reduce((a, b) => a + b, 0);
      const first = Math.min(...entries.map((entry) => entry.startTime));
      const last = Math.max(...entries.map((entry) => entry.responseEnd));
      const sorted = entries.map((entry) => entry.responseEnd - entry.startTime).sort((a, b) => a - b);
      const n = Math.max(1, entries.length);
      return {
        count: entries.length,
        meanMs: sum(sorted) / n,
        p50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
        p99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
        meanBeforeRequestMs: sum(entries.map((entry) => entry.requestStart - entry.startTime)) / n,
        meanServerAndBackMs: sum(entries.map((entry) => entry.responseEnd - entry.requestStart)) / n,
        spanMs: last - first,
        meanInFlight: sum(sorted) / Math.max(1, last - first),
      };
    })()`)) as Record<string, number>;
    const summary = ((await page.getByTestId('import-summary').locator('p').first().textContent()) ?? '').trim();
    const threads = [...after]
      .map(([key, total]) => ({ thread: key, cpuSeconds: Number((total - (before.get(key) ?? 0)).toFixed(2)) }))
      .filter((row) => row.cpuSeconds >= 0.05)
      .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
    const page_ = analyse(profile, /\/assets\/|native/);
    fs.writeFileSync(path.join(work, 'page.cpuprofile'), JSON.stringify(profile));

    // The same rows from a plain Node script (BatchWriteRecord, 25 per call, 4 in flight), for comparison.
    const scriptBefore = snapshot(roots, names);
    const script = await batchScript(storeUrl, ROWS);
    const scriptAfter = snapshot(roots, names);
    const scriptThreads = [...scriptAfter]
      .map(([key, total]) => ({ thread: key, cpuSeconds: Number((total - (scriptBefore.get(key) ?? 0)).toFixed(2)) }))
      .filter((row) => row.cpuSeconds >= 0.05)
      .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
    const exited = new Promise((resolve) => store.once('exit', resolve));
    store.kill('SIGTERM');
    await exited;
    const storeFile = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    const storeAnalysis = storeFile
      ? analyse(JSON.parse(fs.readFileSync(path.join(profileDir, storeFile), 'utf8')) as CpuProfile, /packages\/local-featurestore/)
      : undefined;
    const result = {
      date: new Date().toISOString(),
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
      via: direct ? 'direct' : 'relay',
      rows: ROWS,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(ROWS / seconds),
      summary,
      calls,
      threads,
      script: { ...script, threads: scriptThreads },
      page: page_,
      store: storeAnalysis,
    };
    fs.mkdirSync('bench/results', { recursive: true });
    const out = process.env.BENCH_PROFILE_OUT ?? 'bench/results/import-profile.json';
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify({ ...result, page: { ...page_, byFunction: page_.byFunction.slice(0, 25) } }, null, 2));
    if (process.env.BENCH_PROFILE_KEEP) fs.copyFileSync(path.join(work, 'page.cpuprofile'), process.env.BENCH_PROFILE_KEEP);
  } finally {
    await browser.close();
    preview.kill('SIGTERM');
    if (store.exitCode === null) store.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
