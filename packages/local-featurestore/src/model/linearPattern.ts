/**
 * The service models' regular expressions, run in linear time: each pattern is compiled
 * to a Thompson NFA and simulated over the input's code points, so a match costs at most
 * 2 x (code points + 1) x states steps (each state joins a position's set at most once, and
 * each character state is tested once there), whatever the input: no backtracking, no
 * ReDoS. The step count is returned so tests can bound it by count. `test()` runs the same
 * automaton as a lazily built DFA (each set of NFA states reached becomes one state, its
 * transitions cached), so the hot path costs one table lookup per character; the cache is
 * bounded, and past its bounds a transition is computed from the NFA each time (still linear).
 *
 * Semantics (decisions, written down in the package README):
 * - A model pattern must match the WHOLE value, as AWS's request validation does (a value
 *   containing a match is refused: `'"a"'` fails `[a-zA-Z0-9_.-]+`); `^`/`$` at the ends are
 *   accepted and redundant.
 * - Input is read as Unicode code points; `\uD800\uDC00-\uDBFF\uDFFF` (a surrogate pair
 *   range, as the models write supplementary planes) is the range U+10000-U+10FFFF.
 * - `.` matches any code point, line breaks included: the models put `.*` on free text
 *   (feature values, descriptions) and AWS documents no ban on line breaks in them.
 *
 * Supported syntax: literals, escapes (\d \w \s \t \n \r \uHHHH \p{L} \p{Z} \p{N} ... and
 * escaped punctuation), classes with ranges and negation, `.`, groups `( )` `(?: )`, `|`,
 * and the quantifiers `* + ? {n} {n,} {n,m}`. Anything else is refused when compiling.
 */

type CharTest = (codePoint: number) => boolean;

type Node =
  | { kind: 'char'; test: CharTest }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const INFINITE = -1;
/** {n,m} copies the sub-pattern; bounded so a pattern cannot blow the NFA up. */
const MAX_REPEAT_COPIES = 1000;

class PatternSyntaxError extends Error {}

const PROPERTY_TESTS = new Map<string, CharTest>();
function propertyTest(name: string): CharTest {
  let test = PROPERTY_TESTS.get(name);
  if (!test) {
    let regex: RegExp;
    try {
      regex = new RegExp(`^\\p{${name}}$`, 'u');
    } catch {
      throw new PatternSyntaxError(`unknown Unicode property \\p{${name}}`);
    }
    const ascii = new Int8Array(128).fill(-1);
    test = (codePoint) => {
      if (codePoint < 128) {
        const known = ascii[codePoint] as number;
        if (known >= 0) return known === 1;
        const result = regex.test(String.fromCodePoint(codePoint));
        ascii[codePoint] = result ? 1 : 0;
        return result;
      }
      return regex.test(String.fromCodePoint(codePoint));
    };
    PROPERTY_TESTS.set(name, test);
  }
  return test;
}

const isDigit: CharTest = (c) => c >= 0x30 && c <= 0x39;
const isWord: CharTest = (c) => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isSpace: CharTest = (c) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const anyChar: CharTest = () => true;

