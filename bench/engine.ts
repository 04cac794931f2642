import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../src/app/content.js';
import { Engine } from '../src/engine/engine.js';
import type { EventSink } from '../src/engine/events.js';
import { parseLine } from '../src/channels/console/parse.js';
import { SqliteSessionStore } from '../src/sessions/sqlite.js';
import { createStatsSink, openStatsStore } from '../src/stats/index.js';
import { latencyFigures, timeEach, type BenchSection } from './harness.js';

/**
 * A scripted multi-step conversation (language, menus, topics, a question, a place, emergency, privacy),
 * played by many people in turn, with sessions in a SQLite file on disk: the engine's own cost per message.
 */
export const SCRIPT = ['/start', '1', '2', '1', '1', '1', '/menu', '3', 'Breno', '/menu', '5', '2', 'come rinnovo il permesso di soggiorno', '/lang', '5', '/menu', '7', '2'];

export function benchEngine(withStats: boolean): { send(i: number): void; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-bench-'));
  const stats = withStats ? openStatsStore(dir) : undefined;
  const onEvent: EventSink | undefined = stats ? createStatsSink(stats, { secret: 'bench-secret-bench-secret-bench-secret' }) : undefined;
  const { content } = loadContent(process.cwd());
  const sessions = new SqliteSessionStore(join(dir, 'sessions.db'));
  const engine = new Engine({ ...content, sessions, secret: 'bench-secret-bench-secret-bench-secret', onEvent });
  const people = 500;
  return {
    send(i: number) {
      const person = i % people;
      const step = Math.floor(i / people) % SCRIPT.length;
      engine.handle({ channel: 'console', userId: `p${person}`, message: parseLine(SCRIPT[step]!) });
    },
    close() {
      stats?.close();
      sessions.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(): Promise<BenchSection> {
  const messages = 500 * SCRIPT.length * 4;
  const figures = [];
  for (const withStats of [false, true]) {
    const bench = benchEngine(withStats);
    const latency = timeEach((i) => bench.send(i), messages, 0);
    bench.close();
    figures.push(...latencyFigures(withStats ? 'statistics on ' : 'statistics off', latency, 'messages'));
  }
  return {
    title: `Engine: scripted ${SCRIPT.length}-step conversation, 500 people, SQLite sessions (${messages.toLocaleString('en')} messages, one core)`,
    figures,
  };
}
