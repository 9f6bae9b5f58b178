/**
 * SageMaker control plane: feature groups and their feature metadata.
 *
 * Decisions where AWS leaves room:
 * - A created group is `Created` at once (AWS passes through `Creating` for a minute).
 * - DeleteFeatureGroup removes the group and its online records at once; its offline
 *   rows are kept, as S3 data outlives a deleted group in AWS.
 * - DescribeFeatureGroup pages FeatureDefinitions 500 at a time (NextToken "" when done).
 * - ListFeatureGroups sorts by CreationTime, Descending, by default, 10 per page.
 */
import {
  FEATURE_GROUP_NAME_OR_ARN_PATTERN,
  MAX_FEATURES_PER_GROUP,
  MAX_VECTOR_DIMENSION,
  RESERVED_FEATURE_NAMES,
  featureGroupNameFromNameOrArn,
  ttlDurationError,
  type TtlDuration,
} from 'featurestore-record-contract';
import type { FeatureStoreDatabase } from '../storage/database.js';
import { controlPlaneNotFound, controlPlaneValidation, resourceInUse } from './errors.js';
import { decodePageToken, encodePageToken } from './pagination.js';
import { search } from './search.js';
import { featureMetadataView } from './featureMetadataView.js';
import type { FeatureDefinition, FeatureGroupDescription, FeatureMetadata, OfflineStoreConfig, OnlineStoreConfig } from './types.js';

export const DESCRIBE_PAGE_SIZE = 500;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface AccountContext {
  region: string;
  accountId: string;
}

/**
 * Optional realism: how long a new group stays `Creating` and a deleted one `Deleting`
 * (milliseconds; default 0, as before). Status is derived from the clock when a group is
 * read, so no timer runs; a group whose deletion time has passed is removed on its next read.
 */
export interface LifecycleDelays {
  createMs: number;
  deleteMs: number;
}

export class FeatureGroupModel {
  constructor(
    private readonly db: FeatureStoreDatabase,
    private readonly account: AccountContext,
    private readonly now: () => Date,
  ) {}

  /** Set after seeding, so the demo groups are ready at once. */
  delays: LifecycleDelays = { createMs: 0, deleteMs: 0 };

  /** The group as it is now: Creating until its creation delay passes, Deleting until removed. */
  private withLifecycle(group: FeatureGroupDescription): FeatureGroupDescription | undefined {
    const nowMs = this.now().getTime();
    if (group.DeletionTimeMs !== undefined) {
      if (nowMs >= group.DeletionTimeMs) {
        this.db.deleteFeatureGroup(group.FeatureGroupName);
        return undefined;
      }
      return { ...group, FeatureGroupStatus: 'Deleting' };
    }
    if (group.AvailableTimeMs !== undefined && nowMs < group.AvailableTimeMs) {
      return { ...group, FeatureGroupStatus: 'Creating' };
    }
    return group;
  }

  arnFor(name: string): string {
    return `arn:aws:sagemaker:${this.account.region}:${this.account.accountId}:feature-group/${name}`;
  }

  /** Looks a group up by name or ARN; undefined when it does not exist. */
  find(nameOrArn: string): FeatureGroupDescription | undefined {
    if (!FEATURE_GROUP_NAME_OR_ARN_PATTERN.test(nameOrArn)) return undefined;
    const stored = this.db.getFeatureGroup<FeatureGroupDescription>(featureGroupNameFromNameOrArn(nameOrArn));
    const group = stored && this.withLifecycle(stored);
    if (group && nameOrArn.startsWith('arn:') && group.FeatureGroupArn !== nameOrArn) return undefined;
    return group;
  }

