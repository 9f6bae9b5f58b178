import { describe, expect, it } from 'vitest';
import { LinearPattern } from './linearPattern.js';
import { loadServiceModel } from './shapeValidator.js';

/** Every pattern the three extracted models use, with the length bound the model puts on it. */
const MODEL_PATTERNS = (['sagemaker', 'sagemaker-featurestore-runtime', 'cognito-identity'] as const).flatMap((file) =>
  Object.entries(loadServiceModel(file).shapes)
    .filter(([, shape]) => shape.pattern !== undefined)
    .map(([name, shape]) => ({ file, name, pattern: shape.pattern as string, max: shape.max ?? 0 })),
);

/** Inputs that make backtracking engines work hardest: long runs of what the pattern repeats, then a failing end. */
function worstCases(max: number): string[] {
  const all = ['a', '0', '-', '_', 'a-', 'a_', '-_', ':', '/', '.', ' ', '\t', '\n', 'é', '😀', 'arn:aws:', 'https://'];
  // ValueAsString (358,400) is `.*`: a few fillers at full length keep the test's work bounded.
  const fillers = max > 10_000 ? ['\n'] : all;
  const cases: string[] = [];
  for (const filler of fillers) {
    const run = filler.repeat(Math.ceil(max / [...filler].length));
    const body = [...run].slice(0, max).join('');
    cases.push(body, `${[...body].slice(0, max - 1).join('')}!`, `a${[...body].slice(0, max - 2).join('')}!`);
  }
  return cases;
}

/** The same pattern in the JavaScript engine, anchored: the oracle (safe here: inputs are short and fixed). */
function oracle(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern.replace(/^\^/, '')})$`, 'us');
}

describe('the models’ patterns run in linear time', () => {
  it('finds the patterns the operations use', () => {
    expect(MODEL_PATTERNS.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['FeatureGroupName', 'FeatureGroupNameOrArn', 'FeatureName', 'RoleArn', 'TagKey', 'S3Uri', 'IdentityPoolId']),
    );
  });

  it.each(MODEL_PATTERNS)('$file $name ($pattern): worst cases at max length take at most 2 x (code points + 1) x states steps', ({ pattern, max }) => {
    const compiled = new LinearPattern(pattern);
    const regex = oracle(pattern);
    // A bounded machine: the {0,63} repeats expand to a few hundred states at most.
    expect(compiled.stateCount).toBeLessThan(1000);
    for (const input of worstCases(Math.max(max, 1))) {
      const codePoints = [...input].length;
      const { matched, steps } = compiled.match(input);
      expect(steps).toBeLessThanOrEqual(2 * (codePoints + 1) * compiled.stateCount);
      expect(matched, JSON.stringify(input.slice(0, 40))).toBe(regex.test(input));
      // The DFA the validator runs gives the same answer.
      expect(compiled.test(input)).toBe(matched);
    }
    expect(compiled.dfaStateCount).toBeLessThanOrEqual(1024);
  });

  it('counts steps linearly where a backtracking engine is exponential', () => {
    const nested = new LinearPattern('(a*)*b');
    const lengths = [10, 20, 40];
    const steps = lengths.map((length) => nested.match('a'.repeat(length)).steps);
    expect(nested.match('a'.repeat(40)).matched).toBe(false);
    for (const [index, length] of lengths.entries()) expect(steps[index]).toBeLessThanOrEqual(2 * (length + 1) * nested.stateCount);
  });

  it('keeps the DFA bounded and right past its state limit (a pattern whose DFA has 2^11 states)', () => {
    const pattern = new LinearPattern('[ab]*a[ab]{10}');
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let run = 0; run < 300; run += 1) {
      const input = Array.from({ length: 40 + (next() % 60) }, () => ((next() >>> 16) & 1 ? 'a' : 'b')).join('');
      expect(pattern.test(input), input).toBe(pattern.match(input).matched);
    }
    expect(pattern.dfaStateCount).toBeLessThanOrEqual(1024);
  });

  it('matches the whole value, by code points, with `.` taking line breaks', () => {
    expect(new LinearPattern('[a-zA-Z0-9_.-]+').match('"table"').matched).toBe(false);
    expect(new LinearPattern('[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*').match('a😀\tb').matched).toBe(true);
    expect(new LinearPattern('[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*').match('a\nb').matched).toBe(false);
    expect(new LinearPattern('.').match('😀').matched).toBe(true);
    expect(new LinearPattern('.*').match('line 1\nline 2').matched).toBe(true);
  });

  it('refuses syntax it cannot run in linear time', () => {
    expect(() => new LinearPattern('(a)\\1')).toThrow();
    expect(() => new LinearPattern('(?=a)a')).toThrow();
    expect(() => new LinearPattern('a{1,5000}')).toThrow();
  });
});
