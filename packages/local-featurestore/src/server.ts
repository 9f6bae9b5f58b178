/**
 * The local Feature Store: one HTTP server that answers the Feature Store runtime,
 * the SageMaker control plane and Cognito identity pools, as AWS does on the wire.
 *
 * Layers (after moto): http/ reads requests, checks SigV4 and CORS and encodes AWS
 * errors; services/<service>/wire.ts turns a service's requests into operations on the
 * models; model/ holds the services' rules and never sees HTTP; storage/ is SQLite.
 * This file composes them: adding a service is adding a folder and a line to SERVICES.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FeatureStoreDatabase } from './storage/database.js';
import { ServiceError, accessForbidden, validationError } from './model/errors.js';
import { FeatureGroupModel } from './model/featureGroups.js';
import { RecordModel } from './model/records.js';
import { IdentityModel, type Principal, type StaticKeyPair } from './model/identity.js';
import type * as Permissions from './model/permissions.js';
import type { PolicyDocument } from './model/permissions.js';
import {
  CONSOLE_ROLES,
  ROLE_PRECEDENCE,
  guestPolicyDocument,
  rolePolicyDocuments,
  type ConsoleRole,
  type RolePolicyParameters,
} from 'featurestore-role-policies';
import { DEMO_USERS, UserPoolModel, type UserPoolUser } from './model/userPool.js';
import { handleUserPoolRequest, userPoolRoute } from './services/cognito-idp/wire.js';
import { seedDemoData, READ_ONLY_GROUP } from './model/seed.js';
import { ALL_GROUPS, ThrottleModel, parseThrottleSetting, type ThrottleSetting } from './model/throttle.js';
import { sampleLatency, type LatencySetting } from './model/latency.js';
import { applyCorsHeaders, answerPreflight } from './http/cors.js';
import { BodyTooLargeError, MalformedEncodingError, decodeComponent, parseJsonBody, parseQuery, readBody, sendError, sendJson } from './http/messages.js';
import { checkAuthorization, verifySignature, type SigningScope } from './http/sigv4.js';
import type { OperationRequest, OperationRoute, ServiceModels, ServiceWire } from './services/serviceWire.js';
import { runtimeWire } from './services/runtime/wire.js';
import { sagemakerWire } from './services/sagemaker/wire.js';
import { cognitoIdentityWire } from './services/cognito-identity/wire.js';
import { athenaWire } from './services/athena/wire.js';
import { glueWire } from './services/glue/wire.js';
import { AthenaQueryModel, DEFAULT_WORK_GROUPS, type WorkGroupSetting } from './services/athena/queryExecutions.js';

/**
 * The IAM policy simulator (model/permissions.ts and @cloud-copilot/iam-simulate) is loaded
 * on the first call that needs a decision (the developer key needs none): it was a quarter
 * of the store's start-up (bench/results/featurestore.md, cold start).
 */
let permissionsModule: Promise<typeof Permissions> | undefined;
const permissions = () => (permissionsModule ??= import('./model/permissions.js'));

/** The services this store answers, tried in order. */
const SERVICES: readonly ServiceWire[] = [runtimeWire, sagemakerWire, cognitoIdentityWire, athenaWire, glueWire];

export const DEFAULT_PORT = 4566;
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '000000000000';
/** The identity pool the default config.json names. */
export const DEFAULT_IDENTITY_POOL_ID = 'us-east-1:00000000-0000-4000-8000-000000000001';
/** The static developer key pair for the AWS CLI and boto3 (documented in the README; local only). */
export const DEVELOPER_KEY: StaticKeyPair = {
  accessKeyId: 'AKIALOCALFEATURESTORE',
  secretAccessKey: 'local-featurestore-developer-secret-key',
};
const SWEEP_INTERVAL_MS = 60_000;
/** The local user pool and its app client, as the default config.json names them. */
export const DEFAULT_USER_POOL_ID = 'us-east-1_LocalUsers';
export const DEFAULT_APP_CLIENT_ID = 'localfeaturestoreconsole1';
/**
 * What the demo support user may change: two features of `transactions` (Standard_V2,
 * where UpdateRecord works) and one of `customers` (Standard, where UpdateRecord does
 * not exist, so support can change nothing there: the console says so). Each list names
 * the group's event time feature too: the console sends it with every UpdateRecord, and
 * sagemaker:UpdatableFeatures holds every feature a call sends.
 */
