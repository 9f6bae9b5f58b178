import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useRuntimeConfig } from '../../aws/AwsContext';
import { athenaEndpoint, sagemakerEndpoint } from '../../aws/config';
import { describeAwsError } from '../../aws/errors';
import { featureGroupQuery } from '../../aws/queries';
import { visibleText } from '../../domain/inputWarnings';
import type { FeatureGroupSchema } from '../../domain/schema';
import { GroupHeader } from '../../ui/GroupHeader';
import { ProblemPanel } from '../../ui/ProblemPanel';
import { recordPath } from '../../ui/paths';
import { HistoryRangeForm } from './HistoryRangeForm';
import { VersionHistory } from './VersionHistory';

/** Why a group has no history, in words; undefined when it has one. */
function noHistoryReason(schema: FeatureGroupSchema): string | undefined {
  if (schema.offlineStore) return schema.offlineTable ? undefined : 'Its offline store has no Glue table (DataCatalogConfig), so Athena cannot read it.';
  if (schema.onlineStore?.storageType === 'InMemory') {
    return 'It has an InMemory online store, which cannot have an offline store: only the latest version of each record exists, online.';
  }
  return 'It has an online store only. The online store keeps just the latest version of each record; versions are kept only by an offline store.';
}

/** Every version of one record, from the offline store, through Athena. */
export function RecordHistoryPage({ groupName, recordId }: { groupName: string; recordId: string }) {
  const config = useRuntimeConfig();
  const schema = useQuery(featureGroupQuery(config, groupName));
  if (schema.isPending) {
    return (
      <p className="muted" aria-busy="true">
        Loading feature group {groupName}…
      </p>
    );
  }
  if (schema.isError) {
    return (
      <ProblemPanel
        problem={describeAwsError(schema.error, { operation: 'DescribeFeatureGroup', featureGroup: groupName, endpoint: sagemakerEndpoint(config) })}
      />
    );
  }
  const reason = noHistoryReason(schema.data);
  return (
    <>
      <GroupHeader schema={schema.data} active="records" />
      <section aria-labelledby="history-title">
        <div className="section-head">
          <h2 id="history-title">
            History of record <code>{visibleText(recordId)}</code>
          </h2>
          <Link href={recordPath(groupName, recordId)} className="button">
            Back to the record
          </Link>
        </div>
        {reason ? (
          <div className="panel panel--warn" role="status" data-testid="no-history">
            <h3>This feature group has no history</h3>
            <p>{reason}</p>
          </div>
        ) : !config.athena ? (
          <div className="panel panel--warn" role="status" data-testid="no-athena">
            <h3>History is not configured</h3>
            <p>
              A record's history is read from the offline store with Amazon Athena. Set <code>athena.workGroup</code> (and <code>athena.outputLocation</code>{' '}
              when the workgroup does not enforce one) in config.json.
            </p>
          </div>
        ) : (
          <>
            <p className="panel" data-testid="offline-lag-note">
              Versions come from the offline store ({schema.data.offlineTable?.format} table{' '}
              <code>
                {schema.data.offlineTable?.database}.{schema.data.offlineTable?.table}
              </code>
              ), queried with Athena at {athenaEndpoint(config)} in workgroup <code>{config.athena.workGroup}</code>. Writes reach the offline store within
              about 15 minutes, so the newest versions may be missing here for a while; the record page reads the online store, which is current.
            </p>
            <HistoryRangeForm>{(range) => <VersionHistory schema={schema.data} recordId={recordId} range={range} />}</HistoryRangeForm>
          </>
        )}
      </section>
    </>
  );
}
