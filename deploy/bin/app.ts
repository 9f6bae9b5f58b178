/**
 * `npm run deploy`: the console in your AWS account (see deploy/README.md).
 * Context parameters (-c name=value): featureGroups (comma-separated names, or prefixes
 * ending in *), referenceGroups (comma-separated read-only groups only admins write),
 * supportFeatures (what the support group may UpdateRecord: customers:email,phone;orders:status),
 * domainPrefix (the managed-login domain), allowGuests (true for demos only),
 * environmentLabel, consoleDirectory (default dist); offlineStoreS3Uri (turns on history queries
 * through Athena), offlineStoreDatabase, historyBytesScannedCutoff.
 */
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseSupportFeatures } from 'featurestore-role-policies';
import { ConsoleStack } from '../lib/consoleStack';
import { suppressJustifiedFindings } from '../lib/nagSuppressions';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
const context = (name: string): string | undefined => app.node.tryGetContext(name) as string | undefined;
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
const featureGroups = list(context('featureGroups'));
const stack = new ConsoleStack(app, context('stackName') ?? 'FeatureStoreRecordConsole', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  consoleDirectory: context('consoleDirectory') ?? fileURLToPath(new URL('../../dist', import.meta.url)),
  featureGroups,
  referenceGroups: list(context('referenceGroups')),
  supportFeatures: parseSupportFeatures(context('supportFeatures') ?? ''),
  domainPrefix: context('domainPrefix') ?? '',
  allowGuests: context('allowGuests') === 'true',
  ...(context('environmentLabel') ? { environmentLabel: context('environmentLabel') } : {}),
  ...(context('offlineStoreS3Uri')
    ? {
        history: {
          offlineStoreS3Uri: context('offlineStoreS3Uri')!,
          ...(context('offlineStoreDatabase') ? { database: context('offlineStoreDatabase') } : {}),
          ...(context('historyBytesScannedCutoff') ? { bytesScannedCutoffPerQuery: Number(context('historyBytesScannedCutoff')) } : {}),
        },
      }
    : {}),
});
suppressJustifiedFindings(stack);
