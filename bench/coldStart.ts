/**
 * Cold start of the local Feature Store as others install it (issue 16 §6: under 1 s):
 * the three packages packed and installed into an empty temp folder offline (as
 * packages/local-featurestore/scripts/package.test.ts does), then, several times each,
 *   - `npx local-featurestore --port 0` (npm's command runner, then the bin), and
 *   - `node node_modules/.bin/local-featurestore --port 0` (the bin directly),
 * each with a fresh data directory (seeded on first start, as a new user's is), timed from
 * the spawn to the first answered request: a SigV4-signed GetRecord of a seeded record.
 * CPU is user + system time of the whole process tree (npx, its shell, node) at that
 * moment, from /proc. Medians over the runs; every run is listed. Measured, never asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { installPackedPackages } from '../packages/local-featurestore/scripts/installPacked';
import { sign } from './lfs';

const RUNS = Number(process.env.BENCH_COLD_START_RUNS ?? 7);
/** A start that takes longer than this is reported as failed (a bound against a hang, not a target). */
const GIVE_UP_MS = 60_000;

export interface ColdStartRun {
  wallMs: number;
  cpuMs: number;
}
export interface ColdStartResult {
  command: string;
  runs: ColdStartRun[];
  medianWallMs: number;
  medianCpuMs: number;
}
export interface ColdStart {
  results: ColdStartResult[];
  notes: string[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

let ticksPerSecond: number | undefined;

/** CPU seconds of a process and its descendants (alive ones, plus the children they have waited for), from /proc. */
function treeCpuSeconds(root: number): number {
  ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: fields 14-17 of stat (11-14 after the command).
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    } catch {
      // Exited meanwhile.
    }
  }
  let ticks = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) pending.push(child);
  }
  return ticks / ticksPerSecond;
}

async function startOnce(app: string, command: string[]): Promise<ColdStartRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-cold-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LOCAL_FEATURESTORE_') && !name.startsWith('npm_')));
  const started = performance.now();
  const child = spawn(command[0] as string, [...command.slice(1), '--port', '0', '--data-dir', dataDir, '--quiet'], {
    cwd: app,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
    // npx does not pass signals on to the command it runs: the whole group is stopped.
    detached: true,
  });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no endpoint line within ${GIVE_UP_MS} ms`)), GIVE_UP_MS);
      createInterface({ input: child.stdout }).once('line', (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      child.once('exit', (code) => reject(new Error(`${command.join(' ')} exited (${code}) before printing its endpoint`)));
    });
    const endpoint = (JSON.parse(line) as { endpoint: string }).endpoint;
    const request = await sign(endpoint, 'GET', '/FeatureGroup/customers', { RecordIdentifierValueAsString: 'C-1001' }, '', {});
    const response = await fetch(`${endpoint}${request.path}`, { headers: request.headers, signal: AbortSignal.timeout(GIVE_UP_MS) });
    const body = await response.text();
    const wallMs = performance.now() - started;
    if (response.status !== 200) throw new Error(`GetRecord answered ${response.status}: ${body.slice(0, 200)}`);
    return { wallMs: Number(wallMs.toFixed(0)), cpuMs: Number((treeCpuSeconds(child.pid as number) * 1000).toFixed(0)) };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.exitCode === null) process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchColdStart(runs = RUNS): Promise<ColdStart> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-coldstart-'));
  try {
    const { app } = await installPackedPackages(root);
    // Warms the signer in this process, so its first use is not charged to the store.
    await sign('http://127.0.0.1:1', 'GET', '/FeatureGroup/customers', { RecordIdentifierValueAsString: 'C-1001' }, '', {});
    const commands: [string, string[]][] = [
      ['npx local-featurestore', ['npx', '--offline', '--no-install', 'local-featurestore']],
      ['node node_modules/.bin/local-featurestore', [process.execPath, 'node_modules/.bin/local-featurestore']],
    ];
    const results: ColdStartResult[] = [];
    for (const [label, command] of commands) {
      const measured: ColdStartRun[] = [];
      // One unmeasured start: the first reads every file from disk into the page cache.
      await startOnce(app, command);
      for (let index = 0; index < runs; index++) measured.push(await startOnce(app, command));
      results.push({
        command: label,
        runs: measured,
        medianWallMs: median(measured.map((run) => run.wallMs)),
        medianCpuMs: median(measured.map((run) => run.cpuMs)),
      });
    }
    return { results, notes: [] };
  } catch (error) {
    return { results: [], notes: [`cold start not measured: ${error instanceof Error ? error.message : String(error)}`] };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export const COLD_START_HEADER = [
  '| command | runs | wall ms to first answer: median (every run) | CPU ms (process tree): median (every run) |',
  '|---|---|---|---|',
];

export function coldStartRows(coldStart: ColdStart): string[] {
  return coldStart.results.map(
    (result) =>
      `| \`${result.command} --port 0\` | ${result.runs.length} | **${result.medianWallMs}** (${result.runs.map((run) => run.wallMs).join(', ')}) | **${result.medianCpuMs}** (${result.runs.map((run) => run.cpuMs).join(', ')}) |`,
  );
}

// `npx tsx bench/coldStart.ts`: this part alone.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const coldStart = await benchColdStart();
  console.log([...COLD_START_HEADER, ...coldStartRows(coldStart), ...coldStart.notes].join('\n'));
  console.log(
    `load average: ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
  );
}
