/**
 * What every storage function returns: storage never throws into its caller (a write,
 * a page render). A failure says why in words a user can act on.
 */
export type StorageFailureReason = 'full' | 'unavailable' | 'timeout' | 'failed';

export interface StorageFailure {
  ok: false;
  reason: StorageFailureReason;
  /** Short, for a warning next to a result: "storage full". */
  message: string;
}

export type StorageResult<T = undefined> = { ok: true; value: T } | StorageFailure;

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

const MESSAGES: Record<StorageFailureReason, string> = {
  full: 'storage full',
  unavailable: 'browser storage unavailable',
  timeout: 'browser storage did not answer',
  failed: 'browser storage failed',
};

export function storageFailure(reason: StorageFailureReason, detail?: string): StorageFailure {
  return { ok: false, reason, message: detail ? `${MESSAGES[reason]} (${detail})` : MESSAGES[reason] };
}

/** Maps what IndexedDB rejects with (a DOMException, usually) to a failure. */
export function failureFrom(error: unknown): StorageFailure {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  if (name === 'QuotaExceededError') return storageFailure('full');
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError' || name === 'NotSupportedError') {
    return storageFailure('unavailable');
  }
  if (name === 'TimeoutError') return storageFailure('timeout');
  return storageFailure('failed', name || undefined);
}

/** Runs a storage operation; whatever it throws becomes a failure. Bounded in time, so a blocked database never stalls a caller. */
export async function attempt<T>(operation: () => Promise<T>, timeoutMs = 10_000): Promise<StorageResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'TimeoutError' })), timeoutMs);
    });
    return ok(await Promise.race([operation(), timeout]));
  } catch (error) {
    return failureFrom(error);
  } finally {
    clearTimeout(timer);
  }
}
