/**
 * CORS for the browser console. Preflight needs no signature; the headers the SDK reads
 * are exposed on every response, errors included, so the browser lets the SDK see error
 * names and ids.
 *
 * Which origins (decision): never `*`, or any web page a developer visits could obtain
 * guest credentials for their local store. Allowed are the console's own origins, which
 * on a laptop are loopback origins (http://localhost:<port>, http://127.0.0.1:<port>,
 * http://[::1]:<port>), plus the exact origins configured (LOCAL_FEATURESTORE_ALLOWED_ORIGINS,
 * comma-separated). Any other origin gets no Access-Control-Allow-Origin, so the browser
 * refuses it.
 */
import type { ServerResponse } from 'node:http';

const MAX_ORIGIN_LENGTH = 256;
const LOOPBACK_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::[0-9]{1,5})?$/;

export function isAllowedOrigin(origin: string | undefined, configured: readonly string[]): origin is string {
  if (!origin || origin.length > MAX_ORIGIN_LENGTH) return false;
  return LOOPBACK_ORIGIN.test(origin) || configured.includes(origin);
}

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
  'x-amz-target',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'x-amz-api-version',
].join(', ');
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';

export function applyCorsHeaders(response: ServerResponse, origin: string | undefined, configured: readonly string[]): void {
  response.setHeader('Vary', 'Origin');
  if (!isAllowedOrigin(origin, configured)) return;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export function answerPreflight(response: ServerResponse, requestedHeaders: string | undefined): void {
  response.statusCode = 200;
  response.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE, OPTIONS');
  // Echo what the browser asks for so future SDK headers keep working; fall back to the known list.
  response.setHeader('Access-Control-Allow-Headers', requestedHeaders ?? ALLOWED_HEADERS);
  response.setHeader('Access-Control-Max-Age', '600');
  response.setHeader('Content-Length', '0');
  response.end();
}
