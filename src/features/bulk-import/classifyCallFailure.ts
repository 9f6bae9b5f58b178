import { AwsCallError, describeAwsError } from '../../aws/errors';
import type { CallFailure } from '../../domain/importRun';

/**
 * How the write loop treats a BatchWriteRecord call that failed as a whole. A refusal that
 * every other call would get too (the identity may not write, the session expired or its
 * credentials were refused, the group does not exist) stops the import, in the form's words.
 */
export function classifyCallFailure(error: unknown): CallFailure {
  const name = error instanceof AwsCallError ? (error.awsName ?? error.name) : error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof AwsCallError ? error.kind : 'service';
  if (kind === 'throttled') return { kind: 'throttled', errorCode: name, message };
  if (kind === 'network' || kind === 'service') return { kind: 'transient', errorCode: name, message };
  if (kind === 'forbidden' || kind === 'auth' || kind === 'notFound') {
    const problem = describeAwsError(error, { operation: 'BatchWriteRecord' });
    return { kind: 'refused', errorCode: name, message, title: problem.title, detail: problem.detail };
  }
  return { kind: 'final', errorCode: name, message };
}
