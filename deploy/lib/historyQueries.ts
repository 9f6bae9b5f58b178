/**
 * A record's history from the offline store (issue 17, ../shared/featurestore-api.md §8): an
 * Athena workgroup that enforces its own settings (the console cannot point results
 * elsewhere or skip the cutoff), with a private, encrypted results bucket whose objects
 * expire, a bytes-scanned cutoff per query, and what the roles that read history are
 * granted (`access`, written into their policy documents by role-policies'
 * historyStatements): the workgroup's query actions, the Glue catalog reads on the offline
 * store's database and the named groups' tables, reads of the offline store's S3 prefix,
 * and the results prefix.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { HistoryAccess } from 'featurestore-role-policies';
import { nagText } from './nagSuppressions';

export interface HistoryQueriesProps {
  /** Where the feature groups' offline store is (`s3://bucket/prefix`, OfflineStoreConfig.S3StorageConfig.S3Uri). */
  offlineStoreS3Uri: string;
  /** The Glue database of the offline store's tables (default sagemaker_featurestore, SageMaker's default). */
  database?: string;
  /** The feature groups (names, or prefixes ending in *) whose tables may be queried. */
  featureGroups: readonly string[];
  /** Largest scan per query (default 1 GiB; Athena's minimum is 10 MiB). */
  bytesScannedCutoffPerQuery?: number;
  /** How long query results are kept (default 7 days). */
  resultsExpireAfter?: Duration;
  /** Where the results bucket logs its access. */
  accessLogs: s3.IBucket;
}

const MIN_CUTOFF = 10 * 1024 * 1024;

export class HistoryQueries extends Construct {
  readonly workGroupName: string;
  readonly resultsBucket: s3.Bucket;
  /** What history readers are granted (role-policies' RolePolicyParameters.history). */
  readonly access: HistoryAccess;

  constructor(scope: Construct, id: string, props: HistoryQueriesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(props.offlineStoreS3Uri);
    if (!match) throw new Error(`offlineStoreS3Uri: '${props.offlineStoreS3Uri}' is not an s3://bucket/prefix URI.`);
    const offlineBucket = match[1]!;
    const offlinePrefix = (match[2] ?? '').replace(/\/$/, '');
    const cutoff = props.bytesScannedCutoffPerQuery ?? 1024 * 1024 * 1024;
    if (!Number.isInteger(cutoff) || cutoff < MIN_CUTOFF) throw new Error(`bytesScannedCutoffPerQuery: at least ${MIN_CUTOFF} bytes (Athena's minimum).`);
    const database = props.database ?? 'sagemaker_featurestore';

    this.resultsBucket = new s3.Bucket(this, 'Results', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'athena-results/',
      // Query results hold record values: they go after a while, and unfinished uploads with them.
      lifecycleRules: [{ expiration: props.resultsExpireAfter ?? Duration.days(7), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.workGroupName = `${stack.stackName}-history`.slice(0, 128);
    const workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: "Feature Store Record Console: a record's history from the offline store",
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        // The workgroup's settings win over the client's: results always land here, encrypted, within the cutoff.
        enforceWorkGroupConfiguration: true,
        bytesScannedCutoffPerQuery: cutoff,
        publishCloudWatchMetricsEnabled: true,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: this.resultsBucket.s3UrlForObject('results/'),
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: stack.account,
        },
      },
    });
    workGroup.node.addDependency(this.resultsBucket);

    // The grants: role-policies' historyStatements, in every role's policy document (the one the local store evaluates too).
    this.access = {
      workGroups: [this.workGroupName],
      database,
      offlineStore: { bucket: offlineBucket, prefix: offlinePrefix },
      results: [{ bucketArn: this.resultsBucket.bucketArn, objectsArn: this.resultsBucket.arnForObjects('results/*') }],
    };
    const tables = props.featureGroups.map((name) => `table/${database}/${name.toLowerCase().replace(/\*$/, '')}*`);
    const offlineObjects = `arn:${stack.partition}:s3:::${offlineBucket}/${offlinePrefix ? `${offlinePrefix}/` : ''}*`;
    this.acknowledgeFindings(stack, tables, offlineObjects);
  }

  /** The wildcards these grants need (cdk-nag IAM5), each acknowledged with its reason. */
  private acknowledgeFindings(stack: Stack, tables: readonly string[], offlineObjects: string): void {
    const region = nagText(stack.region, 'AWS::Region');
    const account = nagText(stack.account, 'AWS::AccountId');
    const finding = (resource: string, reason: string) =>
      Validations.of(stack).acknowledge({ id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`, reason });
    for (const table of tables)
      finding(
        `arn:<AWS::Partition>:glue:${region}:${account}:${table}`,
        "SageMaker names a feature group's offline table after the group and its creation time (<group>-<timestamp>): the prefix matches the named groups' tables only.",
      );
    finding(
      offlineObjects.replace(/^arn:[^:]+:/, 'arn:<AWS::Partition>:'),
      "Athena reads the offline store's Parquet objects under the prefix the operator named, with the caller's credentials; nothing else in that bucket.",
    );
    finding(
      `<${stack.getLogicalId(this.resultsBucket.node.defaultChild as s3.CfnBucket)}.Arn>/results/*`,
      "Athena writes and reads each query's results under the workgroup's results prefix with the caller's credentials; the objects are named by query id.",
    );
  }
}
