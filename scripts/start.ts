/**
 * `npm start`: the local Feature Store and the console's dev server together, one
 * command; Ctrl-C stops both. Ports: LOCAL_FEATURESTORE_PORT (4566), CONSOLE_PORT (5173).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const featureStorePort = process.env.LOCAL_FEATURESTORE_PORT ?? '4566';
const consolePort = process.env.CONSOLE_PORT ?? '5173';
const env = { ...process.env, LOCAL_FEATURESTORE_PORT: featureStorePort, CONSOLE_PORT: consolePort };
const bin = (name: string) => path.join('node_modules', '.bin', name);

const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', 'packages/local-featurestore/src/main.ts'], { env, stdio: 'inherit' }),
  spawn(bin('vite'), ['--port', consolePort, '--strictPort'], { env, stdio: 'inherit' }),
];

console.log(`\n  Console:               http://localhost:${consolePort}\n  Local Feature Store:   http://localhost:${featureStorePort}\n`);

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2000).unref();
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
