/**
 * Turns pasted text into list elements: a JSON array (["a", "b"] or [1, 2]), one
 * element per line, or comma-separated. Numbers are kept as the exact text pasted,
 * never through a JS number, so 9007199254740993 stays itself.
 */
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|[^,\s"]+/g;

export function parsePastedList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const inner = trimmed.slice(1, -1);
    return (inner.match(JSON_TOKEN) ?? []).map((token) => (token.startsWith('"') ? (JSON.parse(token) as string) : token));
  }
  const parts = /\r?\n/.test(trimmed) ? trimmed.split(/\r?\n/) : trimmed.split(',');
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * B5: pasted list elements with empty ones kept in place, never dropped: dropping one would
 * shift every later element of a Vector to another position. `empties` are 0-based positions
 * of empty elements, for the form to say so.
 */
export function parsePastedElements(text: string): { values: string[]; empties: number[] } {
  const trimmed = text.trim();
  if (trimmed === '') return { values: [], empties: [] };
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    const values = parsePastedList(trimmed);
    return { values, empties: values.flatMap((value, index) => (value === '' ? [index] : [])) };
  }
  const values = (/\r?\n/.test(trimmed) ? trimmed.split(/\r?\n/) : trimmed.split(',')).map((part) => part.trim());
  // A separator at the very end ("1, 2,") ends the list; it does not start an element.
  if (values.length > 1 && values.at(-1) === '') values.pop();
  return { values, empties: values.flatMap((value, index) => (value === '' ? [index] : [])) };
}

/**
 * B10: record identifiers for a batch lookup: split at newlines and at commas (both), trimmed,
 * blank entries skipped, duplicates kept once in first-seen order.
 */
export function parseIdentifierList(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) return [...new Set(parsePastedList(trimmed))];
  const ids = text
    .split(/[\r\n,]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return [...new Set(ids)];
}