  /**
   * The input has passed the model's checks in the wire layer (services/sagemaker/wire.ts):
   * required members, types, lengths, patterns, enums and ranges. What follows are the
   * rules the model cannot express.
   */
  create(input: Json): { FeatureGroupArn: string } {
    const name = input.FeatureGroupName as string;
    const definitions = this.validateDefinitions(input.FeatureDefinitions);
    const names = new Set(definitions.map((definition) => definition.FeatureName));
    const recordIdName = input.RecordIdentifierFeatureName;
    const eventTimeName = input.EventTimeFeatureName;
    if (typeof recordIdName !== 'string' || !names.has(recordIdName)) {
      throw controlPlaneValidation(`RecordIdentifierFeatureName '${String(recordIdName)}' must be one of the FeatureDefinitions.`);
    }
    if (typeof eventTimeName !== 'string' || !names.has(eventTimeName)) {
      throw controlPlaneValidation(`EventTimeFeatureName '${String(eventTimeName)}' must be one of the FeatureDefinitions.`);
    }
    const recordIdDefinition = definitions.find((d) => d.FeatureName === recordIdName);
    const eventTimeDefinition = definitions.find((d) => d.FeatureName === eventTimeName);
    if (recordIdDefinition?.CollectionType || recordIdDefinition?.FeatureType === 'Fractional') {
      throw controlPlaneValidation(`Record identifier feature '${recordIdName}' must be a scalar String or Integral feature.`);
    }
    if (eventTimeDefinition?.CollectionType || eventTimeDefinition?.FeatureType === 'Integral') {
      throw controlPlaneValidation(`Event time feature '${eventTimeName}' must be a scalar String or Fractional feature.`);
    }

    const online = this.validateOnlineStoreConfig(input.OnlineStoreConfig);
    const offline = this.validateOfflineStoreConfig(input.OfflineStoreConfig, name);
    if (!online?.EnableOnlineStore && !offline) {
      throw controlPlaneValidation(
        'A feature group needs an online store (OnlineStoreConfig.EnableOnlineStore = true), an offline store (OfflineStoreConfig), or both.',
      );
    }
    const collectionFeature = definitions.find((d) => d.CollectionType);
    if (collectionFeature && !(online?.EnableOnlineStore && online.StorageType === 'InMemory')) {
      throw controlPlaneValidation(
        `Feature '${collectionFeature.FeatureName}' has CollectionType ${collectionFeature.CollectionType}: collection types are supported only in feature groups whose online store StorageType is InMemory.`,
      );
    }
    if (online?.TtlDuration && !online.EnableOnlineStore) {
      throw controlPlaneValidation('OnlineStoreConfig.TtlDuration needs an enabled online store.');
    }
    if (this.db.getFeatureGroup(name)) {
      throw resourceInUse(`Resource Already Exists: FeatureGroup with name ${name} already exists. Choose a different name.`);
    }

    const now = this.now().getTime() / 1000;
    const description: FeatureGroupDescription = {
      FeatureGroupArn: this.arnFor(name),
      FeatureGroupName: name,
      RecordIdentifierFeatureName: recordIdName,
      EventTimeFeatureName: eventTimeName,
      FeatureDefinitions: definitions,
      CreationTime: now,
      LastModifiedTime: now,
      ...(online ? { OnlineStoreConfig: online } : {}),
      ...(offline ? { OfflineStoreConfig: offline, OfflineStoreStatus: { Status: 'Active' as const } } : {}),
      ThroughputConfig: { ThroughputMode: 'OnDemand' },
      ...(typeof input.RoleArn === 'string' ? { RoleArn: input.RoleArn } : {}),
      FeatureGroupStatus: 'Created',
      ...(typeof input.Description === 'string' ? { Description: input.Description } : {}),
      ...(this.delays.createMs > 0 ? { AvailableTimeMs: this.now().getTime() + this.delays.createMs } : {}),
    };
    this.db.insertFeatureGroup(name, description, now);
    return { FeatureGroupArn: description.FeatureGroupArn };
  }

