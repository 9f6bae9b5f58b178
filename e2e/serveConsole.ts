/**
 * The `serve` project's console: `npm run serve` (server/serve.ts) as a self-hosting user runs
 * it, on a copy of the built dist/ whose config.json points at this project's own local Feature
 * Store (the user edits config.json; the build itself is unchanged). The copy is removed on exit.
 * Environment: PORT (the console), LOCAL_FEATURESTORE_PORT (the store it is pointed at).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const storePort = process.env.LOCAL_FEATURESTORE_PORT;
if (!process.env.PORT || !storePort) throw new Error('PORT and LOCAL_FEATURESTORE_PORT are required');
const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-console-serve-'));
fs.cpSync(process.env.CONSOLE_DIR ?? 'dist', consoleDir, { recursive: true });
// Every local URL in config.json (endpoints, relayUpstream, the user pool's issuer and domain) moves to the store's port.
const configFile = path.join(consoleDir, 'config.json');
fs.writeFileSync(configFile, fs.readFileSync(configFile, 'utf8').replace(/(http:\/\/127\.0\.0\.1):\d+/g, `$1:${storePort}`));

const removeCopy = () => fs.rmSync(consoleDir, { recursive: true, force: true });
process.on('exit', removeCopy);
const server = spawn('npm', ['run', 'serve'], { stdio: 'inherit', env: { ...process.env, CONSOLE_DIR: consoleDir } });
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
