/**
 * The console's roles as IAM policy documents: the one definition the CDK deploy
 * attaches to the identity pool's roles and the local Feature Store evaluates (through
 * an IAM policy simulator), so local refusals are the deployed roles' refusals.
 *
 * Facts (SageMaker Developer Guide, feature-store-security; Service Authorization
 * Reference): the record actions are sagemaker:GetRecord, BatchGetRecord, ListRecords,
 * PutRecord, DeleteRecord, BatchWriteRecord on the feature group's ARN. There is no
 * sagemaker:UpdateRecord action: UpdateRecord is authorized as sagemaker:PutRecord with
 * sagemaker:IsUpdateRecord = true and sagemaker:UpdatableFeatures = the features it
 * sends. BatchWriteRecord needs sagemaker:BatchWriteRecord and sagemaker:PutRecord on
 * every target group (IsUpdateRecord absent on that check).
 *
 * Pure TypeScript with no imports: values may be CDK tokens (strings) in the deploy.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The user-pool groups mapped to roles, most privileged first; `precedence` is the user-pool group's (lower wins). */
export const CONSOLE_ROLES = ['admins', 'writers', 'support', 'readers'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];
export const ROLE_PRECEDENCE: Record<ConsoleRole, number> = { admins: 10, writers: 20, support: 25, readers: 30 };

/** The role a user's cognito:groups map to: the most privileged group it names, or none. */
export function roleForGroups(groups: readonly string[]): ConsoleRole | undefined {
  return CONSOLE_ROLES.find((role) => groups.includes(role));
}

export interface RolePolicyParameters {
  /** `aws` unless another partition. */
  partition?: string;
  region: string;
  account: string;
  /** The feature groups the roles may touch: names, or prefixes ending in `*` (`*` alone: every group). */
  featureGroups: readonly string[];
  /** Read-only reference groups: every role reads them, only admins write them (the admin-only action). */
  referenceGroups?: readonly string[];
  /** Per feature group, the features the support role may change with UpdateRecord (and nothing else). */
  supportFeatures?: Readonly<Record<string, readonly string[]>>;
  /** A record's history through Athena: every role (and the guest) may query it (historyStatements). */
  history?: HistoryAccess;
}

/** What a history reader queries: the workgroups, the offline store's catalog and objects, and the results location. */
export interface HistoryAccess {
  /** The Athena workgroups history queries run in. */
  workGroups: readonly string[];
  /** The Glue database of the offline store's tables (default sagemaker_featurestore). */
  database?: string;
  /** The offline store's bucket and key prefix (no trailing slash; empty: the whole bucket). */
  offlineStore: { bucket: string; prefix: string };
  /** Where Athena writes results with the caller's credentials: the bucket's ARN and its objects' ARN pattern. */
  results: readonly { bucketArn: string; objectsArn: string }[];
}

export const HISTORY_QUERY_ACTIONS = ['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'];
export const HISTORY_CATALOG_ACTIONS = ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'];

/** An Athena workgroup's ARN (Service Authorization Reference: arn:${Partition}:athena:${Region}:${Account}:workgroup/${WorkGroupName}). */
export function athenaWorkGroupArn(parameters: Pick<RolePolicyParameters, 'partition' | 'region' | 'account'>, workGroup: string): string {
  return `arn:${parameters.partition ?? 'aws'}:athena:${parameters.region}:${parameters.account}:workgroup/${workGroup}`;
}

/** A Glue Data Catalog resource's ARN: `catalog`, `database/<db>` or `table/<db>/<table>`. */
export function glueArn(parameters: Pick<RolePolicyParameters, 'partition' | 'region' | 'account'>, resource: string): string {
  return `arn:${parameters.partition ?? 'aws'}:glue:${parameters.region}:${parameters.account}:${resource}`;
}

/**
 * A history reader's grants (../shared/featurestore-api.md §8): the query actions on the
 * workgroups; the catalog reads on the catalog, the database and the groups' tables
 * (SageMaker names a table `<group>-<creation time>`, lower case: a prefix per group); the
 * offline store's objects and listing under its prefix; the results location.
 */
