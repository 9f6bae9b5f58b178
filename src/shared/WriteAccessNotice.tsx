import type { WriteAccess } from '../domain/writeAccess';

/** Says up front what the user's role may not write here (and why), before they type anything. */
export function WriteAccessNotice({ access }: { access: WriteAccess }) {
  if (access.kind !== 'none' && access.kind !== 'features') return null;
  return (
    <div className={access.kind === 'none' ? 'panel panel--warn' : 'panel'} role="note" aria-label="What your role may write" data-testid="write-access">
      <h2>{access.kind === 'none' ? 'Read-only' : 'Limited changes'}</h2>
      <p>{access.reason}</p>
    </div>
  );
}
