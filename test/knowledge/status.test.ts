import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { bodyHash } from '../../src/knowledge/hash.js';
import { checkKnowledge, formatKbStatus, kbStatus } from '../../src/knowledge/status.js';
import { copyFixtures, editFile, FIXTURES, lineOf, topicFile } from './helpers.js';

const NOW = new Date('2026-12-01T10:00:00Z');

describe('outdated translations', () => {
  it('warns on every translation when the Italian text changes, naming both hashes, at the translated_from line', () => {
    const root = copyFixtures();
    const italian = topicFile(root, 'codice-fiscale', 'it');
    const before = readFileSync(italian, 'utf8');
    const oldHash = bodyHash(before.split('\n---\n').slice(1).join('\n---\n'));
    editFile(italian, (t) => t.replace("Il codice fiscale è gratuito", 'Il codice fiscale è sempre gratuito'));
    const after = readFileSync(italian, 'utf8');
    const newHash = bodyHash(after.slice(after.indexOf('\n---\n', 4) + 5));
    expect(newHash).not.toBe(oldHash);

    const warnings = checkKnowledge(root, NOW).filter((p) => p.message.startsWith('translation behind')).map(formatProblem);
    expect(warnings).toHaveLength(9);
    const en = readFileSync(topicFile(root, 'codice-fiscale', 'en'), 'utf8');
    expect(warnings).toContain(
      `knowledge/topics/codice-fiscale/en.md:${lineOf(en, 'translated_from:')}: warning: translation behind the Italian text (made from ${oldHash}, Italian is now ${newHash})`,
    );
    // Updating a translation's hash brings it back in line.
    editFile(topicFile(root, 'codice-fiscale', 'en'), (t) => t.replace(`translated_from: ${oldHash}`, `translated_from: ${newHash}`));
    expect(checkKnowledge(root, NOW).filter((p) => p.message.startsWith('translation behind'))).toHaveLength(8);
  });

  it('leaves the fixtures, which are up to date, without such warnings', () => {
    expect(checkKnowledge(FIXTURES, NOW).filter((p) => p.message.startsWith('translation behind') || p.severity === 'error')).toEqual([]);
  });
});

describe('kb status', () => {
  it('gives the topic x language matrix: ok, outdated, unreviewed, invalid, missing', () => {
    const root = copyFixtures();
    editFile(topicFile(root, 'emergenze', 'it'), (t) => t.replace('reviewed: false', 'reviewed:\n  date: 2026-11-01\n  role: operatrice'));
    editFile(topicFile(root, 'emergenze', 'en'), (t) => t.replace('reviewed: false', 'reviewed:\n  date: 2026-11-01\n  by: Sam').replace(/translated_from: \w+/, 'translated_from: "000000000000"'));
    rmSync(topicFile(root, 'emergenze', 'fr'));
    writeFileSync(topicFile(root, 'emergenze', 'es'), '---\ntopic: emergenze\n---\n');
    const status = kbStatus(root, NOW);
    const row = status.rows.find((r) => r.topic === 'emergenze')!;
    expect(row.cells).toMatchObject({ it: 'ok', en: 'outdated', fr: 'missing', es: 'invalid', ar: 'unreviewed' });
    expect(status.rows.map((r) => r.topic)).toEqual(['permesso-rinnovo', 'codice-fiscale', 'emergenze']);
    const csv = formatKbStatus(status, 'csv').split('\n');
    expect(csv[0]).toBe('topic,it,en,fr,es,ar,sq,zh,uk,ur,bn');
    expect(csv[3]).toBe('emergenze,ok,outdated,missing,invalid,unreviewed,unreviewed,unreviewed,unreviewed,unreviewed,unreviewed');
    expect(formatKbStatus(status, 'table').split('\n')[0]).toMatch(/^topic\s+it\s+en/);
  });
});
