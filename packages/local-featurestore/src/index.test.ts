import { describe, expect, it } from 'vitest';
import { GetRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';
import { ListFeatureGroupsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startLocalFeatureStore } from './index.js';

const customers = {
  FeatureGroupName: 'customers',
  RecordIdentifierFeatureName: 'id',
  EventTimeFeatureName: 'ts',
  FeatureDefinitions: [
    { FeatureName: 'id', FeatureType: 'String' as const },
    { FeatureName: 'ts', FeatureType: 'String' as const },
  ],
  OnlineStoreConfig: { EnableOnlineStore: true },
};

describe('startLocalFeatureStore (the package entry point)', () => {
  it('listens on a free port, in memory, with only the seeded groups and records, and stops', async () => {
    const store = await startLocalFeatureStore({
      groups: [
        {
          ...customers,
          records: [
            [
              { FeatureName: 'id', ValueAsString: 'c-1' },
              { FeatureName: 'ts', ValueAsString: '2026-01-01T00:00:00Z' },
            ],
          ],
        },
      ],
    });
    const clientConfig = { endpoint: store.endpoint, region: store.region, credentials: store.credentials, maxAttempts: 1 };
    const runtime = new SageMakerFeatureStoreRuntimeClient(clientConfig);
    const sagemaker = new SageMakerClient(clientConfig);
    try {
      expect(store.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(store.endpoint).not.toMatch(/:4566$/);
      const groups = await sagemaker.send(new ListFeatureGroupsCommand({}));
      expect(groups.FeatureGroupSummaries?.map((group) => group.FeatureGroupName)).toEqual(['customers']);
      const answer = await runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'c-1' }));
      expect(answer.Record).toContainEqual({ FeatureName: 'id', ValueAsString: 'c-1' });
    } finally {
      runtime.destroy();
      sagemaker.destroy();
      await store.stop();
    }
    await expect(fetch(`${store.endpoint}/_local/health`)).rejects.toThrow();
  });

  it('refuses a seed the service would refuse, naming the AWS error', async () => {
    const bad = { ...customers, FeatureGroupName: 'bad name!' };
    await expect(startLocalFeatureStore({ groups: [bad] })).rejects.toThrow(/Seeding feature group bad name!: ValidationException/);
    const badRecord = {
      ...customers,
      records: [
        [
          { FeatureName: 'id', ValueAsString: 'c-1' },
          { FeatureName: 'ts', ValueAsString: 'yesterday' },
        ],
      ],
    };
    await expect(startLocalFeatureStore({ groups: [badRecord] })).rejects.toThrow(/Seeding feature group customers: ValidationError/);
  });
});
