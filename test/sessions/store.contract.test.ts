import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/engine/ports.js';
import { newSession } from '../../src/engine/types.js';
import { MemorySessionStore } from '../../src/sessions/memory.js';
import { SqliteSessionStore } from '../../src/sessions/sqlite.js';
import { tempDir } from '../support/engine.js';

/** One contract for every session store. */
const stores: Array<[string, () => { store: SessionStore; reopen?: () => SessionStore; cleanup(): void }]> = [
  ['memory', () => ({ store: new MemorySessionStore(), cleanup() {} })],
  [
    'sqlite',
    () => {
      const dir = tempDir();
      const file = join(dir.path, 'sessions.db');
      return { store: new SqliteSessionStore(file), reopen: () => new SqliteSessionStore(file), cleanup: dir.remove };
    },
  ],
];

describe.each(stores)('%s session store', (_name, make) => {
  let made: ReturnType<typeof make>;
  afterEach(() => {
    made.store.close();
    made.cleanup();
  });

  it('stores, reads, replaces and deletes', () => {
    made = make();
    const s = newSession(1000, 'ar');
    made.store.put('k1', s);
    expect(made.store.get('k1')).toEqual(s);
    made.store.put('k1', { ...s, slots: { place: '017028' } });
    expect(made.store.get('k1')?.slots).toEqual({ place: '017028' });
    made.store.delete('k1');
    expect(made.store.get('k1')).toBeUndefined();
  });

  it('purges idle sessions only', () => {
    made = make();
    made.store.put('old', newSession(1000));
    made.store.put('new', newSession(5000));
    expect(made.store.purgeIdle(2000)).toBe(1);
    expect(made.store.get('old')).toBeUndefined();
    expect(made.store.get('new')).toBeDefined();
  });

  it('survives a reopen (sqlite)', () => {
    made = make();
    if (!made.reopen) return;
    made.store.put('k', newSession(1, 'uk'));
    made.store.close();
    made.store = made.reopen();
    expect(made.store.get('k')?.lang).toBe('uk');
  });
});
