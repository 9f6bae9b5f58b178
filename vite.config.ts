import { defaultClientConditions, defaultServerConditions, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import { securityHeaders } from './server/securityHeaders.ts';
import { boundServerTimes, createRelay, relayRoutes } from './server/relay.ts';

/** The export condition under which workspace packages name their TypeScript sources (tsconfig's customConditions too). */
const SOURCE_CONDITION = 'featurestore-source';

/** The config.json this server hands out, as text. */
function configText(): string {
  const port = process.env.LOCAL_FEATURESTORE_PORT;
  let text = fs.readFileSync(process.env.CONSOLE_CONFIG_FILE ?? 'public/config.json', 'utf8');
  if (port) {
    const config = JSON.parse(text) as { endpoints?: Record<string, string>; relayUpstream?: string; auth?: Record<string, unknown> };
    const withPort = (url: string) => url.replace(/:(\d+)(\/?)$/, `:${port}$2`);
    for (const [name, url] of Object.entries(config.endpoints ?? {})) config.endpoints![name] = withPort(url);
    if (config.relayUpstream) config.relayUpstream = withPort(config.relayUpstream);
    // The local user pool is on the same port: its issuer and managed-login domain move with it.
    for (const key of ['authority', 'domain']) {
      const url = config.auth?.[key];
      if (typeof url === 'string') config.auth![key] = url.replace(/^(https?:\/\/[^/]+):\d+/, `$1:${port}`);
    }
    text = JSON.stringify(config, null, 2);
  }
  return text;
}

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
    const text = configText();
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

/**
 * `vite preview` sends the same CSP and security headers as CloudFront and `npm run serve`
 * (server/securityHeaders.ts), with connect-src widened to the endpoints config.json names
 * (the local Feature Store). The dev server does not: Vite's HMR needs inline scripts and
 * a websocket, so strictness is checked on the built console (every e2e test runs on it).
 */
function securityHeadersOnPreview(): Plugin {
  return {
    name: 'security-headers-on-preview',
    configurePreviewServer: (server) => {
      let targets: { region: string; extraOrigins?: string[]; userPoolDomain?: string } = { region: 'us-east-1' };
      try {
        const config = JSON.parse(configText()) as { region?: unknown; endpoints?: Record<string, string>; auth?: { domain?: unknown } };
        const region = typeof config.region === 'string' ? config.region : 'us-east-1';
        targets = { region, extraOrigins: Object.values(config.endpoints ?? {}).map((url) => new URL(url).origin) };
        // The managed login (token, revoke, logout) is called and navigated to from the console.
        if (typeof config.auth?.domain === 'string') targets.userPoolDomain = new URL(config.auth.domain).origin;
      } catch {
        // An unreadable config.json: the console shows its setup page, under the strict policy.
      }
      const headers = securityHeaders(targets, { https: false });
      server.middlewares.use((_req, res, next) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        next();
      });
    },
  };
}

/**
 * The same-origin relay (server/relay.ts) on the dev and preview servers: the console's
 * SDK signs SageMaker requests for AWS's regional endpoints and sends them here, under
 * /aws/<service>; they go on to AWS, or to config.json's relayUpstream (the local
 * Feature Store), with only Host changed. The relay forwards only the console's
 * operations, a bounded number at once, bodies up to 16 MiB.
 */
function sameOriginRelay(): Plugin {
  const middleware = () => {
    let relay: ReturnType<typeof createRelay> | undefined;
    try {
      const config = JSON.parse(configText()) as { region?: unknown; relayUpstream?: unknown };
      const region = typeof config.region === 'string' ? config.region : 'us-east-1';
      relay = createRelay(relayRoutes(region, typeof config.relayUpstream === 'string' ? config.relayUpstream : undefined));
    } catch {
      // An unreadable config.json: the console shows its setup page and makes no AWS call.
    }
    return (req: Parameters<ReturnType<typeof createRelay>>[0], res: Parameters<ReturnType<typeof createRelay>>[1], next: () => void) => {
      if (!relay?.(req, res)) next();
    };
  };
  // Both servers bound a request's time as `npm run serve` does (server/relay.ts).
  const bound = (httpServer: unknown) => {
    if (httpServer && typeof httpServer === 'object' && 'requestTimeout' in httpServer) boundServerTimes(httpServer as Parameters<typeof boundServerTimes>[0]);
  };
  return {
    name: 'same-origin-relay',
    configureServer: (server) => {
      bound(server.httpServer);
      server.middlewares.use(middleware());
    },
    configurePreviewServer: (server) => {
      bound(server.httpServer);
      server.middlewares.use(middleware());
    },
  };
}

export default defineConfig({
  plugins: [react(), localConfigJson(), securityHeadersOnPreview(), sameOriginRelay()],
  // The workspace packages' TypeScript sources, not their built dist/ (packages/record-contract's exports).
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  // Vitest's own server default drops 'module' (the SDK's dist-es is not Node-resolvable ESM).
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions.filter((condition) => condition !== 'module')] } },
  server: { port: Number(process.env.CONSOLE_PORT ?? 5173), strictPort: true },
  preview: { port: Number(process.env.CONSOLE_PORT ?? 4173), strictPort: true },
  // CONSOLE_OUT_DIR lets several checkouts build and preview at once.
  build: { target: 'es2022', sourcemap: false, outDir: process.env.CONSOLE_OUT_DIR ?? 'dist' },
  // The import worker is a module worker: its readers for Excel and for Parquet codecs beyond
  // Snappy are chunks it imports only when such a file is chosen (an IIFE worker would inline them).
  worker: { format: 'es' },
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'packages/*/src/**/*.test.ts',
      'packages/*/scripts/**/*.test.ts',
      'scripts/**/*.test.ts',
      'deploy/**/*.test.ts',
      'server/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // Tests are bounded by work, not by the clock: the limit only stops a hang, on a machine of any speed.
    testTimeout: 60_000,
  },
});