  /** Definitions the model has checked (names, types, enums, Dimension 1-8192); the rules between them. */
  private validateDefinitions(value: unknown): FeatureDefinition[] {
    const seen = new Set<string>();
    let vectorCount = 0;
    return (value as Json[]).map((raw) => {
      const {
        FeatureName: name,
        FeatureType: type,
        CollectionType: collection,
        CollectionConfig: config,
      } = raw as {
        FeatureName: string;
        FeatureType: string;
        CollectionType?: string;
        CollectionConfig?: unknown;
      };
      if ((RESERVED_FEATURE_NAMES as readonly string[]).includes(name.toLowerCase())) {
        throw controlPlaneValidation(`Feature name '${name}' is reserved (${RESERVED_FEATURE_NAMES.join(', ')} are added to every offline store row).`);
      }
      if (seen.has(name)) throw controlPlaneValidation(`Feature name '${name}' is defined more than once.`);
      seen.add(name);
      const definition: FeatureDefinition = { FeatureName: name, FeatureType: type as FeatureDefinition['FeatureType'] };
      if (collection !== undefined && collection !== null) definition.CollectionType = collection as FeatureDefinition['CollectionType'];
      if (definition.CollectionType === 'Vector') {
        vectorCount += 1;
        if (vectorCount > 1) throw controlPlaneValidation('A feature group can have at most one Vector feature.');
        if (type !== 'Fractional') throw controlPlaneValidation(`Vector feature '${name}' must have FeatureType Fractional.`);
        const dimension = isObject(config) && isObject(config.VectorConfig) ? config.VectorConfig.Dimension : undefined;
        if (typeof dimension !== 'number') {
          throw controlPlaneValidation(
            `Vector feature '${name}' needs CollectionConfig.VectorConfig.Dimension, a whole number from 1 to ${MAX_VECTOR_DIMENSION}.`,
          );
        }
        definition.CollectionConfig = { VectorConfig: { Dimension: dimension } };
      } else if (config !== undefined && config !== null) {
        throw controlPlaneValidation(`Feature '${name}': CollectionConfig applies only to Vector features.`);
      }
      return definition;
    });
  }

  private validateOnlineStoreConfig(value: unknown): OnlineStoreConfig | undefined {
    if (!isObject(value)) return undefined;
    const config: OnlineStoreConfig = { EnableOnlineStore: value.EnableOnlineStore === true };
    if (!config.EnableOnlineStore) return value.TtlDuration ? { ...config, TtlDuration: value.TtlDuration as TtlDuration } : config;
    const storageType = value.StorageType ?? 'Standard';
    config.StorageType = storageType as OnlineStoreConfig['StorageType'];
    if (value.TtlDuration !== undefined) {
      const ttl = isObject(value.TtlDuration) ? value.TtlDuration : {};
      const error = ttlDurationError(ttl);
      if (error) throw controlPlaneValidation(`OnlineStoreConfig.${error}`);
      config.TtlDuration = { Unit: ttl.Unit, Value: ttl.Value } as TtlDuration;
    }
    if (isObject(value.SecurityConfig)) config.SecurityConfig = value.SecurityConfig as OnlineStoreConfig['SecurityConfig'];
    return config;
  }

  private validateOfflineStoreConfig(value: unknown, groupName: string): OfflineStoreConfig | undefined {
    // The model requires S3StorageConfig.S3Uri and checks its pattern (https:// or s3://).
    if (!isObject(value) || !isObject(value.S3StorageConfig)) return undefined;
    const s3 = value.S3StorageConfig as { S3Uri: string };
    const tableFormat = isObject(value) && typeof value.TableFormat === 'string' ? value.TableFormat : 'Glue';
    return {
      S3StorageConfig: {
        S3Uri: s3.S3Uri,
        ResolvedOutputS3Uri: `${s3.S3Uri.replace(/\/$/, '')}/${this.account.accountId}/sagemaker/${this.account.region}/offline-store/${groupName}/data`,
      },
      DisableGlueTableCreation: false,
      DataCatalogConfig: { TableName: groupName.replace(/-/g, '_').toLowerCase(), Catalog: 'AwsDataCatalog', Database: 'sagemaker_featurestore' },
      TableFormat: tableFormat as OfflineStoreConfig['TableFormat'],
    };
  }

