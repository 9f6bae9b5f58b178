/**
 * CORS for the browser console. The SDK sends no cookies, so any origin is allowed;
 * preflight needs no signature; the headers the SDK reads are exposed on every
 * response, errors included, so the browser lets the SDK see error names and ids.
 */
import type { ServerResponse } from 'node:http';

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

export function applyCorsHeaders(response: ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
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
