/**
 * A deploy rehearsal: the CDK app synthesized in-process, and its CloudFront distribution
 * rehearsed by the local edge in front of the local Feature Store (the relay origins, with
 * `requireAwsHosts` so only requests addressed as AWS's hosts are answered) and the local
 * user pool, serving what the BucketDeployment would upload, config.json included, with
 * the deploy-time values (identity pool, user pool issuer, app client) resolved to the
 * local ones. See README "Rehearse a deploy locally" for what still differs from CloudFront.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { App } from 'aws-cdk-lib';
import { ConsoleStack, type ConsoleStackProps } from '../lib/consoleStack';
import {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_APP_CLIENT_ID,
  DEFAULT_IDENTITY_POOL_ID,
  DEFAULT_REGION,
  DEFAULT_USER_POOL_ID,
  startLocalFeatureStore,
  type LocalFeatureStore,
} from '../../packages/local-featurestore/src/server';
import type { WorkGroupSetting } from '../../packages/local-featurestore/src/services/athena/queryExecutions';
import { resolveIntrinsics, type CfnTemplate, type LocalValues } from './intrinsics';
import { readDistribution, type Distribution } from './distribution';
import { readSiteBuckets } from './siteBucket';
import { createEdge } from './edge';

export interface SynthesizedDeploy {
  template: CfnTemplate;
  /** The cloud assembly directory and the stack's assets manifest in it. */
  assembly: { directory: string; assetsManifest: string };
}

/**
 * The offline store of the local Feature Store's seeded groups (their OfflineStoreConfig
 * S3Uri is under it): the rehearsal deploys with history, as `-c offlineStoreS3Uri=` does.
 */
export const LOCAL_OFFLINE_STORE_S3_URI = 's3://local-featurestore-offline';

/** `cdk synth`, in-process, for the local account and Region (the local Feature Store's), with history (Athena) on. */
export function synthesizeDeploy(props: Partial<ConsoleStackProps> & { consoleDirectory: string }): SynthesizedDeploy {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'console-rehearsal-'));
  const app = new App({ outdir: directory });
  const stack = new ConsoleStack(app, 'FeatureStoreRecordConsole', {
    env: { account: DEFAULT_ACCOUNT_ID, region: DEFAULT_REGION },
    featureGroups: ['customers', 'orders', 'exchange-rates'],
    domainPrefix: 'rehearsal-console',
    history: { offlineStoreS3Uri: LOCAL_OFFLINE_STORE_S3_URI },
    ...props,
  });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  return { template: artifact.template as CfnTemplate, assembly: { directory, assetsManifest: `${artifact.id}.assets.json` } };
}

export interface RehearsalOptions {
  deploy: SynthesizedDeploy;
  /** The edge's port (0: any free one). */
  port?: number;
  /** The local Feature Store's port (0: any free one). */
  featureStorePort?: number;
  /** Test hook: change the template before it is read (to prove the checks catch a bad distribution). */
  alterTemplate?: (template: CfnTemplate) => void;
}

export interface Rehearsal {
  url: string;
  /** The Region the deploy was synthesized for (the local Feature Store's). */
  region: string;
  featureStore: LocalFeatureStore;
  distribution: Distribution;
  /** The AWS origins the console reaches directly, and the local origin standing in for each. */
  standIns: Map<string, string>;
  /** The Athena workgroups the template creates, as the local Feature Store answers them. */
  athenaWorkGroups: WorkGroupSetting[];
  close(): Promise<void>;
}

/** Origins of AWS services the console's CSP names: Cognito's endpoints, the managed login's domain and Athena's endpoint. */
function awsOriginsIn(policy: string): string[] {
  return [...new Set(policy.match(/https:\/\/[a-z0-9.-]+\.(?:amazonaws\.com|amazoncognito\.com)/g) ?? [])];
}

/**
 * The template's Athena workgroups (history, deployed with an offline store), as the local
 * Feature Store answers them: the name, the enforced results location and the cutoff. The
 * results bucket's name is only known once deployed: its logical id stands in.
 */
function athenaWorkGroupsIn(template: CfnTemplate, local: LocalValues): WorkGroupSetting[] {
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Athena::WorkGroup')
    .map((resource) => {
      const properties = resolveIntrinsics(resource.Properties ?? {}, template, local) as {
        Name?: unknown;
        WorkGroupConfiguration?: { BytesScannedCutoffPerQuery?: unknown; ResultConfiguration?: { OutputLocation?: unknown } };
      };
      if (typeof properties.Name !== 'string') throw new Error('An Athena workgroup without a literal name.');
      const configuration = properties.WorkGroupConfiguration;
      const location = configuration?.ResultConfiguration?.OutputLocation;
      const cutoff = configuration?.BytesScannedCutoffPerQuery;
      return {
        name: properties.Name,
        ...(typeof location === 'string' ? { outputLocation: location } : {}),
        ...(typeof cutoff === 'number' ? { bytesScannedCutoffPerQuery: cutoff } : {}),
      };
    });
}