export const DEFAULT_SUPPORT_FEATURES: Record<string, string[]> = {
  transactions: ['fraud_score', 'card_present', 'event_timestamp'],
  customers: ['segment', 'event_time'],
};

/** The IAM role a console role's group maps to (the name errors show: assumed-role/FeatureStoreConsoleReaders/…). */
export function roleArnFor(accountId: string, role: ConsoleRole): string {
  return `arn:aws:iam::${accountId}:role/FeatureStoreConsole${role.charAt(0).toUpperCase()}${role.slice(1)}`;
}

/** The seeded groups' offline store bucket (model/seed.ts): what history readers may read locally. */
const LOCAL_OFFLINE_BUCKET = 'local-featurestore-offline';

/**
 * The roles' parameters for role-policies: every group (`*`), the reference groups, the
 * support features, and history in every workgroup this store answers (decision: locally
 * `primary` too, for the AWS CLI; a deploy has only its own).
 */
export function localRoleParameters(
  options: Pick<LocalFeatureStoreOptions, 'region' | 'accountId' | 'referenceGroups' | 'supportFeatures' | 'athenaWorkGroups'>,
): RolePolicyParameters {
  const workGroups = options.athenaWorkGroups ?? DEFAULT_WORK_GROUPS;
  return {
    region: options.region ?? DEFAULT_REGION,
    account: options.accountId ?? DEFAULT_ACCOUNT_ID,
    featureGroups: ['*'],
    referenceGroups: options.referenceGroups ?? [READ_ONLY_GROUP],
    supportFeatures: options.supportFeatures ?? DEFAULT_SUPPORT_FEATURES,
    history: {
      workGroups: workGroups.map((group) => group.name),
      offlineStore: { bucket: LOCAL_OFFLINE_BUCKET, prefix: '' },
      results: workGroups.flatMap((group) => {
        const location = /^s3:\/\/([^/]+)\/?(.*)$/.exec(group.outputLocation ?? '');
        return location ? [{ bucketArn: `arn:aws:s3:::${location[1]}`, objectsArn: `arn:aws:s3:::${location[1]}/${location[2]}*` }] : [];
      }),
    },
  };
}

