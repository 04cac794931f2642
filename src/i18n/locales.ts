import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Resource, ResourceLanguage } from 'i18next';
import { parseJson, type LocatedYaml } from '../content/yaml.js';
import { LANGUAGES, type Lang } from '../engine/types.js';
import type { Problem } from '../errors.js';

/**
 * Locales: `locales/<lang>/<namespace>.json`, nested objects of strings. Italian is the master: every other
 * language must have the same keys, the same {{variables}} and the plural forms its grammar needs.
 */

export interface LocaleFile {
  lang: Lang;
  namespace: string;
  file: string;
  /** Flat keys ("menu.title") to their text. */
  strings: Map<string, string>;
  /** The file as written (nested), which is what i18next is given. */
  data: Record<string, unknown>;
  yaml: LocatedYaml;
}

export interface LoadedLocales {
  resources: Resource;
  files: LocaleFile[];
  problems: Problem[];
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

export function loadLocales(rootDir: string): LoadedLocales {
  const problems: Problem[] = [];
  const files: LocaleFile[] = [];
  const localesDir = join(rootDir, 'locales');
  for (const lang of LANGUAGES) {
    const dir = join(localesDir, lang);
    if (!existsSync(dir)) {
      problems.push({ file: relative(rootDir, dir) + '/', line: 1, message: `missing translation folder for "${lang}"`, severity: 'error' });
      continue;
    }
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
      const path = join(dir, name);
      const loaded = loadLocaleFile(path, relative(rootDir, path), lang, problems);
      if (loaded) files.push(loaded);
    }
  }
  problems.push(...compareWithMaster(files));
  const resources: Resource = {};
  for (const f of files) {
    const lang: ResourceLanguage = (resources[f.lang] ??= {});
    lang[f.namespace] = f.data;
  }
  return { resources, files, problems };
}

function loadLocaleFile(path: string, file: string, lang: Lang, problems: Problem[]): LocaleFile | undefined {
  const parsed = parseJson(file, readFileSync(path, 'utf8'));
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const strings = new Map<string, string>();
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      strings.set(path.join('.'), value);
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    } else {
      problems.push({ file, line: parsed.yaml.lineOf(path), message: `${path.join('.')}: must be a text or an object of texts`, severity: 'error' });
    }
  };
  walk(parsed.data, []);
  return { lang, namespace: basename(path, '.json'), file, strings, data: parsed.data as Record<string, unknown>, yaml: parsed.yaml };
}

/** The {{variables}} of a text, sorted. */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!))].sort();
}

/** The plural categories a language uses for whole numbers people meet (0..1000). */
export function pluralCategories(lang: Lang): string[] {
  const rules = new Intl.PluralRules(lang);
  const found = new Set<string>();
  for (let n = 0; n <= 1000; n++) found.add(rules.select(n));
  return [...found].sort();
}

function compareWithMaster(files: LocaleFile[]): Problem[] {
  const problems: Problem[] = [];
  const master = new Map(files.filter((f) => f.lang === 'it').map((f) => [f.namespace, f]));
  for (const f of files) {
    const it = master.get(f.namespace);
    if (!it) {
      if (f.lang !== 'it') problems.push({ file: f.file, line: 1, message: `namespace "${f.namespace}" does not exist in Italian (locales/it/${f.namespace}.json)`, severity: 'warning' });
      continue;
    }
    const lineOf = (key: string) => f.yaml.lineOf(key.split('.'));
    const masterBases = pluralBases(it.strings);
    const ownBases = pluralBases(f.strings);
    // Plain keys: present, same variables.
    for (const [key, text] of it.strings) {
      if (PLURAL_SUFFIX.test(key) && masterBases.has(key.replace(PLURAL_SUFFIX, ''))) continue;
      const own = f.strings.get(key);
      if (own === undefined) {
        problems.push({ file: f.file, line: lineOf(parentOf(key)), message: `missing translation for "${key}"`, severity: 'error' });
      } else if (own.trim() === '') {
        problems.push({ file: f.file, line: lineOf(key), message: `empty translation for "${key}"`, severity: 'error' });
      } else if (variablesOf(own).join() !== variablesOf(text).join()) {
        problems.push({ file: f.file, line: lineOf(key), message: `"${key}" must use the variables {{${variablesOf(text).join('}}, {{')}}} like the Italian text (has ${describeVars(own)})`, severity: 'error' });
      }
    }
    // Plural keys: every form the language needs, same variables as the Italian forms.
    const needed = pluralCategories(f.lang);
    for (const [base, itForms] of masterBases) {
      const expected = variablesOf([...itForms.values()].join(' ')).join();
      const forms = ownBases.get(base);
      for (const category of needed) {
        const key = `${base}_${category}`;
        const own = forms?.get(category);
        if (own === undefined) {
          problems.push({ file: f.file, line: lineOf(forms ? `${base}_${[...forms.keys()][0]}` : parentOf(base)), message: `missing plural form "${key}" (${f.lang} needs ${needed.map((c) => `_${c}`).join(', ')})`, severity: 'error' });
        } else if (variablesOf(own).filter((v) => v !== 'count').join() !== expected.split(',').filter((v) => v && v !== 'count').join()) {
          problems.push({ file: f.file, line: lineOf(key), message: `"${key}" must use the variables of the Italian forms (${expected})`, severity: 'error' });
        }
      }
    }
    // Keys the master does not have: probably a typo in the key, harmless at run time.
    for (const key of f.strings.keys()) {
      const base = key.replace(PLURAL_SUFFIX, '');
      if (!it.strings.has(key) && !masterBases.has(base)) {
        problems.push({ file: f.file, line: lineOf(key), message: `"${key}" is not in the Italian file: remove it or add it there`, severity: 'warning' });
      }
    }
  }
  return problems;
}

/** Keys that have plural forms: base key -> category -> text. */
function pluralBases(strings: Map<string, string>): Map<string, Map<string, string>> {
  const bases = new Map<string, Map<string, string>>();
  for (const [key, text] of strings) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) continue;
    const base = key.slice(0, match.index);
    if (!bases.has(base)) bases.set(base, new Map());
    bases.get(base)!.set(match[1]!, text);
  }
  // A key like "answer.no" is not a plural: only count bases with an _other form.
  for (const [base, forms] of bases) if (!forms.has('other')) bases.delete(base);
  return bases;
}

function parentOf(key: string): string {
  return key.split('.').slice(0, -1).join('.');
}

function describeVars(text: string): string {
  const vars = variablesOf(text);
  return vars.length ? `{{${vars.join('}}, {{')}}}` : 'none';
}

/** Every key (with plural bases) that exists in the Italian master, for checking references from flows. */
export function masterKeys(loaded: LoadedLocales): Set<string> {
  const keys = new Set<string>();
  for (const f of loaded.files.filter((x) => x.lang === 'it')) {
    const prefix = f.namespace === 'ui' ? '' : `${f.namespace}:`;
    for (const key of f.strings.keys()) {
      keys.add(prefix + key);
      keys.add(prefix + key.replace(PLURAL_SUFFIX, ''));
    }
  }
  return keys;
}
