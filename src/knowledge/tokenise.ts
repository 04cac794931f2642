import { normalise } from './normalise.js';

/**
 * Splitting normalised text into the terms the index counts. One term list serves every language:
 * - `w:` whole words (Chinese words come from Intl.Segmenter);
 * - `s:` a crude stem, the first five letters of a longer alphabetic word, so that "rinnovo/rinnovare" and
 *   "renewal/renewing" meet without a stemmer per language;
 * - `g:` character trigrams inside words of every script but Chinese (typos, inflections, Arabic prefixes,
 *   Bengali suffixes), counted with a low weight;
 * - `b:` Chinese character bigrams, which catch words the segmenter splits differently.
 */

export type TermKind = 'word' | 'stem' | 'gram' | 'bigram';

export const TERM_PREFIX: Record<TermKind, string> = { word: 'w:', stem: 's:', gram: 'g:', bigram: 'b:' };

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /[\p{Script=Han}]+/gu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ALPHABETIC = /^[\p{Script=Latin}\p{Script=Cyrillic}]+$/u;

const STEM_LENGTH = 5;

let segmenter: Intl.Segmenter | undefined;
function chineseWords(run: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words: string[] = [];
  for (const part of segmenter.segment(run)) if (part.isWordLike) words.push(part.segment);
  return words;
}

/** The words of a text after normalisation, in order; Chinese runs are segmented into words. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of normalise(text).matchAll(WORD)) {
    const token = match[0];
    if (!HAN.test(token)) {
      out.push(token);
      continue;
    }
    // A token may mix Han and other letters ("cedolare秘密"): split the Han runs out.
    let last = 0;
    for (const run of token.matchAll(HAN_RUN)) {
      if (run.index > last) out.push(token.slice(last, run.index));
      out.push(...chineseWords(run[0]));
      last = run.index + run[0].length;
    }
    if (last < token.length) out.push(token.slice(last));
  }
  return out;
}

/** Whether a word is worth a term: single Latin letters and single digits say nothing. */
function significant(word: string): boolean {
  if (HAN.test(word)) return true;
  return [...word].length >= 2;
}

export function isHan(word: string): boolean {
  return HAN.test(word);
}

export function isAlphabetic(word: string): boolean {
  return ALPHABETIC.test(word);
}

/** Terms of one word, each with its kind. */
export function wordTerms(word: string, emit: (term: string, kind: TermKind) => void): void {
  if (!significant(word)) return;
  emit(TERM_PREFIX.word + word, 'word');
  const chars = [...word];
  if (HAN.test(word)) {
    for (let i = 0; i + 1 < chars.length; i++) emit(TERM_PREFIX.bigram + chars[i]! + chars[i + 1]!, 'bigram');
    return;
  }
  if (chars.length > STEM_LENGTH && ALPHABETIC.test(word)) emit(TERM_PREFIX.stem + chars.slice(0, STEM_LENGTH).join(''), 'stem');
  if (chars.length >= 4 && !/^\d+$/.test(word)) {
    const padded = ['^', ...chars, '$'];
    for (let i = 0; i + 2 < padded.length; i++) emit(TERM_PREFIX.gram + padded[i]! + padded[i + 1]! + padded[i + 2]!, 'gram');
  }
}

/** Chinese bigrams across segmenter boundaries too: "居留卡" segmented as 居留|卡 still yields 留卡. */
function hanRunBigrams(text: string, emit: (term: string, kind: TermKind) => void): void {
  for (const run of normalise(text).matchAll(HAN_RUN)) {
    const chars = [...run[0]];
    for (let i = 0; i + 1 < chars.length; i++) emit(TERM_PREFIX.bigram + chars[i]! + chars[i + 1]!, 'bigram');
  }
}

/** Terms of a word (without Chinese bigrams, which come from whole runs), computed once per distinct word. */
const termCache = new Map<string, Array<[string, TermKind]>>();
const TERM_CACHE_LIMIT = 200_000;

export function cachedWordTerms(word: string): Array<[string, TermKind]> {
  let cached = termCache.get(word);
  if (!cached) {
    cached = [];
    const list = cached;
    wordTerms(word, (term, kind) => {
      if (kind !== 'bigram') list.push([term, kind]);
    });
    // A bounded cache: a flood of unique words (synthetic data, spam) must not grow memory without end.
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(word, cached);
  }
  return cached;
}

/** Calls `emit` for every term of a text, with repetitions (the index counts them). */
export function forEachTerm(text: string, emit: (term: string, kind: TermKind) => void): void {
  for (const word of words(text)) for (const [term, kind] of cachedWordTerms(word)) emit(term, kind);
  if (HAN.test(text)) hanRunBigrams(text, emit);
}

/**
 * Weighted counts of the terms of several texts: each distinct word is expanded into its terms once, which
 * keeps building a large index fast (most words repeat many times in a document).
 */
export function countTerms(texts: Iterable<{ text: string; weight: number }>, onWord?: (word: string, weight: number) => void): Map<string, number> {
  const wordCounts = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const { text, weight } of texts) {
    for (const word of words(text)) wordCounts.set(word, (wordCounts.get(word) ?? 0) + weight);
    if (HAN.test(text)) hanRunBigrams(text, (term) => counts.set(term, (counts.get(term) ?? 0) + weight));
  }
  for (const [word, weight] of wordCounts) {
    onWord?.(word, weight);
    for (const [term] of cachedWordTerms(word)) counts.set(term, (counts.get(term) ?? 0) + weight);
  }
  return counts;
}

/** Every term of a text as a list (tests and tools; the index uses forEachTerm). */
export function terms(text: string): Array<{ term: string; kind: TermKind }> {
  const out: Array<{ term: string; kind: TermKind }> = [];
  forEachTerm(text, (term, kind) => out.push({ term, kind }));
  return out;
}
