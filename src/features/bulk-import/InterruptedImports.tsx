import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useStorageScope } from '../../aws/storageScope';
import { discardImportProgress, importKey, listInterruptedImports, type ImportProgress } from '../../storage';

function rowsIn(ranges: [number, number][]): number {
  return ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
}

/** "customers50k.csv stopped at 16,900 of 50,000 rows: choose the file to resume." */
export function interruptedText(progress: ImportProgress): string {
  const reached = (rowsIn(progress.written) + rowsIn(progress.failed)).toLocaleString('en-US');
  const where = progress.rows !== undefined ? `stopped at ${reached} of ${progress.rows.toLocaleString('en-US')} rows` : `stopped after ${reached} rows`;
  return `${progress.fileName} ${where}: choose the file to resume.`;
}

/** Imports of this group that stopped before they finished (a reload, a leave, a cancel), shown as soon as the page opens. */
export function InterruptedImports({ group }: { group: string }) {
  const scope = useStorageScope();
  const client = useQueryClient();
  const queryKey = ['bulk-import', 'interrupted', scope.environment, scope.user, group];
  const interrupted = useQuery({
    queryKey,
    queryFn: async () => {
      const listed = await listInterruptedImports(scope, group);
      return listed.ok ? listed.value : [];
    },
    // Always read afresh: an import may have stopped since.
    staleTime: 0,
    gcTime: 0,
  });
  const list = interrupted.data ?? [];
  if (list.length === 0) return null;
  return (
    <div className="panel panel--warn" role="status" data-testid="interrupted-imports">
      <h3>Imports that stopped before they finished</h3>
      <ul>
        {list.map((progress) => (
          <li key={`${progress.fileName}-${progress.size}-${progress.lastModified}`} data-testid="interrupted-import">
            {interruptedText(progress)}{' '}
            <button
              type="button"
              className="button button--small"
              onClick={async () => {
                await discardImportProgress(scope, importKey(group, { name: progress.fileName, size: progress.size, lastModified: progress.lastModified }));
                await client.invalidateQueries({ queryKey });
              }}
            >
              Forget {progress.fileName}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
