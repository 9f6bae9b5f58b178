/** Opaque page tokens: base64url of a JSON object, so callers cannot build one by accident. */
import type { ServiceError } from './errors.js';

export function encodePageToken(offset: number | string): string {
  return Buffer.from(JSON.stringify({ v: 1, at: offset })).toString('base64url');
}

function decode(token: unknown, field: string, toError: (message: string) => ServiceError): unknown {
  if (typeof token !== 'string') throw toError(`${field} must be a string returned by a previous call.`);
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; at?: unknown };
    if (parsed.v === 1) return parsed.at;
  } catch {
    // fall through to the error below
  }
  throw toError(`${field} is not valid: pass the ${field} value a previous call returned.`);
}

export function decodePageToken(token: unknown, field: string, toError: (message: string) => ServiceError): number {
  if (token === undefined || token === '') return 0;
  const at = decode(token, field, toError);
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0) throw toError(`${field} is not valid: pass the ${field} value a previous call returned.`);
  return at;
}

export function decodeKeyToken(token: unknown, field: string, toError: (message: string) => ServiceError): string | null {
  if (token === undefined || token === '') return null;
  const at = decode(token, field, toError);
  if (typeof at !== 'string') throw toError(`${field} is not valid: pass the ${field} value a previous call returned.`);
  return at;
}
