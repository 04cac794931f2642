import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../../src/app/content.js';
import { renderReply } from '../../src/channels/console/render.js';
import { Engine, type EngineOptions } from '../../src/engine/engine.js';
import type { EngineEvent } from '../../src/engine/events.js';
import type { DirectoryPort, KnowledgePort } from '../../src/engine/ports.js';
import type { Incoming, Reply } from '../../src/engine/types.js';
import { parseLine } from '../../src/channels/console/parse.js';
import { SqliteSessionStore } from '../../src/sessions/sqlite.js';
import { FakeDirectory, FakeKnowledge } from './fakes.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export function tempDir(prefix = 'ponte-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestEngine {
  engine: Engine;
  events: EngineEvent[];
  sessions: SqliteSessionStore;
  dataDir: string;
  now: { value: number };
  /** Sends one terminal line (text, /command, /location...) and returns the replies. */
  send(line: string | Incoming, userId?: string): Reply[];
  /** Sends the lines and returns the conversation as the terminal prints it. */
  transcript(lines: string[], userId?: string): string;
  /** A new engine over the same SQLite file, as after a restart of the process. */
  restart(): TestEngine;
  close(): void;
}

/** The real engine over the repository's flows and locales, with SQLite sessions in a temp dir. */
export function testEngine(
  options: { dataDir?: string; knowledge?: KnowledgePort; directory?: DirectoryPort; langHint?: string; overrides?: Partial<EngineOptions>; now?: { value: number } } = {},
): TestEngine {
  const { content, problems } = loadContent(ROOT);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  const dataDir = options.dataDir ?? tempDir().path;
  const sessions = new SqliteSessionStore(join(dataDir, 'sessions.db'));
  const events: EngineEvent[] = [];
  const now = options.now ?? { value: Date.parse('2026-11-23T10:00:00+01:00') };
  const knowledge = options.knowledge ?? new FakeKnowledge();
  const directory = options.directory ?? new FakeDirectory();
  const engine = new Engine({
    flows: content.flows,
    translator: content.translator,
    knowledge,
    directory,
    sessions,
    secret: 'test-secret-test-secret-test-secret-42',
    clock: () => now.value,
    onEvent: (e) => events.push(e),
    ...options.overrides,
  });
  const send = (line: string | Incoming, userId = 'user-1') =>
    engine.handle({ channel: 'console', userId, message: typeof line === 'string' ? parseLine(line) : line, ...(options.langHint ? { langHint: options.langHint } : {}) });
  return {
    engine,
    events,
    sessions,
    dataDir,
    now,
    send,
    transcript: (lines, userId) => lines.map((l) => `> ${l}\n${send(l, userId).map((r) => renderReply(r, false)).join('\n\n')}`).join('\n'),
    restart() {
      sessions.close();
      return testEngine({ ...options, dataDir, knowledge, directory, now });
    },
    close: () => sessions.close(),
  };
}

export function texts(replies: Reply[]): string {
  return replies.map((r) => renderReply(r, false)).join('\n');
}
