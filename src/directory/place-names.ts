import { deletions, editDistance, normalise, placeKey } from './text.js';
import { COMMON_WORD_NAMES, FILLER, LOCATIVE, NEAR, STREET } from './words.js';

/**
 * Finds the best mention of a comune in free text: exact names (accents, case and "S."/"San" abbreviations
 * ignored), names outside Lombardy, the first words of a longer name ("cinisello"), and typos (up to one
 * edit, two for long names) through a symmetric-delete index. Built once; each lookup is a few hash probes.
 */

export interface NamedComune {
  istat: string;
  name: string;
}

export interface OutsideName {
  name: string;
  region: string;
}

export interface Alias {
  istat: string;
  alias: string;
}

export type Mention =
  | { kind: 'comuni'; istats: string[] }
  | { kind: 'outside'; place: OutsideName }
  | { kind: 'none' };

/** Match strength, best first; within one strength a longer span wins. */
const EXACT = 50;
const OUTSIDE = 40;
const FUZZY = 30;
const PREFIX = 20;
const FUZZY_PREFIX = 10;

/** Longest text considered: a place mention is near the start of any sensible message. */
const MAX_TOKENS = 40;
const MIN_FUZZY_LENGTH = 5;
const MIN_FUZZY2_LENGTH = 9;
const MIN_PARTIAL_TOKEN = 4;

interface FuzzyEntry {
  key: string;
  istats: string[];
  prefix: boolean;
}

interface Candidate {
  score: number;
  istats?: string[];
  outside?: OutsideName;
}

export class PlaceNameIndex {
  private readonly exact = new Map<string, string[]>();
  private readonly outside = new Map<string, OutsideName>();
  /** Sorted full keys, for prefix search by binary search. */
  private readonly sortedKeys: string[];
  private readonly fuzzyEntries: FuzzyEntry[] = [];
  private readonly fuzzyIndex = new Map<string, number[]>();
  /** Aliases in scripts written without spaces (Chinese) or with attached prepositions (Arabic): substring search. */
  private readonly scriptAliases: Array<{ needle: string; istat: string }> = [];
  private readonly maxSpan: number;

  constructor(comuni: readonly NamedComune[], aliases: readonly Alias[], outside: readonly OutsideName[]) {
    let maxSpan = 1;
    const heads = new Map<string, Set<string>>();
    for (const c of comuni) {
      const parts = normalise(c.name).split(' ');
      const key = placeKey(parts);
      push(this.exact, key, c.istat);
      maxSpan = Math.max(maxSpan, parts.length);
      for (let n = 1; n < parts.length; n++) {
        const head = placeKey(parts.slice(0, n));
        if (!heads.has(head)) heads.set(head, new Set());
        heads.get(head)!.add(c.istat);
      }
    }
    for (const a of aliases) {
      const norm = normalise(a.alias);
      if (/^[\p{Script=Latin}\d ]+$/u.test(norm)) push(this.exact, placeKey(norm.split(' ')), a.istat);
      else this.scriptAliases.push({ needle: norm, istat: a.istat });
    }
    for (const o of outside) this.outside.set(placeKey(normalise(o.name).split(' ')), o);
    this.sortedKeys = [...this.exact.keys()].sort();
    this.maxSpan = maxSpan;

    for (const [key, istats] of this.exact) this.addFuzzy({ key, istats, prefix: false });
    for (const [key, istats] of heads) if (!this.exact.has(key)) this.addFuzzy({ key, istats: [...istats], prefix: true });
  }

  /** The best comune mention in `text`, a place outside Lombardy, or none. */
  find(text: string): Mention {
    const norm = normalise(text);
    if (norm === '') return { kind: 'none' };
    const words = norm.split(' ').slice(0, MAX_TOKENS);
    const candidates: Candidate[] = [];

    for (const { needle, istat } of this.scriptAliases) if (norm.includes(needle)) candidates.push({ score: EXACT * 100 + 10, istats: [istat] });

    const spans = this.spans(words);
    for (const span of spans) {
      const hit = this.exact.get(span.key);
      if (hit && this.acceptExact(words, span)) candidates.push({ score: EXACT * 100 + span.length * 10 - landmark(span), istats: hit });
      const out = this.outside.get(span.key);
      if (out) candidates.push({ score: OUTSIDE * 100 + span.length * 10 - landmark(span), outside: out });
      if (!span.meaningful) continue;
      const prefixed = this.prefixMatches(span.key, span.lastTokenLength);
      if (prefixed.length > 0) candidates.push({ score: PREFIX * 100 + span.length * 10 - landmark(span), istats: prefixed });
    }
    if (!candidates.some((c) => c.score >= EXACT * 100)) {
      for (const span of spans) if (span.meaningful) this.fuzzy(span, candidates);
    }
    return best(candidates);
  }

