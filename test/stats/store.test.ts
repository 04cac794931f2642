import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore } from '../../src/stats/store.js';
import { enginePerson, event, JAN, SECRET, tempDataDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

function countEvents(dir: string): number {
  const db = new Database(join(dir, 'stats.db'), { readonly: true });
  const n = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  db.close();
  return n;
}

describe('the statistics store', () => {
  it('loses nothing queued when closed', () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const store = openStatsStore(data.dir, { flushIntervalMs: 60_000, maxBatch: 1_000_000 });
    const sink = createStatsSink(store, { secret: SECRET });
    for (let i = 0; i < 12_345; i++) sink(event('topic_answered', JAN + i * 1000, enginePerson('telegram', String(i % 100)), { topic: 'casa' }));
    expect(store.queued()).toBe(12_345);
    expect(store.counters().written).toBe(0); // nothing written while the conversation goes on
    store.close();
    expect(countEvents(data.dir)).toBe(12_345);
    store.close(); // twice is harmless
  });

  it('writes on its timer and when the queue is long, without being asked', async () => {
    const data = tempDataDir();
    const store = openStatsStore(data.dir, { flushIntervalMs: 20, maxBatch: 1_000_000 });
    cleanup.push(() => data.remove(), () => store.close());
    const sink = createStatsSink(store, { secret: SECRET });
    sink(event('conversation_started', JAN, 'p'));
    await new Promise((r) => setTimeout(r, 100));
    expect(store.queued()).toBe(0);
    expect(store.counters().written).toBe(1);

    const batchedData = tempDataDir();
    const batched = openStatsStore(batchedData.dir, { flushIntervalMs: 60_000, maxBatch: 50 });
    cleanup.push(() => batchedData.remove(), () => batched.close());
    const batchedSink = createStatsSink(batched, { secret: SECRET });
    for (let i = 0; i < 60; i++) batchedSink(event('conversation_started', JAN, `p${i}`));
    expect(batched.queued()).toBe(60); // never written inside the engine's call
    await new Promise((r) => setImmediate(r));
    expect(batched.queued()).toBe(0);
    expect(batched.counters().written).toBe(60);
  });

  it('counts events that arrive after close instead of throwing into the engine', () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const store = openStatsStore(data.dir);
    const sink = createStatsSink(store, { secret: SECRET });
    store.close();
    expect(() => sink(event('conversation_started', JAN, 'p'))).not.toThrow();
    expect(store.counters().dropped).toBe(1);
  });

  it('ignores events with a name that is not an identifier and repairs a missing time', () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const store = openStatsStore(data.dir);
    const sink = createStatsSink(store, { secret: SECRET, clock: () => JAN });
    sink({ ...event('conversation_started', JAN, 'p'), name: 'DROP TABLE events;' as never });
    sink({ ...event('conversation_started', Number.NaN, 'p') });
    store.close();
    const db = new Database(join(data.dir, 'stats.db'), { readonly: true });
    expect(db.prepare('SELECT name, day FROM events').all()).toEqual([{ name: 'conversation_started', day: '2025-01-15' }]);
    db.close();
  });

  it('keeps rows queued when a write fails, and reports the failure', () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const errors: Error[] = [];
    const store = openStatsStore(data.dir, { flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
    const sink = createStatsSink(store, { secret: SECRET });
    sink(event('conversation_started', JAN, 'p'));
    // Another connection holds the write lock: the flush cannot write now.
    const other = new Database(join(data.dir, 'stats.db'));
    other.pragma('busy_timeout = 0');
    store.db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    expect(store.flush()).toBe(0);
    expect(errors).toHaveLength(1);
    expect(store.queued()).toBe(1);
    other.exec('ROLLBACK');
    other.close();
    expect(store.flush()).toBe(1);
    store.close();
    expect(countEvents(data.dir)).toBe(1);
  });

  it('writes everything queued when the process is stopped with SIGTERM', async () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const script = join(data.dir, 'child.ts');
    writeFileSync(
      script,
      `import { openStatsStore } from ${JSON.stringify(join(ROOT, 'src/stats/store.ts'))};
import { createStatsSink } from ${JSON.stringify(join(ROOT, 'src/stats/sink.ts'))};
const store = openStatsStore(process.argv[2], { flushIntervalMs: 3_600_000, maxBatch: 1_000_000 });
const sink = createStatsSink(store, { secret: ${JSON.stringify(SECRET)} });
const stop = () => { store.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
for (let i = 0; i < 5000; i++) sink({ name: 'conversation_started', at: ${JAN}, channel: 'telegram', person: 'p' + i, lang: 'it' });
process.stdout.write('queued ' + store.queued() + '\\n');
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, data.dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
    });
    expect(ready.trim()).toBe('queued 5000');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(countEvents(data.dir)).toBe(5000);
  });

  it('refuses a database written by a newer schema', () => {
    const data = tempDataDir();
    cleanup.push(() => data.remove());
    const db = new Database(join(data.dir, 'stats.db'));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStatsStore(data.dir)).toThrow(/newer Ponte/);
  });
});