export interface LocalFeatureStoreOptions {
  port?: number;
  host?: string;
  /** Directory for the SQLite database; null keeps everything in memory. */
  dataDir?: string | null;
  region?: string;
  accountId?: string;
  identityPoolIds?: string[];
  developerKey?: StaticKeyPair;
  /** The guest role's IAM policy document (default: the demo guest of role-policies, which writes all but the reference groups). */
  guestPolicy?: PolicyDocument;
  /** Read-only reference groups: only admins write them (default: the seeded `exchange-rates`). */
  referenceGroups?: string[];
  /** Per group, the features the support role may change with UpdateRecord (default: DEFAULT_SUPPORT_FEATURES). */
  supportFeatures?: Record<string, string[]>;
  seed?: boolean;
  /** Optional realism: milliseconds a new group stays Creating, and a deleted one Deleting (default 0). */
  createDelayMs?: number;
  deleteDelayMs?: number;
  /** Open connections at most (slowloris guard); default 512. */
  maxConnections?: number;
  /** Browser origins allowed to call Cognito (CORS), beyond the loopback origins; see http/cors.ts. */
  allowedOrigins?: string[];
  /** The user pool's users and groups (default: the three demo users). */
  users?: readonly UserPoolUser[];
  userPoolId?: string;
  appClientId?: string;
  /** The app clients the identity pool trusts (ID token audiences); default the app client. */
  identityPoolClientIds?: string[];
  /** Callback and sign-out URLs allowed besides loopback ones. */
  callbackUrls?: string[];
  logoutUrls?: string[];
  /** ID and access token lifetime (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Guest (unauthenticated) identities; default true for the local demo. */
  allowGuests?: boolean;
  /** The origin in the issuer and endpoint URLs (default: the listening address). */
  publicUrl?: string;
  /**
   * CORS for every service (LOCAL_FEATURESTORE_CORS=all), for consoles configured to call
   * the SageMaker services directly. Default (decision): as AWS is assumed to answer, only
   * Cognito allows browsers; the SageMaker services answer without CORS headers.
   */
  corsForAllServices?: boolean;
  /**
   * Answer the SageMaker services only when addressed by AWS's regional host names
   * (LOCAL_FEATURESTORE_REQUIRE_AWS_HOSTS=1), as requests through the console's relay are:
   * proves a client signs for the real endpoint.
   */
  requireAwsHosts?: boolean;
  /** Throttle PutRecord and BatchWriteRecord of every group beyond this rate (see model/throttle.ts); per group at runtime via /_local/throttle. */
  throttle?: ThrottleSetting;
  /** Athena: how long offline rows are held back (LOCAL_FEATURESTORE_OFFLINE_DELAY, ms; default 0), and the workgroups. */
  offlineDelayMs?: number;
  athenaWorkGroups?: readonly WorkGroupSetting[];
  /** Delay every Feature Store runtime answer (see model/latency.ts); LOCAL_FEATURESTORE_LATENCY. */
  latency?: LatencySetting;
  /** The clock of record semantics (EventTime, TTL). Signatures always use the wall clock. */
  now?: () => Date;
  log?: (line: string) => void;
}

export interface LocalFeatureStore {
  url: string;
  port: number;
  groups: FeatureGroupModel;
  records: RecordModel;
  identities: IdentityModel;
  athena: AthenaQueryModel;
  userPool: UserPoolModel;
  throttle: ThrottleModel;
  close(): Promise<void>;
}

/**
 * A request answered without its body (unauthenticated, unknown, a preflight): the body is
 * discarded unbuffered and unparsed, and the connection closes after the answer, so what
 * the client still sends is never taken for a next request.
 */
function closeUnread(request: IncomingMessage, response: ServerResponse): void {
  if (request.complete) return;
  unreadSockets.add(request.socket);
  if (!response.headersSent) response.setHeader('Connection', 'close');
  request.resume();
}
/** Sockets whose request was answered unread: what the client still sends is not a request. */
const unreadSockets = new WeakSet<object>();

