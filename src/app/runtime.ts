import { join } from 'node:path';
import type { Config } from '../config.js';
import { Engine } from '../engine/engine.js';
import { ContentError, formatProblem } from '../errors.js';
import { watchKnowledge } from '../knowledge/index.js';
import type { Logger } from '../log.js';
import { SqliteSessionStore } from '../sessions/sqlite.js';
import { createStatsSink, openStatsStore, type StatsStore } from '../stats/index.js';
import { loadContent, type Content } from './content.js';
import { LiveKnowledge } from './live-knowledge.js';

/** A running Ponte: the engine over loaded content, with sessions and statistics in the data directory. */
export interface Runtime {
  engine: Engine;
  content: Content;
  /** Anonymous statistics; undefined when they are switched off (tests, benchmarks). */
  stats: StatsStore | undefined;
  /** Stops timers, writes the statistics still in memory and closes the stores; safe to call twice. */
  close(): void;
}

export interface RuntimeOptions {
  /** Record anonymous statistics. Default: true. */
  stats?: boolean;
  /** Reload the knowledge files when an operator edits them. Default: true. */
  watchKnowledge?: boolean;
}

const HOUR = 60 * 60 * 1000;

export function createRuntime(config: Config, rootDir: string, logger: Logger, options: RuntimeOptions = {}): Runtime {
  const { content, problems } = loadContent(rootDir);
  const errors = problems.filter((p) => p.severity === 'error');
  // Never serve broken content: the operator sees exactly what to fix (`ponte check` lists warnings too).
  if (errors.length > 0) throw new ContentError(errors);
  const sessions = new SqliteSessionStore(join(config.dataDir, 'sessions.db'));
  const stats = options.stats === false ? undefined : openStatsStore(config.dataDir, { onError: (e) => logger.warn(`statistics: ${e.message}`) });
  const onEvent = stats
    ? createStatsSink(stats, {
        secret: config.secret,
        collectUnanswered: config.PONTE_COLLECT_UNANSWERED,
        vocabulary: { topics: new Set(content.topics.map((t) => t.id)) },
        onError: (e) => logger.warn(`statistics: ${e.message}`),
      })
    : undefined;
  const knowledge = new LiveKnowledge(content.knowledge);
  const stopWatching =
    options.watchKnowledge === false
      ? () => {}
      : watchKnowledge(
          rootDir,
          (base) => {
            knowledge.replace(base);
            logger.info('knowledge reloaded');
          },
          // A broken edit is reported and the last good version of that file keeps serving.
          (problems) => problems.forEach((p) => logger.warn(`knowledge not reloaded: ${formatProblem(p)}`)),
          { initial: content.knowledge },
        );
  const engine = new Engine({
    flows: content.flows,
    translator: content.translator,
    knowledge,
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
    stats,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      stopWatching();
      stats?.close();
      sessions.close();
    },
  };
}
