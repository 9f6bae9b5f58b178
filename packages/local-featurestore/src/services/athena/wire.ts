/**
 * Amazon Athena's wire layer (awsJson1_1): `POST /` with `X-Amz-Target:
 * AmazonAthena.<Operation>`, signed for the service `athena`; errors are HTTP 400
 * (InvalidRequestException with an AthenaErrorCode, AccessDeniedException).
 *
 * CORS (decision): Athena answers browsers, as the AWS SDK for JavaScript v2's metadata
 * marks it (`"cors": true`), so the console calls it directly like Cognito, not through
 * its relay; this store answers Athena's preflights and sets CORS headers on its answers.
 */
import { ServiceError } from '../../model/errors.js';
import { ShapeValidator, type ServiceModel } from '../../model/shapeValidator.js';
import { readFileSync } from 'node:fs';
import { athenaWorkGroupArn } from 'featurestore-role-policies';
import { targetOperation, type ServiceWire } from '../serviceWire.js';
import { invalidRequest } from './queryExecutions.js';

/** Every input is checked against Athena's model (service-models/athena.json) before anything runs. */
const validator = new ShapeValidator(JSON.parse(readFileSync(new URL('../../model/service-models/athena.json', import.meta.url), 'utf8')) as ServiceModel);

export const ATHENA_OPERATIONS = ['StartQueryExecution', 'GetQueryExecution', 'GetQueryResults', 'StopQueryExecution', 'GetWorkGroup'] as const;
/** A QueryString is at most 262,144 characters (the model); with parameters, 1 MiB is plenty. */
const ATHENA_BODY_LIMIT = 1024 * 1024;

export const athenaWire: ServiceWire = {
  name: 'athena',
  signingName: 'athena',
  signed: true,
  cors: true,
  /**
   * `athena:<Operation>` on the workgroup's ARN (Service Authorization Reference: every
   * query-execution action's resource is the workgroup): the one StartQueryExecution names
   * (Athena's default `primary` when none), or the one the execution ran in. An unknown
   * execution id has no workgroup to check (decision): the call goes on and Athena's
   * InvalidRequestException says the id is not found.
   */
  authorizationChecks({ operation, body }, account, { athena }) {
    const workGroup =
      operation === 'StartQueryExecution' || operation === 'GetWorkGroup'
        ? typeof body.WorkGroup === 'string'
          ? body.WorkGroup
          : 'primary'
        : athena.workGroupOf(body.QueryExecutionId);
    return workGroup === undefined ? [] : [{ action: `athena:${operation}`, resource: athenaWorkGroupArn(account, workGroup), context: {} }];
  },
  awsHost: (region) => `athena.${region}.amazonaws.com`,
  contentType: 'application/x-amz-json-1.1',
  bodyLimit: ATHENA_BODY_LIMIT,
  validationError: (message) => invalidRequest(message),
  accessDenied: (message) => new ServiceError('AccessDeniedException', 400, message),

  route(method, rawPath, target) {
    if (method !== 'POST' || rawPath !== '/') return undefined;
    const operation = targetOperation(target, 'AmazonAthena', ATHENA_OPERATIONS);
    return operation ? { operation } : undefined;
  },

  hasJsonBody: () => true,
  groupsNamed: () => [],

  invoke({ operation, body }, { athena }) {
    const invalid = validator.message(validator.validate(operation, body));
    if (invalid) throw invalidRequest(invalid);
    switch (operation) {
      case 'StartQueryExecution':
        return athena.startQueryExecution(body);
      case 'GetQueryExecution':
        return athena.getQueryExecution(body);
      case 'GetQueryResults':
        return athena.getQueryResults(body);
      case 'StopQueryExecution':
        return athena.stopQueryExecution(body);
      case 'GetWorkGroup':
        return athena.getWorkGroup(body);
      default:
        throw invalidRequest(`Operation ${operation} is not supported.`);
    }
  },
};
