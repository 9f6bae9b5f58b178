/** Characters of a value shown in a preview; the rest is counted, not printed (a 1 MB cell must not grow the page). */
export const PREVIEW_CHARS = 120;

/** `text` cut to `max` characters with what was left out said, or `text` itself when short. */
export function shortText(text: string, max = PREVIEW_CHARS): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`;
}