  describe(input: Json): FeatureGroupDescription & { NextToken: string } {
    const group = this.requireGroup(input.FeatureGroupName);
    const offset = decodePageToken(input.NextToken, 'NextToken', controlPlaneValidation);
    const page = group.FeatureDefinitions.slice(offset, offset + DESCRIBE_PAGE_SIZE);
    const next = offset + DESCRIBE_PAGE_SIZE < group.FeatureDefinitions.length ? encodePageToken(offset + DESCRIBE_PAGE_SIZE) : '';
    const described: FeatureGroupDescription = { ...group, FeatureDefinitions: page };
    // Local bookkeeping is never part of the answer.
    delete described.DeletionTimeMs;
    delete described.AvailableTimeMs;
    return { ...described, NextToken: next };
  }

  /**
   * The group a request names. The wire layer has already validated the name against the
   * model (FeatureGroupName for DeleteFeatureGroup, a name and not an ARN; otherwise
   * FeatureGroupNameOrArn), so a malformed name is a ValidationException, never ResourceNotFound.
   */
  private requireGroup(value: unknown): FeatureGroupDescription {
    const nameOrArn = String(value);
    const group = this.find(nameOrArn);
    if (!group) throw controlPlaneNotFound(`Resource Not Found: Amazon SageMaker can't find a FeatureGroup with name ${nameOrArn}`);
    return group;
  }

