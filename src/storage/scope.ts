/**
 * Whose data: every stored row is keyed by the environment (region + endpoint) and the
 * signed-in identity, so two environments or two people on one browser never see each
 * other's history, drafts, templates or preferences. `user` is 'guest' until sign-in.
 */
export interface StorageScope {
  environment: string;
  user: string;
}

export const GUEST_USER = 'guest';

/** One string per scope, used as the first part of every key and index. */
export function scopeKey(scope: StorageScope): string {
  // U+0000 cannot occur in an environment key or a user id, so the join is unambiguous.
  return `${scope.environment}\u0000${scope.user}`;
}
