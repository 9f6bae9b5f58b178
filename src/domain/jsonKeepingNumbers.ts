/**
 * JSON parsing that keeps numbers as the text written: `9223372036854775807` and `1.50`
 * must reach the schema's codecs as typed, never rounded through a JS number (Node 20 and
 * older browsers lack JSON.parse's source-text access). Strings are decoded by JSON.parse
 * itself, one token at a time. One left-to-right pass; nesting is bounded.
 */
export type JsonValue = string | JsonNumber | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON number, as its source text (a class, so no parsed object can pass for one). */
export class JsonNumber {
  constructor(readonly number: string) {}
}

export type JsonParse = { ok: true; value: JsonValue } | { ok: false; message: string };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const MAX_DEPTH = 32;

export function isJsonNumber(value: unknown): value is JsonNumber {
  return value instanceof JsonNumber;
}

export function parseJsonKeepingNumbers(text: string): JsonParse {
  let position = 0;

  function fail(message: string): never {
    throw new SyntaxError(`${message} at position ${position}`);
  }
  function skipSpace(): void {
    while (position < text.length) {
      const c = text.charCodeAt(position);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) position++;
      else break;
    }
  }
  function readString(): string {
    const start = position;
    position++;
    while (position < text.length) {
      const c = text.charCodeAt(position);
      if (c === 0x5c) position += 2;
      else if (c === 0x22) {
        position++;
        return JSON.parse(text.slice(start, position)) as string;
      } else position++;
    }
    return fail('Unterminated string');
  }
  function readValue(depth: number): JsonValue {
    if (depth > MAX_DEPTH) fail(`Nested deeper than ${MAX_DEPTH} levels`);
    skipSpace();
    const c = text[position];
    if (c === '"') return readString();
    if (c === '[') {
      position++;
      const items: JsonValue[] = [];
      skipSpace();
      if (text[position] === ']') {
        position++;
        return items;
      }
      for (;;) {
        items.push(readValue(depth + 1));
        skipSpace();
        if (text[position] === ',') position++;
        else if (text[position] === ']') {
          position++;
          return items;
        } else fail('Expected "," or "]"');
      }
    }
    if (c === '{') {
      position++;
      // No prototype: a key such as "__proto__" is just a key.
      const object = Object.create(null) as { [key: string]: JsonValue };
      skipSpace();
      if (text[position] === '}') {
        position++;
        return object;
      }
      for (;;) {
        skipSpace();
        if (text[position] !== '"') fail('Expected a key in double quotes');
        const key = readString();
        skipSpace();
        if (text[position] !== ':') fail('Expected ":"');
        position++;
        object[key] = readValue(depth + 1);
        skipSpace();
        if (text[position] === ',') position++;
        else if (text[position] === '}') {
          position++;
          return object;
        } else fail('Expected "," or "}"');
      }
    }
    if (text.startsWith('true', position)) {
      position += 4;
      return true;
    }
    if (text.startsWith('false', position)) {
      position += 5;
      return false;
    }
    if (text.startsWith('null', position)) {
      position += 4;
      return null;
    }
    NUMBER.lastIndex = position;
    const match = NUMBER.exec(text);
    if (match) {
      position += match[0].length;
      return new JsonNumber(match[0]);
    }
    return fail('Unexpected character');
  }

  try {
    const value = readValue(0);
    skipSpace();
    if (position < text.length) fail('Unexpected text after the value');
    return { ok: true, value };
  } catch (error) {
    return { ok: false, message: `Not JSON: ${(error as Error).message}` };
  }
}
