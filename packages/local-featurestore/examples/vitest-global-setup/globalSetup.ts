/**
 * Vitest globalSetup: starts one local Feature Store (a free port, in memory) with a
 * seeded feature group, hands its endpoint and keys to the tests, and stops it after.
 */
import type { TestProject } from 'vitest/node';
import { startLocalFeatureStore } from 'local-featurestore';

export interface FeatureStoreContext {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    featureStore: FeatureStoreContext;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const store = await startLocalFeatureStore({
    groups: [
      {
        FeatureGroupName: 'customers',
        RecordIdentifierFeatureName: 'customer_id',
        EventTimeFeatureName: 'event_time',
        FeatureDefinitions: [
          { FeatureName: 'customer_id', FeatureType: 'String' },
          { FeatureName: 'event_time', FeatureType: 'String' },
          { FeatureName: 'age', FeatureType: 'Integral' },
        ],
        OnlineStoreConfig: { EnableOnlineStore: true },
        records: [
          [
            { FeatureName: 'customer_id', ValueAsString: 'c-1' },
            { FeatureName: 'event_time', ValueAsString: '2026-01-01T00:00:00Z' },
            { FeatureName: 'age', ValueAsString: '42' },
          ],
        ],
      },
    ],
  });
  project.provide('featureStore', { endpoint: store.endpoint, region: store.region, credentials: store.credentials });
  return () => store.stop();
}
