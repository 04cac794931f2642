import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/app/content.js';
import { formatProblem } from '../../src/errors.js';
import { loadLocales, pluralCategories } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { LANGUAGES } from '../../src/engine/types.js';
import { contentCopy } from '../support/content.js';
import { ROOT } from '../support/engine.js';

let copy: ReturnType<typeof contentCopy>;
afterEach(() => copy?.remove());

function editLocale(lang: string, edit: (json: Record<string, Record<string, string>>) => void): string[] {
  copy = contentCopy();
  const file = `locales/${lang}/ui.json`;
  const json = JSON.parse(readFileSync(join(copy.root, file), 'utf8'));
  edit(json);
  copy.write(file, JSON.stringify(json, null, 2));
  return loadContent(copy.root).problems.map(formatProblem);
}

describe('locales', () => {
  it('every language has every key, the same variables and its plural forms', () => {
    const problems = loadLocales(ROOT).problems;
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('a missing key fails the check with the file and line', () => {
    const problems = editLocale('fr', (j) => delete j.menu!.title);
    expect(problems.find((p) => p.includes('missing translation for "menu.title"'))).toMatch(/^locales\/fr\/ui\.json:\d+: /);
  });

  it('a wrong interpolation variable fails the check', () => {
    const problems = editLocale('ur', (j) => (j.engine!.too_long = 'bahut lamba {{maximum}}'));
    const line = problems.find((p) => p.includes('"engine.too_long" must use the variables {{max}}'));
    expect(line).toMatch(/^locales\/ur\/ui\.json:\d+: /);
  });

  it('Arabic needs six plural forms', () => {
    expect(pluralCategories('ar')).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    const problems = editLocale('ar', (j) => delete j.find!.results_two);
    expect(problems.some((p) => p.includes('missing plural form "find.results_two"'))).toBe(true);
  });

  it('broken JSON is reported at its line', () => {
    copy = contentCopy();
    copy.write('locales/sq/ui.json', '{\n  "menu": {\n    "title": "Si mund t\'ju ndihmoj?",\n  }\n}\n');
    const problems = loadContent(copy.root).problems.map(formatProblem);
    expect(problems.some((p) => /^locales\/sq\/ui\.json:\d+: invalid JSON/.test(p))).toBe(true);
  });

  it('plural forms are chosen by the count in each language', () => {
    const t = createTranslator(loadLocales(ROOT).resources);
    expect(t.t('ar', 'find.results', { count: 2, place: 'X' })).not.toBe(t.t('ar', 'find.results', { count: 3, place: 'X' }));
    expect(t.t('it', 'find.results', { count: 1, place: 'Breno' })).toContain('il posto più vicino a Breno');
  });

  it('a key missing at run time falls back to English, then Italian, never to the bare key', () => {
    const resources = loadLocales(ROOT).resources;
    delete (resources.bn!.ui as Record<string, Record<string, string>>).menu!.title;
    expect(loadLocales(ROOT).resources.bn).toBeDefined();
    const t = createTranslator(resources);
    expect(t.t('bn', 'menu.title')).toBe(t.t('en', 'menu.title'));
    for (const lang of LANGUAGES) expect(t.t(lang, 'common.menu')).not.toBe('common.menu');
  });
});
