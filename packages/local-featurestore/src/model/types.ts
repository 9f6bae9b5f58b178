/** The shapes of the SageMaker control plane, as DescribeFeatureGroup returns them. */
import type { CollectionType, FeatureType, TtlDuration } from 'featurestore-record-contract';

export type StorageType = 'Standard' | 'Standard_V2' | 'InMemory';
export type TargetStore = 'OnlineStore' | 'OfflineStore';
export const TARGET_STORES: readonly TargetStore[] = ['OnlineStore', 'OfflineStore'];

export interface FeatureDefinition {
  FeatureName: string;
  FeatureType: FeatureType;
  CollectionType?: CollectionType;
  CollectionConfig?: { VectorConfig?: { Dimension: number } };
}

export interface OnlineStoreConfig {
  EnableOnlineStore?: boolean;
  TtlDuration?: TtlDuration;
  StorageType?: StorageType;
  SecurityConfig?: { KmsKeyId?: string };
}

export interface OfflineStoreConfig {
  S3StorageConfig: { S3Uri: string; KmsKeyId?: string; ResolvedOutputS3Uri?: string };
  DisableGlueTableCreation?: boolean;
  DataCatalogConfig?: { TableName: string; Catalog: string; Database: string };
  TableFormat?: 'Default' | 'Glue' | 'Iceberg';
}

export interface FeatureGroupDescription {
  FeatureGroupArn: string;
  FeatureGroupName: string;
  RecordIdentifierFeatureName: string;
  EventTimeFeatureName: string;
  FeatureDefinitions: FeatureDefinition[];
  CreationTime: number;
  LastModifiedTime?: number;
  OnlineStoreConfig?: OnlineStoreConfig;
  OfflineStoreConfig?: OfflineStoreConfig;
  ThroughputConfig?: { ThroughputMode: 'OnDemand' | 'Provisioned' };
  /** Local bookkeeping, never sent: when a delayed DeleteFeatureGroup removes the group. */
  DeletionTimeMs?: number;
  /** Local bookkeeping, never sent: until when a new group is Creating (LOCAL_FEATURESTORE_CREATE_DELAY_MS). */
  AvailableTimeMs?: number;
  LastUpdateStatus?: { Status: 'Successful' | 'Failed' | 'InProgress'; FailureReason?: string };
  RoleArn?: string;
  FeatureGroupStatus: 'Creating' | 'Created' | 'CreateFailed' | 'Deleting' | 'DeleteFailed';
  OfflineStoreStatus?: { Status: 'Active' | 'Blocked' | 'Disabled'; BlockedReason?: string };
  Description?: string;
}

export interface FeatureMetadata {
  Description?: string;
  Parameters?: { Key: string; Value: string }[];
  CreationTime: number;
  LastModifiedTime: number;
}

export function hasOnlineStore(group: FeatureGroupDescription): boolean {
  return group.OnlineStoreConfig?.EnableOnlineStore === true;
}

export function hasOfflineStore(group: FeatureGroupDescription): boolean {
  return group.OfflineStoreConfig !== undefined;
}

export function onlineStorageType(group: FeatureGroupDescription): StorageType {
  return group.OnlineStoreConfig?.StorageType ?? 'Standard';
}
