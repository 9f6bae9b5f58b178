/**
 * One typed error for every failed AWS call. The call wrapper (api.ts) turns whatever
 * the SDK or fetch threw into an AwsCallError once, where the call is made, with the
 * operation, group and endpoint; TanStack Query knows it as its default error type
 * (see the Register declaration below), and every screen renders from it with
 * describeAwsError(). No screen looks at error names itself.
 */
export type AwsErrorKind = 'network' | 'auth' | 'forbidden' | 'validation' | 'conflict' | 'notFound' | 'throttled' | 'service';

export interface AwsCallContext {
  operation: string;
  group?: string | undefined;
  endpoint?: string | undefined;
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { requestId?: string; httpStatusCode?: number };
  $fault?: string;
}

/** AWS error names (AWS JSON `__type`, REST error codes) by kind. Anything else: by HTTP status, then 'service'. */
const KIND_BY_NAME: Record<string, AwsErrorKind> = {
  ValidationError: 'validation',
  ValidationException: 'validation',
  SerializationException: 'validation',
  AccessForbidden: 'forbidden',
  AccessDeniedException: 'forbidden',
  ResourceNotFound: 'notFound',
  ResourceNotFoundException: 'notFound',
  ConflictException: 'conflict',
  ResourceInUse: 'conflict',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  ServiceUnavailable: 'service',
  InternalFailure: 'service',
  InternalServerError: 'service',
  ExpiredTokenException: 'auth',
  UnrecognizedClientException: 'auth',
  NotAuthorizedException: 'auth',
  InvalidSignatureException: 'auth',
  IncompleteSignatureException: 'auth',
  MissingAuthenticationTokenException: 'auth',
  InvalidIdentityPoolConfigurationException: 'auth',
  CredentialsProviderError: 'auth',
  // No credentials without signing in (again): see signInState.ts.
  SessionExpired: 'auth',
  // The console's relay (server/relay.ts) could not reach AWS: nothing answered.
  RelayUpstreamUnreachable: 'network',
  RelayTimeout: 'network',
};

const NETWORK_MESSAGE = /Failed to fetch|NetworkError|Load failed|network error|ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT/i;

function kindOf(name: string, message: string, status: number | undefined): AwsErrorKind {
  const known = KIND_BY_NAME[name];
  if (known) return known;
  // fetch() rejects with a TypeError ("Failed to fetch", "NetworkError ...", "Load failed") when nothing answers
  // or CORS blocks the response; no HTTP status then. Any other TypeError is a bug, not the network.
  if (status === undefined && (NETWORK_MESSAGE.test(message) || name === 'TimeoutError' || name === 'RequestTimeout')) return 'network';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 400 && status < 500) return 'validation';
  return 'service';
}

export class AwsCallError extends Error {
  readonly operation: string;
  readonly group: string | undefined;
  readonly endpoint: string | undefined;
  readonly kind: AwsErrorKind;
  /** The AWS error name (e.g. AccessForbidden); undefined when no AWS answer arrived (network). */
  readonly awsName: string | undefined;
  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(fields: {
    operation: string;
    group?: string | undefined;
    endpoint?: string | undefined;
    kind: AwsErrorKind;
    name: string;
    message: string;
    awsName?: string | undefined;
    requestId?: string | undefined;
    httpStatus?: number | undefined;
    cause?: unknown;
  }) {
    super(fields.message, { cause: fields.cause });
    // `name` stays the AWS (or JS) error name, so code that retries on a name keeps working.
    this.name = fields.name;
    this.operation = fields.operation;
    this.group = fields.group;
    this.endpoint = fields.endpoint;
    this.kind = fields.kind;
    this.awsName = fields.awsName;
    this.requestId = fields.requestId;
    this.httpStatus = fields.httpStatus;
  }

