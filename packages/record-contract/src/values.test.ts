import { describe, expect, it } from 'vitest';
import { duplicateSetElementIndexes, fractionalError, integralError, scalarValueError, stringError } from './values.js';

describe('Integral', () => {
  it.each(['0', '-0', '42', '-7', '007', '9223372036854775807', '-9223372036854775808'])('accepts %s', (text) => {
    expect(integralError(text)).toBeNull();
  });
  it.each([
    ['9223372036854775808', /signed 64-bit/],
    ['-9223372036854775809', /signed 64-bit/],
    ['99999999999999999999999', /signed 64-bit/],
    ['1.0', /whole numbers/],
    ['1e3', /whole numbers/],
    ['', /Enter a whole number/],
    [' 1', /spaces/],
    ['1 ', /spaces/],
    ['+1', /leading "\+"/],
    ['0x10', /digits only/],
    ['１２', /digits only/],
    ['NaN', /digits only/],
  ])('rejects %j', (text, message) => {
    expect(integralError(text)).toMatch(message);
  });
  it('never rounds: 2^53 + 1 stays valid and distinct', () => {
    expect(integralError('9007199254740993')).toBeNull();
    expect(duplicateSetElementIndexes('Integral', ['9007199254740992', '9007199254740993'])).toEqual([]);
  });
});

describe('Fractional', () => {
  it.each(['0', '-0', '3.14', '.5', '5.', '-1e-3', '1E+10', '1e308', '-1.7976931348623157e308', '4.9e-324', '+2'])('accepts %s', (text) => {
    expect(fractionalError(text)).toBeNull();
  });
  it.each([
    ['NaN', /NaN and Infinity/],
    ['Infinity', /NaN and Infinity/],
    ['-inf', /NaN and Infinity/],
    ['1e309', /Too large/],
    ['', /Enter a number/],
    ['  2.5', /spaces/],
    ['1,5', /such as/],
    ['0x1p3', /such as/],
    ['abc', /such as/],
  ])('rejects %j', (text, message) => {
    expect(fractionalError(text)).toMatch(message);
  });
});

describe('String', () => {
  it('accepts any text, including empty, whitespace and unicode', () => {
    for (const text of ['', '   ', 'naïve ✓ 日本', '\n\t', '"quoted"', '<b>not html</b>']) expect(stringError(text)).toBeNull();
  });
  it('rejects values over 358,400 characters', () => {
    expect(stringError('x'.repeat(358_400))).toBeNull();
    expect(stringError('x'.repeat(358_401))).toMatch(/Too long/);
  });
  it('dispatches by type', () => {
    expect(scalarValueError('String', 'abc')).toBeNull();
    expect(scalarValueError('Integral', 'abc')).not.toBeNull();
  });
});

describe('Set duplicates', () => {
  it('compares numbers by value and strings by text', () => {
    expect(duplicateSetElementIndexes('Fractional', ['1', '1.0', '2', '1e0'])).toEqual([1, 3]);
    expect(duplicateSetElementIndexes('Integral', ['1', '01', '-0', '0'])).toEqual([1, 3]);
    expect(duplicateSetElementIndexes('String', ['a', 'A', 'a ', 'a'])).toEqual([3]);
  });
});
