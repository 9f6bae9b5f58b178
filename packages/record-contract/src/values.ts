/**
 * Value codecs: every Feature Store value travels as a string. These functions decide
 * whether a string is a valid value of a feature type, and say why not, in words a user
 * can act on. The console's form and the local Feature Store call the same functions.
 */
import { MAX_VALUE_LENGTH } from './limits.js';

export type FeatureType = 'Integral' | 'Fractional' | 'String';
export type CollectionType = 'List' | 'Set' | 'Vector';

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Decision: an optional '-' then digits; no '+', spaces, exponent or decimal point. */
const INTEGRAL_TEXT = /^-?[0-9]+$/;
/**
 * Decimal or exponent notation, as Java's and Python's float parsers accept; no hex, no NaN/Infinity.
 * Linear by construction: the second digit run is reachable only through a literal '.', so no
 * input has two ways to match (the earlier `[0-9]+\.?[0-9]*` backtracked quadratically).
 */
const FRACTIONAL_TEXT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
/** The most characters a signed 64-bit integer needs once leading zeros are dropped. */
const INT64_MAX_DIGITS = 19;

/** Returns null when valid, else a message that says what is wrong and how to fix it. */
export function integralError(text: string): string | null {
  if (text === '') return 'Enter a whole number.';
  if (text.trim() !== text) return 'Remove the spaces around the number.';
  if (!INTEGRAL_TEXT.test(text)) {
    if (/^\+[0-9]+$/.test(text)) return 'Remove the leading "+": write digits only, with an optional leading minus.';
    if (FRACTIONAL_TEXT.test(text)) return 'Integral values are whole numbers: no decimal point or exponent.';
    return 'Enter a whole number such as 42 or -7 (digits only, optional leading minus).';
  }
  // Count significant digits first (linear), so a 350 KB number never reaches BigInt's parser.
  const digitsStart = text.startsWith('-') ? 1 : 0;
  let firstSignificant = digitsStart;
  while (firstSignificant < text.length - 1 && text.charCodeAt(firstSignificant) === 0x30) firstSignificant++;
  if (text.length - firstSignificant > INT64_MAX_DIGITS) {
    return 'Out of range for a signed 64-bit integer (-9223372036854775808 to 9223372036854775807).';
  }
  // BigInt, never Number: values beyond 2^53 must not round.
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) {
    return 'Out of range for a signed 64-bit integer (-9223372036854775808 to 9223372036854775807).';
  }
  return null;
}

export function fractionalError(text: string): string | null {
  if (text === '') return 'Enter a number.';
  if (text.trim() !== text) return 'Remove the spaces around the number.';
  if (!FRACTIONAL_TEXT.test(text)) {
    if (/^[+-]?(nan|inf(inity)?)$/i.test(text)) return 'NaN and Infinity are not allowed: enter a finite number.';
    return 'Enter a number such as 3.14, -0.5 or 1e-3.';
  }
  if (!Number.isFinite(Number(text))) return 'Too large for a 64-bit floating-point number (the limit is about 1.8e308).';
  return null;
}

/**
 * UTF-16 text with a lone surrogate cannot be encoded as UTF-8: stored, it would become
 * U+FFFD and collide with other values. Refused everywhere a string enters (decision).
 * One linear pass, no regex.
 */
export function unpairedSurrogateError(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `Contains an unpaired UTF-16 surrogate (\\u${c.toString(16)}) at position ${i}: it cannot be encoded as UTF-8.`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `Contains an unpaired UTF-16 surrogate (\\u${c.toString(16)}) at position ${i}: it cannot be encoded as UTF-8.`;
  }
  return null;
}

export function stringError(text: string): string | null {
  if (text.length > MAX_VALUE_LENGTH) {
    return `Too long: ${text.length.toLocaleString('en-US')} characters, the limit is ${MAX_VALUE_LENGTH.toLocaleString('en-US')}.`;
  }
  return unpairedSurrogateError(text);
}

export function scalarValueError(type: FeatureType, text: string): string | null {
  switch (type) {
    case 'Integral':
      return integralError(text);
    case 'Fractional':
      return fractionalError(text);
    case 'String':
      return stringError(text);
  }
}

/**
 * Set elements are compared by their text, except for numbers, which compare by value
 * ("1.0" and "1" are the same Fractional). The service keeps a Set's repeated
 * element once (Developer Guide, feature-store-collection-types: [a, b, a] "will instead
 * have the elements [a, b]"): the local Feature Store stores dedupeSetElements(); the
 * console's form still asks the user to remove a repeat, so what is stored is what is shown.
 */
export function setElementKey(type: FeatureType, text: string): string {
  if (type === 'Integral' && integralError(text) === null) return BigInt(text).toString();
  if (type === 'Fractional' && fractionalError(text) === null) return String(Number(text));
  return text;
}

/** Indexes of elements that repeat an earlier element of the same set. */
export function duplicateSetElementIndexes(type: FeatureType, items: readonly string[]): number[] {
  const seen = new Set<string>();
  const duplicates: number[] = [];
  items.forEach((item, index) => {
    const key = setElementKey(type, item);
    if (seen.has(key)) duplicates.push(index);
    else seen.add(key);
  });
  return duplicates;
}

/** A Set's elements with every repeat of an earlier element left out (the first spelling kept), as the service stores it. */
export function dedupeSetElements(type: FeatureType, items: readonly string[]): string[] {
  const repeats = new Set(duplicateSetElementIndexes(type, items));
  return repeats.size === 0 ? [...items] : items.filter((_, index) => !repeats.has(index));
}
