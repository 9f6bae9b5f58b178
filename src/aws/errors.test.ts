import { describe, expect, it } from 'vitest';
import { describeAwsError } from './errors';

const sdkError = (name: string, message = 'm', status = 400) =>
  Object.assign(new Error(message), { name, $metadata: { requestId: 'req-1', httpStatusCode: status } });

describe('describeAwsError', () => {
  it('says who may not write, with the name and request id', () => {
    expect(describeAwsError(sdkError('AccessForbidden', 'User is not authorized', 403), { operation: 'PutRecord', featureGroup: 'rates' })).toMatchObject({
      kind: 'forbidden',
      title: 'Your identity may not write to feature group rates',
      errorName: 'AccessForbidden',
      requestId: 'req-1',
      httpStatus: 403,
    });
  });
  it('explains a network or CORS failure with the endpoint', () => {
    const problem = describeAwsError(new TypeError('Failed to fetch'), { operation: 'PutRecord', endpoint: 'http://127.0.0.1:1' });
    expect(problem).toMatchObject({ kind: 'network', title: 'The endpoint did not answer' });
    expect(problem.detail).toContain('http://127.0.0.1:1');
  });
  it.each([
    ['ValidationError', 'validation'],
    ['ConflictException', 'conflict'],
    ['ServiceUnavailable', 'unavailable'],
    ['InternalFailure', 'unavailable'],
    ['ResourceNotFound', 'not-found'],
    ['ExpiredTokenException', 'credentials'],
    ['Weird', 'unknown'],
  ])('maps %s to %s', (name, kind) => {
    expect(describeAwsError(sdkError(name), { operation: 'GetRecord' }).kind).toBe(kind);
  });
});
