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

/**
 * The operations the console calls (src/aws/sdk.ts), the only ones the relay forwards; any
 * other path, method or target is answered 404 here and never reaches AWS (decision: the
 * relay is the console's, not an open proxy to the SageMaker APIs; server/relay.test.ts
 * checks that every command src/aws/sdk.ts sends is in this list).
 */
export const RELAYED_OPERATIONS = {
  /** The runtime's REST routes (restJson1): method and path, as featurestore-api.md §1 lists them. */
  featureStoreRuntime: {
    GetRecord: ['GET', /^\/FeatureGroup\/[^/]+$/],
    PutRecord: ['PUT', /^\/FeatureGroup\/[^/]+$/],
    DeleteRecord: ['DELETE', /^\/FeatureGroup\/[^/]+$/],
    UpdateRecord: ['POST', /^\/FeatureGroup\/[^/]+\/Record$/],
    ListRecords: ['POST', /^\/FeatureGroup\/[^/]+\/ListRecords$/],
    BatchGetRecord: ['POST', /^\/BatchGetRecord$/],
    BatchWriteRecord: ['POST', /^\/BatchWriteRecord$/],
  },
  /** The control plane (awsJson1_1): `POST /` with one of these `X-Amz-Target` values. */
  sagemaker: ['SageMaker.ListFeatureGroups', 'SageMaker.DescribeFeatureGroup', 'SageMaker.DescribeFeatureMetadata'],
} as const;

/** Whether a request (path without the relay prefix) is one of the console's operations. */
export function isRelayedOperation(service: keyof typeof RELAY_PREFIXES, method: string, path: string, target: string | undefined): boolean {
  const pathname = path.split('?', 1)[0] ?? '';
  if (service === 'sagemaker') return method === 'POST' && pathname === '/' && (RELAYED_OPERATIONS.sagemaker as readonly string[]).includes(target ?? '');
  return Object.values(RELAYED_OPERATIONS.featureStoreRuntime).some(([allowed, pattern]) => method === allowed && pattern.test(pathname));
}

export interface RelayOptions {
  /** Largest request body forwarded (the runtime accepts 10 MiB; decision: a little more). */
  maxBodyBytes?: number;
  /** Upstream answer time limit. */
  timeoutMs?: number;
  /**
   * Relayed requests under way at once (uploading, waiting for AWS or streaming the answer);
   * beyond, 503 RelayBusy at once, which the SDK retries with backoff. Decision: 64, ten
   * times what a browser opens per origin, so several tabs importing fit.
   */
  maxConcurrent?: number;
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
const DEFAULT_MAX_CONCURRENT = 64;

/**
 * Time bounds for a server that hosts the relay (npm run serve, vite dev and preview): a
 * request's headers must arrive within 20 s and the whole request (a relayed body of up
 * to 16 MiB) within 120 s, else Node answers 408 and closes the connection, which frees
 * the request's relay slot. Decision: 120 s is 16 MiB at about 140 KB/s.
 */
export const RELAY_SERVER_TIMEOUTS = { headersTimeout: 20_000, requestTimeout: 120_000 } as const;

export function boundServerTimes(server: { headersTimeout: number; requestTimeout: number }): void {
  server.headersTimeout = RELAY_SERVER_TIMEOUTS.headersTimeout;
  server.requestTimeout = RELAY_SERVER_TIMEOUTS.requestTimeout;
}

/**
 * An AWS-shaped error from the relay itself (the SDK reads `x-amzn-ErrorType`), at most
 * once per response. With `close`, the connection ends after it: the rest of the
 * request's body is not read.
 */
function relayError(response: ServerResponse, status: number, name: string, message: string, close = false): void {
  if (response.headersSent || response.writableEnded) {
    if (!response.writableEnded) response.destroy();
    return;
  }
  const body = JSON.stringify({ __type: name, message });
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': name,
    'Content-Length': Buffer.byteLength(body),
    ...(close ? { Connection: 'close' } : {}),
  });
  response.end(body);
}

