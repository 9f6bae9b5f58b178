/**
 * Errors the model raises. The protocol layer encodes them the way AWS does, so the
 * SDKs raise the named exception class (ValidationError, ResourceNotFound, ...).
 */
export class ServiceError extends Error {
  constructor(
    readonly errorName: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// Feature Store runtime errors (restJson1).
export const validationError = (message: string) => new ServiceError('ValidationError', 400, message);
export const accessForbidden = (message: string) => new ServiceError('AccessForbidden', 403, message);
export const resourceNotFound = (message: string) => new ServiceError('ResourceNotFound', 404, message);
export const conflictException = (message: string) => new ServiceError('ConflictException', 409, message);

// SageMaker control-plane errors (awsJson1_1): always HTTP 400.
export const controlPlaneValidation = (message: string) => new ServiceError('ValidationException', 400, message);
export const controlPlaneNotFound = (message: string) => new ServiceError('ResourceNotFound', 400, message);
export const resourceInUse = (message: string) => new ServiceError('ResourceInUse', 400, message);
export const accessDenied = (message: string) => new ServiceError('AccessDeniedException', 400, message);

// Cognito identity errors (awsJson1_1): always HTTP 400.
export const cognitoInvalidParameter = (message: string) => new ServiceError('InvalidParameterException', 400, message);
export const cognitoNotFound = (message: string) => new ServiceError('ResourceNotFoundException', 400, message);
export const cognitoNotAuthorized = (message: string) => new ServiceError('NotAuthorizedException', 400, message);
