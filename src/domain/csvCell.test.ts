import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName } from './csvCell';

describe('csvCell', () => {
  it('writes every cell as stored by default', () => {
    for (const text of ['=1+1', '+33 1', '-5', '@SUM(A1)', '\tx', '\rx', 'plain', '']) expect(csvCell(text, 'exact')).toBe(text);
  });

  it('prefixes a quote to cells a spreadsheet would read as a formula (=, +, -, @, tab, CR), and only to those', () => {
    expect(['=1+1', '+33 1', '-5', '@SUM(A1)', '\tx', '\rx'].map((text) => csvCell(text, 'excel-safe'))).toEqual([
      "'=1+1",
      "'+33 1",
      "'-5",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    for (const text of ['plain', '', 'a=1', ' =1', "'=1", '\nx', '5-3']) expect(csvCell(text, 'excel-safe')).toBe(text);
  });

  it('names an Excel-safe file as such', () => {
    expect(csvFileName('customers-all-2026.csv', 'excel-safe')).toBe('customers-all-2026-excel-safe.csv');
    expect(csvFileName('customers-all-2026.csv', 'exact')).toBe('customers-all-2026.csv');
    expect(csvFileName('rows', 'excel-safe')).toBe('rows-excel-safe');
  });
});
