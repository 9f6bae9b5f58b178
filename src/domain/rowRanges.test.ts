import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RowRanges } from './rowRanges';

describe('RowRanges', () => {
  it('merges adjacent and overlapping rows and prints them', () => {
    const ranges = new RowRanges();
    for (const row of [5, 3, 4, 10, 1, 12, 11]) ranges.add(row);
    expect(ranges.toString()).toBe('1, 3-5, 10-12');
    expect(ranges.size).toBe(7);
    expect(new RowRanges(ranges.toJSON()).toString()).toBe('1, 3-5, 10-12');
    expect(new RowRanges().toString()).toBe('none');
  });

  it('holds exactly the rows added, in any order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 10 }))), (adds) => {
        const ranges = new RowRanges();
        const expected = new Set<number>();
        for (const [first, length] of adds) {
          ranges.addRange(first, first + length);
          for (let row = first; row <= first + length; row++) expected.add(row);
        }
        expect(ranges.size).toBe(expected.size);
        for (let row = 0; row <= 215; row++) expect(ranges.has(row)).toBe(expected.has(row));
        const json = ranges.toJSON();
        for (let i = 1; i < json.length; i++) expect((json[i] as [number, number])[0]).toBeGreaterThan((json[i - 1] as [number, number])[1] + 1);
      }),
    );
  });
});
