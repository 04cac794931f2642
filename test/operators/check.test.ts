import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/app/content.js';
import { formatProblem } from '../../src/errors.js';
import { contentCopy } from '../support/content.js';

/**
 * `ponte check` covers everything an operator edits: each class of problem, with its file and line.
 * (Flow and locale errors: test/flows and test/i18n; the knowledge loader's own errors: test/knowledge;
 * the services schema: test/directory.)
 */
let copy: ReturnType<typeof contentCopy>;
afterEach(() => copy?.remove());

const problems = () => loadContent(copy.root, { detail: true }).problems.map(formatProblem);
const read = (file: string) => readFileSync(join(copy.root, file), 'utf8');
const lineOf = (file: string, needle: string) => read(file).split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('ponte check: one of each class of problem', () => {
  it('a translation behind the Italian text (warning, at its translated_from line)', () => {
    copy = contentCopy();
    const it = 'knowledge/topics/codice-fiscale/it.md';
    copy.write(it, read(it).replace(/\n---\n([\s\S]*)$/, (_m, body: string) => `\n---\n${body.trim()}\n\nUna frase nuova.\n`));
    const line = lineOf('knowledge/topics/codice-fiscale/ar.md', 'translated_from');
    const found = problems().filter((p) => p.startsWith(`knowledge/topics/codice-fiscale/ar.md:${line}: warning: `));
    expect(found.join('\n')).toMatch(/behind the Italian text/);
  });

  it('a missing translation (warning)', () => {
    copy = contentCopy();
    rmSync(join(copy.root, 'knowledge/topics/codice-fiscale/bn.md'));
    expect(problems().some((p) => /^knowledge\/topics\/codice-fiscale\/bn\.md:1: warning: .*missing/i.test(p))).toBe(true);
  });

  it('an answer not reviewed for more than 12 months (warning, at its reviewed line)', () => {
    copy = contentCopy();
    const file = 'knowledge/topics/codice-fiscale/it.md';
    copy.write(file, read(file).replace('reviewed: false', 'reviewed:\n  date: 2024-05-02\n  by: operatrice sportello Bergamo'));
    const line = lineOf(file, 'reviewed:');
    const found = problems().filter((p) => p.startsWith(`${file}:`) && /review/i.test(p));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${file}:${line}: warning: `));
    expect(found[0]).toMatch(/12 months|2024-05-02/);
  });

  it('a service not verified, and a service without opening hours (warnings, at the service)', () => {
    copy = contentCopy();
    const file = 'knowledge/services/valle-camonica.yaml';
    const line = lineOf(file, 'id: asp-valcamonica');
    const found = problems().filter((p) => p.startsWith(`${file}:${line}: warning: service "asp-valcamonica"`));
    expect(found.join('\n')).toMatch(/not verified/);
    expect(found.join('\n')).toMatch(/no opening hours/);
  });

  it('a service with an unknown comune is an error at its line', () => {
    copy = contentCopy();
    const file = 'knowledge/services/valle-camonica.yaml';
    copy.write(file, read(file).replace('comune: "017028"', 'comune: "999999"'));
    const line = lineOf(file, 'comune: "999999"');
    const errors = loadContent(copy.root).problems.filter((p) => p.severity === 'error').map(formatProblem);
    expect(errors.some((p) => p.startsWith(`${file}:${line}: `))).toBe(true);
  });
});

describe('ponte kb status', () => {
  it('shows ok, outdated, unreviewed and missing per topic and language, as a table and as CSV', async () => {
    copy = contentCopy();
    const it = 'knowledge/topics/codice-fiscale/it.md';
    // Reviewed Italian whose text changed after the translations were made; one translation deleted.
    copy.write(it, read(it).replace('reviewed: false', 'reviewed:\n  date: 2026-11-01\n  by: operatore').replace(/\n---\n([\s\S]*)$/, (_m, b: string) => `\n---\n${b.trim()}\n\nNuovo.\n`));
    rmSync(join(copy.root, 'knowledge/topics/codice-fiscale/bn.md'));
    const run = async (...argv: string[]) => {
      let out = '';
      const { PassThrough } = await import('node:stream');
      const stdout = new PassThrough().on('data', (d) => (out += d));
      const { main } = await import('../../src/cli/main.js');
      const code = await main(['kb', 'status', '--root', copy.root, ...argv], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {}, cwd: copy.root });
      return { code, out };
    };
    const csv = await run('--format', 'csv');
    expect(csv.code).toBe(0);
    const row = csv.out.split('\n').find((l) => l.startsWith('codice-fiscale,'));
    expect(row).toBe('codice-fiscale,ok,outdated,outdated,outdated,outdated,outdated,outdated,outdated,outdated,missing');
    expect(csv.out.split('\n')[0]).toBe('topic,it,en,fr,es,ar,sq,zh,uk,ur,bn');
    const table = await run();
    expect(table.out).toMatch(/codice-fiscale\s+ok\s+outdated/);
    expect(table.out).toMatch(/\d+ unreviewed/);
  });
});

describe('the topic catalogue has one reader', () => {
  it('a broken knowledge/topics.yaml is reported once, not by every module that uses topic ids', () => {
    copy = contentCopy();
    copy.write('knowledge/topics.yaml', 'topics:\n  - id: permesso-rinnovo\n    it: Rinnovo\n    route: ovunque\n');
    const found = loadContent(copy.root).problems.filter((p) => p.file === 'knowledge/topics.yaml').map(formatProblem);
    expect(found).toEqual([expect.stringMatching(/^knowledge\/topics\.yaml:4: .*route/)]);
  });
});
