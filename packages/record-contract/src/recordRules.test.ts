import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from './limits.js';
import { featureValueBytes, recordBytes, recordIdentifierError, recordSizeError } from './recordRules.js';

describe('record rules', () => {
  it('counts a value as the UTF-8 bytes of its name and its value or elements', () => {
    expect(featureValueBytes({ FeatureName: 'id', ValueAsString: 'é' })).toBe(2 + 2);
    expect(featureValueBytes({ FeatureName: 'tags', ValueAsStringList: ['a', '€'] })).toBe(4 + 1 + 3);
    expect(
      recordBytes([
        { FeatureName: 'a', ValueAsString: 'b' },
        { FeatureName: 'c', ValueAsStringList: [] },
      ]),
    ).toBe(3);
  });

  it('refuses a record over 350 KB, and accepts one of exactly 350 KB', () => {
    expect(recordSizeError(MAX_RECORD_BYTES)).toBeNull();
    expect(recordSizeError(MAX_RECORD_BYTES + 1)).toBe('The record is 358,401 bytes; the limit is 358,400 bytes (350 KB) of feature names and values.');
  });

  it('refuses an empty identifier and one over 2 KB of UTF-8, counting bytes, not characters', () => {
    expect(recordIdentifierError('')).toMatch(/cannot be empty/);
    expect(recordIdentifierError('x'.repeat(2048))).toBeNull();
    expect(recordIdentifierError('x'.repeat(2049))).toMatch(/at most 2 KB/);
    // 683 three-byte characters are 2,049 bytes.
    expect(recordIdentifierError('€'.repeat(683))).toMatch(/at most 2 KB/);
  });
});
