import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { GetRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { DEVELOPER_KEY } from './server.js';
import { record } from './testing.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts `npm run local-featurestore` as a real process and waits for its URL. */
async function startProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=featurestore-source', '--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))], {
    env: { ...process.env, LOCAL_FEATURESTORE_PORT: '0', LOCAL_FEATURESTORE_DATA_DIR: dataDir, LOCAL_FEATURESTORE_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    // Keep reading stdout for the life of the child: closing the pipe would kill it with EPIPE.
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Local Feature Store on (http:\/\/[\d.:]+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', () => reject(new Error(`the local Feature Store exited before listening: ${output}`)));
  });
}

describe('durability', () => {
  it('keeps an acknowledged write through kill -9 and a restart, and does not seed twice', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'featurestore-durability-'));
    const first = await startProcess(dataDir);
    const client = (url: string) => new SageMakerFeatureStoreRuntimeClient({ region: 'us-east-1', endpoint: url, credentials: DEVELOPER_KEY, maxAttempts: 1 });
    const before = client(first.url);
    const eventTime = new Date().toISOString();
    await before.send(
      new PutRecordCommand({ FeatureGroupName: 'customers', Record: record({ customer_id: 'DURABLE-1', event_time: eventTime, age: '9223372036854775807' }) }),
    );
    before.destroy();
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');

    const second = await startProcess(dataDir);
    const after = client(second.url);
    const stored = await after.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'DURABLE-1' }));
    expect(stored.Record).toEqual(record({ customer_id: 'DURABLE-1', event_time: eventTime, age: '9223372036854775807' }));
    const offline = (await (await fetch(`${second.url}/_local/offline-store/customers`)).text()).trim().split('\n');
    expect(offline.filter((line) => line.includes('"C-1001"'))).toHaveLength(1);
    after.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);
});
