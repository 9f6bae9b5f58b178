/**
 * Limits and name rules of SageMaker Feature Store, shared by the console and the
 * local Feature Store so both reject exactly the same input.
 * Source: ../shared/featurestore-api.md (service models and the quotas page).
 */

export const FEATURE_NAME_PATTERN = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
export const FEATURE_GROUP_NAME_PATTERN = /^[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}$/;
export const FEATURE_GROUP_NAME_OR_ARN_PATTERN = /^(arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:feature-group\/)?([a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63})$/;

export const MAX_FEATURES_PER_GROUP = 2500;
/** ValueAsString: up to 358,400 characters; ValueAsStringList: up to 358,400 items. */
export const MAX_VALUE_LENGTH = 358_400;
export const MAX_LIST_ITEMS = 358_400;
/** 350 KB. Decision (open in AWS): measured as the UTF-8 bytes of every feature name and value. */
export const MAX_RECORD_BYTES = 350 * 1024;
/** 2 KB, measured as UTF-8 bytes of the identifier's value. */
export const MAX_RECORD_IDENTIFIER_BYTES = 2 * 1024;
export const MAX_UPDATE_FEATURES = 100;
export const MAX_BATCH_GET_IDENTIFIERS = 100;
export const MAX_BATCH_WRITE_ENTRIES = 25;
export const MAX_VECTOR_DIMENSION = 8192;

/** Columns the offline store adds to every row; they cannot be feature names. */
export const RESERVED_FEATURE_NAMES = ['is_deleted', 'write_time', 'api_invocation_time'] as const;

const utf8 = new TextEncoder();
export function utf8ByteLength(text: string): number {
  // Fast path: pure ASCII strings are one byte per character.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.length;
  return utf8.encode(text).length;
}

/** The name part of a feature group name or ARN (`arn:...:feature-group/name` -> `name`). */
export function featureGroupNameFromNameOrArn(nameOrArn: string): string {
  const slash = nameOrArn.lastIndexOf('/');
  return nameOrArn.startsWith('arn:') && slash >= 0 ? nameOrArn.slice(slash + 1) : nameOrArn;
}