class Parser {
  private index = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    if (this.source.startsWith('^')) this.index = 1;
    const node = this.alternation();
    if (this.index !== this.source.length) throw new PatternSyntaxError(`unexpected '${this.source[this.index]}' at ${this.index}`);
    return node;
  }

  private peek(): string | undefined {
    return this.source[this.index];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.index += 1;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (;;) {
      const char = this.peek();
      if (char === undefined || char === '|' || char === ')') break;
      if (char === '$' && this.index === this.source.length - 1) {
        this.index += 1;
        break;
      }
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private quantified(node: Node): Node {
    const char = this.peek();
    let min: number;
    let max: number;
    if (char === '*') [min, max] = [0, INFINITE];
    else if (char === '+') [min, max] = [1, INFINITE];
    else if (char === '?') [min, max] = [0, 1];
    else if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.index, this.index + 16));
      if (!match) throw new PatternSyntaxError(`malformed quantifier at ${this.index}`);
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' ? INFINITE : Number(match[3]);
      if ((max !== INFINITE && max < min) || Math.max(min, max) > MAX_REPEAT_COPIES) throw new PatternSyntaxError('quantifier out of range');
      this.index += match[0].length - 1;
    } else return node;
    this.index += 1;
    if (this.peek() === '?' || this.peek() === '+') throw new PatternSyntaxError('lazy and possessive quantifiers are not supported');
    return { kind: 'repeat', node, min, max };
  }

  private atom(): Node {
    const char = this.peek() as string;
    if (char === '(') {
      this.index += 1;
      if (this.source.startsWith('?:', this.index)) this.index += 2;
      else if (this.peek() === '?') throw new PatternSyntaxError('lookaround is not supported');
      const node = this.alternation();
      if (this.peek() !== ')') throw new PatternSyntaxError('unclosed group');
      this.index += 1;
      return node;
    }
    if (char === '[') return { kind: 'char', test: this.charClass() };
    if (char === '.') {
      this.index += 1;
      return { kind: 'char', test: anyChar };
    }
    if (char === '\\') return { kind: 'char', test: this.escape() };
    if (char === '^' || char === '$') throw new PatternSyntaxError(`anchor '${char}' inside a pattern is not supported`);
    if ('*+?{'.includes(char)) throw new PatternSyntaxError(`nothing to repeat at ${this.index}`);
    const codePoint = this.source.codePointAt(this.index) as number;
    this.index += codePoint > 0xffff ? 2 : 1;
    return { kind: 'char', test: (c) => c === codePoint };
  }

  /** An escape, at its backslash. */
  private escape(): CharTest {
    this.index += 1;
    const char = this.peek();
    if (char === undefined) throw new PatternSyntaxError('dangling backslash');
    this.index += 1;
    switch (char) {
      case 'd':
        return isDigit;
      case 'D':
        return (c) => !isDigit(c);
      case 'w':
        return isWord;
      case 'W':
        return (c) => !isWord(c);
      case 's':
        return isSpace;
      case 'S':
        return (c) => !isSpace(c);
      case 'p':
      case 'P': {
        const match = /^\{([A-Za-z_]+)\}/.exec(this.source.slice(this.index, this.index + 40));
        if (!match) throw new PatternSyntaxError('malformed \\p{...}');
        this.index += match[0].length;
        const test = propertyTest(match[1] as string);
        return char === 'p' ? test : (c) => !test(c);
      }
      default: {
        const codePoint = this.literalEscape(char);
        return (c) => c === codePoint;
      }
    }
  }

  /** The code point of a literal escape whose letter was just read (\t, \n, \uHHHH, \-, ...). */
  private literalEscape(char: string): number {
    if (char === 't') return 0x09;
    if (char === 'n') return 0x0a;
    if (char === 'r') return 0x0d;
    if (char === 'f') return 0x0c;
    if (char === 'v') return 0x0b;
    if (char === 'u') {
      const unit = this.hex4();
      // A high surrogate written as \uD8xx followed by \uDCxx is one supplementary code point.
      if (unit >= 0xd800 && unit <= 0xdbff && this.source.startsWith('\\u', this.index)) {
        const save = this.index;
        this.index += 2;
        const low = this.hex4();
        if (low >= 0xdc00 && low <= 0xdfff) return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        this.index = save;
      }
      return unit;
    }
    if (/[A-Za-z0-9]/.test(char)) throw new PatternSyntaxError(`unsupported escape \\${char}`);
    return char.codePointAt(0) as number;
  }

  private hex4(): number {
    const hex = this.source.slice(this.index, this.index + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PatternSyntaxError('malformed \\u escape');
    this.index += 4;
    return parseInt(hex, 16);
  }

  private charClass(): CharTest {
    this.index += 1;
    const negated = this.peek() === '^';
    if (negated) this.index += 1;
    const ranges: [number, number][] = [];
    const tests: CharTest[] = [];
    let first = true;
    for (;;) {
      const char = this.peek();
      if (char === undefined) throw new PatternSyntaxError('unclosed class');
      if (char === ']' && !first) {
        this.index += 1;
        break;
      }
      first = false;
      const low = this.classAtom(tests);
      if (low === undefined) continue;
      if (this.peek() === '-' && this.source[this.index + 1] !== ']' && this.source[this.index + 1] !== undefined) {
        this.index += 1;
        const high = this.classAtom(tests);
        if (high === undefined || high < low) throw new PatternSyntaxError('malformed class range');
        ranges.push([low, high]);
      } else ranges.push([low, low]);
    }
    const inClass: CharTest = (c) => {
      for (const [low, high] of ranges) if (c >= low && c <= high) return true;
      for (const test of tests) if (test(c)) return true;
      return false;
    };
    return negated ? (c) => !inClass(c) : inClass;
  }

  /** One class member: a code point (returned) or a class escape (pushed to tests). */
  private classAtom(tests: CharTest[]): number | undefined {
    const char = this.peek() as string;
    if (char === '\\') {
      const next = this.source[this.index + 1] ?? '';
      if ('dDwWsSpP'.includes(next)) {
        tests.push(this.escape());
        return undefined;
      }
      this.index += 2;
      return this.literalEscape(next);
    }
    if (char === '[') throw new PatternSyntaxError('nested classes are not supported');
    const codePoint = this.source.codePointAt(this.index) as number;
    this.index += codePoint > 0xffff ? 2 : 1;
    return codePoint;
  }
}

