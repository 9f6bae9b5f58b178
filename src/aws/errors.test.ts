import { describe, expect, it } from 'vitest';
import { AwsCallError, describeAwsError, toAwsCallError } from './errors';

const sdkError = (name: string, message = 'm', status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1', httpStatusCode: status } });

describe('AwsCallError', () => {
  it('keeps the operation, group, endpoint, AWS name, request id and status', () => {
    const error = toAwsCallError(sdkError('AccessForbidden', 'User is not authorized', 403), {
      operation: 'PutRecord',
      group: 'rates',
      endpoint: 'http://e',
    });
    expect(error).toBeInstanceOf(AwsCallError);
    expect(error).toMatchObject({
      kind: 'forbidden',
      operation: 'PutRecord',
      group: 'rates',
      endpoint: 'http://e',
      name: 'AccessForbidden',
      awsName: 'AccessForbidden',
      requestId: 'req-1',
      httpStatus: 403,
      message: 'User is not authorized',
    });
    expect(toAwsCallError(error, { operation: 'Other' })).toBe(error);
  });

  it.each([
    ['ValidationError', 400, 'validation'],
    ['ConflictException', 409, 'conflict'],
    ['ServiceUnavailable', 503, 'service'],
    ['InternalFailure', 500, 'service'],
    ['ThrottlingException', 400, 'throttled'],
    ['ResourceNotFound', 404, 'notFound'],
    ['ExpiredTokenException', 400, 'auth'],
    ['SomethingNew', 403, 'forbidden'],
    ['SomethingNew', 429, 'throttled'],
    ['SomethingNew', 500, 'service'],
  ])('maps %s (HTTP %i) to %s', (name, status, kind) => {
    expect(toAwsCallError(sdkError(name, 'm', status), { operation: 'GetRecord' }).kind).toBe(kind);
  });

  it('a TypeError that is not a failed fetch is not called a network failure', () => {
    expect(toAwsCallError(new TypeError("Cannot read properties of undefined (reading 'x')"), { operation: 'GetRecord' }).kind).toBe('service');
    expect(toAwsCallError(new TypeError('NetworkError when attempting to fetch resource.'), { operation: 'GetRecord' }).kind).toBe('network');
  });

  it('only retries what may pass next time', () => {
    expect(toAwsCallError(sdkError('ValidationError'), { operation: 'PutRecord' }).retryable).toBe(false);
    expect(toAwsCallError(sdkError('ThrottlingException'), { operation: 'PutRecord' }).retryable).toBe(true);
  });
});

describe('describeAwsError', () => {
  it('says who may not write, with the name and request id', () => {
    expect(
      describeAwsError(toAwsCallError(sdkError('AccessForbidden', 'User is not authorized', 403), { operation: 'PutRecord', group: 'rates' })),
    ).toMatchObject({
      kind: 'forbidden',
      title: 'Your identity may not write to feature group rates',
      errorName: 'AccessForbidden',
      requestId: 'req-1',
      httpStatus: 403,
    });
  });

  it('explains a network failure with the endpoint, never as "AWS error TypeError" (B15)', () => {
    const problem = describeAwsError(toAwsCallError(new TypeError('Failed to fetch'), { operation: 'PutRecord', endpoint: 'http://127.0.0.1:1' }));
    expect(problem).toMatchObject({ kind: 'network', title: 'The endpoint did not answer' });
    expect(problem.errorName).toBeUndefined();
    expect(problem.detail).toContain('http://127.0.0.1:1');
  });
});
