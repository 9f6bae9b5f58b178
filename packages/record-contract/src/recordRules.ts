/**
 * Rules of a whole record, beyond each value's own: its size and its identifier.
 * The console's form and import and the local Feature Store apply the same rules, so a
 * record the console accepts is one the service accepts, and the messages match.
 */
import { MAX_RECORD_BYTES, MAX_RECORD_IDENTIFIER_BYTES, utf8ByteLength } from './limits.js';

/** A FeatureValue as PutRecord sends it. */
export interface RecordValue {
  FeatureName: string;
  ValueAsString?: string;
  ValueAsStringList?: readonly string[];
}

/** The bytes a value counts towards the 350 KB record limit: its name and its value(s) in UTF-8 (decision, see limits.ts). */
export function featureValueBytes(value: RecordValue): number {
  const valueBytes =
    value.ValueAsString !== undefined
      ? utf8ByteLength(value.ValueAsString)
      : (value.ValueAsStringList ?? []).reduce((sum, item) => sum + utf8ByteLength(item), 0);
  return utf8ByteLength(value.FeatureName) + valueBytes;
}

export function recordBytes(values: Iterable<RecordValue>): number {
  let bytes = 0;
  for (const value of values) bytes += featureValueBytes(value);
  return bytes;
}

/** Null when the record fits, else the message both the console and the local store show. */
export function recordSizeError(bytes: number): string | null {
  if (bytes <= MAX_RECORD_BYTES) return null;
  return `The record is ${bytes.toLocaleString('en-US')} bytes; the limit is ${MAX_RECORD_BYTES.toLocaleString('en-US')} bytes (350 KB) of feature names and values.`;
}

/** Null when the identifier's value is a valid record identifier (non-empty, at most 2 KB of UTF-8). */
export function recordIdentifierError(text: string): string | null {
  if (text === '') return 'A record identifier cannot be empty.';
  if (utf8ByteLength(text) > MAX_RECORD_IDENTIFIER_BYTES)
    return `Too long: a record identifier is at most 2 KB (${MAX_RECORD_IDENTIFIER_BYTES} bytes of UTF-8).`;
  return null;
}