export async function startLocalFeatureStore(options: LocalFeatureStoreOptions = {}): Promise<LocalFeatureStore> {
  const now = options.now ?? (() => new Date());
  const region = options.region ?? DEFAULT_REGION;
  const db = new FeatureStoreDatabase(options.dataDir === undefined ? null : options.dataDir);
  const groups = new FeatureGroupModel(db, { region, accountId: options.accountId ?? DEFAULT_ACCOUNT_ID }, now);
  const records = new RecordModel(db, groups, now);
  const roleParameters = localRoleParameters(options);
  const accountId = roleParameters.account;
  const trust = {
    clientIds: options.identityPoolClientIds ?? [options.appClientId ?? DEFAULT_APP_CLIENT_ID],
    allowGuests: options.allowGuests ?? true,
    rolePolicies: rolePolicyDocuments(roleParameters),
    userPool: undefined as UserPoolModel | undefined,
  };
  const identities = new IdentityModel(db, options.identityPoolIds ?? [DEFAULT_IDENTITY_POOL_ID], options.developerKey ?? DEVELOPER_KEY, now, trust);
  const guestPolicy = options.guestPolicy ?? guestPolicyDocument(roleParameters, { writes: true });
  const logging = options.log !== undefined;
  const log = options.log ?? (() => {});
  const allowedOrigins = options.allowedOrigins ?? [];
  if (options.seed) seedDemoData(db, groups, records, now);
  // From here on, writes of requests that arrive together share one commit (storage/database.ts).
  db.groupCommit = true;
  groups.delays = { createMs: options.createDelayMs ?? 0, deleteMs: options.deleteDelayMs ?? 0 };
  const athena = new AthenaQueryModel({
    groups,
    records,
    now,
    offlineDelayMs: options.offlineDelayMs ?? 0,
    ...(options.athenaWorkGroups ? { workGroups: options.athenaWorkGroups } : {}),
  });
  const models: ServiceModels = { groups, records, identities, athena };
  const throttle = new ThrottleModel();
  // The runtime's answers wait as they would on the network (a timer: no CPU, other calls proceed).
  const simulatedLatency = (serviceName: string): Promise<void> | undefined => {
    if (!options.latency || serviceName !== 'featurestore-runtime') return undefined;
    const ms = sampleLatency(options.latency);
    return new Promise((resolve) => setTimeout(resolve, ms));
  };
  if (options.throttle) throttle.set(ALL_GROUPS, options.throttle);

  const corsForAll = options.corsForAllServices ?? false;
  /** What each service's requests must be signed for, made once. */
  const signingScopes = new Map<ServiceWire, SigningScope>(SERVICES.map((service) => [service, { region, service: service.signingName ?? 'sagemaker' }]));

  /**
   * Preflights name no operation (the browser sends the headers' names, not X-Amz-Target),
   * so one is answered when a CORS service may be behind the path: `/` is shared by the
   * AWS JSON services (Cognito identity and SageMaker alike), and the actual SageMaker
   * response then carries no CORS headers, so the browser still refuses it.
   */
  function preflightAllowed(rawPath: string, requestedMethod: string | undefined): boolean {
    if (corsForAll || rawPath === '/') return true;
    // The user pool's endpoints answer browsers, as Cognito's do.
    if (trust.userPool && userPoolRoute(requestedMethod ?? 'GET', rawPath, trust.userPool.poolId)) return true;
    return SERVICES.some((candidate) => candidate.cors && candidate.route(requestedMethod ?? 'POST', rawPath, undefined) !== undefined);
  }

  async function handle(request: IncomingMessage, response: ServerResponse, requestId: string): Promise<{ operation: string; group: string }> {
    response.setHeader('x-amzn-RequestId', requestId);
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const questionMark = url.indexOf('?');
    const rawPath = questionMark < 0 ? url : url.slice(0, questionMark);
    const search = questionMark < 0 ? '' : url.slice(questionMark + 1);

    if (method === 'OPTIONS' || rawPath.startsWith('/_local/')) closeUnread(request, response);
    if (method === 'OPTIONS') {
      const requestedMethod = request.headers['access-control-request-method'];
      if (!preflightAllowed(rawPath, typeof requestedMethod === 'string' ? requestedMethod : undefined)) {
        // No CORS headers: the browser refuses the call, as it would for AWS's endpoint.
        sendError(
          response,
          new ServiceError('AccessDeniedException', 403, 'This service does not answer cross-origin requests from browsers.'),
          'application/json',
        );
        return { operation: 'Preflight', group: '-' };
      }
      applyCorsHeaders(response, request.headers.origin, allowedOrigins);
      answerPreflight(response, request.headers['access-control-request-headers']);
      return { operation: 'Preflight', group: '-' };
    }
    if (rawPath.startsWith('/_local/')) return handleLocalRoute(method, rawPath, search, request.socket.remoteAddress, response);
    const userPoolOperation = trust.userPool && userPoolRoute(method, rawPath, trust.userPool.poolId);
    if (userPoolOperation && trust.userPool) {
      // The user pool's endpoints answer browsers (CORS), as Cognito's do.
      applyCorsHeaders(response, request.headers.origin, allowedOrigins);
      await handleUserPoolRequest(userPoolOperation, request, response, search, trust.userPool);
      return { operation: userPoolOperation, group: '-' };
    }

    const target = typeof request.headers['x-amz-target'] === 'string' ? request.headers['x-amz-target'] : undefined;
    let service: ServiceWire | undefined;
    let route: OperationRoute | undefined;
    for (const candidate of SERVICES) {
      route = candidate.route(method, rawPath, target);
      if (route) {
        service = candidate;
        break;
      }
    }
    if (!service || !route) {
      const error = new ServiceError(
        'UnknownOperationException',
        404,
        `No operation matches ${method} ${rawPath.slice(0, 256)}${target !== undefined ? ` with X-Amz-Target ${target.slice(0, 128)}` : ''}.`,
      );
      // The body of a request no operation answers is never read: close instead.
      closeUnread(request, response);
      sendError(response, error, 'application/json');
      return { operation: 'Unknown', group: '-' };
    }
    if (corsForAll || service.cors) applyCorsHeaders(response, request.headers.origin, allowedOrigins);
    let groupLabel = '-';
    try {
      // Headers as an object without a prototype: a header or signed-header name such as
      // `constructor` is just a name.
      const headers = Object.create(null) as Record<string, string>;
      const incoming = request.headers;
      for (const name in incoming) {
        const value = incoming[name];
        if (typeof value === 'string') headers[name] = value;
      }
      if (options.requireAwsHosts && !service.cors && headers.host !== service.awsHost(region)) {
        throw new ServiceError(
          'InvalidSignatureException',
          403,
          `This store answers ${service.name} as ${service.awsHost(region)} only; the request is addressed to ${(headers.host ?? '(no Host)').slice(0, 128)}.`,
        );
      }
      const scope = signingScopes.get(service) as SigningScope;
      // Authenticate what needs no body first: an unauthenticated request is never read.
      const checked = service.signed ? checkAuthorization(headers, identities, new Date(), scope) : undefined;
      const body = await readBody(request, service.bodyLimit);
      const query = parseQuery(search);
      let principal: Principal | undefined;
      if (checked) principal = verifySignature({ method, rawPath, query, headers, body }, identities, new Date(), scope, checked);
      const json = service.hasJsonBody(route.operation) ? parseJsonBody(body, service.validationError) : {};
      const parsed: OperationRequest = { ...route, query, body: json };
      const named = service.groupsNamed(parsed);
      groupLabel = named.join(',') || '-';

      if (principal && principal.kind !== 'developer') {
        const { checksFor, firstRefusal, refusalMessage } = await permissions();
        const checks = service.authorizationChecks?.(parsed, roleParameters, models) ?? checksFor(roleParameters, route.operation, named, json);
        const refusal = firstRefusal(principal.policy ?? guestPolicy, accountId, checks);
        if (refusal) {
          const principalArn = `arn:aws:sts::${accountId}:assumed-role/${principal.roleName ?? 'FeatureStoreConsoleGuest'}/CognitoIdentityCredentials`;
          throw service.accessDenied(refusalMessage(principalArn, refusal.check, refusal.decision));
        }
      }
      // After authentication and authorization, before anything is written: a throttled call changes nothing.
      throttle.check(route.operation, named);
      let answer = service.invoke(parsed, models);
      // Awaited only when it is a promise (Athena's and Glue's may be; the runtime's never are).
      if (answer instanceof Promise) answer = (await answer) as unknown;
      // Group commit (storage/database.ts): the answer leaves once the writes are committed.
      const committed = db.committed();
      if (committed) await committed;
      const latency = simulatedLatency(service.name);
      if (latency) await latency;
      sendJson(response, 200, answer, service.contentType);
    } catch (error) {
      if (error instanceof ServiceError) {
        const latency = simulatedLatency(service.name);
        if (latency) await latency;
      }
      if (error instanceof ServiceError) {
        closeUnread(request, response);
        sendError(response, error, service.contentType);
      } else if (error instanceof BodyTooLargeError) {
        closeUnread(request, response);
        const tooLarge = service.validationError(`The request body is larger than the ${error.limit} bytes the local Feature Store accepts for this service.`);
        sendError(response, new ServiceError(tooLarge.errorName, 413, tooLarge.message), service.contentType);
      } else if (error instanceof MalformedEncodingError) {
        sendError(response, service.validationError(error.message), service.contentType);
      } else {
        log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        sendError(
          response,
          new ServiceError('InternalFailure', 500, 'The local Feature Store failed to process the request; see its log.'),
          service.contentType,
        );
      }
    }
    return { operation: route.operation, group: groupLabel };
  }

  /** Local-only helpers, unsigned: the offline store as JSON Lines, a health check, and the throttle setting. */
  function handleLocalRoute(
    method: string,
    rawPath: string,
    search: string,
    remoteAddress: string | undefined,
    response: ServerResponse,
  ): { operation: string; group: string } {
    const throttled = /^\/_local\/throttle\/([^/]+)$/.exec(rawPath);
    if (throttled?.[1]) return handleThrottleRoute(method, throttled[1], search, remoteAddress, response);
    const offline = /^\/_local\/offline-store\/([^/]+)$/.exec(rawPath);
    if (method === 'GET' && offline?.[1]) {
      let name: string;
      try {
        name = decodeComponent(offline[1]);
      } catch {
        sendError(response, validationError('The feature group name in the path has a malformed percent escape.'), 'application/json');
        return { operation: 'OfflineStore', group: '-' };
      }
      const lines = records.offlineRows(name).map((row) => JSON.stringify(row));
      const text = lines.length ? `${lines.join('\n')}\n` : '';
      response.statusCode = 200;
      response.setHeader('Content-Type', 'application/x-ndjson');
      response.setHeader('Content-Length', Buffer.byteLength(text));
      response.end(text);
      return { operation: 'OfflineStore', group: name };
    }
    if (method === 'POST' && rawPath === '/_local/user-pool/revoke-sessions') {
      // Local stand-in for an ended session: every sign-in session, refresh token and
      // signed-in user's credentials stop working at once (no clock involved).
      sendJson(response, 200, { revokedSessions: trust.userPool?.revokeAllSessions() ?? 0, revokedCredentials: identities.revokeAuthenticatedCredentials() });
      return { operation: 'RevokeSessions', group: '-' };
    }
    if (method === 'GET' && rawPath === '/_local/health') {
      sendJson(response, 200, { status: 'ok', region });
      return { operation: 'Health', group: '-' };
    }
    sendError(response, new ServiceError('UnknownOperationException', 404, `No local route ${method} ${rawPath}.`), 'application/json');
    return { operation: 'Unknown', group: '-' };
  }

  /**
   * `PUT /_local/throttle/<group>?requestsPerSecond=N&burst=M` sets a group's throttle (`*`
   * for every group), `GET` shows it with its counts, `DELETE` removes it. Unsigned, so only
   * from a loopback address: anyone who can reach the port otherwise could slow it down.
   */
  function handleThrottleRoute(
    method: string,
    rawGroup: string,
    search: string,
    remoteAddress: string | undefined,
    response: ServerResponse,
  ): { operation: string; group: string } {
    const loopback = remoteAddress === '127.0.0.1' || remoteAddress === '::1' || remoteAddress === '::ffff:127.0.0.1';
    if (!loopback) {
      sendError(response, accessForbidden('The throttle setting can be changed only from this machine (a loopback address).'), 'application/json');
      return { operation: 'Throttle', group: '-' };
    }
    let group: string;
    try {
      group = decodeComponent(rawGroup);
    } catch {
      sendError(response, validationError('The feature group name in the path has a malformed percent escape.'), 'application/json');
      return { operation: 'Throttle', group: '-' };
    }
    if (method === 'PUT') {
      let query: Record<string, string[]>;
      try {
        query = parseQuery(search);
      } catch {
        sendError(response, validationError('The query string has a malformed percent escape.'), 'application/json');
        return { operation: 'Throttle', group };
      }
      const setting = parseThrottleSetting(query.requestsPerSecond?.[0] ?? '', query.burst?.[0]);
      if (typeof setting === 'string') {
        sendError(response, validationError(setting), 'application/json');
        return { operation: 'Throttle', group };
      }
      throttle.set(group, setting);
    } else if (method === 'DELETE') throttle.clear(group);
    else if (method !== 'GET') {
      sendError(response, new ServiceError('UnknownOperationException', 404, `No local route ${method} /_local/throttle.`), 'application/json');
      return { operation: 'Unknown', group };
    }
    sendJson(response, 200, { group, throttle: throttle.describe(group) ?? null });
    return { operation: 'Throttle', group };
  }

  const server = http.createServer((request, response) => {
    const started = logging ? performance.now() : 0;
    response.once('finish', () => closeUnread(request, response));
    const requestId = randomUUID();
    handle(request, response, requestId)
      .then(({ operation, group }) => {
        // The line is built only when it is logged (--quiet: never).
        if (logging) log(`${operation} ${group} ${response.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
      })
      .catch((error: unknown) => {
        log(`internal error: ${String(error)}`);
        if (!response.headersSent) sendError(response, new ServiceError('InternalFailure', 500, 'Internal failure.'), 'application/json');
      });
  });
  server.keepAliveTimeout = 5_000;
  // Slow clients cannot hold the server: headers within 10 s, a whole request within 60 s,
  // and a bounded number of open connections (decisions; AWS publishes none of these).
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.maxConnections = options.maxConnections ?? 512;
  // Framing errors (bad request line, Content-Length with Transfer-Encoding, headers over
  // the limit, timeouts) get a named AWS-style error instead of Node's bare 400/431.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || unreadSockets.has(socket) || error.code === 'ECONNRESET') return socket.destroy();
    const code = error.code ?? '';
    const [status, name, message] =
      code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'RequestHeaderFieldsTooLarge', 'The request headers are larger than the local Feature Store accepts.']
        : code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT'
          ? [408, 'RequestTimeout', 'The request was not received in time.']
          : [400, 'MalformedHttpRequestException', 'The request is not well-formed HTTP/1.1.'];
    const body = JSON.stringify({ __type: name, message, Message: message });
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Bad Request'}\r\nContent-Type: application/json\r\nx-amzn-ErrorType: ${name}\r\nx-amzn-RequestId: ${randomUUID()}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => resolve());
  });
  const sweep = setInterval(() => records.purgeExpired(), SWEEP_INTERVAL_MS);
  sweep.unref();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const publicUrl = (options.publicUrl ?? `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`).replace(/\/+$/, '');
  const userPoolId = options.userPoolId ?? DEFAULT_USER_POOL_ID;
  trust.userPool = await UserPoolModel.create({
    poolId: userPoolId,
    issuer: `${publicUrl}/${userPoolId}`,
    domain: publicUrl,
    clients: [{ clientId: options.appClientId ?? DEFAULT_APP_CLIENT_ID, callbackUrls: options.callbackUrls ?? [], logoutUrls: options.logoutUrls ?? [] }],
    users: options.users ?? DEMO_USERS,
    groupRoles: Object.fromEntries(CONSOLE_ROLES.map((role) => [role, { roleArn: roleArnFor(accountId, role), precedence: ROLE_PRECEDENCE[role] }])),
    ...(options.tokenLifetimeSeconds !== undefined ? { tokenLifetimeSeconds: options.tokenLifetimeSeconds } : {}),
    now,
  });

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    groups,
    records,
    identities,
    athena,
    userPool: trust.userPool,
    throttle,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        server.closeAllConnections();
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}
