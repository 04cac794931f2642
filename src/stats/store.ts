import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS } from './time.js';

/**
 * The statistics database: `stats.db` (SQLite, WAL) in the data directory. Rows are queued in memory and written
 * in one transaction per flush, on a timer, when the queue is long, and on `flush()`/`close()`, so recording an
 * event costs a conversation no disk access. Nothing queued is lost on a graceful stop: the app calls `close()`
 * on SIGINT/SIGTERM.
 */

/** One engine event as stored: no text, no coordinates, no raw id; the person is a monthly keyed hash. */
export interface EventRow {
  /** Start of the hour, milliseconds since the epoch. */
  hour: number;
  /** YYYY-MM-DD in Europe/Rome. */
  day: string;
  /** YYYY-MM in Europe/Rome, the period of the person hash. */
  month: string;
  name: string;
  channel: string;
  lang: string | null;
  topic: string | null;
  province: string | null;
  district: string | null;
  detail: string | null;
  count: number | null;
  person: Buffer;
}

/** An unanswered question, already scrubbed; kept at most `UNANSWERED_RETENTION_DAYS`. */
export interface UnansweredRow {
  hour: number;
  day: string;
  month: string;
  channel: string;
  lang: string | null;
  question: string;
  person: Buffer;
}

export const UNANSWERED_RETENTION_DAYS = 30;
export const STATS_FILE = 'stats.db';

export interface StatsStoreOptions {
  /** How often queued rows are written. Default 1000 ms. */
  flushIntervalMs?: number;
  /** A queue this long is written at the next turn of the event loop. Default 500. */
  maxBatch?: number;
  /** Beyond this many queued rows (the disk is failing) the oldest are dropped and counted. Default 100 000. */
  maxQueued?: number;
  /** "Now", for the retention of unanswered questions. Default `Date.now`. */
  clock?: () => number;
  /** Told about a failed write (the rows stay queued and are retried). Default: nothing. */
  onError?: (error: Error) => void;
}

export interface StatsCounters {
  /** Event rows written since the store was opened. */
  written: number;
  /** Rows dropped because the queue overflowed or arrived after `close()`. */
  dropped: number;
  failedFlushes: number;
}

type Operation =
  | { kind: 'event'; row: EventRow }
  | { kind: 'unanswered'; row: UnansweredRow }
  | { kind: 'forget'; persons: Buffer[] };

