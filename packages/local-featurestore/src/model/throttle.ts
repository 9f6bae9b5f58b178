/**
 * Optional write throttling, so a client's backoff and retry are tested against real
 * answers: beyond a configured rate, PutRecord and BatchWriteRecord answer
 * `ThrottlingException`, HTTP 400, "Rate exceeded", as AWS services answer throttled calls
 * (the name is the one the SDKs' retry strategies treat as throttling; the runtime's
 * service model lists no throttling error of its own, so the generic one is used).
 *
 * A token bucket per feature group (or one for every group, `*`): `burst` calls at once,
 * refilled at `requestsPerSecond`. Nothing is written by a throttled call. Off by default;
 * set at start (LOCAL_FEATURESTORE_THROTTLE) or at runtime through `/_local/throttle/<group>`.
 */
import { ServiceError } from './errors.js';

export const THROTTLED_OPERATIONS = new Set(['PutRecord', 'BatchWriteRecord']);
export const ALL_GROUPS = '*';
const MAX_RATE = 1_000_000;

export interface ThrottleSetting {
  requestsPerSecond: number;
  burst: number;
}

interface Bucket extends ThrottleSetting {
  tokens: number;
  updatedAt: number;
  throttled: number;
  allowed: number;
}

export const throttlingException = () => new ServiceError('ThrottlingException', 400, 'Rate exceeded');

/** A setting from text such as "5" or "5:10" (requests per second, burst), or a message. */
export function parseThrottleSetting(requestsPerSecond: string, burst: string | undefined): ThrottleSetting | string {
  if (!/^\d{1,7}(\.\d{1,6})?$/.test(requestsPerSecond)) return 'requestsPerSecond must be a positive number.';
  const rate = Number(requestsPerSecond);
  if (!(rate > 0 && rate <= MAX_RATE)) return `requestsPerSecond must be above 0 and at most ${MAX_RATE}.`;
  if (burst !== undefined && !/^\d{1,7}$/.test(burst)) return 'burst must be a whole number of at least 1.';
  const size = burst === undefined ? Math.max(1, Math.ceil(rate)) : Number(burst);
  if (size < 1) return 'burst must be a whole number of at least 1.';
  return { requestsPerSecond: rate, burst: size };
}

export class ThrottleModel {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly clock: () => number = () => performance.now()) {}

  set(group: string, setting: ThrottleSetting): void {
    this.buckets.set(group, { ...setting, tokens: setting.burst, updatedAt: this.clock(), throttled: 0, allowed: 0 });
  }

  clear(group: string): boolean {
    return this.buckets.delete(group);
  }

  describe(group: string): (ThrottleSetting & { throttled: number; allowed: number }) | undefined {
    const bucket = this.buckets.get(group);
    return bucket && { requestsPerSecond: bucket.requestsPerSecond, burst: bucket.burst, throttled: bucket.throttled, allowed: bucket.allowed };
  }

  /** Throws ThrottlingException when any bucket the call draws from is empty; takes one token from each otherwise. */
  check(operation: string, groups: readonly string[]): void {
    if (this.buckets.size === 0 || !THROTTLED_OPERATIONS.has(operation)) return;
    const now = this.clock();
    const buckets = [...new Set([ALL_GROUPS, ...groups])].flatMap((name) => this.buckets.get(name) ?? []);
    for (const bucket of buckets) {
      bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.requestsPerSecond);
      bucket.updatedAt = now;
    }
    if (buckets.some((bucket) => bucket.tokens < 1)) {
      for (const bucket of buckets) bucket.throttled += 1;
      throw throttlingException();
    }
    for (const bucket of buckets) {
      bucket.tokens -= 1;
      bucket.allowed += 1;
    }
  }
}
