/**
 * The Glue Data Catalog as the offline store registers it: one table per feature group
 * with an offline store, named by its DataCatalogConfig {Catalog, Database, TableName}.
 * Columns: the features, then the three columns AWS adds (`write_time`,
 * `api_invocation_time`, `is_deleted`), then, for the Glue table format, the hourly
 * partition keys `year`, `month`, `day`, `hour` (strings, from the event time). Iceberg
 * tables partition by day of the event time, hidden: no partition columns.
 *
 * Types (Developer Guide, feature-store-offline): Integral bigint, Fractional double,
 * String string, collections array<...>, write_time and api_invocation_time timestamp,
 * is_deleted boolean.
 */
import type { FeatureGroupModel } from '../../model/featureGroups.js';
import type { FeatureDefinition, FeatureGroupDescription } from '../../model/types.js';

export interface CatalogColumn {
  name: string;
  /** The Glue (Hive) type: bigint, double, string, timestamp, boolean, array<...>. */
  type: string;
}

export interface CatalogTable {
  catalog: string;
  database: string;
  table: string;
  group: FeatureGroupDescription;
  format: 'Glue' | 'Iceberg';
  columns: CatalogColumn[];
  partitionKeys: CatalogColumn[];
}

export const ADDED_COLUMNS: readonly CatalogColumn[] = [
  { name: 'write_time', type: 'timestamp' },
  { name: 'api_invocation_time', type: 'timestamp' },
  { name: 'is_deleted', type: 'boolean' },
];
export const GLUE_PARTITION_KEYS: readonly CatalogColumn[] = ['year', 'month', 'day', 'hour'].map((name) => ({ name, type: 'string' }));

function columnType(definition: FeatureDefinition): string {
  const scalar = definition.FeatureType === 'Integral' ? 'bigint' : definition.FeatureType === 'Fractional' ? 'double' : 'string';
  return definition.CollectionType ? `array<${scalar}>` : scalar;
}

export function catalogTableOf(group: FeatureGroupDescription): CatalogTable | undefined {
  const catalogConfig = group.OfflineStoreConfig?.DataCatalogConfig;
  if (!catalogConfig) return undefined;
  const format = group.OfflineStoreConfig?.TableFormat === 'Iceberg' ? 'Iceberg' : 'Glue';
  return {
    catalog: catalogConfig.Catalog,
    database: catalogConfig.Database,
    table: catalogConfig.TableName,
    group,
    format,
    columns: [...group.FeatureDefinitions.map((definition) => ({ name: definition.FeatureName, type: columnType(definition) })), ...ADDED_COLUMNS],
    partitionKeys: format === 'Glue' ? [...GLUE_PARTITION_KEYS] : [],
  };
}

/** Every catalog table, from every feature group that has an offline store (identifiers compare case-insensitively, as in Glue). */
export function catalogTables(groups: FeatureGroupModel): CatalogTable[] {
  const tables: CatalogTable[] = [];
  let token: string | undefined;
  do {
    const page = groups.list({ MaxResults: 100, ...(token ? { NextToken: token } : {}) });
    for (const summary of page.FeatureGroupSummaries) {
      const group = groups.find(summary.FeatureGroupName);
      const table = group && group.FeatureGroupStatus === 'Created' ? catalogTableOf(group) : undefined;
      if (table) tables.push(table);
    }
    token = page.NextToken;
  } while (token);
  return tables;
}

export function findCatalogTable(groups: FeatureGroupModel, database: string, table: string): CatalogTable | undefined {
  const [db, name] = [database.toLowerCase(), table.toLowerCase()];
  return catalogTables(groups).find((candidate) => candidate.database.toLowerCase() === db && candidate.table.toLowerCase() === name);
}
