import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShapeValidator, loadServiceModel } from './shapeValidator.js';

const sagemaker = new ShapeValidator(loadServiceModel('sagemaker'));
const runtime = new ShapeValidator(loadServiceModel('sagemaker-featurestore-runtime'));

// The model's FeatureGroupName and FeatureName: length 1-64 and these patterns (sagemaker
// 2017-07-24), the oracle here being the JavaScript engine, anchored, on short strings.
const FEATURE_GROUP_NAME = /^[a-zA-Z0-9]([_-]*[a-zA-Z0-9]){0,63}$/;
const FEATURE_NAME = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
const modelAccepts = (pattern: RegExp, value: string) => [...value].length >= 1 && [...value].length <= 64 && pattern.test(value);

const nameLike = fc.oneof(
  fc.stringMatching(/^[a-zA-Z0-9_-]{0,70}$/),
  fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', '_', ' ', '.', 'é', '😀'), maxLength: 70 }),
);

describe('ShapeValidator', () => {
  it('accepts a FeatureGroupName exactly when the model’s length and pattern do (property, fixed seed)', () => {
    fc.assert(
      fc.property(nameLike, (name) => {
        const failures = sagemaker.validate('DeleteFeatureGroup', { FeatureGroupName: name });
        expect(failures.length === 0).toBe(modelAccepts(FEATURE_GROUP_NAME, name));
      }),
      { seed: 20261201, numRuns: 400 },
    );
  });

  it('accepts a FeatureName exactly when the model’s length and pattern do, in both services (property, fixed seed)', () => {
    fc.assert(
      fc.property(nameLike, (name) => {
        const expected = modelAccepts(FEATURE_NAME, name);
        expect(sagemaker.validate('DescribeFeatureMetadata', { FeatureGroupName: 'g', FeatureName: name }).length === 0).toBe(expected);
        const put = runtime.validate('PutRecord', { FeatureGroupName: 'g', Record: [{ FeatureName: name, ValueAsString: 'v' }] });
        expect(put.length === 0).toBe(expected);
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });

  it('reports in AWS’s wording, counting every failure, lengths before patterns', () => {
    const failures = sagemaker.validate('CreateFeatureGroup', {
      FeatureGroupName: 'x'.repeat(65),
      RecordIdentifierFeatureName: 'id',
      FeatureDefinitions: [{ FeatureName: 'id', FeatureType: 'Boolean' }],
    });
    expect(sagemaker.message(failures)).toBe(
      '3 validation errors detected: ' +
        "Value null at 'eventTimeFeatureName' failed to satisfy constraint: Member must not be null; " +
        `Value '${'x'.repeat(65)}' at 'featureGroupName' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
        "Value 'Boolean' at 'featureDefinitions.1.member.featureType' failed to satisfy constraint: Member must satisfy enum value set: [Integral, Fractional, String]",
    );
  });

  it('counts code points, not UTF-16 units', () => {
    // FeatureGroupNameContains: length 1-64. 64 emoji are 128 UTF-16 units.
    expect(sagemaker.validate('ListFeatureGroups', { NameContains: '😀'.repeat(64) })).toEqual([]);
    expect(sagemaker.validate('ListFeatureGroups', { NameContains: '😀'.repeat(65) })).toHaveLength(1);
  });

  it('reports wrong JSON types and timestamps that are not epoch seconds', () => {
    expect(sagemaker.validate('ListFeatureGroups', { CreationTimeAfter: '2026-01-01', MaxResults: '10' })).toEqual([
      "Value '2026-01-01' at 'creationTimeAfter' failed to satisfy constraint: Member must be a timestamp in epoch seconds",
      "Value '10' at 'maxResults' failed to satisfy constraint: Member must be an integer",
    ]);
    expect(sagemaker.validate('ListFeatureGroups', { CreationTimeAfter: 1_700_000_000.5, CreationTimeBefore: null })).toEqual([]);
  });

  it('reports scalar list members on the list, and map keys and values on the map', () => {
    expect(runtime.validate('GetRecord', { FeatureGroupName: 'g', RecordIdentifierValueAsString: '1', FeatureNames: ['ok', 'bad name'] })).toEqual([
      "Value '[ok, bad name]' at 'featureNames' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: ^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}]",
    ]);
    const cognito = new ShapeValidator(loadServiceModel('cognito-identity'));
    // IdentityProviderToken is sensitive in the model: the map's value is not echoed.
    expect(cognito.validate('GetId', { IdentityPoolId: 'us-east-1:0a', Logins: { '': 'secret-token', p: '' } })).toEqual([
      "Value at 'logins' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]",
      "Value at 'logins' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length greater than or equal to 1]",
    ]);
  });

  it('validates a 358,400-character feature value by length alone', () => {
    const value = '7'.repeat(358_400);
    expect(runtime.validate('PutRecord', { FeatureGroupName: 'g', Record: [{ FeatureName: 'f', ValueAsString: value }] })).toEqual([]);
    const over = runtime.validate('PutRecord', { FeatureGroupName: 'g', Record: [{ FeatureName: 'f', ValueAsString: `${value}7` }] });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(
      /^Value '7{256}\.\.\.' at 'record\.1\.member\.valueAsString' failed to satisfy constraint: Member must have length less than or equal to 358400$/,
    );
  });
});
