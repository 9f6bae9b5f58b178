/**
 * The delimiter of a delimited text file, guessed from its first lines: the candidate that
 * splits every sampled line (header included) into the same number of cells, more than
 * one, counted outside double quotes. A `;` file with decimal commas (`0,5`) is not taken
 * for a comma file: its header has no commas. Ties go to the earlier candidate.
 */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma (,)', ';': 'semicolon (;)', '\t': 'tab', '|': 'pipe (|)' };

/** Lines sampled for the guess. */
const SAMPLE_LINES = 20;

/** Cells per line for one delimiter, outside quotes; a quoted line break keeps the record going. */
function cellsPerRecord(text: string, delimiter: string, maxRecords: number): number[] {
  const counts: number[] = [];
  let quoted = false;
  let cells = 1;
  for (let index = 0; index < text.length && counts.length < maxRecords; index += 1) {
    const char = text[index];
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === delimiter) cells += 1;
    else if (!quoted && char === '\n') {
      counts.push(cells);
      cells = 1;
    }
  }
  return counts;
}

/** The guessed delimiter of `sample` (the file's first bytes as text), or undefined when none fits. */
export function detectDelimiter(sample: string): Delimiter | undefined {
  // Only whole records: the last line of a sample may be cut.
  const end = sample.lastIndexOf('\n');
  const text = end >= 0 ? sample.slice(0, end + 1) : `${sample}\n`;
  let best: { delimiter: Delimiter; cells: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const counts = cellsPerRecord(text, delimiter, SAMPLE_LINES).filter((count, index, all) => !(index === all.length - 1 && count === 1));
    const first = counts[0];
    if (first === undefined || first < 2 || counts.some((count) => count !== first)) continue;
    if (!best || first > best.cells) best = { delimiter, cells: first };
  }
  return best?.delimiter;
}
