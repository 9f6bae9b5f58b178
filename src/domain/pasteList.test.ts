import { describe, expect, it } from 'vitest';
import { parsePastedList } from './pasteList';

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
