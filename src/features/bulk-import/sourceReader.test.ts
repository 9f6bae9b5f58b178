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