export interface StatsStore {
  /** Absolute path of `stats.db`. */
  readonly path: string;
  /** The connection, for the read queries of this module (summaries, dashboard). Do not write through it. */
  readonly db: Database.Database;
  /** "Now" as the store sees it. */
  readonly clock: () => number;
  addEvent(row: EventRow): void;
  addUnanswered(row: UnansweredRow): void;
  /** Deletes the unanswered questions of these person hashes (the person asked to be forgotten). */
  forgetUnanswered(persons: Buffer[]): void;
  /** Writes everything queued in one transaction; returns how many operations were written. */
  flush(): number;
  /** Deletes unanswered questions older than the retention period; returns how many. */
  purgeExpired(): number;
  queued(): number;
  counters(): StatsCounters;
  /** Flushes, checkpoints the WAL and closes. Safe to call twice. */
  close(): void;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  hour INTEGER NOT NULL,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  name TEXT NOT NULL,
  channel TEXT NOT NULL,
  lang TEXT,
  topic TEXT,
  province TEXT,
  district TEXT,
  detail TEXT,
  count INTEGER,
  person BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_day ON events (day);
CREATE TABLE IF NOT EXISTS unanswered (
  hour INTEGER NOT NULL,
  day TEXT NOT NULL,
  month TEXT NOT NULL,
  channel TEXT NOT NULL,
  lang TEXT,
  question TEXT NOT NULL,
  person BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_by_hour ON unanswered (hour);
CREATE INDEX IF NOT EXISTS unanswered_by_person ON unanswered (person);
`;

/**
 * Opens (creating when missing) `stats.db` in `dataDir`.
 *
 * @example
 * const store = openStatsStore(config.dataDir);
 * const sink = createStatsSink(store, { secret: config.secret });
 * process.on('SIGTERM', () => store.close());
 */
export function openStatsStore(dataDir: string, options: StatsStoreOptions = {}): StatsStore {
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const maxBatch = options.maxBatch ?? 500;
  const maxQueued = options.maxQueued ?? 100_000;
  const clock = options.clock ?? Date.now;
  const onError = options.onError ?? (() => {});

  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, STATS_FILE);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Deleted questions are overwritten on disk, not just unlinked from the b-tree.
  db.pragma('secure_delete = ON');
  // Summaries sort and reduce in temporary tables: in memory they take a fraction of the time.
  db.pragma('temp_store = MEMORY');
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(`${path} was written by a newer Ponte (schema ${version}, this one knows ${SCHEMA_VERSION})`);
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);

  const insertEvent = db.prepare(
    `INSERT INTO events (hour, day, month, name, channel, lang, topic, province, district, detail, count, person)
     VALUES (@hour, @day, @month, @name, @channel, @lang, @topic, @province, @district, @detail, @count, @person)`,
  );
  const insertUnanswered = db.prepare(
    `INSERT INTO unanswered (hour, day, month, channel, lang, question, person)
     VALUES (@hour, @day, @month, @channel, @lang, @question, @person)`,
  );
  const deleteUnansweredOf = db.prepare('DELETE FROM unanswered WHERE person = ?');
  const deleteExpired = db.prepare('DELETE FROM unanswered WHERE hour < ?');

  let queue: Operation[] = [];
  let closed = false;
  let flushScheduled = false;
  let lastPurge = 0;
  const counters: StatsCounters = { written: 0, dropped: 0, failedFlushes: 0 };

  const writeAll = db.transaction((operations: Operation[]) => {
    for (const op of operations) {
      if (op.kind === 'event') insertEvent.run(op.row);
      else if (op.kind === 'unanswered') insertUnanswered.run(op.row);
      else for (const person of op.persons) deleteUnansweredOf.run(person);
    }
  });

  function purgeExpired(): number {
    lastPurge = clock();
    return deleteExpired.run(lastPurge - UNANSWERED_RETENTION_DAYS * DAY_MS).changes;
  }

  function flush(): number {
    flushScheduled = false;
    if (closed) return 0;
    const operations = queue;
    if (operations.length > 0) {
      queue = [];
      try {
        writeAll(operations);
      } catch (error) {
        counters.failedFlushes++;
        // Keep the rows for the next attempt, unless the queue would grow without bound.
        queue = operations.concat(queue);
        trimQueue();
        onError(error instanceof Error ? error : new Error(String(error)));
        return 0;
      }
      for (const op of operations) if (op.kind === 'event') counters.written++;
    }
    if (clock() - lastPurge > 3_600_000) {
      try {
        purgeExpired();
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return operations.length;
  }

  function trimQueue(): void {
    const excess = queue.length - maxQueued;
    if (excess > 0) {
      queue.splice(0, excess);
      counters.dropped += excess;
    }
  }

  function enqueue(op: Operation): void {
    if (closed) {
      counters.dropped++;
      return;
    }
    queue.push(op);
    if (queue.length > maxQueued) trimQueue();
    if (queue.length >= maxBatch && !flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  }

  const timer = setInterval(flush, flushIntervalMs);
  // The timer must not keep a finished process alive: close() writes what is left.
  timer.unref();
  purgeExpired();

  return {
    path,
    db,
    clock,
    addEvent: (row) => enqueue({ kind: 'event', row }),
    addUnanswered: (row) => enqueue({ kind: 'unanswered', row }),
    forgetUnanswered: (persons) => enqueue({ kind: 'forget', persons }),
    flush,
    purgeExpired,
    queued: () => queue.length,
    counters: () => ({ ...counters }),
    close() {
      if (closed) return;
      clearInterval(timer);
      flush();
      closed = true;
      if (queue.length > 0) counters.dropped += queue.length;
      queue = [];
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        db.close();
      }
    },
  };
}
