/** Reading requests and writing AWS-shaped responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../model/errors';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Splits a query string into decoded values, keeping repeated keys (FeatureName=a&FeatureName=b). */
export function parseQuery(search: string): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  if (!search) return query;
  for (const part of search.split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    // SigV4 canonical form treats '+' literally, so decode only percent escapes.
    const key = decodeURIComponent(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : decodeURIComponent(part.slice(equals + 1));
    (query[key] ??= []).push(value);
  }
  return query;
}

export function parseJsonBody(body: Buffer, toError: (message: string) => ServiceError): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw toError('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw toError('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.statusCode = status;
  if (text) response.setHeader('Content-Type', contentType);
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

/** Header values must be Latin-1; keep the message readable in ASCII. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);
}

/**
 * AWS error encoding the SDKs understand: the name in x-amzn-ErrorType and in the
 * body's __type, the message as both `message` and `Message`.
 */
export function sendError(response: ServerResponse, error: ServiceError, contentType: string): void {
  response.setHeader('x-amzn-ErrorType', error.errorName);
  response.setHeader('x-amzn-ErrorMessage', headerSafe(error.message));
  sendJson(response, error.status, { __type: error.errorName, message: error.message, Message: error.message }, contentType);
}
