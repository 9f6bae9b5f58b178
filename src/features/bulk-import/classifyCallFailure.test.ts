import { describe, expect, it } from 'vitest';
import { toAwsCallError } from '../../aws/errors';
import { classifyCallFailure } from './classifyCallFailure';

const failure = (name: string, httpStatusCode: number) =>
  toAwsCallError(Object.assign(new Error(`${name} said no`), { name, $metadata: { httpStatusCode } }), {
    operation: 'BatchWriteRecord',
    group: 'customers',
  });

describe('classifyCallFailure', () => {
  it('stops the import on refusals every call would get, in the form words', () => {
    expect(classifyCallFailure(failure('AccessForbidden', 403))).toMatchObject({
      kind: 'refused',
      errorCode: 'AccessForbidden',
      title: 'Your identity may not write to feature group customers',
    });
    expect(classifyCallFailure(failure('ExpiredTokenException', 403)).kind).toBe('refused');
    expect(classifyCallFailure(failure('ResourceNotFound', 404))).toMatchObject({ kind: 'refused', title: 'Not found: feature group customers' });
  });

  it('retries throttling and transient failures; fails the rows of a rejected request', () => {
    expect(classifyCallFailure(failure('ThrottlingException', 400)).kind).toBe('throttled');
    expect(classifyCallFailure(failure('ServiceUnavailable', 503)).kind).toBe('transient');
    expect(classifyCallFailure(failure('ValidationError', 400)).kind).toBe('final');
  });
});
