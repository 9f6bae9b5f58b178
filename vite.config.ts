import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';

/**
 * config.json is read at runtime, so one build serves every environment. When the
 * local Feature Store runs on another port (LOCAL_FEATURESTORE_PORT), the dev and
 * preview servers serve public/config.json with its local endpoints pointed there.
 */
function localConfigJson(): Plugin {
  const port = process.env.LOCAL_FEATURESTORE_PORT;
  const serve = (_req: unknown, res: { setHeader(n: string, v: string): void; end(b: string): void }, next: () => void) => {
    if (!port) return next();
    const config = JSON.parse(fs.readFileSync('public/config.json', 'utf8')) as { endpoints?: Record<string, string> };
    for (const [name, url] of Object.entries(config.endpoints ?? {})) {
      config.endpoints![name] = url.replace(/:(\d+)(\/?)$/, `:${port}$2`);
    }
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(config, null, 2));
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
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'emulator/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
  },
});
