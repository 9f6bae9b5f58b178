/**
 * CPU time of processes and their threads, read from /proc (Linux), for the benches that
 * compare what each process of a run spent (the store, Chromium's processes, the relay).
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICK = 100;

/** A pid and every process below it. */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone.
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    found.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return found;
}

/** CPU seconds (user + system) per thread of a process: name → seconds (threads sharing a name summed). */
export function threadTimes(pid: number): Map<string, number> {
  const times = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return times;
  }
  for (const task of tasks) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Several threads share a name (libuv's pool, Chromium's ThreadPool…): summed.
      times.set(name, (times.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICK);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return times;
}

/** CPU seconds (user + system) of a process and all its descendants. */
export function treeCpu(root: number): number {
  let total = 0;
  for (const pid of descendants(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / TICK;
    } catch {
      // Gone.
    }
  }
  return total;
}

/** Chromium's process type from its command line ("renderer", "utility(NetworkService)"; "browser" when none). */
export function chromiumProcessType(pid: number): string | undefined {
  try {
    // Chromium rewrites its command line (one string, spaces): split on both.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
    const type = cmdline.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
    const sub = cmdline.find((arg) => arg.startsWith('--utility-sub-type='))?.slice('--utility-sub-type='.length);
    return `${type ?? 'browser'}${sub ? `(${sub.split('.').at(-1)})` : ''}`;
  } catch {
    return undefined;
  }
}

/** CPU seconds by "process type / thread" of a process tree (Chromium: renderer, gpu, network utility…). */
export function threadCpu(root: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of descendants(root)) {
    const label = chromiumProcessType(pid);
    if (label === undefined) continue;
    for (const [name, seconds] of threadTimes(pid)) out.set(`${label}/${name}`, (out.get(`${label}/${name}`) ?? 0) + seconds);
  }
  return out;
}