  private spans(words: string[]): Span[] {
    const spans: Span[] = [];
    for (let start = 0; start < words.length; start++) {
      if (start > 0 && STREET.has(words[start - 1]!)) continue;
      if (/^\d+$/.test(words[start]!)) continue;
      for (let length = 1; length <= this.maxSpan && start + length <= words.length; length++) {
        const slice = words.slice(start, start + length);
        if (slice.some((w) => /^\d+$/.test(w))) break;
        const first = slice[0]!;
        const last = slice[slice.length - 1]!;
        // A span that starts or ends with a filler word is never matched approximately.
        const meaningful = !FILLER.has(first) && !FILLER.has(last);
        spans.push({ start, length, key: placeKey(slice), lastTokenLength: last.length, meaningful, landmark: isLandmark(words, start) });
      }
    }
    return spans;
  }

  /** Comune names that are everyday words need a locative word before them, or nothing else around them. */
  private acceptExact(words: string[], span: Span): boolean {
    if (span.length > 1) return true;
    const word = words[span.start]!;
    if (!COMMON_WORD_NAMES.has(word)) return true;
    if (span.start > 0 && LOCATIVE.has(words[span.start - 1]!)) return true;
    return words.every((w, i) => i === span.start || FILLER.has(w) || /^\d+$/.test(w));
  }

  /** Names that begin with the span's words ("sesto", "cinisello", "s donato"), or with a word's start ("cinisel"). */
  private prefixMatches(key: string, lastTokenLength: number): string[] {
    const found = new Set<string>();
    const collect = (prefix: string) => {
      let i = lowerBound(this.sortedKeys, prefix);
      for (; i < this.sortedKeys.length && this.sortedKeys[i]!.startsWith(prefix); i++) {
        if (this.sortedKeys[i] === key) continue;
        for (const istat of this.exact.get(this.sortedKeys[i]!)!) found.add(istat);
      }
    };
    if (lastTokenLength >= MIN_PARTIAL_TOKEN) collect(key);
    else collect(key + ' ');
    return [...found];
  }

  private fuzzy(span: Span, candidates: Candidate[]): void {
    const depth = allowedDistance(span.key.length);
    if (depth === 0) return;
    const seen = new Set<number>();
    for (const d of deletions(span.key, depth)) {
      for (const index of this.fuzzyIndex.get(d) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const entry = this.fuzzyEntries[index]!;
        const max = Math.min(depth, allowedDistance(entry.key.length));
        const distance = editDistance(span.key, entry.key, max);
        if (distance === 0 || distance > max) continue;
        const rank = entry.prefix ? FUZZY_PREFIX : FUZZY;
        candidates.push({ score: rank * 100 + span.length * 10 - distance - landmark(span), istats: entry.istats });
      }
    }
  }

  private addFuzzy(entry: FuzzyEntry): void {
    const depth = allowedDistance(entry.key.length);
    if (depth === 0) return;
    const index = this.fuzzyEntries.push(entry) - 1;
    for (const d of deletions(entry.key, depth)) push(this.fuzzyIndex, d, index);
  }
}

interface Span {
  start: number;
  length: number;
  key: string;
  lastTokenLength: number;
  meaningful: boolean;
  /** Preceded by "near"/"vicino a"…: a place named as a landmark ranks just below one of the same strength. */
  landmark: boolean;
}

/** A name right after "near", "vicino (a)", "cerca (de)", "près (de)" … */
function isLandmark(words: string[], start: number): boolean {
  const before = words[start - 1];
  if (before && NEAR.has(before)) return true;
  const twoBefore = words[start - 2];
  return !!before && !!twoBefore && ['a', 'ad', 'al', 'alla', 'de', 'di', 'to', 'from', 'da'].includes(before) && NEAR.has(twoBefore);
}

function landmark(span: Span): number {
  return span.landmark ? 5 : 0;
}

function allowedDistance(length: number): number {
  return length >= MIN_FUZZY2_LENGTH ? 2 : length >= MIN_FUZZY_LENGTH ? 1 : 0;
}

function best(candidates: Candidate[]): Mention {
  if (candidates.length === 0) return { kind: 'none' };
  const top = Math.max(...candidates.map((c) => c.score));
  const winners = candidates.filter((c) => c.score === top);
  const outside = winners.find((c) => c.outside);
  if (outside?.outside) return { kind: 'outside', place: outside.outside };
  const istats = new Set<string>();
  for (const w of winners) for (const i of w.istats ?? []) istats.add(i);
  return { kind: 'comuni', istats: [...istats] };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
