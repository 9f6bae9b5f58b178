import { describe, expect, inject, it } from 'vitest';
import { GetRecordCommand, PutRecordCommand, SageMakerFeatureStoreRuntimeClient } from '@aws-sdk/client-sagemaker-featurestore-runtime';

const { endpoint, region, credentials } = inject('featureStore');
const runtime = new SageMakerFeatureStoreRuntimeClient({ endpoint, region, credentials, maxAttempts: 1 });

describe('customers feature group', () => {
  it('reads the seeded record', async () => {
    const answer = await runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'c-1' }));
    expect(answer.Record).toContainEqual({ FeatureName: 'age', ValueAsString: '42' });
  });

  it('writes and reads back a record', async () => {
    await runtime.send(
      new PutRecordCommand({
        FeatureGroupName: 'customers',
        Record: [
          { FeatureName: 'customer_id', ValueAsString: 'c-2' },
          { FeatureName: 'event_time', ValueAsString: '2026-01-02T00:00:00Z' },
          { FeatureName: 'age', ValueAsString: '7' },
        ],
      }),
    );
    const answer = await runtime.send(new GetRecordCommand({ FeatureGroupName: 'customers', RecordIdentifierValueAsString: 'c-2' }));
    expect(answer.Record).toContainEqual({ FeatureName: 'age', ValueAsString: '7' });
  });

  it('refuses what Feature Store refuses, with its error name', async () => {
    const put = runtime.send(
      new PutRecordCommand({
        FeatureGroupName: 'customers',
        Record: [
          { FeatureName: 'customer_id', ValueAsString: 'c-3' },
          { FeatureName: 'event_time', ValueAsString: '2026-01-03T00:00:00Z' },
          { FeatureName: 'age', ValueAsString: 'forty' },
        ],
      }),
    );
    await expect(put).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
