import { useEffect, useState } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { loadRuntimeConfig, type ConfigLoad } from '../aws/config';
import { RuntimeConfigProvider } from '../aws/AwsContext';
import { AwsCallError } from '../aws/errors';
import { ToastProvider } from '../ui/Toast';
import { Shell } from './Shell';
import { SetupPage } from './SetupPage';
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

export function App() {
  const [load, setLoad] = useState<ConfigLoad | null>(null);
  useEffect(() => {
    void loadRuntimeConfig().then(setLoad);
  }, []);

  if (!load) {
    return (
      <main aria-busy="true">
        <p className="muted">Loading configuration…</p>
      </main>
    );
  }
  if (!load.ok) return <SetupPage problem={load.problem} />;
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
