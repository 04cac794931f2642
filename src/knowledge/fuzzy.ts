/**
 * Typo tolerance for alphabetic words: "sogiorno" finds "soggiorno", "questuta" finds "questura".
 * A symmetric-delete dictionary (the SymSpell idea): the index stores each word and its one-letter deletions;
 * a query word looks up its own deletions (two for long words), and candidates are confirmed with the
 * Damerau-Levenshtein distance, so lookups stay fast on a large vocabulary.
 */

/** The largest edit distance accepted for a word of this length (short words would match too much). */
export function maxDistance(length: number): number {
  if (length < 4) return 0;
  if (length < 8) return 1;
  return 2;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up early above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1]!;
}

export class FuzzyDictionary {
  /** A word or one of its single deletions -> the vocabulary words it came from. */
  private readonly keys = new Map<string, string[]>();

  constructor(vocabulary: Iterable<string>) {
    for (const word of vocabulary) {
      if (maxDistance(word.length) === 0) continue;
      this.add(word, word);
      for (const d of deletions(word)) this.add(d, word);
    }
  }

  private add(key: string, word: string): void {
    const list = this.keys.get(key);
    if (!list) this.keys.set(key, [word]);
    else if (list[list.length - 1] !== word) list.push(word);
  }

  /** Vocabulary words within the allowed distance of `word` (not `word` itself), closest first. */
  lookup(word: string): Array<{ word: string; distance: number }> {
    const limit = maxDistance(word.length);
    if (limit === 0) return [];
    const probes = new Set<string>([word, ...deletions(word)]);
    if (limit >= 2) for (const d of deletions(word)) for (const dd of deletions(d)) probes.add(dd);
    const found = new Map<string, number>();
    for (const probe of probes) {
      for (const candidate of this.keys.get(probe) ?? []) {
        if (candidate === word || found.has(candidate)) continue;
        const distance = editDistance(word, candidate, Math.min(limit, maxDistance(candidate.length)));
        if (distance <= Math.min(limit, maxDistance(candidate.length))) found.set(candidate, distance);
      }
    }
    return [...found].map(([w, distance]) => ({ word: w, distance })).sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word));
  }
}
