/**
 * How many rows a Parquet file can hold, from its size: a footer may declare any count
 * (2^53 in 272 bytes), and reading "rows" past the pages' end yields empty rows forever.
 *
 * Decision (Parquet itself sets no such limit; this is what its format allows): every value
 * is in a data page, a page's header counts its values in an i32 (at most 2^31 - 1), and a
 * page with its header takes at least MIN_PAGE_BYTES bytes. So a file of N bytes holds at
 * most floor(N / MIN_PAGE_BYTES) × (2^31 - 1) rows; the footer's count, and the sum of its
 * row groups', must agree and stay within that. A valid file always passes (a run-length
 * encoded page can really hold 2^31 equal values in a few bytes, so the bound is loose);
 * a file that declares more is refused before a row is read.
 */
import type { FileMetaData } from 'hyparquet';

const MAX_PAGE_VALUES = 2 ** 31 - 1;
/** Fewer than any page header with a data page header and one byte of data: a lower bound. */
const MIN_PAGE_BYTES = 8;

export function parquetRowLimit(byteLength: number): number {
  return Math.floor(byteLength / MIN_PAGE_BYTES) * MAX_PAGE_VALUES;
}

/** The file's row count, or an error in words when the footer declares more rows than the file can hold. */
export function checkedParquetRowCount(metadata: Pick<FileMetaData, 'num_rows' | 'row_groups'>, byteLength: number): number {
  const declared = BigInt(metadata.num_rows);
  const inGroups = metadata.row_groups.reduce((sum, group) => sum + BigInt(group.num_rows), 0n);
  const limit = parquetRowLimit(byteLength);
  const words = (count: bigint) => count.toLocaleString('en-US');
  if (declared < 0n || declared !== inGroups) {
    throw new Error(`The file's footer declares ${words(declared)} rows but its row groups ${words(inGroups)}: the file is damaged.`);
  }
  if (declared > BigInt(limit)) {
    throw new Error(
      `The file declares ${words(declared)} rows; a Parquet file of ${byteLength.toLocaleString('en-US')} bytes can hold at most ${limit.toLocaleString('en-US')}. The file is damaged or not what it says.`,
    );
  }
  return Number(declared);
}
