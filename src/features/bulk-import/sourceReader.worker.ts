/**
 * The import's reader, off the main thread: previews a source, or reads it one bounded
 * chunk per `more` from the page, so parsing never runs ahead of the writes.
 */
import type { FromWorker, ToWorker } from './sourceMessages';
import { previewSource, readSourceRows, type SourceChunk } from './sourceRows';

const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };
let reading: AsyncGenerator<SourceChunk> | undefined;

function fail(error: unknown): void {
  scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

async function next(): Promise<void> {
  if (!reading) return fail('No source is open.');
  try {
    const step = await reading.next();
    if (step.done) {
      reading = undefined;
      scope.postMessage({ type: 'end' });
    } else scope.postMessage({ type: 'chunk', chunk: step.value });
  } catch (error) {
    reading = undefined;
    fail(error);
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'preview') {
    previewSource(message.file, message.format, message.rows, message.options).then((preview) => scope.postMessage({ type: 'preview', preview }), fail);
  } else if (message.type === 'read') {
    reading = readSourceRows(message.file, message.format, message.columns, message.options);
    void next();
  } else void next();
};
