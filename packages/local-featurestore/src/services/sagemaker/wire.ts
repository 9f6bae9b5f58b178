/**
 * The SageMaker control plane's wire layer (awsJson1_1): `POST /` with
 * `X-Amz-Target: SageMaker.<Operation>`; every error is HTTP 400 (ValidationException,
 * ResourceNotFound, ResourceInUse, AccessDeniedException).
 */
import { featureGroupNameFromNameOrArn } from 'featurestore-record-contract';
import { accessDenied, controlPlaneValidation } from '../../model/errors.js';
import { BODY_LIMITS } from '../../http/messages.js';
import { ShapeValidator, loadServiceModel } from '../../model/shapeValidator.js';
import { targetOperation, type ServiceWire } from '../serviceWire.js';

/** Every input is checked against the SageMaker model before anything is looked up. */
const validator = new ShapeValidator(loadServiceModel('sagemaker'));

export const SAGEMAKER_OPERATIONS = [
  'CreateFeatureGroup',
  'DescribeFeatureGroup',
  'ListFeatureGroups',
  'DeleteFeatureGroup',
  'UpdateFeatureGroup',
  'DescribeFeatureMetadata',
  'UpdateFeatureMetadata',
  'Search',
] as const;

export const sagemakerWire: ServiceWire = {
  name: 'sagemaker',
  signed: true,
  cors: false,
  awsHost: (region) => `api.sagemaker.${region}.amazonaws.com`,
  contentType: 'application/x-amz-json-1.1',
  bodyLimit: BODY_LIMITS.sagemaker,
  validationError: controlPlaneValidation,
  accessDenied,

  route(method, rawPath, target) {
    if (method !== 'POST' || rawPath !== '/') return undefined;
    const operation = targetOperation(target, 'SageMaker', SAGEMAKER_OPERATIONS);
    return operation ? { operation } : undefined;
  },

  hasJsonBody: () => true,

  groupsNamed: ({ body }) => (typeof body.FeatureGroupName === 'string' ? [featureGroupNameFromNameOrArn(body.FeatureGroupName)] : []),

  invoke({ operation, body }, { groups }) {
    const invalid = validator.message(validator.validate(operation, body));
    if (invalid) throw controlPlaneValidation(invalid);
    switch (operation) {
      case 'CreateFeatureGroup':
        return groups.create(body);
      case 'DescribeFeatureGroup':
        return groups.describe(body);
      case 'ListFeatureGroups':
        return groups.list(body);
      case 'DeleteFeatureGroup':
        return groups.delete(body);
      case 'UpdateFeatureGroup':
        return groups.update(body);
      case 'DescribeFeatureMetadata':
        return groups.describeFeatureMetadata(body);
      case 'UpdateFeatureMetadata':
        return groups.updateFeatureMetadata(body);
      case 'Search':
        return groups.search(body);
      default:
        throw controlPlaneValidation(`Operation ${operation} is not supported.`);
    }
  },
};
