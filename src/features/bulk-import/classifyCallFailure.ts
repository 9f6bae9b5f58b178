import { AwsCallError } from '../../aws/errors';
import type { CallFailure } from '../../domain/importRun';

/** How the write loop treats a BatchWriteRecord call that failed as a whole. */
export function classifyCallFailure(error: unknown): CallFailure {
  const name = error instanceof AwsCallError ? (error.awsName ?? error.name) : error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof AwsCallError ? error.kind : 'service';
  if (kind === 'throttled') return { kind: 'throttled', errorCode: name, message };
  if (kind === 'network' || kind === 'service') return { kind: 'transient', errorCode: name, message };
  return { kind: 'final', errorCode: name, message };
}