/** NFA states: a char test with one successor, a split with two, or the final state. */
interface NfaState {
  test?: CharTest;
  out: number;
  out2: number;
}
const NONE = -1;

class NfaBuilder {
  readonly states: NfaState[] = [];

  private add(state: NfaState): number {
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Builds `node` so that it continues at `next`; returns its entry state. */
  build(node: Node, next: number): number {
    switch (node.kind) {
      case 'char':
        return this.add({ test: node.test, out: next, out2: NONE });
      case 'seq': {
        let entry = next;
        for (let index = node.items.length - 1; index >= 0; index -= 1) entry = this.build(node.items[index] as Node, entry);
        return entry;
      }
      case 'alt': {
        const entries = node.options.map((option) => this.build(option, next));
        let entry = entries[entries.length - 1] as number;
        for (let index = entries.length - 2; index >= 0; index -= 1) entry = this.add({ out: entries[index] as number, out2: entry });
        return entry;
      }
      case 'repeat': {
        let entry = next;
        if (node.max === INFINITE) {
          const loop = this.add({ out: NONE, out2: next });
          const body = this.build(node.node, loop);
          (this.states[loop] as NfaState).out = body;
          entry = loop;
        } else {
          for (let count = node.max - node.min; count > 0; count -= 1) {
            const body = this.build(node.node, entry);
            entry = this.add({ out: body, out2: next });
          }
        }
        for (let count = node.min; count > 0; count -= 1) entry = this.build(node.node, entry);
        return entry;
      }
    }
  }
}

const UNKNOWN = -2;
const DEAD = -1;
const MAX_DFA_STATES = 1024;
/** Non-ASCII transitions cached per DFA state; past it they are computed (bounds memory against inputs cycling through code points). */
const MAX_CACHED_CODE_POINTS = 256;

interface DfaState {
  nfa: number[];
  accepting: boolean;
  /** Next DFA state per ASCII code point (UNKNOWN until computed, DEAD when nothing matches). */
  ascii: Int32Array;
  other: Map<number, number>;
}

export interface PatternMatch {
  matched: boolean;
  /** State visits and character tests made: at most 2 x (code points + 1) x stateCount. */
  steps: number;
}

export class LinearPattern {
  private readonly states: NfaState[];
  private readonly start: number;
  private readonly accept: number;
  /** Set membership per step, by generation (no clearing between steps). */
  private readonly mark: Uint32Array;
  private generation = 0;
  private readonly stack: number[] = [];

  constructor(readonly source: string) {
    const builder = new NfaBuilder();
    const accept = builder.states.push({ out: NONE, out2: NONE }) - 1;
    this.start = builder.build(new Parser(source).parse(), accept);
    this.accept = accept;
    this.states = builder.states;
    this.mark = new Uint32Array(this.states.length);
  }

  get stateCount(): number {
    return this.states.length;
  }

