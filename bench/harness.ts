/** Timing helpers for `npm run bench`: figures are printed, never asserted. */

export interface Figure {
  label: string;
  value: string;
}

export interface BenchSection {
  title: string;
  figures: Figure[];
}

/** Runs `fn` `iterations` times after a warm-up and returns per-call latency percentiles in milliseconds. */
export function timeEach(fn: (i: number) => unknown, iterations: number, warmup = Math.min(200, iterations)): Latency {
  for (let i = 0; i < warmup; i++) fn(i);
  const samples = new Float64Array(iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  return summarise(samples, totalMs);
}

/** The same for async work, awaited one call at a time. */
export async function timeEachAsync(fn: (i: number) => Promise<unknown>, iterations: number, warmup = Math.min(50, iterations)): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = new Float64Array(iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  return summarise(samples, totalMs);
}

export interface Latency {
  count: number;
  totalMs: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

function summarise(samples: Float64Array, totalMs: number): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: samples.length, totalMs, perSecond: (samples.length / totalMs) * 1000, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

export const ms = (value: number) => `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)} ms`;
export const rate = (value: number, unit: string) => `${Math.round(value).toLocaleString('en')} ${unit}/s`;

export function latencyFigures(prefix: string, l: Latency, unit = 'ops'): Figure[] {
  return [
    { label: `${prefix}: throughput`, value: rate(l.perSecond, unit) },
    { label: `${prefix}: p50`, value: ms(l.p50) },
    { label: `${prefix}: p99`, value: ms(l.p99) },
  ];
}
