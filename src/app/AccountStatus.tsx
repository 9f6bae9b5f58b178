import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useRuntimeConfig } from '../aws/AwsContext';
import { guestsAllowed } from '../aws/config';
import { ROLE_LABELS, useSignIn, type ConsoleRole } from '../aws/signInState';

export function roleLabel(role: ConsoleRole | undefined): string {
  return role ? ROLE_LABELS[role] : 'No role';
}

/** Starts the managed-login round trip (oidc-client-ts loads only now). */
export function useSignInAction(): { signIn: () => void; busy: boolean; error: string | undefined } {
  const config = useRuntimeConfig();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return {
    busy,
    error,
    signIn: () => {
      setBusy(true);
      setError(undefined);
      void import('../aws/signIn')
        .then(({ startSignIn }) => startSignIn(config))
        .catch((failure: unknown) => {
          setBusy(false);
          setError(`Sign-in could not start: ${(failure as Error).message}`);
        });
    },
  };
}

/** Who is using the console, in the header: the signed-in user and their role, or Guest with a Sign in button. */
export function AccountStatus() {
  const config = useRuntimeConfig();
  const state = useSignIn();
  const queryClient = useQueryClient();
  const { signIn, busy, error } = useSignInAction();
  const [signingOut, setSigningOut] = useState(false);
  if (!config.auth) return null;

  if (state.status === 'guest') {
    return (
      <span className="account" data-testid="account">
        <span>Guest</span>
        <button type="button" className="button button--small button--primary" onClick={signIn} disabled={busy}>
          {busy ? 'Opening sign-in…' : 'Sign in'}
        </button>
        {error ? <span className="field__error">{error}</span> : null}
      </span>
    );
  }
  const signOutButton = (
    <button
      type="button"
      className="button button--small"
      disabled={signingOut}
      onClick={() => {
        setSigningOut(true);
        // Back to this page when a guest may use the console, else to the start (which asks to sign in).
        const returnTo = guestsAllowed(config) ? `${window.location.pathname}${window.location.search}` : '/';
        void import('../aws/signIn').then(({ signOut }) => signOut(config, () => queryClient.clear(), returnTo));
      }}
    >
      {signingOut ? 'Signing out…' : 'Sign out'}
    </button>
  );
  if (state.status === 'expired') {
    return (
      <span className="account account--expired" data-testid="account" role="alert">
        <span>
          Your session as <strong>{state.user.name}</strong> has ended. Sign in again to continue.
        </span>
        <button type="button" className="button button--small button--primary" onClick={signIn} disabled={busy}>
          {busy ? 'Opening sign-in…' : 'Sign in again'}
        </button>
        {signOutButton}
      </span>
    );
  }
  return (
    <span className="account" data-testid="account">
      <span>
        Signed in as <strong data-testid="account-name">{state.user.name}</strong>
      </span>
      <span className="badge badge--env" data-testid="account-role">
        {roleLabel(state.user.role)}
      </span>
      {signOutButton}
    </span>
  );
}

/** Instead of the pages when guests are not allowed and nobody is signed in. */
export function SignInRequired() {
  const state = useSignIn();
  const { signIn, busy, error } = useSignInAction();
  return (
    <div className="panel">
      <h1>{state.status === 'expired' ? 'Your session has ended' : 'Sign in to use the console'}</h1>
      <p>This environment does not allow guests: sign in with your account to read or write records.</p>
      <button type="button" className="button button--primary" onClick={signIn} disabled={busy}>
        {busy ? 'Opening sign-in…' : 'Sign in'}
      </button>
      {error ? <p className="field__error">{error}</p> : null}
    </div>
  );
}
