/**
 * Athena's SQL (Trino's dialect), as much of it as the console's history queries and AWS's
 * documented snapshot and time-travel queries use, translated token by token into SQLite's
 * SQL (libsql). Decision: SQLite rather than DuckDB (measured in the package README: DuckDB
 * adds ~70 MB and ~1.5 s of start time; libsql is already here and has window functions).
 *
 * What is translated: `"db"."table"` (and `awsdatacatalog."db"."table"`) names become
 * attached databases; `"quoted"` identifiers become SQLite identifiers (never strings);
 * `timestamp '...'` literals become the text form timestamps are stored in
 * (`YYYY-MM-DD HH:MM:SS.fff`, so they compare in order); `from_iso8601_timestamp(x)`
 * becomes SQLite's strftime of it; a String event-time column compared with a timestamp
 * is compared as a timestamp (as AWS's time-travel query expects); positional `?` take
 * ExecutionParameters, each of which must be one literal (a string, a number, a timestamp
 * literal, true, false or null), bound as a value, never pasted into the SQL.
 *
 * What is refused, named: anything but one SELECT (or WITH ... SELECT) statement, joins,
 * recursive queries, and functions outside a short list. A refusal before the query runs
 * is InvalidRequestException (StartQueryExecution); one the engine finds (an unknown table
 * or column) fails the query with Athena's error codes in StateChangeReason.
 */
import type { CatalogTable } from '../glue/catalog.js';

export class AthenaSqlError extends Error {
  constructor(
    /** `invalid`: StartQueryExecution answers InvalidRequestException; `failed`: the query FAILS. */
    readonly kind: 'invalid' | 'failed',
    /** Athena's error code, e.g. SYNTAX_ERROR, TABLE_NOT_FOUND, FUNCTION_NOT_FOUND, NOT_SUPPORTED. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'param' | 'punct' | 'timestamp';
interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
  /** A bound value (parameters and literals), for `param` tokens after substitution. */
  value?: string | number | bigint | null;
}

const PUNCTUATION = ['<>', '!=', '<=', '>=', '||', '(', ')', ',', '.', ';', '*', '+', '-', '/', '%', '=', '<', '>'];
const MAX_TOKENS = 20_000;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const at = (start: number) => ({ line, column: start - lineStart + 1 });
  while (index < sql.length) {
    const char = sql[index] as string;
    if (char === '\n') {
      line += 1;
      index += 1;
      lineStart = index;
      continue;
    }
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (sql.startsWith('--', index)) {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end;
      continue;
    }
    if (sql.startsWith('/*', index)) {
      const end = sql.indexOf('*/', index + 2);
      if (end < 0) throw new AthenaSqlError('invalid', 'SYNTAX_ERROR', `line ${line}:${index - lineStart + 1}: unterminated comment`);
      for (let scan = index; scan < end; scan += 1)
        if (sql[scan] === '\n') {
          line += 1;
          lineStart = scan + 1;
        }
      index = end + 2;
      continue;
    }
    if (char === "'" || char === '"') {
      const start = index;
      const position = at(start);
      let text = '';
      index += 1;
      for (;;) {
        const end = sql.indexOf(char, index);
        if (end < 0)
          throw new AthenaSqlError(
            'invalid',
            'SYNTAX_ERROR',
            `line ${position.line}:${position.column}: unterminated ${char === "'" ? 'string' : 'quoted identifier'}`,
          );
        text += sql.slice(index, end);
        if (sql[end + 1] === char) {
          text += char;
          index = end + 2;
        } else {
          index = end + 1;
          break;
        }
      }
      for (let scan = start; scan < index; scan += 1)
        if (sql[scan] === '\n') {
          line += 1;
          lineStart = scan + 1;
        }
      tokens.push({ kind: char === "'" ? 'string' : 'quoted', text, ...position });
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(index, index + 256)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0], ...at(index) });
      index += match[0].length;
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(sql[index + 1] ?? ''))) {
      const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(sql.slice(index, index + 400)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: match[0], ...at(index) });
      index += match[0].length;
    } else if (char === '?') {
      tokens.push({ kind: 'param', text: '?', ...at(index) });
      index += 1;
    } else {
      const punct = PUNCTUATION.find((candidate) => sql.startsWith(candidate, index));
      if (!punct) {
        const position = at(index);
        throw new AthenaSqlError('invalid', 'SYNTAX_ERROR', `line ${position.line}:${position.column}: unexpected character '${char}'`);
      }
      tokens.push({ kind: 'punct', text: punct, ...at(index) });
      index += punct.length;
    }
    if (tokens.length > MAX_TOKENS) throw new AthenaSqlError('invalid', 'NOT_SUPPORTED', `The local Athena reads queries of at most ${MAX_TOKENS} tokens.`);
  }
  return tokens;
}

