import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../src/app/content.js';
import { startTelegram } from '../src/channels/telegram/telegram.js';
import { Engine } from '../src/engine/engine.js';
import { SqliteSessionStore } from '../src/sessions/sqlite.js';
import { FAKE_TOKEN, FakeTelegram, textUpdate } from '../test/support/fake-telegram.js';
import { SCRIPT } from './engine.js';
import { latencyFigures, rate, ms, type BenchSection } from './harness.js';

/**
 * End to end through grammY: an update queued on a fake Bot API server (HTTP on 127.0.0.1), fetched by the
 * runner's long polling, mapped, handled by the engine (SQLite sessions), rendered and sent back with
 * sendMessage calls over HTTP, until the last call is answered. People play the engine bench's script.
 * The throttler is off: it would measure Telegram's flood limits (30 messages a second), not Ponte.
 */
export async function run(): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'ponte-bench-tg-'));
  const fake = await FakeTelegram.start();
  const { content } = loadContent(process.cwd());
  const sessions = new SqliteSessionStore(join(dir, 'sessions.db'));
  const engine = new Engine({ ...content, sessions, secret: 'bench-secret-bench-secret-bench-secret' });
  const pushedAt = new Map<number, number>();
  const latencies: number[] = [];
  let handled = 0;
  let notify: (() => void) | undefined;
  const channel = await startTelegram({
    token: FAKE_TOKEN,
    apiRoot: fake.apiRoot,
    engine,
    translator: content.translator,
    throttle: false,
    pollTimeoutSeconds: 1,
    onUpdateHandled: (update) => {
      latencies.push(performance.now() - pushedAt.get(update.update_id)!);
      handled++;
      notify?.();
    },
  });
  const steps = new Map<number, number>();
  const push = (person: number) => {
    const step = steps.get(person) ?? 0;
    steps.set(person, step + 1);
    const id = fake.nextId;
    pushedAt.set(id, performance.now());
    fake.push(textUpdate(SCRIPT[step % SCRIPT.length]!, { id: 100_000 + person, is_bot: false, first_name: 'P', language_code: 'it' }));
  };
  const waitFor = (count: number) => new Promise<void>((resolve) => (notify = () => handled >= count && resolve()));

  try {
    // One update at a time: the latency of a single exchange.
    const sequential = 600;
    for (let i = 0; i < sequential + 50; i++) {
      const done = waitFor(handled + 1);
      push(i % 30);
      await done;
    }
    const alone = latencies.splice(0).slice(50);

    // Many people at once: 200 people, 10 updates each, all queued together.
    const sendsBefore = fake.callsOf('sendMessage').length;
    const burst = 2000;
    const started = performance.now();
    const done = waitFor(handled + burst);
    for (let i = 0; i < burst; i++) push(1000 + (i % 200));
    await done;
    const seconds = (performance.now() - started) / 1000;
    const loaded = latencies.splice(0);
    const sends = fake.callsOf('sendMessage').length - sendsBefore;

    return {
      title: `Telegram: updates end to end through grammY and the runner against a fake Bot API over HTTP (throttler off)`,
      figures: [
        ...latencyFigures('one update at a time', summary(alone), 'updates'),
        { label: `${burst} updates from 200 people at once: throughput`, value: rate(burst / seconds, 'updates') },
        { label: `${burst} updates from 200 people at once: p50 push to last reply`, value: ms(percentile(loaded, 0.5)) },
        { label: `${burst} updates from 200 people at once: p99 push to last reply`, value: ms(percentile(loaded, 0.99)) },
        { label: 'sendMessage calls per update', value: (sends / burst).toFixed(2) },
      ],
    };
  } finally {
    await channel.stop();
    await fake.close();
    sessions.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function summary(values: number[]) {
  const total = values.reduce((a, b) => a + b, 0);
  return { count: values.length, totalMs: total, perSecond: (values.length / total) * 1000, p50: percentile(values, 0.5), p99: percentile(values, 0.99), max: Math.max(...values) };
}
