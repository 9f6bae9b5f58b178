/** Schemas for unit tests, shaped like the seeded feature groups. */
import { buildFeatureGroupSchema, type FeatureGroupSchema } from './schema';

export const customersSchema: FeatureGroupSchema = buildFeatureGroupSchema({
  FeatureGroupName: 'customers',
  FeatureGroupArn: 'arn:aws:sagemaker:us-east-1:000000000000:feature-group/customers',
  FeatureGroupStatus: 'Created',
  RecordIdentifierFeatureName: 'customer_id',
  EventTimeFeatureName: 'event_time',
  FeatureDefinitions: [
    { FeatureName: 'age', FeatureType: 'Integral' },
    { FeatureName: 'customer_id', FeatureType: 'String' },
    { FeatureName: 'event_time', FeatureType: 'String' },
    { FeatureName: 'lifetime_value', FeatureType: 'Fractional' },
    { FeatureName: 'segment', FeatureType: 'String' },
  ],
  OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard', TtlDuration: { Unit: 'Days', Value: 30 } },
  OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://b' } },
});

export const productsSchema: FeatureGroupSchema = buildFeatureGroupSchema({
  FeatureGroupName: 'products',
  FeatureGroupArn: 'arn:aws:sagemaker:us-east-1:000000000000:feature-group/products',
  FeatureGroupStatus: 'Created',
  RecordIdentifierFeatureName: 'id',
  EventTimeFeatureName: 'ts',
  FeatureDefinitions: [
    { FeatureName: 'id', FeatureType: 'Integral' },
    { FeatureName: 'ts', FeatureType: 'Fractional' },
    { FeatureName: 'tags', FeatureType: 'String', CollectionType: 'Set' },
    { FeatureName: 'prices', FeatureType: 'Fractional', CollectionType: 'List' },
    { FeatureName: 'vec', FeatureType: 'Fractional', CollectionType: 'Vector', CollectionConfig: { VectorConfig: { Dimension: 3 } } },
  ],
  OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory' },
});

export const offlineOnlySchema: FeatureGroupSchema = buildFeatureGroupSchema({
  FeatureGroupName: 'clicks',
  FeatureGroupStatus: 'Created',
  RecordIdentifierFeatureName: 'id',
  EventTimeFeatureName: 'ts',
  FeatureDefinitions: [
    { FeatureName: 'id', FeatureType: 'String' },
    { FeatureName: 'ts', FeatureType: 'String' },
  ],
  OfflineStoreConfig: { S3StorageConfig: { S3Uri: 's3://b' } },
});
