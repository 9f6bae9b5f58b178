import { useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { loadRuntimeConfig, type ConfigLoad, type RuntimeConfig } from '../aws/config';
import { subscribeSignIn, getSignIn } from '../aws/signInState';
import { RuntimeConfigProvider } from '../aws/AwsContext';
import { AwsCallError } from '../aws/errors';
import { ToastProvider } from '../ui/Toast';
import { Shell } from './Shell';
import { SetupPage } from './SetupPage';
import { ResumingSignIn } from './ResumingSignIn';
import { AppRoutes } from './routes';

/** Client errors (4xx) are answers, not glitches: only retry what may pass next time. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof AwsCallError && !error.retryable) return false;
  return failureCount < 2;
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

/** Cached answers belong to whoever asked: a different user (or none) starts with an empty cache. */
let cachedFor = 'guest';
subscribeSignIn(() => {
  const state = getSignIn();
  const who = state.status === 'guest' ? 'guest' : state.user.sub;
  if (who !== cachedFor) queryClient.clear();
  cachedFor = who;
});

type SignInGate = { kind: 'pending' } | { kind: 'redirecting' } | { kind: 'ready' } | { kind: 'failed'; message: string };

/** With `auth` in config.json: completes a sign-in round trip, or resumes this tab's sign-in after a reload (see src/aws/signIn.ts). */
async function startSignIn(config: RuntimeConfig, onRedirecting: () => void): Promise<SignInGate> {
  if (!config.auth) return { kind: 'ready' };
  try {
    const { beginSignIn } = await import('../aws/signIn');
    const start = await beginSignIn(config, onRedirecting);
    if (start.kind === 'redirecting') return { kind: 'redirecting' };
    if (start.kind === 'failed') {
      window.history.replaceState(null, '', '/');
      return { kind: 'failed', message: start.message };
    }
    if (start.kind === 'returned') window.history.replaceState(null, '', start.path);
    return { kind: 'ready' };
  } catch (error) {
    return { kind: 'failed', message: (error as Error).message || 'The sign-in could not start.' };
  }
}

export function App() {
  const [load, setLoad] = useState<ConfigLoad | null>(null);
  const [gate, setGate] = useState<SignInGate>({ kind: 'pending' });
  useEffect(() => {
    void loadRuntimeConfig().then(async (loaded) => {
      setLoad(loaded);
      if (loaded.ok) setGate(await startSignIn(loaded.config, () => setGate({ kind: 'redirecting' })));
    });
  }, []);

  if (!load) {
    return (
      <main aria-busy="true">
        <p className="muted">Loading configuration…</p>
      </main>
    );
  }
  if (!load.ok) return <SetupPage problem={load.problem} />;
  if (gate.kind === 'pending') {
    return (
      <main aria-busy="true">
        <p className="muted">Signing in…</p>
      </main>
    );
  }
  if (gate.kind === 'redirecting') {
    return (
      <ResumingSignIn
        onContinueAsGuest={() => {
          void import('../aws/signIn').then(({ forgetResume }) => {
            forgetResume();
            setGate({ kind: 'ready' });
          });
        }}
      />
    );
  }
  if (gate.kind === 'failed') {
    return (
      <main className="panel">
        <h1>Sign-in did not complete</h1>
        <p role="alert">{gate.message}</p>
        <p>
          <a href="/">Back to the console</a>
        </p>
      </main>
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      <RuntimeConfigProvider config={load.config}>
        <ToastProvider>
          <Shell>
            <AppRoutes />
          </Shell>
        </ToastProvider>
      </RuntimeConfigProvider>
    </QueryClientProvider>
  );
}
