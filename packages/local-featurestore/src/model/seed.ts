/**
 * Demo data, written once on the first start of a data directory: feature groups
 * that together cover every FeatureType, every CollectionType, each online
 * StorageType, an offline-only group, groups with and without a default TTL, String
 * and Fractional event times, and a group the guest may only read.
 */
import { formatEpochSeconds, formatIsoMillis } from 'featurestore-record-contract';
import type { FeatureStoreDatabase } from '../storage/database.js';
import type { FeatureGroupModel } from './featureGroups.js';
import type { RecordModel } from './records.js';

export const READ_ONLY_GROUP = 'exchange-rates';
const SEED_VERSION = '1';
const OFFLINE = (name: string) => ({ S3StorageConfig: { S3Uri: `s3://local-featurestore-offline/${name}` } });

type Value = string | string[];

export function seedDemoData(db: FeatureStoreDatabase, groups: FeatureGroupModel, records: RecordModel, now: () => Date): void {
  if (db.getMeta('seed_version') === SEED_VERSION) return;
  const at = now();
  const iso = (minutesAgo: number) => formatIsoMillis(new Date(at.getTime() - minutesAgo * 60_000));
  const epoch = (minutesAgo: number) => formatEpochSeconds(new Date(at.getTime() - minutesAgo * 60_000));
  const put = (group: string, values: Record<string, Value>) =>
    records.putRecord(group, {
      Record: Object.entries(values).map(([FeatureName, value]) =>
        Array.isArray(value) ? { FeatureName, ValueAsStringList: value } : { FeatureName, ValueAsString: value },
      ),
    });

  db.transaction(() => {
    groups.create({
      FeatureGroupName: 'customers',
      Description: 'Customer profile features for churn and lifetime-value models. Standard online store with a 30-day TTL, plus the offline store.',
      RecordIdentifierFeatureName: 'customer_id',
      EventTimeFeatureName: 'event_time',
      FeatureDefinitions: [
        { FeatureName: 'customer_id', FeatureType: 'String' },
        { FeatureName: 'event_time', FeatureType: 'String' },
        { FeatureName: 'age', FeatureType: 'Integral' },
        { FeatureName: 'lifetime_value', FeatureType: 'Fractional' },
        { FeatureName: 'segment', FeatureType: 'String' },
        { FeatureName: 'is_active', FeatureType: 'Integral' },
        { FeatureName: 'account_balance_micros', FeatureType: 'Integral' },
        { FeatureName: 'signup_channel', FeatureType: 'String' },
      ],
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard', TtlDuration: { Unit: 'Days', Value: 30 } },
      OfflineStoreConfig: OFFLINE('customers'),
    });
    groups.setFeatureMetadata('customers', 'customer_id', 'Stable customer key from the CRM, e.g. C-1001.');
    groups.setFeatureMetadata('customers', 'age', 'Age in whole years at the event time.');
    groups.setFeatureMetadata('customers', 'lifetime_value', 'Predicted 12-month revenue in USD.');
    groups.setFeatureMetadata('customers', 'segment', 'Marketing segment: consumer, smb or enterprise.');
    groups.setFeatureMetadata('customers', 'is_active', '1 when the customer purchased in the last 90 days, else 0.');
    groups.setFeatureMetadata('customers', 'account_balance_micros', 'Balance in millionths of a dollar; can exceed 2^53.');
    put('customers', {
      customer_id: 'C-1001',
      event_time: iso(60),
      age: '34',
      lifetime_value: '1289.5',
      segment: 'consumer',
      is_active: '1',
      account_balance_micros: '9007199254740993',
      signup_channel: 'web',
    });
    put('customers', {
      customer_id: 'C-1002',
      event_time: iso(45),
      age: '51',
      lifetime_value: '20400.75',
      segment: 'enterprise',
      is_active: '1',
      signup_channel: 'sales',
    });
    put('customers', {
      customer_id: 'C-1003',
      event_time: iso(30),
      age: '27',
      lifetime_value: '0',
      segment: 'smb',
      is_active: '0',
      account_balance_micros: '-1250000',
    });

    groups.create({
      FeatureGroupName: 'transactions',
      Description: 'Card transactions for fraud scoring. Standard_V2 online store (UpdateRecord works), no TTL, Fractional event time.',
      RecordIdentifierFeatureName: 'transaction_id',
      EventTimeFeatureName: 'event_timestamp',
      FeatureDefinitions: [
        { FeatureName: 'transaction_id', FeatureType: 'Integral' },
        { FeatureName: 'event_timestamp', FeatureType: 'Fractional' },
        { FeatureName: 'amount', FeatureType: 'Fractional' },
        { FeatureName: 'currency', FeatureType: 'String' },
        { FeatureName: 'merchant_id', FeatureType: 'String' },
        { FeatureName: 'card_present', FeatureType: 'Integral' },
        { FeatureName: 'fraud_score', FeatureType: 'Fractional' },
      ],
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard_V2' },
      OfflineStoreConfig: OFFLINE('transactions'),
    });
    groups.setFeatureMetadata('transactions', 'event_timestamp', 'When the card was charged, in Unix epoch seconds.');
    groups.setFeatureMetadata('transactions', 'fraud_score', 'Model score from 0 (legitimate) to 1 (fraud).');
    put('transactions', {
      transaction_id: '500001',
      event_timestamp: epoch(20),
      amount: '42.5',
      currency: 'USD',
      merchant_id: 'M-77',
      card_present: '1',
      fraud_score: '0.02',
    });
    put('transactions', {
      transaction_id: '500002',
      event_timestamp: epoch(15),
      amount: '1999.99',
      currency: 'EUR',
      merchant_id: 'M-12',
      card_present: '0',
      fraud_score: '0.87',
    });
    put('transactions', { transaction_id: '500003', event_timestamp: epoch(10), amount: '5', currency: 'GBP', merchant_id: 'M-77', card_present: '1' });

    groups.create({
      FeatureGroupName: 'product-embeddings',
      Description: 'Product features for recommendations: lists, sets and an 8-dimension embedding. InMemory online store with a 7-day TTL.',
      RecordIdentifierFeatureName: 'product_id',
      EventTimeFeatureName: 'event_time',
      FeatureDefinitions: [
        { FeatureName: 'product_id', FeatureType: 'String' },
        { FeatureName: 'event_time', FeatureType: 'String' },
        { FeatureName: 'title', FeatureType: 'String' },
        { FeatureName: 'tags', FeatureType: 'String', CollectionType: 'Set' },
        { FeatureName: 'recent_prices', FeatureType: 'Fractional', CollectionType: 'List' },
        { FeatureName: 'daily_views', FeatureType: 'Integral', CollectionType: 'List' },
        { FeatureName: 'related_ids', FeatureType: 'Integral', CollectionType: 'Set' },
        { FeatureName: 'embedding', FeatureType: 'Fractional', CollectionType: 'Vector', CollectionConfig: { VectorConfig: { Dimension: 8 } } },
      ],
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'InMemory', TtlDuration: { Unit: 'Weeks', Value: 1 } },
    });
    groups.setFeatureMetadata('product-embeddings', 'tags', 'Unique search tags.');
    groups.setFeatureMetadata('product-embeddings', 'embedding', 'Image-text embedding, 8 dimensions.');
    put('product-embeddings', {
      product_id: 'P-100',
      event_time: iso(5),
      title: 'Trail running shoe',
      tags: ['running', 'outdoor', 'shoes'],
      recent_prices: ['89.99', '79.99', '84.5'],
      daily_views: ['120', '98', '143'],
      related_ids: ['101', '102'],
      embedding: ['0.12', '-0.4', '0.33', '0.05', '0.9', '-0.21', '0.0', '0.77'],
    });
    put('product-embeddings', {
      product_id: 'P-200',
      event_time: iso(3),
      title: 'Rain jacket',
      tags: ['outdoor', 'waterproof'],
      embedding: ['0.5', '0.1', '-0.3', '0.2', '0.0', '0.4', '-0.8', '0.6'],
    });

    groups.create({
      FeatureGroupName: 'clickstream-events',
      Description: 'Raw page views, kept only in the offline store for training data.',
      RecordIdentifierFeatureName: 'session_id',
      EventTimeFeatureName: 'event_time',
      FeatureDefinitions: [
        { FeatureName: 'session_id', FeatureType: 'String' },
        { FeatureName: 'event_time', FeatureType: 'String' },
        { FeatureName: 'page', FeatureType: 'String' },
        { FeatureName: 'dwell_seconds', FeatureType: 'Fractional' },
      ],
      OfflineStoreConfig: OFFLINE('clickstream-events'),
    });
    put('clickstream-events', { session_id: 'S-1', event_time: iso(8), page: '/products/P-100', dwell_seconds: '12.5' });

    groups.create({
      FeatureGroupName: READ_ONLY_GROUP,
      Description: 'Reference exchange rates. The console guest may read but not write this group (AccessForbidden).',
      RecordIdentifierFeatureName: 'currency_pair',
      EventTimeFeatureName: 'as_of',
      FeatureDefinitions: [
        { FeatureName: 'currency_pair', FeatureType: 'String' },
        { FeatureName: 'as_of', FeatureType: 'Fractional' },
        { FeatureName: 'rate', FeatureType: 'Fractional' },
        { FeatureName: 'source', FeatureType: 'String' },
      ],
      OnlineStoreConfig: { EnableOnlineStore: true, StorageType: 'Standard' },
      OfflineStoreConfig: OFFLINE(READ_ONLY_GROUP),
    });
    put(READ_ONLY_GROUP, { currency_pair: 'EURUSD', as_of: epoch(60), rate: '1.0842', source: 'ecb' });
    put(READ_ONLY_GROUP, { currency_pair: 'GBPUSD', as_of: epoch(60), rate: '1.2711', source: 'ecb' });

    db.setMeta('seed_version', SEED_VERSION);
  });
}
