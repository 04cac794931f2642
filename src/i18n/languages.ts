import type { Lang } from '../engine/types.js';

/** Each language by its own name, as people look for it in a list. */
export const NATIVE_NAMES: Record<Lang, string> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
  sq: 'Shqip',
  zh: '中文',
  uk: 'Українська',
  ur: 'اردو',
  bn: 'বাংলা',
};
