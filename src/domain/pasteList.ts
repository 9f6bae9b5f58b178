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
