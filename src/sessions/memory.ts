import type { SessionStore } from '../engine/ports.js';
import type { Session } from '../engine/types.js';

/** Sessions in memory: for tests and benchmarks that compare against SQLite. Same contract. */
export class MemorySessionStore implements SessionStore {
  private readonly rows = new Map<string, string>();

  get(key: string): Session | undefined {
    const data = this.rows.get(key);
    return data ? (JSON.parse(data) as Session) : undefined;
  }

  put(key: string, session: Session): void {
    this.rows.set(key, JSON.stringify(session));
  }

  delete(key: string): void {
    this.rows.delete(key);
  }

  purgeIdle(before: number): number {
    let n = 0;
    for (const [key, data] of this.rows) {
      if ((JSON.parse(data) as Session).lastActive < before) {
        this.rows.delete(key);
        n++;
      }
    }
    return n;
  }

  close(): void {
    this.rows.clear();
  }
}
