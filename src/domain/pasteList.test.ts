import { describe, expect, it } from 'vitest';
import { parseIdentifierList, parsePastedElements, parsePastedList } from './pasteList';

describe('parsePastedList', () => {
  it.each([
    ['a, b ,c', ['a', 'b', 'c']],
    ['1.5\n2.5\r\n\n3', ['1.5', '2.5', '3']],
    ['a, b\nc', ['a, b', 'c']],
    ['["x", "y, z", "q\\"uote"]', ['x', 'y, z', 'q"uote']],
    ['[9007199254740993, -1e-3, 0.1]', ['9007199254740993', '-1e-3', '0.1']],
    ['[]', []],
    ['   ', []],
  ])('parses %j', (text, expected) => {
    expect(parsePastedList(text)).toEqual(expected);
  });
});

describe('parsePastedElements (B5)', () => {
  it('keeps empty elements in their positions and names them', () => {
    expect(parsePastedElements('1\n\n3')).toEqual({ values: ['1', '', '3'], empties: [1] });
    expect(parsePastedElements('1,,3, ')).toEqual({ values: ['1', '', '3'], empties: [1] });
    expect(parsePastedElements('["a", "", "c"]')).toEqual({ values: ['a', '', 'c'], empties: [1] });
    expect(parsePastedElements('0.5, 1.5')).toEqual({ values: ['0.5', '1.5'], empties: [] });
  });
});

describe('parseIdentifierList (B10)', () => {
  it('splits at newlines and commas together', () => {
    expect(parseIdentifierList('a, b\nc\r\nd,,\n\ne\na')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(parseIdentifierList('["x, y", "z"]')).toEqual(['x, y', 'z']);
  });
});
