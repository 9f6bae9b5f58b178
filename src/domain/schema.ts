/**
 * The feature-group schema model the console works with, built from
 * DescribeFeatureGroup's answer. Structural types only: domain/ never imports the SDK.
 */
import type { EventTimeType } from './eventTime';
import type { TtlDuration } from './ttl';
import type { CollectionType, FeatureType } from './values';

export type StorageType = 'Standard' | 'Standard_V2' | 'InMemory';
export type TargetStore = 'OnlineStore' | 'OfflineStore';
export type FeatureRole = 'identifier' | 'eventTime' | 'feature';

export interface FeatureSpec {
  name: string;
  type: FeatureType;
  collection?: CollectionType;
  /** Vector features only. */
  dimension?: number;
  role: FeatureRole;
}

export interface FeatureGroupSchema {
  name: string;
  arn: string;
  status: string;
  description?: string;
  recordIdentifierName: string;
  eventTimeName: string;
  eventTimeType: EventTimeType;
  /** Identifier first, event time second, then the other features in definition order. */
  features: FeatureSpec[];
  onlineStore?: { storageType: StorageType; defaultTtl?: TtlDuration };
  offlineStore: boolean;
  /** The offline store's Glue table (DataCatalogConfig) and its format, when it has one. */
  offlineTable?: { catalog: string; database: string; table: string; format: 'Glue' | 'Iceberg' };
  creationTime?: Date;
}

/** What DescribeFeatureGroup returns, as far as the console needs it. */
export interface FeatureGroupDescriptionLike {
  FeatureGroupName?: string;
  FeatureGroupArn?: string;
  FeatureGroupStatus?: string;
  Description?: string;
  RecordIdentifierFeatureName?: string;
  EventTimeFeatureName?: string;
  FeatureDefinitions?: { FeatureName?: string; FeatureType?: string; CollectionType?: string; CollectionConfig?: { VectorConfig?: { Dimension?: number } } }[];
  OnlineStoreConfig?: { EnableOnlineStore?: boolean; StorageType?: string; TtlDuration?: { Unit?: string; Value?: number } };
  OfflineStoreConfig?: {
    DataCatalogConfig?: { Catalog?: string | undefined; Database?: string | undefined; TableName?: string | undefined } | undefined;
    TableFormat?: string | undefined;
    S3StorageConfig?: { S3Uri?: string | undefined } | undefined;
  };
  CreationTime?: Date;
}

export function buildFeatureGroupSchema(description: FeatureGroupDescriptionLike): FeatureGroupSchema {
  const identifier = description.RecordIdentifierFeatureName ?? '';
  const eventTime = description.EventTimeFeatureName ?? '';
  const specs: FeatureSpec[] = (description.FeatureDefinitions ?? []).map((definition) => {
    const name = definition.FeatureName ?? '';
    const spec: FeatureSpec = {
      name,
      type: (definition.FeatureType ?? 'String') as FeatureType,
      role: name === identifier ? 'identifier' : name === eventTime ? 'eventTime' : 'feature',
    };
    if (definition.CollectionType) spec.collection = definition.CollectionType as CollectionType;
    const dimension = definition.CollectionConfig?.VectorConfig?.Dimension;
    if (spec.collection === 'Vector' && dimension !== undefined) spec.dimension = dimension;
    return spec;
  });
  const rank = (spec: FeatureSpec) => (spec.role === 'identifier' ? 0 : spec.role === 'eventTime' ? 1 : 2);
  const features = [...specs].sort((a, b) => rank(a) - rank(b));
  const online = description.OnlineStoreConfig;
  const ttl = online?.TtlDuration;
  const schema: FeatureGroupSchema = {
    name: description.FeatureGroupName ?? '',
    arn: description.FeatureGroupArn ?? '',
    status: description.FeatureGroupStatus ?? 'Unknown',
    recordIdentifierName: identifier,
    eventTimeName: eventTime,
    eventTimeType: features.find((f) => f.role === 'eventTime')?.type === 'Fractional' ? 'Fractional' : 'String',
    features,
    offlineStore: description.OfflineStoreConfig !== undefined,
  };
  const catalog = description.OfflineStoreConfig?.DataCatalogConfig;
  if (catalog?.Database && catalog.TableName) {
    schema.offlineTable = {
      catalog: catalog.Catalog ?? 'AwsDataCatalog',
      database: catalog.Database,
      table: catalog.TableName,
      format: description.OfflineStoreConfig?.TableFormat === 'Iceberg' ? 'Iceberg' : 'Glue',
    };
  }
  if (description.Description) schema.description = description.Description;
  if (description.CreationTime) schema.creationTime = description.CreationTime;
  if (online?.EnableOnlineStore) {
    schema.onlineStore = { storageType: (online.StorageType ?? 'Standard') as StorageType };
    if (ttl?.Unit && ttl.Value !== undefined) schema.onlineStore.defaultTtl = { Unit: ttl.Unit as TtlDuration['Unit'], Value: ttl.Value };
  }
  return schema;
}

/** UpdateRecord exists only for Standard_V2 and InMemory online stores. */
export function supportsUpdateRecord(schema: FeatureGroupSchema): boolean {
  return schema.onlineStore !== undefined && schema.onlineStore.storageType !== 'Standard';
}

export function describeFeatureKind(spec: FeatureSpec): string {
  if (!spec.collection) return spec.type;
  if (spec.collection === 'Vector') return `Vector of ${spec.type} (dimension ${spec.dimension ?? '?'})`;
  return `${spec.collection} of ${spec.type}`;
}
