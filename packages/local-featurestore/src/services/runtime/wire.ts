/**
 * The Feature Store runtime's wire layer (restJson1): routes by method and path, the
 * group from the path label (an ARN arrives percent-encoded as one segment), errors as
 * the runtime names them (ValidationError, AccessForbidden, ...).
 */
import { featureGroupNameFromNameOrArn } from 'featurestore-record-contract';
import { accessForbidden, validationError } from '../../model/errors.js';
import { BODY_LIMITS, decodeComponent } from '../../http/messages.js';
import { ShapeValidator, loadServiceModel } from '../../model/shapeValidator.js';
import type { OperationRequest, ServiceWire } from '../serviceWire.js';

/** Every input is checked against the runtime model before anything is looked up. */
const validator = new ShapeValidator(loadServiceModel('sagemaker-featurestore-runtime'));

/**
 * The operation's input as the model names it: the body's members, the path label and the
 * query parameters (by their wire names; a list member takes every value, others the first).
 */
function modelInput(request: OperationRequest, group: string): Record<string, unknown> {
  const input: Record<string, unknown> = { ...request.body };
  const shapeName = validator.model.operations[request.operation]?.input;
  const members = (shapeName && validator.model.shapes[shapeName]?.members) || {};
  for (const [member, ref] of Object.entries(members)) {
    if (ref.location === 'uri') input[member] = group;
    else if (ref.location === 'querystring') {
      const values = request.query[ref.locationName ?? member];
      if (values === undefined) delete input[member];
      else input[member] = validator.model.shapes[ref.shape]?.type === 'list' ? values : values[0];
    }
  }
  return input;
}

const ROUTES: { method: string; pattern: RegExp; operation: string }[] = [
  { method: 'PUT', pattern: /^\/FeatureGroup\/([^/]+)$/, operation: 'PutRecord' },
  { method: 'GET', pattern: /^\/FeatureGroup\/([^/]+)$/, operation: 'GetRecord' },
  { method: 'DELETE', pattern: /^\/FeatureGroup\/([^/]+)$/, operation: 'DeleteRecord' },
  { method: 'POST', pattern: /^\/FeatureGroup\/([^/]+)\/Record$/, operation: 'UpdateRecord' },
  { method: 'POST', pattern: /^\/FeatureGroup\/([^/]+)\/ListRecords$/, operation: 'ListRecords' },
  { method: 'POST', pattern: /^\/BatchGetRecord$/, operation: 'BatchGetRecord' },
  { method: 'POST', pattern: /^\/BatchWriteRecord$/, operation: 'BatchWriteRecord' },
];
const MAX_PATH_LENGTH = 2048;

export const runtimeWire: ServiceWire = {
  name: 'featurestore-runtime',
  signed: true,
  cors: false,
  awsHost: (region) => `featurestore-runtime.sagemaker.${region}.amazonaws.com`,
  contentType: 'application/json',
  bodyLimit: BODY_LIMITS['featurestore-runtime'],
  validationError,
  accessDenied: accessForbidden,

  route(method, rawPath, target) {
    // awsJson requests (POST / with X-Amz-Target) belong to the other services.
    if (target !== undefined && rawPath === '/') return undefined;
    if (rawPath.length > MAX_PATH_LENGTH) return undefined;
    for (const route of ROUTES) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(rawPath);
      if (!match) continue;
      if (match[1] === undefined) return { operation: route.operation };
      // A malformed escape is this operation's ValidationError, raised when the request is parsed.
      return { operation: route.operation, pathGroup: match[1] };
    }
    return undefined;
  },

  hasJsonBody: (operation) => operation !== 'GetRecord' && operation !== 'DeleteRecord',

  groupsNamed(request) {
    if (request.pathGroup !== undefined) return [featureGroupNameFromNameOrArn(decodeComponent(request.pathGroup))];
    const list =
      request.operation === 'BatchGetRecord' ? request.body.Identifiers : request.operation === 'BatchWriteRecord' ? request.body.Entries : undefined;
    if (!Array.isArray(list)) return [];
    const names = list
      .map((entry: unknown) => (entry as { FeatureGroupName?: unknown } | null)?.FeatureGroupName)
      .filter((name): name is string => typeof name === 'string');
    return [...new Set(names.map(featureGroupNameFromNameOrArn))];
  },

  invoke(request: OperationRequest, { records }) {
    const group = request.pathGroup === undefined ? '' : decodeComponent(request.pathGroup);
    const invalid = validator.message(validator.validate(request.operation, modelInput(request, group)));
    if (invalid) throw validationError(invalid);
    switch (request.operation) {
      case 'PutRecord':
        records.putRecord(group, request.body);
        return undefined;
      case 'GetRecord':
        return records.getRecordJson(group, request.query);
      case 'DeleteRecord':
        records.deleteRecord(group, request.query);
        return undefined;
      case 'UpdateRecord':
        records.updateRecord(group, request.body);
        return undefined;
      case 'ListRecords':
        return records.listRecords(group, request.body);
      case 'BatchGetRecord':
        return records.batchGetRecord(request.body);
      case 'BatchWriteRecord':
        return records.batchWriteRecord(request.body);
      default:
        throw validationError(`Operation ${request.operation} is not supported.`);
    }
  },
};
