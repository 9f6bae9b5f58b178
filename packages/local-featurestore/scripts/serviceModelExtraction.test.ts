import { describe, expect, it } from 'vitest';
import { applySupplement, extractOperations, loadModel } from './serviceModelExtraction';

/** A small Smithy JSON AST in the form aws-sdk-js-v3's codegen/sdk-codegen/aws-models/*.json use. */
const NS = 'com.amazonaws.sagemakerfeaturestoreruntime';
const smithy = {
  smithy: '2.0',
  shapes: {
    [`${NS}#AmazonSageMakerFeatureStoreRuntime`]: {
      type: 'service',
      version: '2020-07-01',
      operations: [{ target: `${NS}#GetRecord` }],
      traits: { 'aws.api#service': { sdkId: 'SageMaker FeatureStore Runtime', endpointPrefix: 'featurestore-runtime.sagemaker' } },
    },
    [`${NS}#GetRecord`]: {
      type: 'operation',
      input: { target: `${NS}#GetRecordRequest` },
      traits: { 'smithy.api#http': { method: 'GET', uri: '/FeatureGroup/{FeatureGroupName}', code: 200 }, 'smithy.api#documentation': '<p>Gets.</p>' },
    },
    [`${NS}#GetRecordRequest`]: {
      type: 'structure',
      members: {
        FeatureGroupName: { target: `${NS}#FeatureGroupNameOrArn`, traits: { 'smithy.api#httpLabel': {}, 'smithy.api#required': {} } },
        FeatureNames: { target: `${NS}#FeatureNames`, traits: { 'smithy.api#httpQuery': 'FeatureName' } },
        ExpirationTimeResponse: { target: `${NS}#ExpirationTimeResponse`, traits: { 'smithy.api#httpQuery': 'ExpirationTimeResponse' } },
        Limit: { target: 'smithy.api#Integer', traits: { 'smithy.api#range': { min: 1, max: 10 } } },
        Config: { target: `${NS}#CollectionConfig` },
      },
      traits: { 'smithy.api#input': {} },
    },
    [`${NS}#FeatureGroupNameOrArn`]: {
      type: 'string',
      traits: { 'smithy.api#length': { min: 1, max: 150 }, 'smithy.api#pattern': '([a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63})' },
    },
    [`${NS}#FeatureNames`]: { type: 'list', member: { target: `${NS}#FeatureName` }, traits: { 'smithy.api#length': { min: 1 } } },
    [`${NS}#FeatureName`]: { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 64 }, 'smithy.api#sensitive': {} } },
    [`${NS}#ExpirationTimeResponse`]: {
      type: 'enum',
      members: {
        ENABLED: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'Enabled' } },
        DISABLED: { target: 'smithy.api#Unit', traits: { 'smithy.api#enumValue': 'Disabled' } },
      },
    },
    [`${NS}#CollectionConfig`]: { type: 'union', members: { VectorConfig: { target: `${NS}#VectorConfig` } } },
    [`${NS}#VectorConfig`]: { type: 'structure', members: { Dimension: { target: 'smithy.api#Integer', traits: { 'smithy.api#required': {} } } } },
    [`${NS}#Unused`]: { type: 'string', traits: { 'smithy.api#documentation': 'not reached' } },
  },
};

describe('service model extraction', () => {
  it('reads a Smithy model into the constraints-only form, with the shapes the operations reach', () => {
    const model = loadModel(smithy);
    expect(model.uid).toBe('sagemaker-featurestore-runtime-2020-07-01');
    const extracted = extractOperations(model, ['GetRecord']);
    expect(extracted.operations.GetRecord).toEqual({ input: 'GetRecordRequest', http: { method: 'GET', requestUri: '/FeatureGroup/{FeatureGroupName}' } });
    expect(extracted.shapes).toEqual({
      CollectionConfig: { type: 'structure', members: { VectorConfig: { shape: 'VectorConfig' } } },
      ExpirationTimeResponse: { type: 'string', enum: ['Enabled', 'Disabled'] },
      FeatureGroupNameOrArn: { type: 'string', min: 1, max: 150, pattern: '([a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63})' },
      FeatureName: { type: 'string', min: 1, max: 64, sensitive: true },
      FeatureNames: { type: 'list', member: 'FeatureName', min: 1 },
      GetRecordRequest: {
        type: 'structure',
        required: ['FeatureGroupName'],
        members: {
          FeatureGroupName: { shape: 'FeatureGroupNameOrArn', location: 'uri', locationName: 'FeatureGroupName' },
          FeatureNames: { shape: 'FeatureNames', location: 'querystring', locationName: 'FeatureName' },
          ExpirationTimeResponse: { shape: 'ExpirationTimeResponse', location: 'querystring', locationName: 'ExpirationTimeResponse' },
          Limit: { shape: 'GetRecordRequest$Limit' },
          Config: { shape: 'CollectionConfig' },
        },
      },
      // A member-level constraint becomes a shape of its own, as botocore writes it.
      GetRecordRequest$Limit: { type: 'integer', min: 1, max: 10 },
      Integer: { type: 'integer' },
      VectorConfig: { type: 'structure', required: ['Dimension'], members: { Dimension: { shape: 'Integer' } } },
    });
  });

  it('reads botocore, and applies a supplement: new operations and shapes, restated shapes, refusing overlaps', () => {
    const botocore = {
      metadata: { uid: 'svc-2020-01-01' },
      operations: { Get: { name: 'Get', input: { shape: 'GetRequest' }, documentation: '<p>x</p>' } },
      shapes: {
        GetRequest: { type: 'structure', required: ['Mode'], members: { Mode: { shape: 'Mode', documentation: 'd' } } },
        Mode: { type: 'string', enum: ['A'], sensitive: true },
      },
    };
    const model = loadModel(botocore);
    applySupplement(
      model,
      {
        operations: { List: { input: { shape: 'ListRequest' } } },
        shapes: { ListRequest: { type: 'structure', members: { Max: { shape: 'Max' } } }, Max: { type: 'integer', min: 1, max: 5 } },
        replaces: { Mode: { type: 'string', enum: ['A', 'B'] } },
      },
      'supplement.json',
    );
    expect(extractOperations(model, ['Get', 'List']).shapes).toEqual({
      GetRequest: { type: 'structure', required: ['Mode'], members: { Mode: { shape: 'Mode' } } },
      ListRequest: { type: 'structure', members: { Max: { shape: 'Max' } } },
      Max: { type: 'integer', min: 1, max: 5 },
      Mode: { type: 'string', enum: ['A', 'B'] },
    });
    expect(() => applySupplement(model, { operations: { Get: { input: { shape: 'GetRequest' } } } }, 's.json')).toThrow(/already in the model/);
    expect(() => applySupplement(model, { replaces: { Nope: { type: 'string' } } }, 's.json')).toThrow(/does not define/);
    expect(() => extractOperations(model, ['Missing'])).toThrow(/no operation Missing/);
  });
});
