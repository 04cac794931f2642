import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { copyFixtures, FIXTURES } from './helpers.js';

/** Runs `ponte ARGS` in `cwd` (a repository root with knowledge/) with `input` on stdin. */
const ponte = (args: string[], cwd: string, input = '') => runCli(args, { cwd, input, env: { PONTE_LOG_LEVEL: 'info' } });

describe('ponte ask', () => {
  it('prints one JSON line per question: answer, greeting, abstention', async () => {
    const input = ['come rinnovo il permesso di soggiorno?', '', 'hello, anyone there?', 'zxqv wplk', 'codice fiscale হারিয়ে গেছে'].join('\n');
    const { code, stdout } = await ponte(['ask', '--json', '--lang', 'it'], FIXTURES, input);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ question: 'come rinnovo il permesso di soggiorno?', lang: 'it', topic: 'permesso-rinnovo' });
    expect(lines[0].score).toBeGreaterThan(0);
    expect(Object.keys(lines[0])).toEqual(['question', 'lang', 'topic', 'score', 'alternatives']);
    expect(lines[0].alternatives[0]).toEqual({ topic: expect.any(String), score: expect.any(Number) });
    expect(lines[1]).toMatchObject({ topic: 'greeting', lang: 'en' });
    expect(lines[2]).toMatchObject({ topic: null, alternatives: [] });
    expect(lines[3]).toMatchObject({ topic: 'codice-fiscale', lang: 'bn' });
  });

  it('prints a readable line without --json, and refuses a bad --lang', async () => {
    const ok = await ponte(['ask'], FIXTURES, 'numero ambulanza\n');
    expect(ok.stdout).toMatch(/^\[it\] emergenze \(0\.\d+\).*\| numero ambulanza\n$/);
    const bad = await ponte(['ask', '--json', '--lang', 'de'], FIXTURES, 'x\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be one of it en fr es ar sq zh uk ur bn');
  });
});

describe('ponte eval', () => {
  it('prints top-1, top-3 and out-of-scope answers per language and overall', async () => {
    const root = copyFixtures();
    const labels = [
      { q: 'il kit per rinnovare il permesso dove lo trovo', lang: 'it', topic: 'permesso-rinnovo' },
      { q: 'lost my tax code', lang: 'en', topic: 'codice-fiscale' },
      { q: 'ciao', lang: 'it', topic: 'greeting' },
      { q: 'qwrtzp vbnmx', lang: 'en', topic: null },
    ];
    writeFileSync(join(root, 'set.jsonl'), labels.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const json = await ponte(['eval', 'set.jsonl', '--json'], root);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.overall).toEqual({ questions: 4, top1: 1, rank1: 1, top3: 1, outOfScope: 1, outOfScopeAnswered: 0 });
    expect(out.languages.it).toEqual({ questions: 2, top1: 1, rank1: 1, top3: 1, outOfScope: 0, outOfScopeAnswered: null });
    const table = await ponte(['eval', 'set.jsonl'], root);
    expect(table.stdout.split('\n')[0]).toMatch(/^lang\s+questions\s+top-1\s+rank-1\s+top-3\s+out-of-scope\s+answered$/);
    expect(table.stdout).toMatch(/\nall\s+4\s+100\.0%\s+100\.0%\s+100\.0%\s+1\s+0\.0%\n/);
  });

  it('reports bad label lines at file:line and exits 1', async () => {
    const root = copyFixtures();
    writeFileSync(join(root, 'bad.jsonl'), '{"q":"ok","lang":"it","topic":null}\nnot json\n{"q":"x","lang":"de","topic":null}\n');
    const { code, stderr } = await ponte(['eval', 'bad.jsonl'], root);
    expect(code).toBe(1);
    expect(stderr).toContain('bad.jsonl:2: not a JSON object');
    expect(stderr).toContain('bad.jsonl:3: lang: must be one of');
  });
});