/**
 * Athena's endpoint on the local Feature Store, as an origin of its own: the same port as
 * the Cognito stand-in (127.0.0.1) under the name `localhost`, so the CSP's connect-src lets
 * history queries through only when the deploy's policy names Athena's origin.
 */
function athenaStandIn(storeUrl: string): string {
  const url = new URL(storeUrl);
  url.hostname = 'localhost';
  return url.origin;
}

export async function startRehearsal(options: RehearsalOptions): Promise<Rehearsal> {
  const template = structuredClone(options.deploy.template);
  options.alterTemplate?.(template);
  const identityPool = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::Cognito::IdentityPool');
  const pseudo = { 'AWS::Region': DEFAULT_REGION, 'AWS::AccountId': DEFAULT_ACCOUNT_ID, 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };
  const athenaWorkGroups = athenaWorkGroupsIn(template, {
    pseudo,
    ref: { 'AWS::S3::Bucket': (logicalId) => logicalId.toLowerCase() },
    getAtt: {},
  });
  const featureStore = await startLocalFeatureStore({
    port: options.featureStorePort ?? 0,
    dataDir: null,
    seed: true,
    requireAwsHosts: true,
    // The deploy's identity pool decides whether guests get credentials.
    allowGuests: identityPool?.Properties?.AllowUnauthenticatedIdentities === true,
    // The deploy's workgroups and no others (not even `primary`): history queries name the one config.json names.
    athenaWorkGroups,
    // Kept admin-only on purpose although this deploy names exchange-rates an ordinary group: the one place
    // config.json (writers may write it) and IAM disagree, so the rehearsal shows a refusal the console did not foresee.
    referenceGroups: ['exchange-rates'],
  });
  const storeOrigin = new URL(featureStore.url).origin;
  let edgeHost = 'localhost';
  const local: LocalValues = {
    pseudo,
    ref: {
      'AWS::Cognito::IdentityPool': () => DEFAULT_IDENTITY_POOL_ID,
      'AWS::Cognito::UserPool': () => DEFAULT_USER_POOL_ID,
      'AWS::Cognito::UserPoolClient': () => DEFAULT_APP_CLIENT_ID,
    },
    getAtt: {
      'AWS::Cognito::UserPool.ProviderURL': () => featureStore.userPool.issuer,
      'AWS::CloudFront::Distribution.DomainName': () => edgeHost,
    },
  };
  try {
    const distribution = readDistribution(template, local);
    const buckets = readSiteBuckets(template, options.deploy.assembly, local);

    // Cognito's endpoints, the managed login and Athena are called by the browser directly: the local Feature Store stands in for each.
    const policies = distribution.behaviours.flatMap((behaviour) => behaviour.responseHeaders.filter((rule) => rule.name === 'Content-Security-Policy'));
    const athenaOrigin = `https://athena.${DEFAULT_REGION}.amazonaws.com`;
    const localAthena = athenaStandIn(featureStore.url);
    const standIns = new Map(
      policies.flatMap((rule) => awsOriginsIn(rule.value)).map((origin): [string, string] => [origin, origin === athenaOrigin ? localAthena : storeOrigin]),
    );
    const withStandIns = (text: string) => [...standIns].reduce((result, [aws, local]) => result.split(aws).join(local), text);
    for (const rule of policies) rule.value = withStandIns(rule.value);
    for (const bucket of buckets.values()) {
      const config = bucket.text('config.json');
      if (config === undefined) continue;
      const parsed = JSON.parse(withStandIns(config)) as { endpoints?: Record<string, string>; athena?: unknown };
      // AWS's SDK finds Cognito's and Athena's regional endpoints itself; locally it must be told. Athena's
      // whether or not the CSP names it: a policy that leaves Athena out must fail history queries here too.
      parsed.endpoints = { ...parsed.endpoints, cognitoIdentity: storeOrigin, ...(parsed.athena ? { athena: localAthena } : {}) };
      bucket.put('config.json', Buffer.from(JSON.stringify(parsed, null, 2)));
    }

    const customOriginAddress = (domainName: string): URL => {
      if (!/\.amazonaws\.com$/.test(domainName)) throw new Error(`No local stand-in for the origin ${domainName}.`);
      return new URL(featureStore.url);
    };
    for (const behaviour of distribution.behaviours) if (behaviour.origin.kind === 'custom') customOriginAddress(behaviour.origin.domainName);

    const edge = createEdge({
      distribution,
      buckets,
      customOriginAddress,
      get distributionDomainName() {
        return edgeHost;
      },
    });
    await new Promise<void>((resolve) => edge.listen(options.port ?? 0, '127.0.0.1', resolve));
    const port = (edge.address() as AddressInfo).port;
    edgeHost = `localhost:${port}`;
    const close = async () => {
      edge.closeAllConnections();
      await new Promise<void>((resolve) => edge.close(() => resolve()));
      await featureStore.close();
    };
    return { url: `http://localhost:${port}`, region: DEFAULT_REGION, featureStore, distribution, standIns, athenaWorkGroups, close };
  } catch (error) {
    await featureStore.close();
    throw error;
  }
}