/** Statements and clauses the local Athena refuses wherever they appear (outside strings and quotes). */
const REFUSED_WORDS = new Set([
  'insert',
  'update',
  'delete',
  'merge',
  'create',
  'drop',
  'alter',
  'attach',
  'detach',
  'pragma',
  'vacuum',
  'reindex',
  'analyze',
  'recursive',
  'join',
  'returning',
  'indexed',
  'unnest',
  'lateral',
]);
/** Words that may stand before `(` without being a function call. */
const KEYWORDS_BEFORE_PARENTHESIS = new Set([
  'in',
  'over',
  'as',
  'exists',
  'and',
  'or',
  'not',
  'from',
  'where',
  'when',
  'then',
  'else',
  'select',
  'cast',
  'by',
  'on',
  'using',
  'values',
  'filter',
  'distinct',
  'all',
  'union',
  'intersect',
  'except',
  'is',
  'like',
  'between',
  'case',
  'with',
  'having',
]);
/** Functions with the same meaning in Trino and SQLite (plus from_iso8601_timestamp, translated). */
export const SUPPORTED_FUNCTIONS = [
  'row_number',
  'rank',
  'dense_rank',
  'lag',
  'lead',
  'first_value',
  'last_value',
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'coalesce',
  'nullif',
  'lower',
  'upper',
  'length',
  'abs',
  'round',
  'substr',
  'from_iso8601_timestamp',
];
const COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
/** How timestamps are stored and compared: Athena's own text form of a timestamp. */
const STRFTIME_FORMAT = "'%Y-%m-%d %H:%M:%f'";

/** `2024-01-02 03:04:05.678` from a Trino timestamp literal's text (date, optional time, fraction, `Z`/`UTC`). */
export function normalizeTimestamp(text: string): string | undefined {
  if (text.length > 64) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?)? ?(?:Z|UTC)?$/.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = ''] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  if (
    date.getUTCDate() !== Number(day) ||
    date.getUTCHours() !== Number(hour) ||
    date.getUTCMinutes() !== Number(minute) ||
    date.getUTCSeconds() !== Number(second)
  ) {
    return undefined;
  }
  return `${year}-${month}-${day} ${hour}:${minute}:${second}.${fraction.padEnd(3, '0').slice(0, 3)}`;
}

/** An ExecutionParameter: exactly one literal. */
function parameterToken(parameter: string, position: { line: number; column: number }, ordinal: number): Token {
  let tokens: Token[];
  try {
    tokens = tokenize(parameter);
  } catch {
    tokens = [];
  }
  const [first, second, third] = tokens;
  const bad = () =>
    new AthenaSqlError(
      'invalid',
      'INVALID_PARAMETER',
      `ExecutionParameters[${ordinal}] must be one literal ('text' in single quotes, a number, timestamp '...', true, false or null); got: ${parameter.slice(0, 64)}`,
    );
  if (!first) throw bad();
  if (first.kind === 'punct' && first.text === '-' && second?.kind === 'number' && !third)
    return { ...position, kind: 'param', text: '?', value: numberValue(`-${second.text}`) };
  if (tokens.length === 1 && first.kind === 'string') return { ...position, kind: 'param', text: '?', value: first.text };
  if (tokens.length === 1 && first.kind === 'number') return { ...position, kind: 'param', text: '?', value: numberValue(first.text) };
  if (tokens.length === 1 && first.kind === 'word' && ['true', 'false', 'null'].includes(first.text.toLowerCase())) {
    const word = first.text.toLowerCase();
    return { ...position, kind: 'param', text: '?', value: word === 'null' ? null : word === 'true' ? 1 : 0 };
  }
  if (tokens.length === 2 && first.kind === 'word' && first.text.toLowerCase() === 'timestamp' && second?.kind === 'string') {
    const normalized = normalizeTimestamp(second.text);
    if (!normalized)
      throw new AthenaSqlError('failed', 'INVALID_LITERAL', `ExecutionParameters[${ordinal}]: '${second.text.slice(0, 64)}' is not a valid timestamp literal`);
    return { ...position, kind: 'timestamp', text: '?', value: normalized };
  }
  throw bad();
}

