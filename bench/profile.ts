/**
 * Where the local Feature Store's time goes (issue 16 §6): one store process per operation,
 * started with `node --cpu-prof`, PutRecord or GetRecord through the AWS SDK at 16 in flight
 * (after a warm-up), then the V8 CPU profile read back: self time by module and by function,
 * and inclusive time of the store's own functions, counting only samples taken while the
 * load ran (the profile's clock and process.hrtime are the same monotonic clock).
 *
 * `npx tsx bench/profile.ts` writes bench/results/profile.{json,md} and keeps the raw
 * .cpuprofile files in bench/results/profiles/ (open them in Chrome DevTools); not part of
 * `npm run bench`. BENCH_PROFILE_REQUESTS (10,000) per operation.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { waitForLine } from './waitForLine';

const REQUESTS = Number(process.env.BENCH_PROFILE_REQUESTS ?? 10_000);
const CONCURRENCY = 16;
const PROFILE_DIR = 'bench/results/profiles';
const ROOT = path.resolve('.');

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
  samples: number[];
  timeDeltas: number[];
}

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

async function drive(url: string, operation: 'PutRecord' | 'GetRecord'): Promise<{ fromUs: number; toUs: number; perSecond: number }> {
  const client = new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: url, credentials: DEVELOPER_KEY, maxAttempts: 1 });
  const put = (index: number) =>
    client.send(
      new PutRecordCommand({
        FeatureGroupName: 'customers',
        Record: [
          { FeatureName: 'customer_id', ValueAsString: `PROFILE-${index % 500}` },
          { FeatureName: 'event_time', ValueAsString: new Date().toISOString() },
          { FeatureName: 'age', ValueAsString: String(index % 90) },
          { FeatureName: 'lifetime_value', ValueAsString: '1234.5' },
          { FeatureName: 'segment', ValueAsString: 'consumer' },
        ],
      }),
    );
  const send = (index: number) =>
    operation === 'PutRecord'
      ? put(index)
      : client.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: `PROFILE-${index % 500}` }));
  // The records GetRecord reads, and a warm-up (connections, JIT).
  for (let i = 0; i < 500; i += 1) await put(i);
  for (let i = 0; i < 300; i += 1) await send(i);
  let next = 0;
  const fromUs = monotonicMicros();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) await send(next++);
    }),
  );
  const toUs = monotonicMicros();
  client.destroy();
  return { fromUs, toUs, perSecond: Math.round(REQUESTS / ((toUs - fromUs) / 1e6)) };
}

/** Where a frame's code lives: our source file, a package, a Node module, or V8's own buckets. */
function moduleOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return url;
  const file = url.replace(/^file:\/\//, '');
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return `npm:${inModules[1]}`;
  return path.relative(ROOT, file);
}

interface Analysis {
  samplesUs: number;
  byModule: { module: string; selfPercent: number }[];
  byFunction: { fn: string; selfPercent: number }[];
  inclusiveOwn: { fn: string; totalPercent: number }[];
}

function analyse(profile: CpuProfile, window: { fromUs: number; toUs: number }): Analysis {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  let time = profile.startTime;
  let total = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    time += profile.timeDeltas[index] ?? 0;
    const delta = profile.timeDeltas[index + 1] ?? 0;
    if (time < window.fromUs || time > window.toUs) continue;
    const id = profile.samples[index] as number;
    // Idle (waiting for the next request) is not the store's cost: percentages are of busy time.
    if ((nodes.get(id) as ProfileNode).callFrame.functionName === '(idle)') continue;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    total += delta;
  }
  // tsx's output keeps no useful line numbers for the store's files: their functions go by name.
  const label = (frame: CallFrame) =>
    `${frame.functionName || '(anonymous)'} ${moduleOf(frame)}${frame.url && !frame.url.includes('/packages/') ? `:${frame.lineNumber + 1}` : ''}`;
  const add = (map: Map<string, number>, key: string, value: number) => map.set(key, (map.get(key) ?? 0) + value);
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = nodes.get(id) as ProfileNode;
    add(modules, moduleOf(node.callFrame), us);
    add(functions, label(node.callFrame), us);
    // Inclusive time of the store's own functions: each counted once per stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = (nodes.get(at) as ProfileNode).callFrame;
      if (!frame.url.includes('/packages/local-featurestore/src/') && !frame.url.includes('/src/domain/')) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, us);
    }
  }
  const percent = (us: number) => Number(((100 * us) / total).toFixed(1));
  const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  return {
    samplesUs: total,
    byModule: top(modules, 15).map(([module, us]) => ({ module, selfPercent: percent(us) })),
    byFunction: top(functions, 20).map(([fn, us]) => ({ fn, selfPercent: percent(us) })),
    inclusiveOwn: top(inclusive, 20).map(([fn, us]) => ({ fn, totalPercent: percent(us) })),
  };
}

async function profileOperation(operation: 'PutRecord' | 'GetRecord') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-profile-'));
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-cpuprof-'));
  const port = String(4990 + Math.floor(Math.random() * 9));
  const store = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'],
    {
      env: { ...process.env, LOCAL_FEATURESTORE_PORT: port, LOCAL_FEATURESTORE_DATA_DIR: dataDir, LOCAL_FEATURESTORE_QUIET: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const url = (await waitForLine(store, /Local Feature Store on (http:\/\/[\d.:]+)/))[1] as string;
    const window = await drive(url, operation);
    const exited = new Promise((resolve) => store.once('exit', resolve));
    store.kill('SIGTERM');
    await exited;
    const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    const kept = path.join(PROFILE_DIR, `${operation}.cpuprofile`);
    fs.copyFileSync(path.join(profileDir, file), kept);
    const analysis = analyse(JSON.parse(fs.readFileSync(kept, 'utf8')) as CpuProfile, window);
    return {
      operation,
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      perSecond: window.perSecond,
      busyUsPerRequest: Math.round(analysis.samplesUs / REQUESTS),
      ...analysis,
    };
  } finally {
    if (store.exitCode === null) store.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results = [];
  for (const operation of ['PutRecord', 'GetRecord'] as const) {
    const result = await profileOperation(operation);
    console.log(`${operation}: ${result.perSecond}/s, ${result.busyUsPerRequest} µs busy per request`);
    results.push(result);
  }
  const date = new Date().toISOString();
  fs.writeFileSync('bench/results/profile.json', `${JSON.stringify({ date, load: os.loadavg(), results }, null, 2)}\n`);
  const lines = [
    `# Local Feature Store CPU profile (${date})`,
    '',
    `Load average: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}.`,
    '',
  ];
  for (const result of results) {
    lines.push(
      `## ${result.operation}: ${result.requests} requests, ${result.concurrency} in flight, ${result.perSecond}/s; ${result.busyUsPerRequest} µs busy (not idle) per request`,
      '',
      '| self time by module | % of busy |',
      '|---|---|',
      ...result.byModule.map((row) => `| ${row.module} | ${row.selfPercent} |`),
      '',
      '| self time by function | % of busy |',
      '|---|---|',
      ...result.byFunction.map((row) => `| \`${row.fn}\` | ${row.selfPercent} |`),
      '',
      '| the store’s own functions, inclusive | % of busy |',
      '|---|---|',
      ...result.inclusiveOwn.map((row) => `| \`${row.fn}\` | ${row.totalPercent} |`),
      '',
    );
  }
  fs.writeFileSync('bench/results/profile.md', lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
