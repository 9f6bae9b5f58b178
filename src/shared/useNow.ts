import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` while the component is mounted, so relative
 * times ("credentials expire in 4 minutes", B8) keep counting instead of freezing at first render.
 */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
