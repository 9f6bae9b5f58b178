/**
 * The page's side of the import worker. The console's CSP requires Trusted Types for
 * script URLs, so the worker is started through one policy, `import-worker`, that accepts
 * only the console's own built worker script (same origin, under /assets/ or, in the dev
 * server, the module itself) and nothing else.
 */
import workerUrl from './sourceReader.worker.ts?worker&url';
import type { FromWorker, ToWorker } from './sourceMessages';
import type { ReadOptions, SourceChunk, SourceFormat, SourcePreview } from './sourceRows';

interface TrustedTypePolicyLike {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): TrustedTypePolicyLike;
}

let policy: TrustedTypePolicyLike | null | undefined;

/** The worker script's URL, checked: same origin and the one worker this feature ships. */
export function checkedWorkerUrl(url: string, origin: string): string {
  const parsed = new URL(url, origin);
  if (parsed.origin !== origin) throw new TypeError(`The import worker must be served from ${origin}.`);
  if (!/^\/(assets\/sourceReader\.worker-[\w-]+\.js|src\/features\/bulk-import\/sourceReader\.worker\.ts)$/.test(parsed.pathname)) {
    throw new TypeError("Only the console's import worker may run.");
  }
  return parsed.href;
}

function scriptUrl(): string {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (policy === undefined) {
    policy = trustedTypes ? trustedTypes.createPolicy('import-worker', { createScriptURL: (url) => checkedWorkerUrl(url, location.origin) }) : null;
  }
  return (policy ? policy.createScriptURL(workerUrl) : checkedWorkerUrl(workerUrl, location.origin)) as string;
}

function startWorker(): Worker {
  return new Worker(scriptUrl(), { type: 'module' });
}

/** One answer from the worker, or its failure. */
function answer(worker: Worker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromWorker>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'The import worker failed to start.'));
  });
}

export async function previewFile(file: Blob, format: SourceFormat, rows: number, options: ReadOptions = {}): Promise<SourcePreview> {
  const worker = startWorker();
  try {
    const reply = answer(worker);
    worker.postMessage({ type: 'preview', file, format, rows, options } satisfies ToWorker);
    const message = await reply;
    if (message.type === 'error') throw new Error(message.message);
    if (message.type !== 'preview') throw new Error('The import worker answered out of turn.');
    return message.preview;
  } finally {
    worker.terminate();
  }
}

/** Chunks of a source, each read only when asked for. */
export interface ChunkReader {
  next(): Promise<SourceChunk | null>;
  close(): void;
}

/**
 * Reads one chunk ahead: while the page sends a chunk's rows, the worker already parses
 * the next one, so the writes do not wait for the parser at every chunk boundary (they
 * did: the calls in flight ran dry while a chunk was read). Memory holds at most two chunks.
 */
export function readFile(file: Blob, format: SourceFormat, columns: string[], options: ReadOptions = {}): ChunkReader {
  const worker = startWorker();
  let closed = false;
  let ahead: Promise<FromWorker> | undefined;
  const ask = (message: ToWorker): Promise<FromWorker> => {
    const reply = answer(worker);
    worker.postMessage(message);
    // A read ahead that fails after close is nobody's error: it is not awaited then.
    reply.catch(() => undefined);
    return reply;
  };
  let first: Promise<FromWorker> | undefined;
  return {
    async next() {
      if (closed) return null;
      const reply = ahead ?? (first ? ask({ type: 'more' }) : (first = ask({ type: 'read', file, format, columns, options })));
      ahead = undefined;
      const message = await reply;
      if (closed) return null;
      if (message.type === 'error') throw new Error(message.message);
      if (message.type === 'end') {
        this.close();
        return null;
      }
      if (message.type !== 'chunk') throw new Error('The import worker answered out of turn.');
      ahead = ask({ type: 'more' });
      return message.chunk;
    },
    close() {
      closed = true;
      worker.terminate();
    },
  };
}
