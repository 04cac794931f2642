import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStatsStore, summarize } from '../src/stats/index.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/engine.js';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir?.remove());

const runStart = (input: string, env: Record<string, string>) => runCli(['start'], { input, env: { HOME: dir.path, PONTE_DATA_DIR: dir.path, ...env } });

/** Every file under the data dir (databases, WAL and shared-memory files), as bytes. */
function allBytes(root: string): Array<[string, Buffer]> {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => [path, readFileSync(path)]);
}

const SECRETS = ['3471234567', '+39 347 123 4567', 'amina.diallo@example.org', 'Amina', 'Diallo', 'Koulibaly', 'via Padova 118'];

describe('privacy, end to end through the real runtime', () => {
  it.each([
    ['off', ['xyzzy plugh frobnicate', 'mi chiamo', 'chiamatemi']],
    // On: scrubbed unanswered questions are kept for operators, but never what identifies a person.
    ['on', []],
  ])('no phone number, e-mail, name or coordinates reach any file of the data dir (unanswered collection %s)', async (collect, alsoAbsent) => {
    dir = tempDir();
    const conversation = [
      '/start',
      '1',
      'mi chiamo Amina Diallo, il mio numero è +39 347 123 4567, email amina.diallo@example.org',
      'sono Koulibaly e abito in via Padova 118, chiamatemi al 3471234567',
      '/menu',
      '3',
      '/location 45.9512 10.3077',
      'xyzzy plugh frobnicate',
    ].join('\n');
    const { code, stdout } = await runStart(conversation + '\n', { PONTE_COLLECT_UNANSWERED: collect === 'on' ? '1' : '0' });
    expect(code).toBe(0);
    expect(stdout).toContain('Come posso aiutarti?');
    const files = allBytes(dir.path);
    expect(files.map(([p]) => p.split('/').pop())).toEqual(expect.arrayContaining(['sessions.db', 'stats.db']));
    for (const [path, bytes] of files) {
      for (const secret of [...SECRETS, '45.9512', '10.3077', ...alsoAbsent]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${path}`).toBe(false);
      }
    }
    // And yet the conversation was counted.
    const store = openStatsStore(dir.path);
    try {
      const total = summarize(store, {}).rows[0];
      expect(total).toBeDefined();
    } finally {
      store.close();
    }
  });
});
