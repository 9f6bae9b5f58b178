/**
 * Who is signed in, as a small external store the header, the credential provider
 * (sdk.ts) and the write wrapper read. It holds the current ID token in memory only:
 * nothing here is ever written to storage. signIn.ts (oidc-client-ts) writes it.
 */
import { useSyncExternalStore } from 'react';
import { setSignedInUser } from './storageScope';

/** The user-pool groups the console knows, most privileged first (the identity pool's precedence). */
export const CONSOLE_ROLES = ['admins', 'writers', 'support', 'readers'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];
export const ROLE_LABELS: Record<ConsoleRole, string> = { readers: 'Reader', writers: 'Writer', support: 'Support', admins: 'Admin' };

export interface SignedInUser {
  /** The user pool's subject: the stable id local data is kept under. */
  sub: string;
  /** What the header and history show: the email, else the username. */
  name: string;
  groups: string[];
  role: ConsoleRole | undefined;
  idToken: string;
  /** When the ID token expires. */
  expiresAt: Date;
}

export type SignInState =
  | { status: 'guest' }
  | { status: 'signed-in'; user: SignedInUser }
  /** The session ended (the token expired and could not be renewed, or was refused): asks to sign in again. */
  | { status: 'expired'; user: SignedInUser; reason: string };

let state: SignInState = { status: 'guest' };
const listeners = new Set<() => void>();
/** Renews the session without the user (refresh token); true when it worked. Set by signIn.ts. */
let renewer: (() => Promise<boolean>) | undefined;

export function getSignIn(): SignInState {
  return state;
}

export function setSignIn(next: SignInState): void {
  state = next;
  // History, drafts and the query cache follow the signed-in user (an expired session stays theirs).
  setSignedInUser(next.status === 'guest' ? undefined : `user:${next.user.sub}`);
  for (const listener of listeners) listener();
}

export function subscribeSignIn(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignIn(): SignInState {
  return useSyncExternalStore(subscribeSignIn, getSignIn);
}

/** The role a token's cognito:groups map to: the most privileged group it names. */
export function roleForGroups(groups: readonly string[]): ConsoleRole | undefined {
  return CONSOLE_ROLES.find((role) => groups.includes(role));
}

export function setSessionRenewer(renew: (() => Promise<boolean>) | undefined): void {
  renewer = renew;
}

/**
 * The identity pool refused the session's token: renew silently once (refresh token);
 * when that fails, the session is over and the header asks to sign in again.
 */
export async function renewOrExpire(reason: string): Promise<boolean> {
  const current = state;
  if (current.status !== 'signed-in') return false;
  const renewed = renewer ? await renewer().catch(() => false) : false;
  if (renewed) return true;
  if (state.status === 'signed-in') setSignIn({ status: 'expired', user: state.user, reason });
  return false;
}

/** Who made a write, for the history entry: the signed-in user's name and role. */
export function currentActor(): { name: string; role?: string } | undefined {
  if (state.status === 'guest') return undefined;
  return { name: state.user.name, ...(state.user.role ? { role: state.user.role } : {}) };
}

/** The error a call gets when it needs a signed-in user and there is none (or the session ended). */
export class SignInRequiredError extends Error {
  override readonly name = 'SessionExpired';
}
