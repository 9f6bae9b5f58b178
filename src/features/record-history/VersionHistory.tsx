import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { describeAwsError } from '../../aws/errors';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { athenaEndpoint } from '../../aws/config';
import { HistoryQueryError, recordHistoryQuery, restoredRecord, versionsFromRows, type RecordVersion, type TimeRange } from '../../domain/offlineHistory';
import type { FeatureGroupSchema } from '../../domain/schema';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { recordEditPath } from '../../ui/paths';
import { offerRestore } from '../../shared/restoreHandoff';
import { AsOfPanel } from './AsOfPanel';
import { QueryStatus } from './QueryStatus';
import { VersionDiff } from './VersionDiff';
import { VersionRow } from './VersionRow';
import { useAthenaRun } from './useAthenaRun';

export function VersionHistory({ schema, recordId, range }: { schema: FeatureGroupSchema; recordId: string; range: TimeRange }) {
  const config = useRuntimeConfig();
  const [, navigate] = useLocation();
  const athena = useAthenaRun();
  const [compared, setCompared] = useState<number[]>([]);
  const planned = useMemo(() => {
    try {
      return { query: recordHistoryQuery(schema, recordId, range) };
    } catch (error) {
      if (error instanceof HistoryQueryError) return { problem: error.message };
      throw error;
    }
  }, [schema, recordId, range]);
  const { run } = athena;
  useEffect(() => {
    if (planned.query) run(planned.query);
  }, [planned, run]);
  const problem = planned.problem;
  const result = athena.query?.data;
  const versions = useMemo(() => (result ? versionsFromRows(schema, result.header, result.rows) : []), [schema, result]);

  const restore = (version: RecordVersion) => {
    const eventTime = version.eventTime;
    const token = offerRestore({
      group: schema.name,
      recordId,
      label: `the version with event time ${eventTime}`,
      record: restoredRecord(schema, version, eventTime),
    });
    navigate(recordEditPath(schema.name, recordId, { restore: token }));
  };
  const toggle = (index: number) =>
    setCompared((current) => (current.includes(index) ? current.filter((item) => item !== index) : [...current, index].slice(-2)).sort((a, b) => a - b));

  if (problem) {
    return (
      <p className="panel panel--error" role="alert">
        {problem}
      </p>
    );
  }
  const [newer, older] = compared.length === 2 ? [versions[compared[0] as number], versions[compared[1] as number]] : [];
  return (
    <>
      <QueryStatus progress={athena.progress} running={athena.running} cancelled={athena.cancelled} onCancel={athena.cancel} testId="history-query" />
      {athena.query?.isError && (
        <ProblemPanel problem={describeAwsError(athena.query.error, { operation: 'StartQueryExecution', endpoint: athenaEndpoint(config) })} />
      )}
      {result && (
        <>
          <h3 data-testid="version-count">
            {versions.length === 0 ? 'No versions in this range' : `${versions.length} version${versions.length === 1 ? '' : 's'}, newest first`}
          </h3>
          {result.truncated && <p className="panel panel--warn">Only the first {result.rows.length} versions are shown: narrow the time range.</p>}
          {versions.length > 0 && <p className="muted">Tick two versions to compare them. Changed features are marked against the version before each one.</p>}
          <ol data-testid="versions" style={{ listStyle: 'none', padding: 0 }}>
            {versions.map((version, index) => (
              <VersionRow
                key={`${index}:${version.eventTime}:${version.apiInvocationTime}`}
                schema={schema}
                version={version}
                number={versions.length - index}
                compared={compared.includes(index)}
                onCompare={() => toggle(index)}
                onRestore={() => restore(version)}
              />
            ))}
          </ol>
          {newer && older && <VersionDiff schema={schema} newer={newer} older={older} />}
          <AsOfPanel schema={schema} recordId={recordId} range={range} />
        </>
      )}
    </>
  );
}