  match(value: string): PatternMatch {
    let steps = 0;
    let current: number[] = [];
    let nextList: number[] = [];
    const stack = this.stack;
    const addState = (list: number[], state: number) => {
      // Follows splits iteratively; each state joins a step's list at most once.
      stack.length = 0;
      stack.push(state);
      while (stack.length > 0) {
        const index = stack.pop() as number;
        if (index === NONE || this.mark[index] === this.generation) continue;
        this.mark[index] = this.generation;
        steps += 1;
        const entry = this.states[index] as NfaState;
        if (entry.test || index === this.accept) list.push(index);
        else stack.push(entry.out2, entry.out);
      }
    };
    this.nextGeneration();
    addState(current, this.start);
    for (let offset = 0; offset < value.length && current.length > 0;) {
      const codePoint = value.codePointAt(offset) as number;
      offset += codePoint > 0xffff ? 2 : 1;
      this.nextGeneration();
      nextList.length = 0;
      for (const index of current) {
        const entry = this.states[index] as NfaState;
        steps += 1;
        if (entry.test?.(codePoint)) addState(nextList, entry.out);
      }
      [current, nextList] = [nextList, current];
    }
    return { matched: current.includes(this.accept), steps };
  }

  /** Whether the whole value matches: the lazily built DFA (same answer as match()). */
  test(value: string): boolean {
    if (this.dfa.length === 0) {
      this.nextGeneration();
      const start: number[] = [];
      this.closure(start, this.start);
      this.dfaState(start);
    }
    let current = 0;
    for (let offset = 0; offset < value.length;) {
      const codePoint = value.codePointAt(offset) as number;
      offset += codePoint > 0xffff ? 2 : 1;
      const state = this.dfa[current] as DfaState;
      let next = codePoint < 128 ? (state.ascii[codePoint] as number) : (state.other.get(codePoint) ?? UNKNOWN);
      if (next === UNKNOWN) next = this.transition(current, codePoint);
      if (next === DEAD) return false;
      current = next;
    }
    return (this.dfa[current] as DfaState).accepting;
  }

  /** DFA states cached so far (at most MAX_DFA_STATES; past it one uncached slot is reused). */
  get dfaStateCount(): number {
    return Math.min(this.dfa.length, MAX_DFA_STATES);
  }

  private readonly dfa: DfaState[] = [];
  private readonly dfaIndex = new Map<string, number>();

  /** Adds `state` and what it reaches through splits to `list` (marks of the current generation). */
  private closure(list: number[], state: number): void {
    const stack = this.stack;
    stack.length = 0;
    stack.push(state);
    while (stack.length > 0) {
      const index = stack.pop() as number;
      if (index === NONE || this.mark[index] === this.generation) continue;
      this.mark[index] = this.generation;
      const entry = this.states[index] as NfaState;
      if (entry.test || index === this.accept) list.push(index);
      else stack.push(entry.out2, entry.out);
    }
  }

  private dfaState(nfaStates: number[]): number {
    if (nfaStates.length === 0) return DEAD;
    nfaStates.sort((a, b) => a - b);
    const key = nfaStates.join(',');
    const known = this.dfaIndex.get(key);
    if (known !== undefined) return known;
    const state: DfaState = { nfa: nfaStates, accepting: nfaStates.includes(this.accept), ascii: new Int32Array(128).fill(UNKNOWN), other: new Map() };
    if (this.dfa.length >= MAX_DFA_STATES) {
      // Past the bound, an uncached state: the previous step's slot, reused.
      this.dfa[MAX_DFA_STATES] = state;
      return MAX_DFA_STATES;
    }
    this.dfa.push(state);
    this.dfaIndex.set(key, this.dfa.length - 1);
    return this.dfa.length - 1;
  }

  private transition(from: number, codePoint: number): number {
    const source = this.dfa[from] as DfaState;
    this.nextGeneration();
    const reached: number[] = [];
    for (const index of source.nfa) {
      const entry = this.states[index] as NfaState;
      if (entry.test?.(codePoint)) this.closure(reached, entry.out);
    }
    const next = this.dfaState(reached);
    // The overflow slot is rewritten on every step past the bound: never cache into or towards it.
    if (from < MAX_DFA_STATES && next !== MAX_DFA_STATES) {
      if (codePoint < 128) source.ascii[codePoint] = next;
      else if (source.other.size < MAX_CACHED_CODE_POINTS) source.other.set(codePoint, next);
    }
    return next;
  }

  private nextGeneration(): void {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.mark.fill(0);
      this.generation = 1;
    }
  }
}

const COMPILED = new Map<string, LinearPattern>();
/** The compiled pattern, shared (patterns are few and fixed: the models'). */
export function linearPattern(source: string): LinearPattern {
  let pattern = COMPILED.get(source);
  if (!pattern) {
    pattern = new LinearPattern(source);
    COMPILED.set(source, pattern);
  }
  return pattern;
}
