/**
 * The routing table: which HTTP request is which operation of which service.
 * restJson1 routes for the Feature Store runtime, x-amz-target for the awsJson1_1
 * services (SageMaker control plane, Cognito identity).
 */
import { featureGroupNameFromNameOrArn } from '../../../../src/domain/limits';

export type ServiceName = 'featurestore-runtime' | 'sagemaker' | 'cognito-identity';

export interface OperationMatch {
  service: ServiceName;
  operation: string;
  /** Decoded {FeatureGroupName} path label (a name or an ARN), for runtime routes. */
  pathGroup?: string;
}

const RUNTIME_ROUTES: { method: string; pattern: RegExp; operation: string }[] = [
  { method: 'PUT', pattern: /^\/FeatureGroup\/([^/]+)$/, operation: 'PutRecord' },
  { method: 'GET', pattern: /^\/FeatureGroup\/([^/]+)$/, operation: 'GetRecord' },
  { method: 'DELETE', pattern: /^\/FeatureGroup\/([^/]+)$/, operation: 'DeleteRecord' },
  { method: 'POST', pattern: /^\/FeatureGroup\/([^/]+)\/Record$/, operation: 'UpdateRecord' },
  { method: 'POST', pattern: /^\/FeatureGroup\/([^/]+)\/ListRecords$/, operation: 'ListRecords' },
  { method: 'POST', pattern: /^\/BatchGetRecord$/, operation: 'BatchGetRecord' },
  { method: 'POST', pattern: /^\/BatchWriteRecord$/, operation: 'BatchWriteRecord' },
];

export const SAGEMAKER_OPERATIONS = ['CreateFeatureGroup', 'DescribeFeatureGroup', 'ListFeatureGroups', 'DeleteFeatureGroup', 'DescribeFeatureMetadata'];
export const COGNITO_OPERATIONS = ['GetId', 'GetCredentialsForIdentity'];

export function matchRuntimeRoute(method: string, rawPath: string): OperationMatch | undefined {
  for (const route of RUNTIME_ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    let pathGroup: string | undefined;
    if (match[1] !== undefined) {
      try {
        pathGroup = decodeURIComponent(match[1]);
      } catch {
        return undefined;
      }
    }
    return { service: 'featurestore-runtime', operation: route.operation, ...(pathGroup !== undefined ? { pathGroup } : {}) };
  }
  return undefined;
}

export function matchJsonTarget(target: string): OperationMatch | undefined {
  // Exactly `<Service>.<Operation>`: `SageMaker.ListFeatureGroups.Extra` names no operation.
  const parts = target.split('.');
  if (parts.length !== 2) return undefined;
  const [prefix, operation = ''] = parts;
  if (prefix === 'SageMaker' && SAGEMAKER_OPERATIONS.includes(operation)) return { service: 'sagemaker', operation };
  if (prefix === 'AWSCognitoIdentityService' && COGNITO_OPERATIONS.includes(operation)) return { service: 'cognito-identity', operation };
  return undefined;
}

/** The feature groups a request names, by name, for permissions and the log line. */
export function featureGroupsNamed(match: OperationMatch, body: Record<string, unknown>): string[] {
  if (match.pathGroup !== undefined) return [featureGroupNameFromNameOrArn(match.pathGroup)];
  const list = match.operation === 'BatchGetRecord' ? body.Identifiers : match.operation === 'BatchWriteRecord' ? body.Entries : undefined;
  if (Array.isArray(list)) {
    const names = list
      .map((entry: unknown) => (entry as { FeatureGroupName?: unknown } | null)?.FeatureGroupName)
      .filter((name): name is string => typeof name === 'string');
    return [...new Set(names.map(featureGroupNameFromNameOrArn))];
  }
  return typeof body.FeatureGroupName === 'string' ? [featureGroupNameFromNameOrArn(body.FeatureGroupName)] : [];
}
