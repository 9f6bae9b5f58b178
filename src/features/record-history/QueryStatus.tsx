import type { AthenaProgress } from '../../aws/athenaQueries';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** An Athena query's id, state and bytes scanned, with Cancel while it runs. */
export function QueryStatus({
  progress,
  running,
  cancelled,
  onCancel,
  testId,
}: {
  progress: AthenaProgress;
  running: boolean;
  cancelled: boolean;
  onCancel: () => void;
  testId: string;
}) {
  if (!progress.queryExecutionId && !running) return null;
  return (
    <p className="muted" role="status" aria-live="polite" data-testid={testId}>
      Athena query <code>{progress.queryExecutionId ?? 'starting…'}</code>: {cancelled ? 'CANCELLED' : (progress.state ?? 'starting')}
      {progress.scannedBytes !== undefined && <> · {formatBytes(progress.scannedBytes)} scanned</>}
      {running && (
        <>
          {' '}
          <button type="button" className="button button--small" onClick={onCancel}>
            Cancel query
          </button>
        </>
      )}
    </p>
  );
}
