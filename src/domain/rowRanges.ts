/**
 * A set of row numbers kept as sorted, merged ranges: which rows of an import AWS
 * acknowledged, small enough to save after every answer (calls answer out of order, so
 * rows arrive in any order; a finished import is one range).
 */
export type RowRange = [first: number, last: number];

export class RowRanges {
  private ranges: RowRange[] = [];

  constructor(ranges: readonly RowRange[] = []) {
    for (const [first, last] of ranges) this.addRange(first, last);
  }

  /** Adds rows first..last (inclusive). */
  addRange(first: number, last: number): void {
    if (!(Number.isInteger(first) && Number.isInteger(last)) || last < first) return;
    // Binary search for the first range that ends at or after first - 1.
    let low = 0;
    let high = this.ranges.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.ranges[middle] as RowRange)[1] < first - 1) low = middle + 1;
      else high = middle;
    }
    let end = low;
    let merged: RowRange = [first, last];
    while (end < this.ranges.length && (this.ranges[end] as RowRange)[0] <= last + 1) {
      const range = this.ranges[end] as RowRange;
      merged = [Math.min(merged[0], range[0]), Math.max(merged[1], range[1])];
      end++;
    }
    this.ranges.splice(low, end - low, merged);
  }

  add(row: number): void {
    this.addRange(row, row);
  }

  has(row: number): boolean {
    let low = 0;
    let high = this.ranges.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [first, last] = this.ranges[middle] as RowRange;
      if (row < first) high = middle - 1;
      else if (row > last) low = middle + 1;
      else return true;
    }
    return false;
  }

  get size(): number {
    return this.ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  }

  toJSON(): RowRange[] {
    return this.ranges.map(([first, last]) => [first, last]);
  }

  /** "1-40, 42, 44-100", or "none". */
  toString(): string {
    if (this.ranges.length === 0) return 'none';
    return this.ranges.map(([first, last]) => (first === last ? String(first) : `${first}-${last}`)).join(', ');
  }
}
