import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useRuntimeConfig } from '../aws/AwsContext';
import { describeAwsError } from '../aws/errors';
import { sagemakerEndpoint } from '../aws/config';
import { featureGroupQuery } from '../aws/queries';
import type { FeatureGroupSchema } from '../domain/schema';
import { ProblemPanel } from '../ui/ProblemPanel';

/** Loads the group's schema and renders loading and error states; children render once it is there. */
export function WithGroupSchema({ groupName, children }: { groupName: string; children: (schema: FeatureGroupSchema) => ReactNode }) {
  const config = useRuntimeConfig();
  const schema = useQuery(featureGroupQuery(config, groupName));
  if (schema.isPending) {
    return (
      <p className="muted" aria-busy="true">
        Loading feature group {groupName}…
      </p>
    );
  }
  if (schema.isError) return <GroupLoadProblem groupName={groupName} error={schema.error} />;
  return <>{children(schema.data)}</>;
}

/** The page of a group that could not be described (missing, refused, unreachable): its h1 names the group, the problem says why. */
export function GroupLoadProblem({ groupName, error }: { groupName: string; error: unknown }) {
  const config = useRuntimeConfig();
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/">Feature groups</Link> / {groupName}
      </p>
      <h1>{groupName}</h1>
      <ProblemPanel
        level={2}
        problem={describeAwsError(error, { operation: 'DescribeFeatureGroup', featureGroup: groupName, endpoint: sagemakerEndpoint(config) })}
      >
        <p>
          <Link href="/">Choose another feature group</Link>
        </p>
      </ProblemPanel>
    </>
  );
}
