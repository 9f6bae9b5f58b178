/**
 * Every regex on input is linear, with lengths checked first: a hostile 350 KB value
 * validates in milliseconds. The earlier FRACTIONAL_TEXT backtracked quadratically (an
 * 80 KB number blocked the local Feature Store for 21 s). The bound below is 100x what a
 * slow machine needs for a linear pass and far below what a quadratic one takes, so it
 * does not depend on the machine's speed.
 */
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_LENGTH } from './limits.js';
import { fractionalError, integralError, stringError, unpairedSurrogateError } from './values.js';
import { parseEpochSecondsEventTime } from './eventTime.js';

const n = MAX_VALUE_LENGTH - 1;
const hostile = [
  `${'1'.repeat(n)}x`,
  `${'1'.repeat(n)}.`,
  `${'1'.repeat(n / 2)}.${'1'.repeat(n / 2 - 2)}x`,
  `1e${'1'.repeat(n - 3)}x`,
  `-${'0'.repeat(n - 2)}1`,
  `.${'1'.repeat(n)}e`,
  `+${'9'.repeat(n - 1)}`,
];

function elapsedMs(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('validation of hostile 350 KB values is linear', () => {
  it.each(hostile.map((text, index) => [index, text] as const))('case %i validates at once, with a message', (_index, text) => {
    let fractional: string | null = null;
    let integral: string | null = null;
    let eventTime: ReturnType<typeof parseEpochSecondsEventTime> | undefined;
    const ms = elapsedMs(() => {
      fractional = fractionalError(text);
      integral = integralError(text);
      eventTime = parseEpochSecondsEventTime(text);
      stringError(text);
    });
    expect(ms).toBeLessThan(2_000);
    // Leading zeros are allowed: -000…0001 is the integer -1; everything else is refused.
    if (text.startsWith('-0')) expect(integral).toBeNull();
    else expect(integral).not.toBeNull();
    // Anything else this long is malformed, or out of range as an event time.
    if (!text.startsWith('-0')) expect(fractional !== null || !eventTime?.ok).toBe(true);
  });

  it('still accepts the ordinary forms', () => {
    expect(fractionalError('3.14')).toBeNull();
    expect(fractionalError('-.5')).toBeNull();
    expect(fractionalError('1.')).toBeNull();
    expect(fractionalError('1e-3')).toBeNull();
    expect(fractionalError('.')).not.toBeNull();
    expect(integralError('-0000000000000000000000042')).toBeNull();
    expect(integralError('9223372036854775807')).toBeNull();
    expect(integralError('9223372036854775808')).not.toBeNull();
    expect(integralError('00000000000000000000009223372036854775808')).not.toBeNull();
  });

  it('refuses unpaired surrogates and keeps pairs', () => {
    expect(unpairedSurrogateError('a\u{1F600}b')).toBeNull();
    expect(unpairedSurrogateError('\ud800')).toMatch(/unpaired/);
    expect(unpairedSurrogateError('x\udc00')).toMatch(/unpaired/);
    expect(stringError('\ud83d\ud83d')).toMatch(/unpaired/);
  });
});