function numberValue(text: string): number | bigint {
  return /^-?[0-9]+$/.test(text) ? BigInt(text) : Number(text);
}

const isWord = (token: Token | undefined, word: string) => token?.kind === 'word' && token.text.toLowerCase() === word;
const isPunct = (token: Token | undefined, text: string) => token?.kind === 'punct' && token.text === text;
const isName = (token: Token | undefined) => token?.kind === 'word' || token?.kind === 'quoted';
const where = (token: Token) => `line ${token.line}:${token.column}`;

export interface TranslatedQuery {
  sql: string;
  values: (string | number | bigint | null)[];
  tables: CatalogTable[];
}

export interface TranslateOptions {
  /** QueryExecutionContext.Database: where unqualified table names are looked up. */
  contextDatabase?: string;
  tables: readonly CatalogTable[];
}

export function translateQuery(query: string, parameters: readonly string[], options: TranslateOptions): TranslatedQuery {
  let tokens = tokenize(query);
  if (isPunct(tokens[tokens.length - 1], ';')) tokens = tokens.slice(0, -1);
  const first = tokens[0];
  if (!first) throw new AthenaSqlError('invalid', 'SYNTAX_ERROR', 'The query is empty.');
  if (!isWord(first, 'select') && !isWord(first, 'with') && !isPunct(first, '(')) {
    throw new AthenaSqlError(
      'invalid',
      'NOT_SUPPORTED',
      `${where(first)}: the local Athena runs SELECT queries only; '${first.text.slice(0, 32)}' is not supported.`,
    );
  }
  const markers = tokens.filter((token) => token.kind === 'param').length;
  if (markers !== parameters.length) {
    throw new AthenaSqlError(
      'invalid',
      'INVALID_PARAMETER',
      `The query has ${markers} parameter marker${markers === 1 ? '' : 's'} (?) but ${parameters.length} ExecutionParameters ${parameters.length === 1 ? 'was' : 'were'} given.`,
    );
  }
  let ordinal = 0;
  tokens = tokens.map((token) => (token.kind === 'param' ? parameterToken(parameters[ordinal++] as string, token, ordinal) : token));

  for (const [index, token] of tokens.entries()) {
    if (isPunct(token, ';')) throw new AthenaSqlError('invalid', 'NOT_SUPPORTED', `${where(token)}: one statement per query.`);
    if (token.kind !== 'word') continue;
    const word = token.text.toLowerCase();
    if (REFUSED_WORDS.has(word)) {
      throw new AthenaSqlError(
        'invalid',
        'NOT_SUPPORTED',
        `${where(token)}: ${token.text.toUpperCase()} is not supported by the local Athena (one table per query, SELECT only).`,
      );
    }
    if (word.startsWith('sqlite_')) throw new AthenaSqlError('failed', 'TABLE_NOT_FOUND', `${where(token)}: Table '${token.text}' does not exist`);
    if (isPunct(tokens[index + 1], '(') && !KEYWORDS_BEFORE_PARENTHESIS.has(word) && !SUPPORTED_FUNCTIONS.includes(word) && !isPunct(tokens[index - 1], '.')) {
      throw new AthenaSqlError(
        'failed',
        'FUNCTION_NOT_FOUND',
        `${where(token)}: Function '${token.text}' not registered (the local Athena supports ${SUPPORTED_FUNCTIONS.join(', ')})`,
      );
    }
    if (word === 'cast') {
      // CAST(x AS timestamp|date) has no SQLite equivalent: SQLite would turn the text into a number.
      let depth = 0;
      for (let scan = index + 1; scan < tokens.length; scan += 1) {
        const inner = tokens[scan] as Token;
        if (isPunct(inner, '(')) depth += 1;
        else if (isPunct(inner, ')') && --depth === 0) break;
        else if (depth === 1 && isWord(inner, 'as') && (isWord(tokens[scan + 1], 'timestamp') || isWord(tokens[scan + 1], 'date'))) {
          throw new AthenaSqlError(
            'failed',
            'NOT_SUPPORTED',
            `${where(inner)}: CAST to ${tokens[scan + 1]?.text ?? ''} is not supported by the local Athena; use from_iso8601_timestamp or a timestamp literal.`,
          );
        }
      }
    }
    if (word === 'date' && tokens[index + 1]?.kind === 'string') {
      throw new AthenaSqlError('failed', 'NOT_SUPPORTED', `${where(token)}: date literals are not supported by the local Athena; use timestamp '...'.`);
    }
  }

  // Catalog and table names.
  const lower = (token: Token) => token.text.toLowerCase();
  const databases = new Set(options.tables.map((table) => table.database.toLowerCase()));
  const referenced = new Map<string, CatalogTable>();
  const out: Token[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    // awsdatacatalog."db"."table": the catalog is the only one there is.
    if (isName(token) && lower(token) === 'awsdatacatalog' && isPunct(tokens[index + 1], '.') && isName(tokens[index + 2]) && isPunct(tokens[index + 3], '.')) {
      index += 1;
      continue;
    }
    if (isName(token) && isPunct(tokens[index + 1], '.') && isName(tokens[index + 2]) && databases.has(lower(token)) && !isPunct(tokens[index - 1], '.')) {
      const tableToken = tokens[index + 2] as Token;
      const table = options.tables.find(
        (candidate) => candidate.database.toLowerCase() === lower(token) && candidate.table.toLowerCase() === lower(tableToken),
      );
      if (!table)
        throw new AthenaSqlError('failed', 'TABLE_NOT_FOUND', `${where(token)}: Table 'awsdatacatalog.${token.text}.${tableToken.text}' does not exist`);
      referenced.set(`${table.database}.${table.table}`, table);
    } else if (isName(token) && isWord(tokens[index - 1], 'from') && !isPunct(tokens[index + 1], '.')) {
      const contextDatabase = (options.contextDatabase ?? 'default').toLowerCase();
      const table = options.tables.find((candidate) => candidate.database.toLowerCase() === contextDatabase && candidate.table.toLowerCase() === lower(token));
      if (table) referenced.set(`${table.database}.${table.table}`, table);
    }
    out.push(token);
  }

  // Event-time columns of type String, compared as timestamps when compared with one.
  const stringEventTimes = new Set(
    [...referenced.values()]
      .filter(
        (table) => table.group.FeatureDefinitions.find((definition) => definition.FeatureName === table.group.EventTimeFeatureName)?.FeatureType === 'String',
      )
      .map((table) => table.group.EventTimeFeatureName.toLowerCase()),
  );
  const isTimestamp = (token: Token | undefined) => token?.kind === 'timestamp';
  const values: TranslatedQuery['values'] = [];
  const parts: string[] = [];
  for (let index = 0; index < out.length; index += 1) {
    const token = out[index] as Token;
    const previous = out[index - 1];
    const next = out[index + 1];
    if (isWord(token, 'timestamp') && next?.kind === 'string') {
      const normalized = normalizeTimestamp(next.text);
      if (!normalized) throw new AthenaSqlError('failed', 'INVALID_LITERAL', `${where(token)}: '${next.text.slice(0, 64)}' is not a valid timestamp literal`);
      out[index + 1] = { ...next, kind: 'timestamp', text: '?', value: normalized };
      continue;
    }
    if (isWord(token, 'from_iso8601_timestamp') && isPunct(next, '(')) {
      parts.push('strftime', '(', STRFTIME_FORMAT, ',');
      index += 1;
      continue;
    }
    if (isName(token) && stringEventTimes.has(token.text.toLowerCase()) && !isPunct(next, '.')) {
      const afterOperator = out[index + 2];
      const comparedWithTimestamp =
        (next?.kind === 'punct' &&
          COMPARISONS.has(next.text) &&
          (isTimestamp(afterOperator) || (isWord(afterOperator, 'timestamp') && out[index + 3]?.kind === 'string'))) ||
        (isWord(next, 'between') && (isTimestamp(afterOperator) || isWord(afterOperator, 'timestamp'))) ||
        (previous?.kind === 'punct' && COMPARISONS.has(previous.text) && isTimestamp(out[index - 2]));
      if (comparedWithTimestamp) {
        parts.push(`strftime(${STRFTIME_FORMAT}, ${identifier(token.text)})`);
        continue;
      }
    }
    switch (token.kind) {
      case 'param':
      case 'timestamp':
        parts.push('?');
        values.push(token.value ?? null);
        break;
      case 'quoted':
        parts.push(identifier(token.text));
        break;
      case 'string':
        parts.push(`'${token.text.replace(/'/g, "''")}'`);
        break;
      default:
        parts.push(token.text);
    }
  }
  return { sql: parts.join(' '), values, tables: [...referenced.values()] };
}

/** A SQLite identifier: backticks, never double quotes (SQLite may read "x" as a string). */
export function identifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}
