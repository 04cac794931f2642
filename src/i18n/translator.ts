import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import { LANGUAGES, type Lang } from '../engine/types.js';

export type Vars = Record<string, string | number>;

/** The engine's view of i18next: a string for a key in a language, never an exception. */
export interface Translator {
  t(lang: Lang, key: string, vars?: Vars): string;
  has(lang: Lang, key: string): boolean;
}

export const DEFAULT_NAMESPACE = 'ui';

/**
 * A missing translation falls back to English, then Italian (the master), so that a person always reads a
 * sentence rather than a key; `ponte check` makes sure that this never happens in published content.
 */
export function createTranslator(resources: Resource): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'it',
    fallbackLng: { default: ['en', 'it'], en: ['it'], it: [] },
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources.it ?? {}),
    defaultNS: DEFAULT_NAMESPACE,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  const fixed = new Map<Lang, TFunction>(LANGUAGES.map((l) => [l, instance.getFixedT(l)]));
  return {
    t: (lang, key, vars) => fixed.get(lang)!(key, vars ?? {}) as string,
    has: (lang, key) => instance.exists(key, { lng: lang, fallbackLng: false }),
  };
}