  list(input: Json) {
    // MaxResults (1-100), SortBy, SortOrder, the status enums, NameContains (1-64) and the
    // CreationTime types were checked against the model by the wire layer.
    const maxResults = (input.MaxResults as number | undefined) ?? 10;
    const sortBy = (input.SortBy as string | undefined) ?? 'CreationTime';
    const sortOrder = (input.SortOrder as string | undefined) ?? 'Descending';
    const offset = decodePageToken(input.NextToken, 'NextToken', controlPlaneValidation);

    const nameContains = typeof input.NameContains === 'string' ? input.NameContains.toLowerCase() : undefined;
    const groups = this.db
      .listFeatureGroups<FeatureGroupDescription>()
      .map((group) => this.withLifecycle(group))
      .filter((group): group is FeatureGroupDescription => group !== undefined)
      .filter((group) => {
        if (nameContains && !group.FeatureGroupName.toLowerCase().includes(nameContains)) return false;
        if (input.FeatureGroupStatusEquals && group.FeatureGroupStatus !== input.FeatureGroupStatusEquals) return false;
        if (input.OfflineStoreStatusEquals && group.OfflineStoreStatus?.Status !== input.OfflineStoreStatusEquals) return false;
        if (typeof input.CreationTimeAfter === 'number' && !(group.CreationTime > input.CreationTimeAfter)) return false;
        if (typeof input.CreationTimeBefore === 'number' && !(group.CreationTime < input.CreationTimeBefore)) return false;
        return true;
      });
    const key = (group: FeatureGroupDescription): string | number =>
      sortBy === 'Name'
        ? group.FeatureGroupName
        : sortBy === 'FeatureGroupStatus'
          ? group.FeatureGroupStatus
          : sortBy === 'OfflineStoreStatus'
            ? (group.OfflineStoreStatus?.Status ?? '')
            : group.CreationTime;
    groups.sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      const order = ka < kb ? -1 : ka > kb ? 1 : a.FeatureGroupName.localeCompare(b.FeatureGroupName);
      return sortOrder === 'Ascending' ? order : -order;
    });
    const page = groups.slice(offset, offset + maxResults);
    return {
      FeatureGroupSummaries: page.map((group) => ({
        FeatureGroupName: group.FeatureGroupName,
        FeatureGroupArn: group.FeatureGroupArn,
        CreationTime: group.CreationTime,
        FeatureGroupStatus: group.FeatureGroupStatus,
        ...(group.OfflineStoreStatus ? { OfflineStoreStatus: group.OfflineStoreStatus } : {}),
      })),
      ...(offset + maxResults < groups.length ? { NextToken: encodePageToken(offset + maxResults) } : {}),
    };
  }

  delete(input: Json): Record<string, never> {
    const group = this.requireGroup(input.FeatureGroupName);
    if (group.FeatureGroupStatus === 'Deleting') return {};
    if (this.delays.deleteMs > 0) {
      this.db.updateFeatureGroup(group.FeatureGroupName, {
        ...group,
        FeatureGroupStatus: 'Created',
        DeletionTimeMs: this.now().getTime() + this.delays.deleteMs,
      });
    } else {
      this.db.deleteFeatureGroup(group.FeatureGroupName);
    }
    return {};
  }

  describeFeatureMetadata(input: Json) {
    const group = this.requireGroup(input.FeatureGroupName);
    const featureName = input.FeatureName as string;
    const definition = group.FeatureDefinitions.find((d) => d.FeatureName === featureName);
    if (!definition) throw controlPlaneNotFound(`Resource Not Found: feature group ${group.FeatureGroupName} has no feature named ${featureName}.`);
    return featureMetadataView(group, definition, this.db.getFeatureMetadata<FeatureMetadata>(group.FeatureGroupName, definition.FeatureName));
  }

  /**
   * UpdateFeatureGroup: add features (1-100 per call, new names, within 2,500), set,
   * change or remove the online store's default TTL (it applies to records written from
   * then on: stored ExpiresAt values are not recomputed), migrate the online store from
   * Standard to Standard_V2 (one way; nothing else may change StorageType), and set the
   * throughput mode.
   */
  update(input: Json): { FeatureGroupArn: string } {
    const group = this.requireGroup(input.FeatureGroupName);
    const next: FeatureGroupDescription = structuredClone(group);
    if (input.FeatureAdditions !== undefined && input.FeatureAdditions !== null) {
      const additions = this.validateDefinitions(input.FeatureAdditions);
      const existing = new Set(group.FeatureDefinitions.map((definition) => definition.FeatureName));
      for (const addition of additions) {
        if (existing.has(addition.FeatureName)) {
          throw controlPlaneValidation(`Feature '${addition.FeatureName}' already exists in feature group ${group.FeatureGroupName}.`);
        }
        if (addition.CollectionType && group.OnlineStoreConfig?.StorageType !== 'InMemory') {
          throw controlPlaneValidation(
            `Feature '${addition.FeatureName}' has CollectionType ${addition.CollectionType}: collection types are supported only in feature groups whose online store StorageType is InMemory.`,
          );
        }
        if (addition.CollectionType === 'Vector' && group.FeatureDefinitions.some((definition) => definition.CollectionType === 'Vector')) {
          throw controlPlaneValidation('A feature group can have at most one Vector feature.');
        }
      }
      if (group.FeatureDefinitions.length + additions.length > MAX_FEATURES_PER_GROUP) {
        throw controlPlaneValidation(
          `A feature group has at most ${MAX_FEATURES_PER_GROUP} features; this update would make ${group.FeatureDefinitions.length + additions.length}.`,
        );
      }
      next.FeatureDefinitions = [...group.FeatureDefinitions, ...additions];
    }
    if (isObject(input.OnlineStoreConfig)) {
      const update = input.OnlineStoreConfig;
      if (!group.OnlineStoreConfig?.EnableOnlineStore) {
        throw controlPlaneValidation(`Feature group ${group.FeatureGroupName} has no online store: its OnlineStoreConfig cannot be updated.`);
      }
      const online: OnlineStoreConfig = { ...group.OnlineStoreConfig };
      if (update.TtlDuration !== undefined) {
        const ttl = isObject(update.TtlDuration) ? update.TtlDuration : {};
        // Unit and Value both null (or absent) removes the default TTL, as AWS documents.
        if ((ttl.Unit === null || ttl.Unit === undefined) && (ttl.Value === null || ttl.Value === undefined)) {
          delete online.TtlDuration;
        } else {
          const error = ttlDurationError(ttl);
          if (error) throw controlPlaneValidation(`OnlineStoreConfig.${error}`);
          online.TtlDuration = { Unit: ttl.Unit, Value: ttl.Value } as TtlDuration;
        }
      }
      if (update.StorageType !== undefined && update.StorageType !== online.StorageType) {
        if (update.StorageType !== 'Standard_V2' || (online.StorageType ?? 'Standard') !== 'Standard') {
          throw controlPlaneValidation(
            `The online store of ${group.FeatureGroupName} is ${online.StorageType ?? 'Standard'}: StorageType can only be migrated from Standard to Standard_V2, once.`,
          );
        }
        online.StorageType = 'Standard_V2';
      }
      next.OnlineStoreConfig = online;
    }
    if (isObject(input.ThroughputConfig)) {
      // ThroughputMode's enum and the capacity units' range are the model's, checked by the wire layer.
      const throughput = input.ThroughputConfig;
      next.ThroughputConfig = { ...next.ThroughputConfig, ...throughput } as FeatureGroupDescription['ThroughputConfig'];
    }
    next.LastModifiedTime = this.now().getTime() / 1000;
    next.LastUpdateStatus = { Status: 'Successful' };
    this.db.updateFeatureGroup(group.FeatureGroupName, next);
    return { FeatureGroupArn: group.FeatureGroupArn };
  }

  /** UpdateFeatureMetadata: description (up to 255 characters), parameters added (up to 25) and removed (up to 25). */
  updateFeatureMetadata(input: Json): Record<string, never> {
    const group = this.requireGroup(input.FeatureGroupName);
    const featureName = input.FeatureName as string;
    const definition = group.FeatureDefinitions.find((d) => d.FeatureName === featureName);
    if (!definition) throw controlPlaneNotFound(`Resource Not Found: feature group ${group.FeatureGroupName} has no feature named ${featureName}.`);
    // Description (0-255), ParameterAdditions and ParameterRemovals (0-25, keys and values
    // 1-255 of the model's pattern) were checked against the model by the wire layer.
    const additions = (input.ParameterAdditions ?? []) as { Key: string; Value: string }[];
    const removals = (input.ParameterRemovals ?? []) as string[];
    const now = this.now().getTime() / 1000;
    const current = this.db.getFeatureMetadata<FeatureMetadata>(group.FeatureGroupName, featureName);
    const parameters = new Map((current?.Parameters ?? []).map((parameter) => [parameter.Key, parameter.Value]));
    for (const key of removals) parameters.delete(key);
    for (const { Key, Value } of additions) parameters.set(Key, Value);
    this.db.setFeatureMetadata(group.FeatureGroupName, featureName, {
      Description: typeof input.Description === 'string' ? input.Description : current?.Description,
      Parameters: [...parameters].map(([Key, Value]) => ({ Key, Value })),
      CreationTime: current?.CreationTime ?? group.CreationTime,
      LastModifiedTime: now,
    });
    return {};
  }

  /** Search over feature groups and feature metadata (see search.ts). */
  search(input: Json) {
    return search(input, {
      groups: () =>
        this.db
          .listFeatureGroups<FeatureGroupDescription>()
          .map((group) => this.withLifecycle(group))
          .filter((group): group is FeatureGroupDescription => group !== undefined),
      metadata: (group, feature) => this.db.getFeatureMetadata<FeatureMetadata>(group, feature),
    });
  }

  /** The seed's stand-in for UpdateFeatureMetadata. */
  setFeatureMetadata(groupName: string, featureName: string, description: string, parameters: { Key: string; Value: string }[] = []): void {
    const now = this.now().getTime() / 1000;
    this.db.setFeatureMetadata(groupName, featureName, { Description: description, Parameters: parameters, CreationTime: now, LastModifiedTime: now });
  }
}
