import { statSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineEvent } from '../src/engine/events.js';
import { LANGUAGES } from '../src/engine/types.js';
import { buildOverview } from '../src/stats/dashboard/overview.js';
import type { Field } from '../src/stats/fields.js';
import { createStatsSink } from '../src/stats/sink.js';
import { openStatsStore } from '../src/stats/store.js';
import { summarize } from '../src/stats/summary.js';
import { ms, rate, timeEach, type BenchSection, type Figure } from './harness.js';

/**
 * Statistics: what recording an event costs the engine, how fast batches reach the disk, and how long the
 * summaries take over a year of one million synthetic events.
 */

const SECRET = 'bench-secret-0123456789abcdef0123456789';
const CHANNELS = ['telegram', 'whatsapp', 'console'];
const PROVINCES = ['MI', 'BG', 'BS', 'CO', 'CR', 'LC', 'LO', 'MN', 'MB', 'PV', 'SO', 'VA'];
const TOPICS = Array.from({ length: 30 }, (_, i) => `topic-${i}`);
const DISTRICTS = Array.from({ length: 48 }, (_, i) => `Ambito ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? 'b' : ''}`);
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;

/** A small deterministic generator (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Synthetic use shaped like real conversations: 60 000 people over a year, each conversation a start, often a
 * language choice, one to three questions (answered or not), sometimes a search for the nearest service, a
 * mediator request or feedback; a few languages and topics much more common than the rest.
 */
function* syntheticEvents(total: number, seed = 7): Generator<EngineEvent> {
  const r = random(seed);
  const skew = <T>(items: readonly T[]) => items[Math.floor(r() ** 2 * items.length)]!;
  // Conversations arrive in time order over the year (about 4.4 events each).
  const meanGap = YEAR_MS / (total / 4.4);
  let clock = YEAR_START;
  let produced = 0;
  while (produced < total) {
    const person = `person-${Math.floor(r() * 60_000)}`;
    clock += Math.floor(r() * 2 * meanGap);
    let at = clock;
    const base = { channel: skew(CHANNELS), person, lang: skew(LANGUAGES) };
    const events: EngineEvent[] = [{ ...base, name: 'conversation_started', at }];
    if (r() < 0.5) events.push({ ...base, name: 'language_chosen', at: (at += 20_000) });
    for (let q = 1 + Math.floor(r() * 3); q > 0; q--) {
      const topic = skew(TOPICS);
      if (r() < 0.8) events.push({ ...base, name: 'topic_answered', at: (at += 40_000), topic });
      else events.push({ ...base, name: 'abstained', at: (at += 40_000) });
    }
    if (r() < 0.25) {
      const place = { province: skew(PROVINCES), district: skew(DISTRICTS) };
      events.push({ ...base, ...place, name: 'nearest_requested', at: (at += 30_000) });
      events.push({ ...base, ...place, name: 'nearest_shown', at: (at += 1_000), count: 3 });
    }
    if (r() < 0.05) events.push({ ...base, name: 'mediator_requested', at: (at += 30_000) });
    if (r() < 0.3) events.push({ ...base, name: 'feedback', at: (at += 30_000), detail: r() < 0.8 ? 'yes' : 'no' });
    for (const e of events) {
      if (produced++ >= total) return;
      yield e;
    }
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ponte-bench-stats-'));
}

export async function run(): Promise<BenchSection> {
  const figures: Figure[] = [];

  // 1. The engine's side: one sink call (validate, hash, queue). The queue is written as it would be in use.
  {
    const dir = tempDir();
    const store = openStatsStore(dir, { flushIntervalMs: 1000, maxBatch: 500 });
    const sink = createStatsSink(store, { secret: SECRET });
    const events = [...syntheticEvents(51_000, 1)];
    const latency = timeEach((i) => sink(events[i]!), 50_000, 1000);
    store.close();
    rmSync(dir, { recursive: true, force: true });
    figures.push({ label: 'sink call (engine side): p50', value: ms(latency.p50) }, { label: 'sink call (engine side): p99', value: ms(latency.p99) });
  }

  // 2. Events written per second: batches of 500 in one transaction each, against one transaction per event.
  {
    const dir = tempDir();
    const store = openStatsStore(dir, { flushIntervalMs: 3_600_000, maxBatch: Number.MAX_SAFE_INTEGER });
    const sink = createStatsSink(store, { secret: SECRET });
    const total = 200_000;
    const single = 5_000;
    const events = [...syntheticEvents(total + single, 2)];
    const started = process.hrtime.bigint();
    for (let i = 0; i < total; i++) {
      sink(events[i]!);
      if (i % 500 === 499) store.flush();
    }
    store.flush();
    const batchedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const startedSingle = process.hrtime.bigint();
    for (let i = 0; i < single; i++) {
      sink(events[total + i]!);
      store.flush();
    }
    const singleMs = Number(process.hrtime.bigint() - startedSingle) / 1e6;
    store.close();
    rmSync(dir, { recursive: true, force: true });
    figures.push(
      { label: 'events written, batches of 500', value: rate((total / batchedMs) * 1000, 'events') },
      { label: 'events written, one transaction each', value: rate((single / singleMs) * 1000, 'events') },
    );
  }

  // 3. Summaries over one million events in a year.
  {
    const dir = tempDir();
    const store = openStatsStore(dir, { flushIntervalMs: 3_600_000, maxBatch: Number.MAX_SAFE_INTEGER, clock: () => YEAR_START + YEAR_MS });
    const sink = createStatsSink(store, { secret: SECRET });
    const million = 1_000_000;
    const started = process.hrtime.bigint();
    let i = 0;
    for (const e of syntheticEvents(million)) {
      sink(e);
      if (++i % 5000 === 0) store.flush();
    }
    store.flush();
    const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
    figures.push({ label: '1M events: load (sink + batched writes)', value: `${(loadMs / 1000).toFixed(1)} s` });
    const breakdowns: Field[][] = [[], ['language'], ['month', 'language'], ['quarter', 'channel', 'district'], ['month', 'language', 'topic', 'channel']];
    // Wall time, and CPU time of this process (SQLite runs on this thread), which a busy machine distorts less.
    const measure = <T>(fn: () => T): { result: T; wall: number; cpu: number } => {
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const result = fn();
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(cpu0);
      return { result, wall, cpu: (cpu.user + cpu.system) / 1000 };
    };
    for (const by of breakdowns) {
      const { result: summary, wall, cpu } = measure(() => summarize(store, { by }));
      figures.push({
        label: `1M events: summary by ${by.length ? by.join(',') : '(total)'}`,
        value: `${ms(wall)} (cpu ${ms(cpu)}; ${summary.rows.length} rows, ${summary.hidden.small + summary.hidden.complementary} hidden)`,
      });
    }
    const overview = measure(() => buildOverview(store, {}));
    figures.push({ label: '1M events: dashboard overview', value: `${ms(overview.wall)} (cpu ${ms(overview.cpu)})` });
    store.close();
    figures.push({ label: '1M events: stats.db size', value: `${(statSync(join(dir, 'stats.db')).size / 1e6).toFixed(0)} MB` });
    rmSync(dir, { recursive: true, force: true });
  }

  return { title: 'Statistics (src/stats)', figures };
}
