/**
 * `npm run serve`: the built console for self-hosting, with the same-origin relay for the
 * SageMaker services (server/relay.ts, routes from config.json). Static files from dist/ (unknown
 * paths get index.html: it is a single-page app), hashed assets cached for a year,
 * index.html and config.json never cached, and on every response the same strict CSP and
 * security headers CloudFront sends (server/securityHeaders.ts), built from config.json.
 * Source maps are never served. Environment: PORT (8080), HOST (127.0.0.1), CONSOLE_DIR
 * (dist), HTTPS_PROXIED=1 when a TLS proxy is in front (adds HSTS).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { securityHeaders, type ConnectTargets } from './securityHeaders';
import { boundServerTimes, createRelay, relayRoutes, type RelayOptions } from './relay';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface ServedConfig {
  targets: ConnectTargets;
  relayUpstream?: string;
}

/** What config.json says: where the console connects besides Cognito, and the relay's upstream. */
function readServedConfig(root: string): ServedConfig {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'config.json'), 'utf8')) as {
      region?: unknown;
      endpoints?: Record<string, string>;
      relayUpstream?: unknown;
      auth?: { domain?: unknown };
    };
    const region = typeof config.region === 'string' ? config.region : 'us-east-1';
    const extraOrigins = Object.values(config.endpoints ?? {}).map((url) => new URL(url).origin);
    return {
      // The managed login's domain: the console calls its token endpoint and navigates to it.
      targets:
        typeof config.auth?.domain === 'string' ? { region, extraOrigins, userPoolDomain: new URL(config.auth.domain).origin } : { region, extraOrigins },
      ...(typeof config.relayUpstream === 'string' ? { relayUpstream: config.relayUpstream } : {}),
    };
  } catch {
    return { targets: { region: 'us-east-1' } };
  }
}

export function createConsoleServer(options: { root: string; https?: boolean; relay?: RelayOptions }): http.Server {
  const root = path.resolve(options.root);
  const served = readServedConfig(root);
  const headers = securityHeaders(served.targets, { https: options.https ?? false });
  const relay = createRelay(relayRoutes(served.targets.region, served.relayUpstream), options.relay);
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (relay(request, response)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://console').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    // Never outside the root, never a source map.
    const candidate = path.resolve(root, `.${pathname}`);
    const inside = candidate === root || candidate.startsWith(root + path.sep);
    const servable = inside && !candidate.endsWith('.map') && fs.existsSync(candidate) && fs.statSync(candidate).isFile();
    const isAsset = /\.[a-z0-9]+$/i.test(pathname);
    if (!servable && (isAsset || !inside)) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const file = servable ? candidate : path.join(root, 'index.html');
    const hashed = file.includes(`${path.sep}assets${path.sep}`);
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  // A slow client holds a connection (and a relay slot) for a bounded time: 408 after it.
  boundServerTimes(server);
  return server;
}

async function main(): Promise<void> {
  const server = createConsoleServer({ root: process.env.CONSOLE_DIR ?? 'dist', https: process.env.HTTPS_PROXIED === '1' });
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  console.log(`Console on http://${address.address}:${address.port}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) void main();