/** Whether a body follows the request's headers (one the relay will not read). */
function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * A request handler for the routes: returns false when the request is not under a relay
 * prefix (the caller serves it), true when the relay took it.
 */
export function createRelay(routes: readonly RelayRoute[], options: RelayOptions = {}) {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  const services = Object.entries(RELAY_PREFIXES) as [keyof typeof RELAY_PREFIXES, string][];
  let active = 0;

  return function relay(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '/';
    const route = routes.find((candidate) => url === candidate.prefix || url.startsWith(`${candidate.prefix}/`) || url.startsWith(`${candidate.prefix}?`));
    if (!route) return false;
    // The raw path and query, byte for byte as the SDK signed them (ARNs percent-encoded,
    // repeated query parameters in order).
    const rest = url.slice(route.prefix.length);
    const path = rest.startsWith('/') ? rest : `/${rest}`;
    const service = services.find(([, prefix]) => prefix === route.prefix)?.[0];
    const target = request.headers['x-amz-target'];
    const method = request.method ?? 'GET';
    if (!service || !isRelayedOperation(service, method, path, typeof target === 'string' ? target : undefined)) {
      relayError(
        response,
        404,
        'RelayOperationNotAllowed',
        `The relay forwards only the operations the console calls; ${method} ${path.split('?', 1)[0]?.slice(0, 200)}${typeof target === 'string' ? ` (${target.slice(0, 100)})` : ''} is not one of them.`,
        hasBody(request),
      );
      return true;
    }

    const declaredLength = Number(request.headers['content-length'] ?? 0);
    if (declaredLength > maxBody) {
      relayError(response, 413, 'RequestEntityTooLarge', `The relay forwards request bodies of at most ${maxBody} bytes.`, true);
      return true;
    }
    if (active >= maxConcurrent) {
      relayError(response, 503, 'RelayBusy', `The relay has ${maxConcurrent} requests under way; try again shortly.`, true);
      return true;
    }
    active += 1;
    let released = false;
    response.on('close', () => {
      if (released) return;
      released = true;
      active -= 1;
    });

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
      method,
      path: outgoing.path,
      headers: outgoing.headers,
      // TLS checks the name the request is for: AWS's host, whatever address answers.
      ...(secure ? { servername: route.upstream.hostname } : {}),
      timeout: timeoutMs,
    });

    upstreamRequest.on('response', (upstreamResponse) => {
      if (response.headersSent || response.writableEnded) {
        upstreamResponse.resume();
        return;
      }
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
      relayError(response, 504, 'RelayTimeout', `${route.host} did not answer the relay within ${timeoutMs / 1000} s.`, true);
    });
    // Whether the upstream was reached: an error after that is a connection it closed
    // (for example refusing a body over its own size limit), not an unreachable host.
    let connected = false;
    upstreamRequest.on('socket', (socket) => {
      if (!socket.connecting) connected = true;
      else socket.once('connect', () => void (connected = true));
    });
    upstreamRequest.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code ?? error.message;
      if (connected) {
        relayError(response, 502, 'RelayUpstreamClosed', `${route.host} at ${route.upstream.origin} closed the connection before answering (${why}).`, true);
        return;
      }
      relayError(response, 502, 'RelayUpstreamUnreachable', `The relay could not reach ${route.host} at ${route.upstream.origin} (${why}).`, true);
    });
    response.on('close', () => {
      if (!upstreamRequest.writableEnded || !response.writableFinished) upstreamRequest.destroy();
    });
    request.on('error', () => upstreamRequest.destroy());

    // Counted as it arrives, whether or not a Content-Length was sent (a chunked body has
    // none): past the limit, the upload stops, the upstream request is abandoned and the
    // browser gets one 413; the rest of the body is never read.
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBody) return;
      request.off('data', count);
      request.unpipe(upstreamRequest);
      upstreamRequest.destroy();
      relayError(response, 413, 'RequestEntityTooLarge', `The relay forwards request bodies of at most ${maxBody} bytes.`, true);
    };
    request.on('data', count);
    request.pipe(upstreamRequest);
    return true;
  };
}
