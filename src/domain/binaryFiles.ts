/**
 * Whether a file meant as text is something else: a known binary signature, or NUL bytes
 * (which no CSV, TSV or JSON Lines file in UTF-8 or Windows-1252 holds). Checked on the
 * file's first bytes before any of it is parsed, so a PNG renamed `.csv` never becomes
 * columns of garbage.
 */
const SIGNATURES: { bytes: number[]; kind: string; hint?: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    kind: 'a ZIP archive (an .xlsx workbook is one)',
    hint: 'If it is an Excel workbook, choose the format “Excel workbook (.xlsx)”.',
  },
  { bytes: [0x50, 0x41, 0x52, 0x31], kind: 'a Parquet file', hint: 'Choose the format “Parquet”.' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive', hint: 'Decompress it first.' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Excel (.xls) or Office file', hint: 'Save it as .xlsx or CSV UTF-8 in Excel.' },
];

/** Bytes looked at. */
export const BINARY_SNIFF_BYTES = 8192;

/** Why `head` (the file's first bytes) is not text, as a sentence that says what to do; undefined when it may be text. */
export function notTextReason(head: Uint8Array): string | undefined {
  for (const signature of SIGNATURES) {
    if (signature.bytes.every((byte, index) => head[index] === byte)) {
      return `This is not a text file: it looks like ${signature.kind}. ${signature.hint ?? 'Choose a CSV, TSV, JSON Lines, Parquet or Excel file.'}`;
    }
  }
  // UTF-16 text has a NUL in every other byte: say so rather than "binary".
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return 'This file is UTF-16 text, which the console does not read. Save it again as UTF-8 (in Excel: “CSV UTF-8”).';
  }
  const nul = head.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return `This is not a text file: it has a NUL byte at byte ${nul + 1}. Choose a CSV, TSV, JSON Lines, Parquet or Excel file.`;
  return undefined;
}
