/**
 * Simulated network and service latency for the Feature Store runtime's answers, so a
 * client's concurrency is measured as it would be against AWS (where every call waits on
 * the network): `15ms` delays every answer by 15 ms; `p50=10ms,p99=60ms` draws each delay
 * from a log-normal distribution with that median and 99th percentile (a common shape of
 * service latency). The delay is a timer, so it costs no CPU and other calls run meanwhile.
 * Off by default; LOCAL_FEATURESTORE_LATENCY sets it.
 */
export type LatencySetting = { kind: 'fixed'; ms: number } | { kind: 'lognormal'; p50: number; p99: number };

/** At most one minute: a longer answer would only make the SDK time out. */
const MAX_MS = 60_000;
/** The 99th percentile of the standard normal distribution. */
const Z99 = 2.3263478740408408;

function milliseconds(text: string, name: string): number | string {
  const match = /^(\d{1,5}(?:\.\d{1,3})?)ms$/.exec(text);
  if (!match) return `${name} must be a number of milliseconds such as 15ms (got ${JSON.stringify(text.slice(0, 40))}).`;
  const ms = Number(match[1]);
  if (ms > MAX_MS) return `${name} must be at most ${MAX_MS}ms.`;
  return ms;
}

/** `15ms` or `p50=10ms,p99=60ms`, or a message saying what is wrong. */
export function parseLatencySetting(text: string): LatencySetting | string {
  const value = text.trim();
  if (value.length > 100) return 'LOCAL_FEATURESTORE_LATENCY is too long: use 15ms or p50=10ms,p99=60ms.';
  if (!value.includes('=')) {
    const ms = milliseconds(value, 'The latency');
    return typeof ms === 'string' ? `${ms} Or give percentiles: p50=10ms,p99=60ms.` : { kind: 'fixed', ms };
  }
  const parts = new Map<string, string>();
  for (const part of value.split(',')) {
    const [key, setting, extra] = part.split('=').map((piece) => piece.trim());
    if (key === undefined || setting === undefined || extra !== undefined || (key !== 'p50' && key !== 'p99'))
      return `Percentiles are written p50=10ms,p99=60ms; ${JSON.stringify(part.slice(0, 40))} is not one of them.`;
    if (parts.has(key)) return `${key} is given twice.`;
    parts.set(key, setting);
  }
  const p50Text = parts.get('p50');
  const p99Text = parts.get('p99');
  if (p50Text === undefined || p99Text === undefined) return 'Give both percentiles: p50=10ms,p99=60ms.';
  const p50 = milliseconds(p50Text, 'p50');
  if (typeof p50 === 'string') return p50;
  const p99 = milliseconds(p99Text, 'p99');
  if (typeof p99 === 'string') return p99;
  if (p50 <= 0) return 'p50 must be above 0ms.';
  if (p99 < p50) return 'p99 must be at least p50.';
  return { kind: 'lognormal', p50, p99 };
}

/** One answer's delay in milliseconds; `random` is uniform in [0, 1). */
export function sampleLatency(setting: LatencySetting, random: () => number = Math.random): number {
  if (setting.kind === 'fixed') return setting.ms;
  const sigma = Math.log(setting.p99 / setting.p50) / Z99;
  // Box-Muller: a standard normal draw from two uniform ones (1 - u keeps the log finite).
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(MAX_MS, setting.p50 * Math.exp(sigma * normal));
}

export function describeLatency(setting: LatencySetting): string {
  return setting.kind === 'fixed' ? `${setting.ms}ms` : `p50=${setting.p50}ms,p99=${setting.p99}ms (log-normal)`;
}
