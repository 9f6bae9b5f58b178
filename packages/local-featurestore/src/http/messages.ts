/** Reading requests and writing AWS-shaped responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../model/errors.js';
import { JsonText } from '../model/jsonText.js';

/**
 * Per-service body limits (decision: AWS does not publish them). The runtime's largest
 * legal request is a BatchWriteRecord of 25 records of 350 KB each (~8.6 MiB); a
 * CreateFeatureGroup of 2,500 features fits well within 2 MiB; Cognito's calls are tiny.
 */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const BODY_LIMITS = { 'featurestore-runtime': MAX_BODY_BYTES, sagemaker: 2 * 1024 * 1024, 'cognito-identity': 64 * 1024 } as const;
/** Deepest JSON nesting accepted (decision): no AWS shape we serve nests deeper than ~8. */
export const MAX_JSON_DEPTH = 64;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`body over ${limit} bytes`);
  }
}

/** A query string or path with a malformed percent escape. */
export class MalformedEncodingError extends Error {}

/** decodeURIComponent that reports a malformed escape as MalformedEncodingError, never URIError. */
export function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MalformedEncodingError(`Malformed percent-encoding in '${text.slice(0, 64)}'.`);
  }
}

export function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * Splits a query string into decoded values, keeping repeated keys (FeatureName=a&FeatureName=b).
 * The result has no prototype, so keys such as `constructor` or `__proto__` are plain keys.
 */
export function parseQuery(search: string): Record<string, string[]> {
  const query = Object.create(null) as Record<string, string[]>;
  if (!search) return query;
  for (const part of search.split('&')) {
    if (!part) continue;
    const equals = part.indexOf('=');
    // SigV4 canonical form treats '+' literally, so decode only percent escapes.
    const key = decodeComponent(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : decodeComponent(part.slice(equals + 1));
    (query[key] ??= []).push(value);
  }
  return query;
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted in one linear pass
 * (strings skipped), so that hostile nesting is refused before JSON.parse builds it and
 * before anything recursive (formatting, echoing an entry) walks it.
 */
export function jsonNestingDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export function parseJsonBody(body: Buffer, toError: (message: string) => ServiceError): Record<string, unknown> {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw toError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw toError('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw toError('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  response.statusCode = status;
  if (body === undefined) {
    response.setHeader('Content-Length', 0);
    response.end();
    return;
  }
  // A string, not a Buffer: Node then sends the headers and the body in one write (a Buffer
  // goes out as a writev of two), which the CPU profile showed costing more than the encoding.
  const text = body instanceof JsonText ? body.text : JSON.stringify(body);
  response.setHeader('Content-Type', contentType);
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
