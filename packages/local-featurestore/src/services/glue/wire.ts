/**
 * AWS Glue's wire layer (awsJson1_1), the catalog calls a history reader makes: `POST /`
 * with `X-Amz-Target: AWSGlue.GetDatabase | AWSGlue.GetTable`, signed for `glue`.
 * Errors: EntityNotFoundException, InvalidInputException, AccessDeniedException (HTTP 400).
 * Not CORS (the SDK v2 metadata does not mark Glue): the console does not call Glue from
 * the browser; the AWS CLI and boto3 may.
 */
import { readFileSync } from 'node:fs';
import { glueArn } from 'featurestore-role-policies';
import { ServiceError } from '../../model/errors.js';
import type { FeatureGroupModel } from '../../model/featureGroups.js';
import { ShapeValidator, type ServiceModel } from '../../model/shapeValidator.js';
import { targetOperation, type ServiceWire } from '../serviceWire.js';
import { catalogTables, findCatalogTable } from './catalog.js';

const validator = new ShapeValidator(JSON.parse(readFileSync(new URL('../../model/service-models/glue.json', import.meta.url), 'utf8')) as ServiceModel);

export const GLUE_OPERATIONS = ['GetDatabase', 'GetTable'] as const;
const invalidInput = (message: string) => new ServiceError('InvalidInputException', 400, message);
const notFound = (message: string) => new ServiceError('EntityNotFoundException', 400, message);

function getDatabase(groups: FeatureGroupModel, input: Record<string, unknown>) {
  const name = String(input.Name);
  const table = catalogTables(groups).find((candidate) => candidate.database.toLowerCase() === name.toLowerCase());
  if (!table) throw notFound(`Database ${name.slice(0, 255)} not found.`);
  return { Database: { Name: table.database, CatalogId: '000000000000', CreateTime: 0 } };
}

function getTable(groups: FeatureGroupModel, input: Record<string, unknown>) {
  const table = findCatalogTable(groups, String(input.DatabaseName), String(input.Name));
  if (!table) throw notFound(`Table ${String(input.Name).slice(0, 255)} not found in database ${String(input.DatabaseName).slice(0, 255)}.`);
  const location = table.group.OfflineStoreConfig?.S3StorageConfig.ResolvedOutputS3Uri ?? '';
  return {
    Table: {
      Name: table.table,
      DatabaseName: table.database,
      CatalogId: '000000000000',
      CreateTime: table.group.CreationTime,
      TableType: 'EXTERNAL_TABLE',
      StorageDescriptor: {
        Columns: table.columns.map((column) => ({ Name: column.name, Type: column.type })),
        Location: location,
        ...(table.format === 'Glue'
          ? {
              InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
              OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
              SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
            }
          : {}),
      },
      PartitionKeys: table.partitionKeys.map((column) => ({ Name: column.name, Type: column.type })),
      Parameters: table.format === 'Iceberg' ? { table_type: 'ICEBERG' } : { classification: 'parquet' },
    },
  };
}

export const glueWire: ServiceWire = {
  name: 'glue',
  signingName: 'glue',
  signed: true,
  cors: false,
  /**
   * Glue authorizes a catalog call on every resource on the way to what it reads (Glue
   * Developer Guide, "Specifying AWS Glue resource ARNs"): GetDatabase on the catalog and
   * the database, GetTable on those and the table. Glue keeps names in lower case, and so
   * do its ARNs.
   */
  authorizationChecks({ operation, body }, account) {
    const database = String(body.DatabaseName ?? body.Name ?? '').toLowerCase();
    const resources = [glueArn(account, 'catalog'), glueArn(account, `database/${database}`)];
    if (operation === 'GetTable') resources.push(glueArn(account, `table/${database}/${String(body.Name ?? '').toLowerCase()}`));
    return resources.map((resource) => ({ action: `glue:${operation}`, resource, context: {} }));
  },
  awsHost: (region) => `glue.${region}.amazonaws.com`,
  contentType: 'application/x-amz-json-1.1',
  bodyLimit: 64 * 1024,
  validationError: invalidInput,
  accessDenied: (message) => new ServiceError('AccessDeniedException', 400, message),

  route(method, rawPath, target) {
    if (method !== 'POST' || rawPath !== '/') return undefined;
    const operation = targetOperation(target, 'AWSGlue', GLUE_OPERATIONS);
    return operation ? { operation } : undefined;
  },

  hasJsonBody: () => true,
  groupsNamed: () => [],

  invoke({ operation, body }, { groups }) {
    const invalid = validator.message(validator.validate(operation, body));
    if (invalid) throw invalidInput(invalid);
    if (operation === 'GetDatabase') return getDatabase(groups, body);
    if (operation === 'GetTable') return getTable(groups, body);
    throw invalidInput(`Operation ${operation} is not supported.`);
  },
};
