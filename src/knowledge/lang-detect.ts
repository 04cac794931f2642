import type { Lang } from '../engine/types.js';
import { FUNCTION_WORDS } from './function-words.js';
import { normalise } from './normalise.js';
import { words } from './tokenise.js';

/**
 * Which supported language a question is written in. The script decides first (Chinese, Bengali, Ukrainian;
 * Arabic or Urdu by the letters only Urdu uses); Latin-script text (it en fr es sq, and Arabic, Urdu and
 * Bengali typed in Latin letters) is decided by its words: each word votes for the languages whose texts use
 * it, in proportion to how typical it is of each. Italian administrative terms occur in every language's
 * files and so vote for none in particular. Returns undefined when the evidence is too thin.
 */

/** Letters that Urdu writes and Arabic does not (ٹ ڈ ڑ ں ے ھ ہ, and the Persian forms of k, y, p, ch, g). */
const URDU_STRONG = /[\u0679\u0688\u0691\u06BA\u06D2\u06D3\u06BE\u06C1\u06C2\u06C3]/gu;
const URDU_WEAK = /[\u06A9\u06CC\u067E\u0686\u06AF\u0698]/gu;
/** Letters Arabic writes and Urdu keyboards do not produce (Arabic kaf and yeh, ta marbuta, alef maqsura). */
const ARABIC_ONLY = /[\u0643\u064A\u0629\u0649]/gu;

const SCRIPT_LANG: Array<{ pattern: RegExp; lang: Lang | 'arabic-script' }> = [
  { pattern: /\p{Script=Han}/gu, lang: 'zh' },
  { pattern: /\p{Script=Bengali}/gu, lang: 'bn' },
  { pattern: /\p{Script=Cyrillic}/gu, lang: 'uk' },
  { pattern: /\p{Script=Arabic}/gu, lang: 'arabic-script' },
];

const LATIN_LANGS: readonly Lang[] = ['it', 'en', 'fr', 'es', 'sq', 'ar', 'ur', 'bn'];

/** Relative weight of the built-in function words against words seen in the knowledge files. */
const FUNCTION_WORD_SHARE = 0.02;
/** Share of the votes the best language needs over the second to be believed. */
const MIN_MARGIN = 0.15;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

export class LanguageDetector {
  /** word -> language -> relative frequency (share of that language's Latin-script words). */
  private readonly frequencies = new Map<string, Map<Lang, number>>();

  /** `samples` are texts known to be in each language (the knowledge files); only Latin-script words count. */
  constructor(samples: Iterable<{ lang: Lang; text: string }>) {
    const counts = new Map<Lang, Map<string, number>>();
    const totals = new Map<Lang, number>();
    for (const { lang, text } of samples) {
      if (!LATIN_LANGS.includes(lang)) continue;
      const perLang = counts.get(lang) ?? new Map<string, number>();
      counts.set(lang, perLang);
      for (const word of words(text)) {
        if (!/^\p{Script=Latin}+$/u.test(word)) continue;
        perLang.set(word, (perLang.get(word) ?? 0) + 1);
        totals.set(lang, (totals.get(lang) ?? 0) + 1);
      }
    }
    for (const [lang, perLang] of counts) {
      const total = totals.get(lang) ?? 1;
      for (const [word, n] of perLang) this.addFrequency(word, lang, n / total);
    }
    for (const lang of LATIN_LANGS) {
      for (const word of normalise(FUNCTION_WORDS[lang]).split(/\s+/).filter(Boolean)) this.addFrequency(word, lang, FUNCTION_WORD_SHARE);
    }
  }

  private addFrequency(word: string, lang: Lang, share: number): void {
    const perWord = this.frequencies.get(word) ?? new Map<Lang, number>();
    this.frequencies.set(word, perWord);
    perWord.set(lang, (perWord.get(lang) ?? 0) + share);
  }

  detect(question: string): Lang | undefined {
    const byScript = scriptLanguage(question);
    if (byScript !== 'latin') return byScript;
    return this.latinLanguage(question);
  }

  private latinLanguage(question: string): Lang | undefined {
    const votes = new Map<Lang, number>();
    let total = 0;
    for (const word of words(question)) {
      const perWord = this.frequencies.get(word);
      if (!perWord) continue;
      let sum = 0;
      for (const share of perWord.values()) sum += share;
      for (const [lang, share] of perWord) votes.set(lang, (votes.get(lang) ?? 0) + share / sum);
      total += 1;
    }
    if (total === 0) return undefined;
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    const [best, second] = [ranked[0]!, ranked[1]];
    if ((best[1] - (second?.[1] ?? 0)) / total < MIN_MARGIN) return undefined;
    return best[0];
  }
}

/**
 * The language a non-Latin script gives away, 'latin' when the text is (mostly) in Latin letters, undefined
 * when it has no letters at all. Latin words in a text that also uses another script are taken as borrowed
 * Italian terms ("كيف أجدد permesso di soggiorno" is Arabic).
 */
export function scriptLanguage(text: string): Lang | 'latin' | undefined {
  let best: { lang: Lang | 'arabic-script'; letters: number } | undefined;
  for (const { pattern, lang } of SCRIPT_LANG) {
    const letters = count(text, pattern);
    if (letters > 0 && (!best || letters > best.letters)) best = { lang, letters };
  }
  if (!best) return /\p{Script=Latin}/u.test(text) ? 'latin' : undefined;
  if (best.lang !== 'arabic-script') return best.lang;
  const urdu = 2 * count(text, URDU_STRONG) + count(text, URDU_WEAK);
  const arabic = 2 * count(text, ARABIC_ONLY);
  return urdu > arabic ? 'ur' : 'ar';
}
