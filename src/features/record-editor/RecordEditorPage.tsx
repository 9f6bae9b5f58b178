import { useQuery } from '@tanstack/react-query';
import { visibleText } from '../../domain/inputWarnings';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { describeAwsError } from '../../aws/errors';
import { featureGroupQuery, recordQuery } from '../../aws/queries';
import { GroupHeader } from '../../ui/GroupHeader';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { RecordEditor } from './RecordEditor';
import { findRestore } from '../../shared/restoreHandoff';
import { GroupLoadProblem } from '../../shared/WithGroupSchema';

/** Write a new record to a group, or (with recordId) edit a stored one. */
export function RecordEditorPage({
  groupName,
  recordId,
  duplicateOf,
  restoreToken,
}: {
  groupName: string;
  recordId?: string;
  duplicateOf?: string;
  /** "Restore this version" from a record's history (shared/restoreHandoff.ts). */
  restoreToken?: string;
}) {
  const restore = restoreToken !== undefined ? findRestore(restoreToken) : undefined;
  const config = useRuntimeConfig();
  const schema = useQuery(featureGroupQuery(config, groupName));
  const stored = useQuery({ ...recordQuery(config, groupName, recordId ?? ''), enabled: recordId !== undefined });
  const source = useQuery({ ...recordQuery(config, groupName, duplicateOf ?? ''), enabled: duplicateOf !== undefined });
  if (duplicateOf !== undefined && source.isPending) {
    return (
      <p className="muted" aria-busy="true">
        Reading record {duplicateOf} to duplicate…
      </p>
    );
  }

  if (schema.isPending || (recordId !== undefined && stored.isPending)) {
    return (
      <p className="muted" aria-busy="true">
        Loading feature group {groupName}…
      </p>
    );
  }
  if (schema.isError) return <GroupLoadProblem groupName={groupName} error={schema.error} />;
  const header = <GroupHeader schema={schema.data} active={recordId === undefined ? 'write' : 'records'} />;
  const prefill = restore && restore.group === groupName && restore.recordId === recordId ? { label: restore.label, record: restore.record } : undefined;
  if (restoreToken !== undefined && !prefill) {
    return (
      <>
        {header}
        <div className="panel panel--warn" role="status">
          <h2>The version to restore is no longer here</h2>
          <p>Versions are handed from the history page in memory, so a reload loses them. Open the record's history again and choose Restore.</p>
        </div>
      </>
    );
  }
  // A deleted record (not online) is restored as a new write of the same identifier.
  if (recordId !== undefined && !(prefill && !stored.data?.record)) {
    if (stored.isError)
      return (
        <>
          {header}
          <ProblemPanel problem={describeAwsError(stored.error, { operation: 'GetRecord', featureGroup: groupName })} />
        </>
      );
    if (!stored.data?.record) {
      return (
        <>
          {header}
          <div className="panel panel--warn" role="status">
            <h2>Record {visibleText(recordId)} not found</h2>
            <p>There is nothing to edit: the record was never written online, has expired, or was deleted.</p>
          </div>
        </>
      );
    }
  }
  const base =
    recordId !== undefined && stored.data?.record
      ? { recordId, record: stored.data.record, ...(stored.data.expiresAt ? { expiresAt: stored.data.expiresAt } : {}) }
      : undefined;
  return (
    <>
      {header}
      {duplicateOf !== undefined && !source.data?.record && (
        <p className="panel panel--warn" role="status">
          Record {duplicateOf} could not be read to duplicate
          {source.isError ? `: ${describeAwsError(source.error, { operation: 'GetRecord', featureGroup: groupName }).title}` : ' (not found)'}. The form starts
          empty.
        </p>
      )}
      <RecordEditor
        key={`${schema.data.arn}:${recordId ?? ''}`}
        schema={schema.data}
        {...(base ? { stored: base } : {})}
        {...(duplicateOf !== undefined && source.data?.record ? { duplicateOf: { recordId: duplicateOf, record: source.data.record } } : {})}
        {...(prefill ? { prefill } : {})}
      />
    </>
  );
}
