import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../../src/engine/engine.js';
import { testEngine, texts, type TestEngine } from '../support/engine.js';

let t: TestEngine;
afterEach(() => t?.close());

describe('sessions', () => {
  it('continue correctly after the process restarts', () => {
    t = testEngine();
    t.transcript(['/start', '1', '2']);
    t = t.restart();
    // Still Italian, still in the topic categories: "3" is Health.
    const out = t.transcript(['3']);
    expect(out).toContain('Scegli la tua domanda:');
    expect(out).toContain('tessera-sanitaria-ssn [it]');
  });

  it('are keyed by a keyed hash: the platform id is nowhere in the database files', () => {
    t = testEngine();
    t.transcript(['/start', '1', '2'], 'telegram-user-987654321');
    t.close();
    for (const name of readdirSync(t.dataDir)) {
      const bytes = readFileSync(join(t.dataDir, name));
      expect(bytes.includes(Buffer.from('987654321')), name).toBe(false);
    }
  });

  it('/forget deletes the session at once and says so', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const key = t.events[0]!.person;
    expect(t.sessions.get(key)).toBeDefined();
    expect(texts(t.send('/forget'))).toContain('ho cancellato tutto');
    expect(t.sessions.get(key)).toBeUndefined();
    expect(t.events.at(-1)).toMatchObject({ name: 'forget_me' });
    // A new message starts from the beginning.
    expect(texts(t.send('ciao'))).toContain('Ciao! Sono Ponte');
  });

  it('the privacy menu can forget too, after a confirmation', () => {
    t = testEngine();
    const key = (t.transcript(['/start', '1', '/privacy']), t.events[0]!.person);
    expect(texts(t.send('1'))).toContain('Vuoi davvero');
    expect(t.sessions.get(key)).toBeDefined();
    t.send('1');
    expect(t.sessions.get(key)).toBeUndefined();
  });

  it('expire after 30 days without activity', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    const key = t.events[0]!.person;
    t.now.value += SESSION_TTL_MS - 1000;
    expect(t.engine.purgeExpired()).toBe(0);
    t.now.value += 2000;
    expect(t.engine.purgeExpired()).toBe(1);
    expect(t.sessions.get(key)).toBeUndefined();
  });

  it('an expired session is not resumed even before the purge runs', () => {
    t = testEngine();
    t.transcript(['/start', '1', '2']);
    t.now.value += SESSION_TTL_MS + 1;
    expect(texts(t.send('1'))).toContain('Ciao! Sono Ponte');
  });

  it('remember that the platform refused delivery, until the person writes again', () => {
    t = testEngine();
    t.transcript(['/start', '1']);
    t.engine.markUnreachable('console', 'user-1');
    expect(t.engine.isUnreachable('console', 'user-1')).toBe(true);
    t.send('/menu');
    expect(t.engine.isUnreachable('console', 'user-1')).toBe(false);
  });
});
