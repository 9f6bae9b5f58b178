import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';

/**
 * config.json is read at runtime, so one build serves every environment. The dev and
 * preview servers can serve another file (CONSOLE_CONFIG_FILE) and, when the local
 * Feature Store runs on another port (LOCAL_FEATURESTORE_PORT), point its local
 * endpoints there.
 */
function localConfigJson(): Plugin {
  const port = process.env.LOCAL_FEATURESTORE_PORT;
  const file = process.env.CONSOLE_CONFIG_FILE;
  const serve = (_req: unknown, res: { setHeader(n: string, v: string): void; end(b: string): void }, next: () => void) => {
    if (!port && !file) return next();
    let text = fs.readFileSync(file ?? 'public/config.json', 'utf8');
    if (port) {
      const config = JSON.parse(text) as { endpoints?: Record<string, string> };
      for (const [name, url] of Object.entries(config.endpoints ?? {})) {
        config.endpoints![name] = url.replace(/:(\d+)(\/?)$/, `:${port}$2`);
      }
      text = JSON.stringify(config, null, 2);
    }
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(text);
  };
  return {
    name: 'local-config-json',
    configureServer: (server) => void server.middlewares.use('/config.json', serve),
    configurePreviewServer: (server) => void server.middlewares.use('/config.json', serve),
  };
}

export default defineConfig({
  plugins: [react(), localConfigJson()],
  server: { port: Number(process.env.CONSOLE_PORT ?? 5173), strictPort: true },
  preview: { port: Number(process.env.CONSOLE_PORT ?? 4173), strictPort: true },
  // CONSOLE_OUT_DIR lets several checkouts build and preview at once.
  build: { target: 'es2022', sourcemap: true, outDir: process.env.CONSOLE_OUT_DIR ?? 'dist' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'deploy/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // Tests are bounded by work, not by the clock: the limit only stops a hang, on a machine of any speed.
    testTimeout: 60_000,
  },
});
