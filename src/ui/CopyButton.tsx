import { useEffect, useState } from 'react';

/** Copies text produced on demand (so large snippets are built only when asked for). */
export function CopyButton({ getText, label }: { getText: () => string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => {
        navigator.clipboard.writeText(getText()).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      <span className="visually-hidden" aria-live="polite">
        {state === 'copied' ? `${label}: copied to the clipboard` : ''}
      </span>
    </button>
  );
}
