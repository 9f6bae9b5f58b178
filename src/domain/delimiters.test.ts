import { describe, expect, it } from 'vitest';
import { notTextReason } from './binaryFiles';
import { uniqueColumnNames } from './columnNames';
import { detectDelimiter } from './delimiters';
import { shortText } from './shortText';

describe('detectDelimiter', () => {
  it('finds ; in an Excel file with decimal commas, tab, pipe and comma; quotes do not count', () => {
    expect(detectDelimiter('id;score;name\r\nA;0,5;x\r\nB;1,5;"a;b"\r\n')).toBe(';');
    expect(detectDelimiter('id\tname\nA\tx,y\n')).toBe('\t');
    expect(detectDelimiter('id|name\nA|x\nB|y')).toBe('|');
    expect(detectDelimiter('id,name\nA,"x;y;z"\n')).toBe(',');
    expect(detectDelimiter('just one column\nvalue\n')).toBeUndefined();
  });
});

describe('notTextReason', () => {
  it('names a PNG, a zip (xlsx) and NUL bytes; passes text', () => {
    expect(notTextReason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]))).toMatch(/PNG image/);
    expect(notTextReason(new Uint8Array([0x50, 0x4b, 3, 4]))).toMatch(/Excel workbook \(\.xlsx\)/);
    expect(notTextReason(new TextEncoder().encode('a,b\n1,\u0000'))).toMatch(/NUL byte at byte 7/);
    expect(notTextReason(new TextEncoder().encode('\uFEFFid;name\r\nZoë;1\r\n'))).toBeUndefined();
  });
});

describe('uniqueColumnNames', () => {
  it('renames later duplicates without clashing with names the file has', () => {
    expect(uniqueColumnNames(['age', 'age', 'age (2)', 'age'])).toEqual({ columns: ['age', 'age (3)', 'age (2)', 'age (4)'], duplicates: ['age'] });
  });
});

describe('shortText', () => {
  it('keeps short text and says how long a cut one was', () => {
    expect(shortText('abc')).toBe('abc');
    expect(shortText('x'.repeat(1_048_576), 10)).toBe('xxxxxxxxxx… (1,048,576 characters)');
    expect(shortText(`${'a'.repeat(9)}😀`, 10)).toBe(`${'a'.repeat(9)}… (11 characters)`);
  });
});
