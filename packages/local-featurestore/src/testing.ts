/** Test helpers: a local Feature Store in memory and SDK clients pointed at it. */
import { SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { CreateFeatureGroupCommand, SageMakerClient, type CreateFeatureGroupCommandInput } from '@aws-sdk/client-sagemaker';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';
import { DEFAULT_IDENTITY_POOL_ID, DEVELOPER_KEY, startLocalFeatureStore, type LocalFeatureStore, type LocalFeatureStoreOptions } from './server.js';

export interface TestStack {
  store: LocalFeatureStore;
  runtime: SageMakerFeatureStoreRuntimeClient;
  sagemaker: SageMakerClient;
  guestRuntime: SageMakerFeatureStoreRuntimeClient;
  guestSagemaker: SageMakerClient;
}

/**
 * An identity-id cache of one provider, in memory: the Cognito credential provider's default
 * cache is shared by every provider in the process, so tests give each provider its own.
 */
export function memoryIdentityCache(): { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

export async function startTestStack(options: LocalFeatureStoreOptions = {}): Promise<TestStack> {
  const store = await startLocalFeatureStore({ port: 0, dataDir: null, ...options });
  const base = { region: 'us-east-1', endpoint: store.url, maxAttempts: 1 };
  const guestCredentials = fromCognitoIdentityPool({
    identityPoolId: DEFAULT_IDENTITY_POOL_ID,
    clientConfig: { region: 'us-east-1', endpoint: store.url },
    // The provider's default identity cache is shared by every provider in the process.
    cache: memoryIdentityCache(),
  });
  return {
    store,
    runtime: new SageMakerFeatureStoreRuntimeClient({ ...base, credentials: DEVELOPER_KEY }),
    sagemaker: new SageMakerClient({ ...base, credentials: DEVELOPER_KEY }),
    guestRuntime: new SageMakerFeatureStoreRuntimeClient({ ...base, credentials: guestCredentials }),
    guestSagemaker: new SageMakerClient({ ...base, credentials: guestCredentials }),
  };
}

export async function stopTestStack(stack: TestStack): Promise<void> {
  for (const client of [stack.runtime, stack.sagemaker, stack.guestRuntime, stack.guestSagemaker]) client.destroy();
  await stack.store.close();
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export type GroupInput = Partial<CreateFeatureGroupCommandInput>;

/**
 * Creates a small group: id (String), ts (String ISO event time), n (Integral), x (Fractional), s (String),
 * Standard_V2 online store and an offline store. Used by the integration and the e2e tests.
 */
export async function createGroup(stack: Pick<TestStack, 'sagemaker'>, overrides: GroupInput = {}): Promise<string> {
  const name = overrides.FeatureGroupName ?? uniqueName('g');
  await stack.sagemaker.send(
    new CreateFeatureGroupCommand({
      FeatureGroupName: name,
      RecordIdentifierFeatureName: 'id',
      EventTimeFeatureName: 'ts',
      FeatureDefinitions: [
        { FeatureName: 'id', FeatureType: 'String' },
        { FeatureName: 'ts', FeatureType: 'String' },
        { FeatureName: 'n', FeatureType: 'Integral' },
        { FeatureName: 'x', FeatureType: 'Fractional' },
        { FeatureName: 's', FeatureType: 'String' },
      ],
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard_V2' },
      OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://test-bucket/offline' } },
      ...overrides,
    } as CreateFeatureGroupCommandInput),
  );
  return name;
}

export function record(values: Record<string, string | string[]>) {
  return Object.entries(values).map(([FeatureName, value]) =>
    Array.isArray(value) ? { FeatureName, ValueAsStringList: value } : { FeatureName, ValueAsString: value },
  );
}

/** Expects the promise to reject with the named AWS error; returns the error for more checks. */
export async function expectAwsError(
  promise: Promise<unknown>,
  name: string,
  messagePattern?: RegExp,
): Promise<Error & { $metadata?: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await promise;
  } catch (error) {
    const err = error as Error & { $metadata?: { httpStatusCode?: number; requestId?: string } };
    if (err.name !== name) throw new Error(`Expected ${name}, got ${err.name}: ${err.message}`, { cause: error });
    if (messagePattern && !messagePattern.test(err.message))
      throw new Error(`Expected message matching ${messagePattern}, got: ${err.message}`, { cause: error });
    return err;
  }
  throw new Error(`Expected ${name}, but the call succeeded`);
}

export async function offlineRows(stack: TestStack, group: string): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${stack.store.url}/_local/offline-store/${encodeURIComponent(group)}`);
  const text = await response.text();
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
