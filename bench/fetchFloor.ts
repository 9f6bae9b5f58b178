/**
 * The browser's floor under a bulk import (issue 18 §6): a page that does nothing but send
 * one pre-signed 25-row BatchWriteRecord with fetch(), 4 in flight, reading each answer
 * whole: no SDK, no signing, no import loop. What Chromium's fetch() alone costs, against
 * the same store and the script the console is compared with. `worker-floor` is the same
 * loop in a dedicated worker of the page, `node-floor` the same from Node's fetch().
 * Used by `npm run bench -- --only import` (bench/import.ts) and bench/importTrace.ts.
 */
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEVELOPER_KEY } from '../packages/local-featurestore/src/server';
import { createGroup as createTestGroup } from '../packages/local-featurestore/src/testing';
import { CdpPage } from './cdpPage';
import { threadCpu, treeCpu } from './processCpu';

export type FloorLabel = 'floor' | 'worker-floor' | 'node-floor';

export interface FloorRun {
  label: FloorLabel;
  rows: number;
  rowsPerSecond: number;
  failed: number;
  cpuSeconds: Record<string, number | undefined>;
  chromiumThreads?: Record<string, number>;
}

/** The store's CPU seconds since `before` (undefined when its pid is not known). */
const storeCpuSince = (pid: number | undefined, before: number | undefined) =>
  pid === undefined || before === undefined ? undefined : Number((treeCpu(pid) - before).toFixed(2));

export async function createTraceGroup(storeUrl: string): Promise<string> {
  const sagemaker = new SageMakerClient({ region: 'us-east-1', endpoint: storeUrl, credentials: DEVELOPER_KEY });
  try {
    return await createTestGroup(
      { sagemaker },
      {
        FeatureGroupName: `trace-${Date.now()}-${Math.floor(Math.random() * 1000)}`,
        OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
        OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://bench/offline' } },
      },
    );
  } finally {
    sagemaker.destroy();
  }
}

export async function fetchFloor(storeUrl: string, pageUrl: string, label: FloorLabel, storePid: number | undefined, rows: number): Promise<FloorRun> {
  const group = await createTraceGroup(storeUrl);
  const url = new URL(storeUrl);
  const ts = new Date().toISOString();
  const body = JSON.stringify({
    Entries: Array.from({ length: 25 }, (_, index) => ({
      FeatureGroupName: group,
      Record: [
        { FeatureName: 'id', ValueAsString: `R-${index + 1}` },
        { FeatureName: 'ts', ValueAsString: ts },
        { FeatureName: 'n', ValueAsString: String(index + 1) },
        { FeatureName: 'x', ValueAsString: ((index + 1) / 7).toFixed(3) },
        { FeatureName: 's', ValueAsString: `segment ${(index + 1) % 13}, ünïcødé` },
      ],
    })),
  });
  const signer = new SignatureV4({ credentials: DEVELOPER_KEY, region: 'us-east-1', service: 'sagemaker', sha256: Sha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/BatchWriteRecord',
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    }),
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  const calls = rows / 25;
  const loop = `async (fetchImpl, url, headers, body, calls) => {
    let next = 0;
    let failed = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < calls) {
        next += 1;
        const answer = await fetchImpl(url, { method: 'POST', headers, body });
        await answer.arrayBuffer();
        if (answer.status !== 200) failed += 1;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return { ms: performance.now() - started, failed };
  }`;
  const storeBefore = storePid === undefined ? undefined : treeCpu(storePid);
  if (label === 'node-floor') {
    const cpuBefore = process.cpuUsage();
    const run = await (eval(`(${loop})`) as (...args: unknown[]) => Promise<{ ms: number; failed: number }>)(
      fetch,
      `${storeUrl}/BatchWriteRecord`,
      headers,
      body,
      calls,
    );
    const used = process.cpuUsage(cpuBefore);
    return {
      label,
      rows: rows,
      rowsPerSecond: Math.round(rows / (run.ms / 1000)),
      failed: run.failed,
      cpuSeconds: { node: Number(((used.user + used.system) / 1e6).toFixed(2)), store: storeCpuSince(storePid, storeBefore) },
    };
  }
  const page = await CdpPage.launch();
  try {
    await page.goto(pageUrl);
    await page.waitFor(`document.readyState === 'complete'`, 60_000);
    const before = treeCpu(page.pid);
    const threadsBefore = threadCpu(page.pid);
    const call = `(${loop})(fetch, ${JSON.stringify(`${storeUrl}/BatchWriteRecord`)}, ${JSON.stringify(headers)}, ${JSON.stringify(body)}, ${calls})`;
    // worker-floor: the same loop in a dedicated worker of the page (fetch() off the main thread).
    const run = await page.evaluate<{ ms: number; failed: number }>(
      label === 'worker-floor'
        ? `new Promise((resolve, reject) => {
            const source = 'onmessage = async () => postMessage(await ' + ${JSON.stringify(call)} + ');';
            const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
            worker.onmessage = (event) => resolve(event.data);
            worker.onerror = (event) => reject(new Error(event.message));
            worker.postMessage('go');
          })`
        : call,
    );
    const threadsAfter = threadCpu(page.pid);
    return {
      label,
      rows: rows,
      rowsPerSecond: Math.round(rows / (run.ms / 1000)),
      failed: run.failed,
      cpuSeconds: { chromium: Number((treeCpu(page.pid) - before).toFixed(2)), store: storeCpuSince(storePid, storeBefore) },
      chromiumThreads: Object.fromEntries(
        [...threadsAfter]
          .map(([key, value]) => [key, Number((value - (threadsBefore.get(key) ?? 0)).toFixed(2))] as const)
          .filter(([, value]) => value >= 0.05),
      ),
    };
  } finally {
    await page.close();
  }
}
