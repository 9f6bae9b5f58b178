/**
 * Keeps several named child processes running for `npm start` (B7). When one exits on its
 * own, it says which one and why (exit code or signal) and restarts it after a pause, while
 * the others keep running; after `maxRestarts` quick failures it gives up on that one and says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
}

export interface SuperviseOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Pause before a restart. */
  restartDelayMs?: number;
  /** Restarts allowed for one child; a child that ran for `stableAfterMs` starts counting again. */
  maxRestarts?: number;
  stableAfterMs?: number;
  stdio?: 'inherit' | 'ignore';
}

export interface Supervisor {
  /** Stops every child (SIGTERM) and resolves when all have exited. */
  stop(): Promise<void>;
  /** The live process of a child, if it runs. */
  current(name: string): ChildProcess | undefined;
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `was stopped by signal ${signal}`;
  return code === 0 ? 'exited normally (code 0)' : `exited with code ${code ?? 'unknown'}`;
}

export function supervise(specs: readonly ChildSpec[], options: SuperviseOptions = {}): Supervisor {
  const log = options.log ?? ((line: string) => console.error(line));
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const maxRestarts = options.maxRestarts ?? 5;
  const stableAfterMs = options.stableAfterMs ?? 30_000;
  let stopping = false;
  const running = new Map<string, ChildProcess>();
  const timers = new Set<NodeJS.Timeout>();

  const start = (spec: ChildSpec, restarts: number) => {
    const startedAt = Date.now();
    const child = spawn(spec.command, spec.args, { env: options.env ?? process.env, stdio: options.stdio ?? 'inherit' });
    running.set(spec.name, child);
    child.on('error', (error) => log(`[start] ${spec.name} could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      running.delete(spec.name);
      if (stopping) return;
      const count = Date.now() - startedAt >= stableAfterMs ? 0 : restarts;
      if (count >= maxRestarts) {
        log(
          `[start] ${spec.name} ${describeExit(code, signal)}; it failed ${count + 1} times in a row, so it is not restarted. The other processes keep running.`,
        );
        return;
      }
      log(`[start] ${spec.name} ${describeExit(code, signal)}; restarting it in ${restartDelayMs} ms (the other processes keep running).`);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopping) start(spec, count + 1);
      }, restartDelayMs);
      timers.add(timer);
    });
  };
  for (const spec of specs) start(spec, 0);

  return {
    current: (name) => running.get(name),
    stop: async () => {
      stopping = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(
        [...running.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
