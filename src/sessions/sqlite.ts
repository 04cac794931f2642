import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SessionStore } from '../engine/ports.js';
import type { Session } from '../engine/types.js';

/**
 * Sessions in SQLite (WAL), one row per keyed hash. The row holds only what the conversation needs:
 * language, position, slots (never coordinates or message text) and the last activity time.
 */
export class SqliteSessionStore implements SessionStore {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { data: string }>;
  private readonly putStmt: Database.Statement<[string, string, number]>;
  private readonly deleteStmt: Database.Statement<[string]>;
  private readonly purgeStmt: Database.Statement<[number]>;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      key TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      last_active INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS sessions_last_active ON sessions (last_active);`);
    this.getStmt = this.db.prepare('SELECT data FROM sessions WHERE key = ?');
    this.putStmt = this.db.prepare(
      'INSERT INTO sessions (key, data, last_active) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET data = excluded.data, last_active = excluded.last_active',
    );
    this.deleteStmt = this.db.prepare('DELETE FROM sessions WHERE key = ?');
    this.purgeStmt = this.db.prepare('DELETE FROM sessions WHERE last_active < ?');
  }

  get(key: string): Session | undefined {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    try {
      return JSON.parse(row.data) as Session;
    } catch {
      // A damaged row must not lock a person out: start them afresh.
      this.deleteStmt.run(key);
      return undefined;
    }
  }

  put(key: string, session: Session): void {
    this.putStmt.run(key, JSON.stringify(session), session.lastActive);
  }

  delete(key: string): void {
    this.deleteStmt.run(key);
  }

  purgeIdle(before: number): number {
    return this.purgeStmt.run(before).changes;
  }

  close(): void {
    if (!this.db.open) return;
    // Fold the WAL back so that deleted sessions do not linger in it.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
