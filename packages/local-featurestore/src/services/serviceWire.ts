/**
 * What each service's wire layer provides to the server (after moto): how to recognise
 * its requests, how to parse them into an operation's input, and how its errors look.
 * The server composes a list of these; adding a service is adding a folder.
 */
import type { RolePolicyParameters } from 'featurestore-role-policies';
import type { ServiceError } from '../model/errors.js';
import type { AuthorizationCheck } from '../model/permissions.js';
import type { FeatureGroupModel } from '../model/featureGroups.js';
import type { IdentityModel } from '../model/identity.js';
import type { RecordModel } from '../model/records.js';
import type { AthenaQueryModel } from './athena/queryExecutions.js';

export type ServiceName = 'featurestore-runtime' | 'sagemaker' | 'cognito-identity' | 'athena' | 'glue';

export interface ServiceModels {
  groups: FeatureGroupModel;
  records: RecordModel;
  identities: IdentityModel;
  athena: AthenaQueryModel;
}

/** Which operation a request is, before its body is read. */
export interface OperationRoute {
  operation: string;
  /** Decoded {FeatureGroupName} path label (a name or an ARN), for REST routes. */
  pathGroup?: string;
}

/** An operation's input as the wire layer parsed it: path label, query and JSON body. */
export interface OperationRequest extends OperationRoute {
  query: Record<string, string[]>;
  body: Record<string, unknown>;
}

export interface ServiceWire {
  readonly name: ServiceName;
  /** SigV4 required (Cognito's GetId and GetCredentialsForIdentity are unsigned). */
  readonly signed: boolean;
  /** The SigV4 signing name (credential scope); default `sagemaker`. */
  readonly signingName?: string;
  /**
   * The IAM checks AWS makes for a request of this service, when they are not SageMaker's
   * (`sagemaker:<Operation>` on the groups named: model/permissions.ts checksFor). Athena
   * and Glue: their actions on workgroup and catalog ARNs.
   */
  authorizationChecks?(request: OperationRequest, account: RolePolicyParameters, models: ServiceModels): AuthorizationCheck[];
  /**
   * Whether browsers may call it cross-origin, as on AWS: Cognito answers CORS; the
   * SageMaker services are not assumed to (the console reaches them through its relay).
   */
  readonly cors: boolean;
  /** The host name AWS serves it on in a region (for LOCAL_FEATURESTORE_REQUIRE_AWS_HOSTS). */
  awsHost(region: string): string;
  readonly contentType: string;
  /** Largest request body read, in bytes. */
  readonly bodyLimit: number;
  /** The service's error for a malformed request (ValidationError, ValidationException, ...). */
  validationError(message: string): ServiceError;
  /** The service's error for a call the caller may not make. */
  accessDenied(message: string): ServiceError;
  /** The operation this request is, or undefined when it is not this service's. */
  route(method: string, rawPath: string, target: string | undefined): OperationRoute | undefined;
  /** Whether the operation carries a JSON body (restJson GET/DELETE do not). */
  hasJsonBody(operation: string): boolean;
  /** The feature groups a request names, by name, for permissions and the log line. */
  groupsNamed(request: OperationRequest): string[];
  /** Runs the operation on the models; the result is the response body (undefined: empty). */
  invoke(request: OperationRequest, models: ServiceModels): unknown;
}

/** `<Prefix>.<Operation>` exactly: `SageMaker.ListFeatureGroups.Extra` names no operation. */
export function targetOperation(target: string | undefined, prefix: string, operations: readonly string[]): string | undefined {
  if (typeof target !== 'string') return undefined;
  const parts = target.split('.');
  if (parts.length !== 2 || parts[0] !== prefix) return undefined;
  const operation = parts[1] ?? '';
  return operations.includes(operation) ? operation : undefined;
}