  /** Client errors are answers, not glitches: retrying cannot change them. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'throttled' || this.kind === 'service';
  }
}

/** The one place an SDK or fetch failure becomes an AwsCallError. An AwsCallError passes through unchanged. */
export function toAwsCallError(error: unknown, context: AwsCallContext): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const sdkError = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorLike;
  const name = sdkError.name ?? 'Error';
  const message = sdkError.message ?? '';
  const httpStatus = sdkError.$metadata?.httpStatusCode;
  const kind = kindOf(name, message, httpStatus);
  return new AwsCallError({
    ...context,
    kind,
    name,
    message,
    awsName: kind === 'network' ? undefined : name,
    requestId: sdkError.$metadata?.requestId,
    httpStatus,
    cause: error,
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: AwsCallError;
  }
}

/** What a screen shows for a failed call. */
export interface AwsProblem {
  kind: AwsErrorKind;
  title: string;
  detail: string;
  /** The AWS error name; absent when no AWS answer arrived. */
  errorName?: string;
  requestId?: string;
  httpStatus?: number;
}

/** Extra context a screen knows better than the call (e.g. the operation a form was about to send). */
export type ProblemContext = Partial<AwsCallContext> & { featureGroup?: string | undefined };

const WRITE_OPERATIONS = new Set(['PutRecord', 'UpdateRecord', 'DeleteRecord', 'BatchWriteRecord']);

/** The words for an AwsCallError (anything else is normalised first, with the context given). */
export function describeAwsError(error: unknown, context: ProblemContext = {}): AwsProblem {
  const call =
    error instanceof AwsCallError
      ? error
      : toAwsCallError(error, { operation: context.operation ?? 'The call', group: context.group ?? context.featureGroup, endpoint: context.endpoint });
  const operation = call.operation;
  const groupName = call.group ?? context.group ?? context.featureGroup;
  const group = groupName ? `feature group ${groupName}` : 'this resource';
  const ids = {
    ...(call.awsName ? { errorName: call.awsName } : {}),
    ...(call.requestId ? { requestId: call.requestId } : {}),
    ...(call.httpStatus ? { httpStatus: call.httpStatus } : {}),
  };
  const message = call.message;
  switch (call.kind) {
    case 'network':
      return {
        kind: 'network',
        title: 'The endpoint did not answer',
        detail: `No response from ${call.endpoint ?? context.endpoint ?? 'the AWS endpoint'}. Check that it is running and reachable, and that it allows requests from this page (CORS). Your input is kept; try again when it is back.`,
      };
    case 'validation':
      return { ...ids, kind: 'validation', title: 'The service rejected the request', detail: message };
    case 'forbidden':
      return {
        ...ids,
        kind: 'forbidden',
        title: WRITE_OPERATIONS.has(operation) ? `Your identity may not write to ${group}` : `Your identity may not call ${operation} on ${group}`,
        detail: `Ask an administrator to allow sagemaker:${operation} for the console's role. AWS said: ${message}`,
      };
    case 'notFound':
      return { ...ids, kind: 'notFound', title: `Not found: ${group}`, detail: message };
    case 'conflict':
      return { ...ids, kind: 'conflict', title: 'Someone wrote a newer version of this record', detail: message };
    case 'throttled':
      return {
        ...ids,
        kind: 'throttled',
        title: 'Too many requests',
        detail: `AWS is throttling ${operation} (the SDK retried and gave up). Your input is kept: try again in a moment.`,
      };
    case 'auth':
      if (call.awsName === 'SessionExpired' || call.name === 'SessionExpired') {
        return { kind: 'auth', title: 'Sign in to continue', detail: `${message} Nothing was changed; your input is kept.` };
      }
      return {
        ...ids,
        kind: 'auth',
        title: 'The console could not get valid credentials',
        detail: `${message} Check identityPoolId and region in config.json, then reload.`,
      };
    case 'service':
      return call.httpStatus !== undefined && call.httpStatus >= 500
        ? {
            ...ids,
            kind: 'service',
            title: 'The service could not complete the request',
            detail: `The SDK retried and gave up (${call.name}). Your input is kept: try again in a moment.`,
          }
        : { ...ids, kind: 'service', title: `${operation} failed`, detail: message || 'An unexpected error occurred.' };
  }
}
