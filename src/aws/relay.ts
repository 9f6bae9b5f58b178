/**
 * Calls through the console's same-origin relay (server/relay.ts, CloudFront in the
 * deploy). The SDK resolves and signs for AWS's real regional endpoint as usual; only
 * after signing is the request pointed at the console's own origin under the service's
 * prefix. The relay sets `Host` back to the signed host name and forwards the rest as is.
 */

/** Path prefixes on the console's origin, shared with server/relay.ts and the deploy. */
export const RELAY_PREFIXES = { featureStoreRuntime: '/aws/featurestore-runtime', sagemaker: '/aws/sagemaker' } as const;
export type RelayedService = keyof typeof RELAY_PREFIXES;

/** Where the console is served from: window.location in the browser. */
export interface ConsoleOrigin {
  protocol: string;
  hostname: string;
  port: string;
}

interface RequestLike {
  protocol: string;
  hostname: string;
  port?: number | undefined;
  path: string;
}

interface MiddlewareStackLike {
  addRelativeTo(
    middleware: (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) => Promise<unknown>,
    options: { relation: 'after'; toMiddleware: string; name: string; override: boolean },
  ): void;
}

function isRequestLike(value: unknown): value is RequestLike {
  const request = value as Partial<RequestLike> | null;
  return typeof request?.hostname === 'string' && typeof request.path === 'string' && typeof request.protocol === 'string';
}

/** The signed request, sent to the relay instead: same headers (Host included), same query and body. */
export function relayedRequest<T extends RequestLike>(signed: T, prefix: string, origin: ConsoleOrigin): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(signed) as object) as T, signed);
  copy.protocol = origin.protocol;
  copy.hostname = origin.hostname;
  copy.port = origin.port ? Number(origin.port) : undefined;
  copy.path = `${prefix}${signed.path.startsWith('/') ? '' : '/'}${signed.path}`;
  return copy;
}

/**
 * Installs the relay on an SDK client: right after the signing middleware, so every
 * attempt (retries are re-signed) goes through it.
 */
export function sendThroughRelay(client: { middlewareStack: unknown }, service: RelayedService, origin: ConsoleOrigin): void {
  const prefix = RELAY_PREFIXES[service];
  (client.middlewareStack as MiddlewareStackLike).addRelativeTo(
    (next) => (args) => next(isRequestLike(args.request) ? { ...args, request: relayedRequest(args.request, prefix, origin) } : args),
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'consoleRelayMiddleware', override: true },
  );
}
