/**
 * `npm start`: the local Feature Store and the console's dev server together, one
 * command; Ctrl-C stops both. Ports: LOCAL_FEATURESTORE_PORT (4566), CONSOLE_PORT (5173).
 * When one of them exits, the log says which and why, and it is restarted (scripts/supervise.ts).
 */
import path from 'node:path';
import { supervise } from './supervise';

const featureStorePort = process.env.LOCAL_FEATURESTORE_PORT ?? '4566';
const consolePort = process.env.CONSOLE_PORT ?? '5173';
const env = { ...process.env, LOCAL_FEATURESTORE_PORT: featureStorePort, CONSOLE_PORT: consolePort };
const bin = (name: string) => path.join('node_modules', '.bin', name);

const supervisor = supervise(
  [
    {
      name: 'local Feature Store',
      command: process.execPath,
      args: ['--conditions=featurestore-source', '--import', 'tsx', 'packages/local-featurestore/src/main.ts'],
    },
    { name: 'console dev server (vite)', command: bin('vite'), args: ['--port', consolePort, '--strictPort'] },
  ],
  { env },
);

console.log(`\n  Console:               http://localhost:${consolePort}\n  Local Feature Store:   http://localhost:${featureStorePort}\n`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 3000).unref();
  void supervisor.stop().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
