/**
 * A CloudFront Function run as CloudFront runs it: its code (as published, from the
 * template) in its own node:vm context with only the runtime's globals, `handler(event)`
 * called with CloudFront's event shape (lower-case header, cookie and query string names,
 * `{ value, multiValue }` entries; Amazon CloudFront Developer Guide, "CloudFront Functions
 * event structure"), its result (the request, changed or not, or a response) read back.
 */
import crypto from 'node:crypto';
import vm from 'node:vm';
import type { EdgeFunction } from './distribution';

/** CloudFront's limit on a function's code (JavaScript runtime 2.0). */
export const MAX_FUNCTION_BYTES = 10 * 1024;
/**
 * Not CloudFront's limit (its is compute utilization, about 1 ms): a bound so that a runaway
 * function cannot hang the rehearsal, generous so a slow machine never trips it.
 */
const RUN_LIMIT_MS = 2_000;

export interface FieldValue {
  value: string;
  multiValue?: { value: string }[];
}
export type Fields = Record<string, FieldValue>;

export interface FunctionRequest {
  method: string;
  uri: string;
  querystring: Fields | string;
  headers: Fields;
  cookies: Fields;
}

export interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: Fields;
  cookies?: Fields;
  body?: string | { data: string; encoding: 'text' | 'base64' };
}

export interface ViewerRequestEvent {
  version: '1.0';
  context: { distributionDomainName: string; distributionId: string; eventType: 'viewer-request'; requestId: string };
  viewer: { ip: string };
  request: FunctionRequest & { rawQueryString(): string | undefined };
}

/** `{ value, multiValue }` entries from name/value pairs, names lower-cased. */
export function fieldsOf(pairs: Iterable<[string, string]>): Fields {
  const fields: Fields = {};
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    const existing = fields[name];
    if (!existing) fields[name] = { value };
    else existing.multiValue = [...(existing.multiValue ?? [{ value: existing.value }]), { value }];
  }
  return fields;
}

/** The pairs back, multi-values expanded. */
export function pairsOf(fields: Fields): [string, string][] {
  return Object.entries(fields).flatMap(([name, field]) =>
    field.multiValue ? field.multiValue.map((entry): [string, string] => [name, entry.value]) : [[name, field.value] as [string, string]],
  );
}

export type CompiledFunction = (event: ViewerRequestEvent) => Promise<FunctionRequest | FunctionResponse>;

/** Compiles a function's code once; each call runs its handler in the function's own context. */
export function compileCloudFrontFunction(fn: EdgeFunction): CompiledFunction {
  if (fn.runtime !== 'cloudfront-js-2.0' && fn.runtime !== 'cloudfront-js-1.0') throw new Error(`${fn.name}: unknown runtime ${fn.runtime}.`);
  if (fn.eventType !== 'viewer-request') throw new Error(`${fn.name}: the rehearsal runs viewer-request functions only, not ${fn.eventType}.`);
  const size = Buffer.byteLength(fn.code);
  if (size > MAX_FUNCTION_BYTES) throw new Error(`${fn.name}: ${size} bytes of code, over CloudFront's ${MAX_FUNCTION_BYTES}.`);
  // The runtime's globals, and nothing of Node's: no process, no require of files, no timers.
  const context = vm.createContext({
    console: { log: (...args: unknown[]) => console.log(`[${fn.name}]`, ...args) },
    require: (name: string) => {
      if (name === 'crypto') return { createHash: crypto.createHash, createHmac: crypto.createHmac };
      throw new Error(`${fn.name}: module '${name}' is not available to the rehearsal.`);
    },
    Buffer,
    atob,
    btoa,
  });
  vm.runInContext(fn.code, context, { filename: `${fn.name}.js`, timeout: RUN_LIMIT_MS });
  if (vm.runInContext('typeof handler', context) !== 'function') throw new Error(`${fn.name}: the code defines no handler function.`);
  const globals = context as Record<string, unknown>;
  return async (event) => {
    // The event is made inside the function's context (its objects, its prototypes), as CloudFront's engine makes it.
    const { rawQueryString, ...request } = event.request;
    globals.__eventText = JSON.stringify({ ...event, request });
    globals.__rawQueryString = rawQueryString;
    let result: unknown;
    try {
      result = await (vm.runInContext('var __event = JSON.parse(__eventText); __event.request.rawQueryString = __rawQueryString; handler(__event)', context, {
        timeout: RUN_LIMIT_MS,
      }) as unknown);
    } finally {
      delete globals.__eventText;
      delete globals.__rawQueryString;
    }
    if (typeof result !== 'object' || result === null) throw new Error(`${fn.name} returned neither a request nor a response.`);
    return JSON.parse(JSON.stringify(result)) as FunctionRequest | FunctionResponse;
  };
}

export function isResponse(result: FunctionRequest | FunctionResponse): result is FunctionResponse {
  return typeof (result as FunctionResponse).statusCode === 'number';
}
