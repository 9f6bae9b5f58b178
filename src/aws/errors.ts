/**
 * AWS errors in words a user can act on, keeping the AWS error name and request id
 * so support can trace the call.
 */
export type ProblemKind = 'validation' | 'forbidden' | 'not-found' | 'conflict' | 'unavailable' | 'network' | 'credentials' | 'unknown';

export interface AwsProblem {
  kind: ProblemKind;
  title: string;
  detail: string;
  errorName?: string;
  requestId?: string;
  httpStatus?: number;
}

export interface ProblemContext {
  operation: string;
  featureGroup?: string;
  endpoint?: string;
}

const WRITE_OPERATIONS = new Set(['PutRecord', 'UpdateRecord', 'DeleteRecord', 'BatchWriteRecord']);

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { requestId?: string; httpStatusCode?: number };
  $fault?: string;
}

export function describeAwsError(error: unknown, context: ProblemContext): AwsProblem {
  const sdkError = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorLike;
  const name = sdkError.name ?? 'Error';
  const message = sdkError.message ?? '';
  const base = {
    ...(sdkError.$metadata?.requestId ? { requestId: sdkError.$metadata.requestId } : {}),
    ...(sdkError.$metadata?.httpStatusCode ? { httpStatus: sdkError.$metadata.httpStatusCode } : {}),
    errorName: name,
  };
  const group = context.featureGroup ? `feature group ${context.featureGroup}` : 'this resource';

  // fetch() rejects with a TypeError when nothing answers or CORS blocks the response.
  if (name === 'TypeError' || /Failed to fetch|NetworkError|Load failed|ECONNREFUSED/i.test(message)) {
    return {
      kind: 'network',
      title: 'The endpoint did not answer',
      detail: `No response from ${context.endpoint ?? 'the AWS endpoint'}. Check that it is running and reachable, and that it allows requests from this page (CORS). Your input is kept; try again when it is back.`,
      errorName: name,
    };
  }
  switch (name) {
    case 'ValidationError':
    case 'ValidationException':
      return { ...base, kind: 'validation', title: 'The service rejected the request', detail: message };
    case 'AccessForbidden':
    case 'AccessDeniedException':
      return {
        ...base,
        kind: 'forbidden',
        title: WRITE_OPERATIONS.has(context.operation)
          ? `Your identity may not write to ${group}`
          : `Your identity may not call ${context.operation} on ${group}`,
        detail: `Ask an administrator to allow sagemaker:${context.operation} for the console's role. AWS said: ${message}`,
      };
    case 'ResourceNotFound':
    case 'ResourceNotFoundException':
      return { ...base, kind: 'not-found', title: `Not found: ${group}`, detail: message };
    case 'ConflictException':
      return { ...base, kind: 'conflict', title: 'Someone wrote a newer version of this record', detail: message };
    case 'ServiceUnavailable':
    case 'InternalFailure':
    case 'ThrottlingException':
    case 'InternalServerError':
      return {
        ...base,
        kind: 'unavailable',
        title: 'The service could not complete the request',
        detail: `The SDK retried and gave up (${name}). Your input is kept: try again in a moment.`,
      };
    case 'ExpiredTokenException':
    case 'UnrecognizedClientException':
    case 'NotAuthorizedException':
    case 'InvalidSignatureException':
    case 'IncompleteSignatureException':
    case 'MissingAuthenticationTokenException':
      return {
        ...base,
        kind: 'credentials',
        title: 'The console could not get valid credentials',
        detail: `${message} Check identityPoolId and region in config.json, then reload.`,
      };
    default:
      return { ...base, kind: 'unknown', title: `${context.operation} failed`, detail: message || 'An unexpected error occurred.' };
  }
}
