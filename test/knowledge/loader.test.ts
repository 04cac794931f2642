import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { bodyHash } from '../../src/knowledge/hash.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { copyFixtures, editFile, FIXTURES, lineOf, topicFile } from './helpers.js';

const NOW = new Date('2026-12-01T10:00:00Z');

function load(root: string) {
  const { base, problems } = loadKnowledgeBase(root, { now: NOW });
  return { base, problems, errors: problems.filter((p) => p.severity === 'error').map(formatProblem), warnings: problems.filter((p) => p.severity === 'warning').map(formatProblem) };
}

describe('knowledge loader', () => {
  it('loads the fixtures without errors, all 30 files serving', () => {
    const { base, errors } = load(FIXTURES);
    expect(errors).toEqual([]);
    expect(base.content.files.size).toBe(30);
    expect(base.topics()).toEqual(['permesso-rinnovo', 'codice-fiscale', 'emergenze']);
    const answer = base.answer('emergenze', 'fr')!;
    expect(answer.lang).toBe('fr');
    expect(answer.messages).toHaveLength(2);
    expect(answer.route).toBe('emergenza');
    expect(answer.updated).toBe('2026-11-22');
    expect(answer.sources[0]!.url).toBe('https://www.interno.gov.it/');
  });

  it('reports broken YAML at its file and line, skips the file and keeps the others', () => {
    const root = copyFixtures();
    const path = topicFile(root, 'codice-fiscale', 'en');
    editFile(path, (t) => t.replace('title: "Tax code"', 'title: "Tax code'));
    const { base, errors } = load(root);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^knowledge\/topics\/codice-fiscale\/en\.md:\d+: invalid YAML/);
    expect(base.file('codice-fiscale', 'en')).toBeUndefined();
    expect(base.file('codice-fiscale', 'fr')).toBeDefined();
    // The English answer falls back to Italian.
    expect(base.answer('codice-fiscale', 'en')!.lang).toBe('it');
  });

  it('locates schema violations on the line of the field', () => {
    const root = copyFixtures();
    const path = topicFile(root, 'emergenze', 'es');
    editFile(path, (t) =>
      t
        .replace('title: "Números de emergencia"', `title: "${'x'.repeat(46)}"`)
        .replace('updated: 2026-11-22', 'updated: 22/11/2026')
        .replace(/translated_from: \w+/, 'translated_from: nothex'),
    );
    const text = readFileSync(path, 'utf8');
    const { errors } = load(root);
    const file = 'knowledge/topics/emergenze/es.md';
    expect(errors).toContain(`${file}:${lineOf(text, 'title:')}: title: must be at most 45 characters (it is a menu button)`);
    expect(errors).toContain(`${file}:${lineOf(text, 'updated:')}: updated: must be a date written YYYY-MM-DD`);
    expect(errors).toContain(`${file}:${lineOf(text, 'translated_from:')}: translated_from: must be the 12 hex digits of the Italian body hash`);
  });

  it('requires eight questions, distinct ones, and translated_from only in translations', () => {
    const root = copyFixtures();
    editFile(topicFile(root, 'emergenze', 'en'), (t) => t.replace(/  - "is 112 free"\n/, '').replace('  - "police number in italy"', '  - "Police number in Italy"\n  - "police number in italy"'));
    editFile(topicFile(root, 'emergenze', 'uk'), (t) => t.replace(/  - "чи безкоштовний 112"\n/, ''));
    editFile(topicFile(root, 'emergenze', 'it'), (t) => t.replace('reviewed: false', 'reviewed: false\ntranslated_from: 0123456789ab'));
    editFile(topicFile(root, 'emergenze', 'sq'), (t) => t.replace(/translated_from: \w+\n/, ''));
    const { errors } = load(root);
    const en = readFileSync(topicFile(root, 'emergenze', 'en'), 'utf8');
    const uk = readFileSync(topicFile(root, 'emergenze', 'uk'), 'utf8');
    expect(errors).toContain(`knowledge/topics/emergenze/en.md:${lineOf(en, '"police number in italy"')}: questions[6]: repeats question 6`);
    expect(errors).toContain(`knowledge/topics/emergenze/uk.md:${lineOf(uk, 'questions:') + 1}: questions: needs at least 8 sample questions`);
    expect(errors.some((e) => /emergenze\/it\.md:\d+: translated_from: belongs only in translations/.test(e))).toBe(true);
    expect(errors.some((e) => /emergenze\/sq\.md:\d+: translated_from: is required in a translation/.test(e))).toBe(true);
    // A hash made only of digits is read by YAML as a number: the message says to quote it.
    editFile(topicFile(root, 'emergenze', 'zh'), (t) => t.replace(/translated_from: \w+/, 'translated_from: 123456789012'));
    expect(load(root).errors.some((e) => e.includes('emergenze/zh.md') && e.includes('in quotes when they look like a number'))).toBe(true);
  });

  it('checks that folder, file name and catalogue agree with the front matter', () => {
    const root = copyFixtures();
    editFile(topicFile(root, 'emergenze', 'fr'), (t) => t.replace('topic: emergenze', 'topic: codice-fiscale'));
    editFile(topicFile(root, 'emergenze', 'es'), (t) => t.replace('lang: es', 'lang: en'));
    const strayDir = topicFile(root, 'oroscopo', 'it').replace(/it\.md$/, '');
    mkdirSync(strayDir, { recursive: true });
    writeFileSync(topicFile(root, 'oroscopo', 'it'), readFileSync(topicFile(root, 'emergenze', 'it'), 'utf8').replace('topic: emergenze', 'topic: oroscopo'));
    const { base, errors } = load(root);
    expect(errors).toContain('knowledge/topics/emergenze/fr.md:2: topic: is "codice-fiscale" but the file is in the folder of topic "emergenze"');
    expect(errors).toContain('knowledge/topics/emergenze/es.md:3: lang: is "en" but the file is named es.md');
    expect(errors).toContain('knowledge/topics/oroscopo/it.md:2: topic: "oroscopo" is not in knowledge/topics.yaml: add it there or move the file');
    expect(base.topics()).not.toContain('oroscopo');
  });

  it('reports a message over 900 characters at the line where it starts, and an empty body', () => {
    const root = copyFixtures();
    const path = topicFile(root, 'codice-fiscale', 'fr');
    editFile(path, (t) => `${t}\n---\n\n${'Très long message. '.repeat(60)}\n`);
    editFile(topicFile(root, 'codice-fiscale', 'es'), (t) => t.slice(0, t.indexOf('\n---\n', 4) + 5));
    const text = readFileSync(path, 'utf8');
    const { errors } = load(root);
    expect(errors).toContain(`knowledge/topics/codice-fiscale/fr.md:${lineOf(text, 'Très long message.')}: message 3 has 1139 characters: split it (at most 900 per chat message)`);
    expect(errors.some((e) => /codice-fiscale\/es\.md:\d+: the body is empty/.test(e))).toBe(true);
  });

  it('says what is wrong with a file that has no front matter, or is empty', () => {
    const root = copyFixtures();
    writeFileSync(topicFile(root, 'codice-fiscale', 'sq'), 'Kodi fiskal pa front matter\n');
    writeFileSync(topicFile(root, 'codice-fiscale', 'uk'), '');
    const { errors } = load(root);
    expect(errors).toContain('knowledge/topics/codice-fiscale/sq.md:1: no front matter: the file must start with a line `---`, the YAML fields, and another `---`');
    expect(errors).toContain('knowledge/topics/codice-fiscale/uk.md:1: no front matter: the file must start with a line `---`, the YAML fields, and another `---`');
  });

  it('warns about missing translations and missing reviews; a recent review is fine, an old one is not', () => {
    const root = copyFixtures();
    rmSync(topicFile(root, 'emergenze', 'bn'));
    editFile(topicFile(root, 'emergenze', 'ur'), (t) => t.replace('reviewed: false', 'reviewed:\n  date: 2026-06-01\n  role: mediatrice'));
    editFile(topicFile(root, 'emergenze', 'zh'), (t) => t.replace('reviewed: false', 'reviewed:\n  date: 2025-10-30\n  by: Anna'));
    editFile(topicFile(root, 'emergenze', 'ar'), (t) => t.replace('reviewed: false', 'reviewed:\n  date: 2026-06-01'));
    const { warnings, errors } = load(root);
    expect(warnings).toContain('knowledge/topics/emergenze/bn.md:1: warning: missing: the bn translation of emergenze (Italian is served instead)');
    expect(warnings.filter((w) => w.startsWith('knowledge/topics/emergenze/ur.md'))).toEqual([]);
    expect(warnings.some((w) => /emergenze\/zh\.md:\d+: warning: last reviewed on 2025-10-30, more than 12 months ago/.test(w))).toBe(true);
    expect(warnings.some((w) => /emergenze\/it\.md:\d+: warning: not reviewed by an operator yet/.test(w))).toBe(true);
    expect(errors.some((e) => /emergenze\/ar\.md:\d+: reviewed: /.test(e))).toBe(true);
  });

  it('hashes the body exactly like the one-liner of the knowledge spec', () => {
    const text = readFileSync(topicFile(FIXTURES, 'permesso-rinnovo', 'it'), 'utf8');
    const body = /^---\n[\s\S]*?\n---\n([\s\S]*)$/.exec(text)![1]!;
    const expected = createHash('sha256').update(body.trim()).digest('hex').slice(0, 12);
    expect(bodyHash(body)).toBe(expected);
    expect(bodyHash(body.replace(/\n/g, '\r\n'))).toBe(expected);
    const translation = readFileSync(topicFile(FIXTURES, 'permesso-rinnovo', 'bn'), 'utf8');
    expect(translation).toContain(`translated_from: ${expected}`);
  });

  it('survives a broken catalogue, reporting it at its line', () => {
    const root = copyFixtures();
    editFile(`${root}/knowledge/topics.yaml`, (t) => t.replace('route: emergenza', 'route: ambulanza'));
    const { errors, base } = load(root);
    expect(errors.some((e) => /^knowledge\/topics\.yaml:\d+: topics\[2\]\.route: /.test(e))).toBe(true);
    expect(base.route('emergenze')).toBeUndefined();
    expect(base.answer('emergenze', 'it')!.route).toBe('sportello');
  });
});
