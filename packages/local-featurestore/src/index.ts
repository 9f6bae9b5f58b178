/**
 * The package's entry point, for other projects' test suites:
 *
 *   const store = await startLocalFeatureStore({ groups: [...] });
 *   new SageMakerFeatureStoreRuntimeClient({ endpoint: store.endpoint, region: store.region, credentials: store.credentials });
 *   await store.stop();
 *
 * Defaults suit tests: port 0 (a free port), 127.0.0.1, everything in memory, no demo data.
 * Seed groups, records, user-pool users and the guest policy are optional.
 */
import { ServiceError } from './model/errors.js';
import { runtimeWire } from './services/runtime/wire.js';
import { sagemakerWire } from './services/sagemaker/wire.js';
import {
  DEFAULT_APP_CLIENT_ID,
  DEFAULT_IDENTITY_POOL_ID,
  DEFAULT_REGION,
  DEFAULT_USER_POOL_ID,
  DEVELOPER_KEY,
  startLocalFeatureStore as listen,
  type LocalFeatureStore,
  type LocalFeatureStoreOptions,
} from './server.js';

export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_APP_CLIENT_ID,
  DEFAULT_IDENTITY_POOL_ID,
  DEFAULT_PORT,
  DEFAULT_REGION,
  DEFAULT_USER_POOL_ID,
  DEVELOPER_KEY,
  type LocalFeatureStore,
  type LocalFeatureStoreOptions,
} from './server.js';
export { DEMO_USERS, type UserPoolUser } from './model/userPool.js';

/** A FeatureValue as PutRecord takes it. */
export interface SeedFeatureValue {
  FeatureName: string;
  ValueAsString?: string;
  ValueAsStringList?: string[];
}

/** A CreateFeatureGroup request (the SageMaker API's own shape), with records to put once it exists. */
export interface SeedFeatureGroup {
  FeatureGroupName: string;
  RecordIdentifierFeatureName: string;
  EventTimeFeatureName: string;
  FeatureDefinitions: { FeatureName: string; FeatureType: 'Integral' | 'Fractional' | 'String'; [member: string]: unknown }[];
  [member: string]: unknown;
  /** Each record a PutRecord `Record` (a list of FeatureValues). */
  records?: SeedFeatureValue[][];
}

export interface StartOptions extends Omit<LocalFeatureStoreOptions, 'seed'> {
  /** Feature groups to create (as CreateFeatureGroup, validated as the service validates it), then their records. */
  groups?: SeedFeatureGroup[];
  /** The demo groups and records `npx local-featurestore` starts with (default false). */
  demoData?: boolean;
}

export interface RunningLocalFeatureStore {
  /** The one endpoint of every service (runtime, SageMaker, Cognito): `http://127.0.0.1:<port>`. */
  endpoint: string;
  region: string;
  /** The developer key pair: an administrator, never refused by a policy. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  identityPoolId: string;
  userPoolId: string;
  appClientId: string;
  /** The server and its models, for what the options do not cover. */
  store: LocalFeatureStore;
  /** Stops listening and closes the database; resolves when done. */
  stop(): Promise<void>;
}

function seedError(what: string, error: unknown): Error {
  if (error instanceof ServiceError) return new Error(`Seeding ${what}: ${error.errorName}: ${error.message}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export async function startLocalFeatureStore(options: StartOptions = {}): Promise<RunningLocalFeatureStore> {
  const { groups = [], demoData = false, ...serverOptions } = options;
  const store = await listen({ port: 0, host: '127.0.0.1', dataDir: null, ...serverOptions, seed: demoData });
  const models = { groups: store.groups, records: store.records, identities: store.identities, athena: store.athena };
  try {
    for (const { records = [], ...group } of groups) {
      try {
        // Through the service's own request validation, as a CreateFeatureGroup call would be.
        sagemakerWire.invoke({ operation: 'CreateFeatureGroup', body: group, query: {} }, models);
        for (const record of records) {
          runtimeWire.invoke({ operation: 'PutRecord', pathGroup: encodeURIComponent(group.FeatureGroupName), body: { Record: record }, query: {} }, models);
        }
      } catch (error) {
        throw seedError(`feature group ${group.FeatureGroupName}`, error);
      }
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    endpoint: store.url,
    region: options.region ?? DEFAULT_REGION,
    credentials: { ...(options.developerKey ?? DEVELOPER_KEY) },
    identityPoolId: options.identityPoolIds?.[0] ?? DEFAULT_IDENTITY_POOL_ID,
    userPoolId: options.userPoolId ?? DEFAULT_USER_POOL_ID,
    appClientId: options.appClientId ?? DEFAULT_APP_CLIENT_ID,
    store,
    stop: () => store.close(),
  };
}
