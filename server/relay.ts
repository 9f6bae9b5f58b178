/**
 * The same-origin relay for the SageMaker services. SageMaker endpoints are not assumed to
 * answer browsers' CORS preflights, so the console's SDK signs each request for the real
 * regional endpoint (host and path as AWS will see them) and sends it to its own origin
 * under a prefix; this relay strips the prefix and forwards the request unchanged, setting
 * only `Host`. It holds no credentials: any change it made to a signed part would break
 * the signature, and AWS (or the local Feature Store) would refuse the request.
 *
 * Used by the Vite dev and preview servers (vite.config.ts) and `npm run serve`; CloudFront
 * does the same in the deploy (deploy/lib/relayPrefixFunction.js).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { RELAY_PREFIXES } from '../src/aws/relay';

export { RELAY_PREFIXES };

export interface RelayRoute {
  /** Path prefix on the console's origin, e.g. /aws/featurestore-runtime. */
  prefix: string;
  /** The host name the browser's SDK signed for: the `Host` the request carries upstream. */
  host: string;
  /** Where the request is sent: AWS's regional endpoint, or a local Feature Store. */
  upstream: URL;
}

/** AWS's regional host names, as the SDK's endpoint rules resolve them for the aws partition. */
export function awsHostNames(region: string): { featureStoreRuntime: string; sagemaker: string } {
  return { featureStoreRuntime: `featurestore-runtime.sagemaker.${region}.amazonaws.com`, sagemaker: `api.sagemaker.${region}.amazonaws.com` };
}

/**
 * The relay's routes for a region. `upstream` (config.json's relayUpstream) sends every
 * service to one origin, such as the local Feature Store, with `Host` still AWS's name;
 * without it, each service goes to its AWS regional endpoint over HTTPS.
 */
export function relayRoutes(region: string, upstream?: string): RelayRoute[] {
  const hosts = awsHostNames(region);
  return (Object.keys(RELAY_PREFIXES) as (keyof typeof RELAY_PREFIXES)[]).map((service) => ({
    prefix: RELAY_PREFIXES[service],
    host: hosts[service],
    upstream: new URL(upstream ?? `https://${hosts[service]}`),
  }));
}

export interface RelayOptions {
  /** Largest request body forwarded (the runtime accepts 10 MiB; decision: a little more). */
  maxBodyBytes?: number;
  /** Upstream answer time limit. */
  timeoutMs?: number;
  /** Test hook: change the outgoing request (to prove a changed request is refused). */
  alter?: (outgoing: { path: string; headers: Record<string, string | string[]> }) => void;
}

/**
 * Not forwarded: hop-by-hop headers (RFC 9110 §7.6.1), `Host` (replaced), and cookies
 * (decision: the console's origin may carry cookies of other apps; AWS needs none, and
 * the signature never covers them).
 */
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
  'cookie',
  'expect',
]);
const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'trailer', 'upgrade', 'set-cookie']);
const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

/** An AWS-shaped error from the relay itself (the SDK reads `x-amzn-ErrorType`). */
function relayError(response: ServerResponse, status: number, name: string, message: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ __type: name, message });
  response.writeHead(status, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': name, 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * A request handler for the routes: returns false when the request is not under a relay
 * prefix (the caller serves it), true when the relay took it.
 */
export function createRelay(routes: readonly RelayRoute[], options: RelayOptions = {}) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return function relay(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '/';
    const route = routes.find((candidate) => url === candidate.prefix || url.startsWith(`${candidate.prefix}/`) || url.startsWith(`${candidate.prefix}?`));
    if (!route) return false;
    // The raw path and query, byte for byte as the SDK signed them (ARNs percent-encoded,
    // repeated query parameters in order).
    const rest = url.slice(route.prefix.length);
    const path = rest.startsWith('/') ? rest : `/${rest}`;

    const declaredLength = Number(request.headers['content-length'] ?? 0);
    if (declaredLength > maxBody) {
      request.resume();
      response.setHeader('Connection', 'close');
      relayError(response, 413, 'RequestEntityTooLarge', `The relay forwards request bodies of at most ${maxBody} bytes.`);
      return true;
    }

    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || DROPPED_REQUEST_HEADERS.has(name) || name.startsWith('proxy-')) continue;
      headers[name] = value;
    }
    headers.host = route.host;
    const outgoing = { path, headers };
    options.alter?.(outgoing);

    const secure = route.upstream.protocol === 'https:';
    const upstreamRequest = (secure ? https : http).request({
      protocol: route.upstream.protocol,
      hostname: route.upstream.hostname.replace(/^\[|\]$/g, ''),
      port: route.upstream.port || (secure ? 443 : 80),
      method: request.method,
      path: outgoing.path,
      headers: outgoing.headers,
      // TLS checks the name the request is for: AWS's host, whatever address answers.
      ...(secure ? { servername: route.upstream.hostname } : {}),
      timeout: timeoutMs,
    });

    upstreamRequest.on('response', (upstreamResponse) => {
      const responseHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(upstreamResponse.headers)) {
        if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name)) responseHeaders[name] = value;
      }
      response.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders);
      upstreamResponse.pipe(response);
      upstreamResponse.on('error', () => response.destroy());
    });
    upstreamRequest.on('timeout', () => {
      upstreamRequest.destroy();
      relayError(response, 504, 'RelayTimeout', `${route.host} did not answer the relay within ${timeoutMs / 1000} s.`);
    });
    upstreamRequest.on('error', (error: NodeJS.ErrnoException) => {
      if (response.headersSent || response.writableEnded) return response.destroy();
      relayError(
        response,
        502,
        'RelayUpstreamUnreachable',
        `The relay could not reach ${route.host} at ${route.upstream.origin} (${error.code ?? error.message}).`,
      );
    });
    response.on('close', () => {
      if (!upstreamRequest.writableEnded || !response.writableFinished) upstreamRequest.destroy();
    });

    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBody) {
        upstreamRequest.destroy();
        request.unpipe(upstreamRequest);
        request.resume();
        response.setHeader('Connection', 'close');
        relayError(response, 413, 'RequestEntityTooLarge', `The relay forwards request bodies of at most ${maxBody} bytes.`);
      }
    });
    request.pipe(upstreamRequest);
    return true;
  };
}
