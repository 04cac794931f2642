import { join } from 'node:path';
import type { Config } from '../config.js';
import { Engine } from '../engine/engine.js';
import type { EventSink } from '../engine/events.js';
import { ContentError } from '../errors.js';
import type { Logger } from '../log.js';
import { SqliteSessionStore } from '../sessions/sqlite.js';
import { loadContent, type Content } from './content.js';

/** A running Ponte: the engine over loaded content and stores in the data directory. */
export interface Runtime {
  engine: Engine;
  content: Content;
  /** Stops timers and closes the stores; safe to call twice. */
  close(): void;
}

const HOUR = 60 * 60 * 1000;

export function createRuntime(config: Config, rootDir: string, logger: Logger, onEvent?: EventSink): Runtime {
  const { content, problems } = loadContent(rootDir);
  const errors = problems.filter((p) => p.severity === 'error');
  // Never serve broken content: the operator sees exactly what to fix (`ponte check` lists warnings too).
  if (errors.length > 0) throw new ContentError(errors);
  const sessions = new SqliteSessionStore(join(config.dataDir, 'sessions.db'));
  const engine = new Engine({
    flows: content.flows,
    translator: content.translator,
    knowledge: content.knowledge,
    directory: content.directory,
    sessions,
    secret: config.secret,
    onEvent,
    collectUnanswered: config.PONTE_COLLECT_UNANSWERED,
    logger,
  });
  const purge = () => {
    const n = engine.purgeExpired();
    if (n > 0) logger.info(`forgot ${n} sessions idle for more than 30 days`);
  };
  purge();
  const timer = setInterval(purge, HOUR);
  timer.unref();
  let closed = false;
  return {
    engine,
    content,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      sessions.close();
    },
  };
}
