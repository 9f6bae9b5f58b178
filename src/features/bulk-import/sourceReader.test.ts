import { describe, expect, it, vi } from 'vitest';

vi.mock('./sourceReader.worker.ts?worker&url', () => ({ default: '/assets/sourceReader.worker-abc123.js' }));
const { checkedWorkerUrl } = await import('./sourceReader');

describe('the import-worker Trusted Types policy', () => {
  const origin = 'https://console.example.com';
  it("accepts only the console's own worker script, on its own origin", () => {
    expect(checkedWorkerUrl('/assets/sourceReader.worker-abc123.js', origin)).toBe(`${origin}/assets/sourceReader.worker-abc123.js`);
    expect(checkedWorkerUrl('/src/features/bulk-import/sourceReader.worker.ts', origin)).toBe(`${origin}/src/features/bulk-import/sourceReader.worker.ts`);
    for (const url of [
      'https://evil.example.com/assets/sourceReader.worker-abc123.js',
      '/assets/index-abc.js',
      'data:text/javascript,alert(1)',
      'blob:https://console.example.com/1234',
      '/assets/sourceReader.worker-abc123.js/../evil.js',
      '/assets/sub/sourceReader.worker-abc123.js',
    ]) {
      expect(() => checkedWorkerUrl(url, origin), url).toThrow(TypeError);
    }
  });
});

describe('readFile', () => {
  it('asks the worker for the next chunk while the page uses this one, never more than one ahead', async () => {
    const asked: string[] = [];
    const chunks = 3;
    class FakeWorker {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: ((event: { message: string }) => void) | null = null;
      private served = 0;
      postMessage(message: { type: string }) {
        asked.push(message.type);
        const reply =
          this.served < chunks ? { type: 'chunk', chunk: { rows: [{ cells: [String(++this.served)] }], done: this.served, total: chunks } } : { type: 'end' };
        queueMicrotask(() => this.onmessage?.({ data: reply }));
      }
      terminate() {
        asked.push('terminate');
      }
    }
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('location', { origin: 'http://localhost' });
    try {
      const { readFile } = await import('./sourceReader');
      const reader = readFile(new Blob(['x']), 'csv', ['a']);
      const first = await reader.next();
      expect(first?.rows[0]?.cells).toEqual(['1']);
      // The second chunk was asked for as soon as the first arrived; no third yet.
      expect(asked).toEqual(['read', 'more']);
      await Promise.resolve();
      expect(asked).toEqual(['read', 'more']);
      const cells: unknown[] = [];
      for (let chunk = await reader.next(); chunk; chunk = await reader.next()) cells.push(chunk.rows[0]?.cells[0]);
      expect(cells).toEqual(['2', '3']);
      expect(asked).toEqual(['read', 'more', 'more', 'more', 'terminate']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
