/**
 * Amazon Cognito identity pools' wire layer (awsJson1_1, unsigned): GetId and
 * GetCredentialsForIdentity; errors are HTTP 400 with Cognito's names.
 */
import { cognitoInvalidParameter, cognitoNotAuthorized } from '../../model/errors.js';
import { BODY_LIMITS } from '../../http/messages.js';
import { ShapeValidator, loadServiceModel } from '../../model/shapeValidator.js';
import { targetOperation, type ServiceWire } from '../serviceWire.js';

/** Every input is checked against the Cognito identity model before anything is looked up. */
const validator = new ShapeValidator(loadServiceModel('cognito-identity'));

export const COGNITO_IDENTITY_OPERATIONS = ['GetId', 'GetCredentialsForIdentity'] as const;

export const cognitoIdentityWire: ServiceWire = {
  name: 'cognito-identity',
  signed: false,
  cors: true,
  awsHost: (region) => `cognito-identity.${region}.amazonaws.com`,
  contentType: 'application/x-amz-json-1.1',
  bodyLimit: BODY_LIMITS['cognito-identity'],
  validationError: cognitoInvalidParameter,
  accessDenied: cognitoNotAuthorized,

  route(method, rawPath, target) {
    if (method !== 'POST' || rawPath !== '/') return undefined;
    const operation = targetOperation(target, 'AWSCognitoIdentityService', COGNITO_IDENTITY_OPERATIONS);
    return operation ? { operation } : undefined;
  },

  hasJsonBody: () => true,
  groupsNamed: () => [],

  invoke({ operation, body }, { identities }) {
    const invalid = validator.message(validator.validate(operation, body));
    if (invalid) throw cognitoInvalidParameter(invalid);
    switch (operation) {
      case 'GetId':
        return identities.getId(body);
      case 'GetCredentialsForIdentity':
        return identities.getCredentialsForIdentity(body);
      default:
        throw cognitoInvalidParameter(`Operation ${operation} is not supported.`);
    }
  },
};