export function historyStatements(parameters: RolePolicyParameters): PolicyStatement[] {
  const history = parameters.history;
  if (!history) return [];
  const database = history.database ?? 'sagemaker_featurestore';
  const tables = unique(parameters.featureGroups).map((name) => glueArn(parameters, `table/${database}/${name.toLowerCase().replace(/\*$/, '')}*`));
  const partition = parameters.partition ?? 'aws';
  const { bucket, prefix } = history.offlineStore;
  const listing: PolicyStatement = {
    Sid: 'HistoryListOfflineStore',
    Effect: 'Allow',
    Action: ['s3:ListBucket'],
    Resource: [`arn:${partition}:s3:::${bucket}`],
  };
  if (prefix) listing.Condition = { StringLike: { 's3:prefix': [`${prefix}/*`, prefix] } };
  return [
    { Sid: 'HistoryQueries', Effect: 'Allow', Action: HISTORY_QUERY_ACTIONS, Resource: history.workGroups.map((name) => athenaWorkGroupArn(parameters, name)) },
    {
      Sid: 'HistoryCatalogReads',
      Effect: 'Allow',
      Action: HISTORY_CATALOG_ACTIONS,
      Resource: [glueArn(parameters, 'catalog'), glueArn(parameters, `database/${database}`), ...tables],
    },
    { Sid: 'HistoryReadOfflineStore', Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:${partition}:s3:::${bucket}/${prefix ? `${prefix}/` : ''}*`] },
    listing,
    ...(history.results.length > 0
      ? [
          {
            Sid: 'HistoryResults',
            Effect: 'Allow' as const,
            Action: ['s3:GetObject', 's3:PutObject'],
            Resource: history.results.map((result) => result.objectsArn),
          },
          {
            Sid: 'HistoryResultsBucket',
            Effect: 'Allow' as const,
            Action: ['s3:GetBucketLocation', 's3:ListBucket'],
            Resource: history.results.map((result) => result.bucketArn),
          },
        ]
      : []),
  ];
}

export const READ_ACTIONS = [
  'sagemaker:GetRecord',
  'sagemaker:BatchGetRecord',
  'sagemaker:ListRecords',
  'sagemaker:DescribeFeatureGroup',
  'sagemaker:DescribeFeatureMetadata',
];
/** PutRecord also authorizes UpdateRecord (there is no sagemaker:UpdateRecord). */
export const WRITE_ACTIONS = ['sagemaker:PutRecord', 'sagemaker:DeleteRecord', 'sagemaker:BatchWriteRecord'];

/** A feature group's ARN as IAM matches it: SageMaker writes group names in lower case in ARNs. */
export function featureGroupArn(parameters: Pick<RolePolicyParameters, 'partition' | 'region' | 'account'>, name: string): string {
  return `arn:${parameters.partition ?? 'aws'}:sagemaker:${parameters.region}:${parameters.account}:feature-group/${name.toLowerCase()}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function readStatements(parameters: RolePolicyParameters): PolicyStatement[] {
  const readable = unique([...parameters.featureGroups, ...(parameters.referenceGroups ?? [])]).map((name) => featureGroupArn(parameters, name));
  return [
    { Sid: 'ReadRecordsAndDescribeGroups', Effect: 'Allow', Action: READ_ACTIONS, Resource: readable },
    // ListFeatureGroups has no resource type: the one action that takes '*'.
    { Sid: 'ListFeatureGroups', Effect: 'Allow', Action: ['sagemaker:ListFeatureGroups'], Resource: ['*'] },
    // Every role that reads records reads their history (issue 17: a reader sees history but cannot restore).
    ...historyStatements(parameters),
  ];
}

/**
 * The support role's writes, as the Developer Guide's allow-list example: PutRecord only
 * when it is an UpdateRecord (IsUpdateRecord true) that names features (UpdatableFeatures
 * present) all of which are in the list. No whole-record PutRecord, no BatchWriteRecord
 * (its PutRecord check has no IsUpdateRecord), no DeleteRecord.
 */
export function supportStatements(parameters: RolePolicyParameters): PolicyStatement[] {
  return Object.entries(parameters.supportFeatures ?? {})
    .filter(([, features]) => features.length > 0)
    .map(([group, features], index) => ({
      Sid: `SupportUpdatesNamedFeatures${index}`,
      Effect: 'Allow' as const,
      Action: ['sagemaker:PutRecord'],
      Resource: [featureGroupArn(parameters, group)],
      Condition: {
        Bool: { 'sagemaker:IsUpdateRecord': 'true' },
        Null: { 'sagemaker:UpdatableFeatures': 'false' },
        'ForAllValues:StringEquals': { 'sagemaker:UpdatableFeatures': unique(features) },
      },
    }));
}

function document(statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * Every role's policy document. Readers read; support reads and changes the features
 * named for it; writers read and write every group but the reference groups (an
 * explicit Deny, so a prefix that covers a reference group does not open it); admins
 * also write the reference groups: the one thing only admins may do.
 */
export function rolePolicyDocuments(parameters: RolePolicyParameters): Record<ConsoleRole, PolicyDocument> {
  const reads = readStatements(parameters);
  const groupArns = unique(parameters.featureGroups).map((name) => featureGroupArn(parameters, name));
  const referenceArns = unique(parameters.referenceGroups ?? []).map((name) => featureGroupArn(parameters, name));
  const writeGroups: PolicyStatement = { Sid: 'WriteRecords', Effect: 'Allow', Action: WRITE_ACTIONS, Resource: groupArns };
  return {
    readers: document(reads),
    support: document([...reads, ...supportStatements(parameters)]),
    writers: document([
      ...reads,
      writeGroups,
      ...(referenceArns.length > 0 ? [{ Sid: 'ReferenceGroupsAreAdminOnly', Effect: 'Deny' as const, Action: WRITE_ACTIONS, Resource: referenceArns }] : []),
    ]),
    admins: document([...reads, { ...writeGroups, Resource: unique([...groupArns, ...referenceArns]) }]),
  };
}

/**
 * The guest (unauthenticated) role. Deployed guests read only, as readers do. The local
 * Feature Store's demo guest (`writes: true`) writes like a writer and may also change
 * groups' metadata and settings (UpdateFeatureGroup, UpdateFeatureMetadata, Search), but
 * never creates or deletes groups and never writes the reference groups.
 */
export function guestPolicyDocument(parameters: RolePolicyParameters, options: { writes: boolean }): PolicyDocument {
  if (!options.writes) return rolePolicyDocuments(parameters).readers;
  const referenceArns = unique(parameters.referenceGroups ?? []).map((name) => featureGroupArn(parameters, name));
  return document([
    { Sid: 'LocalDemoGuest', Effect: 'Allow', Action: ['sagemaker:*'], Resource: ['*'] },
    ...historyStatements(parameters),
    { Sid: 'NoGroupCreationOrDeletion', Effect: 'Deny', Action: ['sagemaker:CreateFeatureGroup', 'sagemaker:DeleteFeatureGroup'], Resource: ['*'] },
    ...(referenceArns.length > 0 ? [{ Sid: 'ReferenceGroupsAreAdminOnly', Effect: 'Deny' as const, Action: WRITE_ACTIONS, Resource: referenceArns }] : []),
  ]);
}

/**
 * Parses `customers:email,phone;orders-eu:status` (the deploy's `-c supportFeatures=`
 * and LOCAL_FEATURESTORE_SUPPORT_FEATURES): groups separated by `;`, features by `,`.
 * Throws naming what is wrong.
 */
export function parseSupportFeatures(text: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const part of text
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const group = colon < 0 ? '' : part.slice(0, colon).trim();
    const features =
      colon < 0
        ? []
        : part
            .slice(colon + 1)
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean);
    if (!group || features.length === 0) throw new Error(`supportFeatures: '${part}' is not <group>:<feature>,<feature> (groups separated by ';').`);
    if (!/^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/.test(group))
      throw new Error(`supportFeatures: '${group}' is not a feature group name (prefixes are not allowed here).`);
    for (const feature of features) {
      if (!/^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/.test(feature)) throw new Error(`supportFeatures: '${feature}' is not a feature name.`);
    }
    result[group] = [...new Set([...(result[group] ?? []), ...features])];
  }
  return result;
}
