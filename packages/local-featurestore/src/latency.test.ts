import { describe, expect, it } from 'vitest';
import { parseLatencySetting, sampleLatency } from './model/latency.js';

describe('LOCAL_FEATURESTORE_LATENCY', () => {
  it('reads a fixed delay and percentiles', () => {
    expect(parseLatencySetting('15ms')).toEqual({ kind: 'fixed', ms: 15 });
    expect(parseLatencySetting('p50=10ms,p99=60ms')).toEqual({ kind: 'lognormal', p50: 10, p99: 60 });
    expect(parseLatencySetting(' p99=60ms, p50=10.5ms ')).toEqual({ kind: 'lognormal', p50: 10.5, p99: 60 });
  });

  it.each([
    ['15', /number of milliseconds such as 15ms/],
    ['15 ms', /number of milliseconds/],
    ['-5ms', /number of milliseconds/],
    ['1e3ms', /number of milliseconds/],
    ['61000ms', /at most 60000ms/],
    ['p50=10ms', /both percentiles/],
    ['p50=10ms,p90=20ms', /is not one of them/],
    ['p50=10ms,p50=20ms', /given twice/],
    ['p50=60ms,p99=10ms', /p99 must be at least p50/],
    ['p50=0ms,p99=10ms', /above 0ms/],
    ['p50=10ms,p99=60', /p99 must be a number of milliseconds/],
    ['x'.repeat(200), /too long/],
  ])('refuses %j with a message', (text, message) => {
    expect(parseLatencySetting(text)).toMatch(message);
  });

  it('draws delays with the given median and 99th percentile', () => {
    const setting = parseLatencySetting('p50=10ms,p99=60ms');
    if (typeof setting === 'string') throw new Error(setting);
    // A seeded generator: the test does not depend on chance.
    let state = 42;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const samples = Array.from({ length: 20_000 }, () => sampleLatency(setting, random)).sort((a, b) => a - b);
    expect(samples[10_000]).toBeGreaterThan(9);
    expect(samples[10_000]).toBeLessThan(11);
    expect(samples[19_800]).toBeGreaterThan(50);
    expect(samples[19_800]).toBeLessThan(72);
    expect(sampleLatency({ kind: 'fixed', ms: 15 })).toBe(15);
  });
});
