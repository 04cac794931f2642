/**
 * Text normalisation for place names: accents, apostrophes, case and punctuation removed, so that
 * "Sant'Angelo Lodigiano", "SANT ANGELO lodigiano" and "Sant’Àngelo-Lodigiano" compare equal.
 */

export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(text: string): string[] {
  const n = normalise(text);
  return n === '' ? [] : n.split(' ');
}

/** "San", "Santo", "Santa", "Sant'" and their abbreviations ("S.", "S", "St", "Sto", "Sta") become one token. */
const SAINT = new Set(['san', 'santo', 'santa', 'sant', 's', 'st', 'sto', 'sta', 'ss']);

export function collapseToken(token: string): string {
  return SAINT.has(token) ? 's' : token;
}

/** The key names are matched on: normalised, with the saint abbreviations collapsed. */
export function placeKey(tokensOfName: readonly string[]): string {
  return tokensOfName.map(collapseToken).join(' ');
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), stopping early once it
 * exceeds `max`: returns `max + 1` in that case.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let curr = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, curr] = [prev, curr, prev2];
  }
  return prev[n]! <= max ? prev[n]! : max + 1;
}

/** Every string obtained by deleting up to `depth` characters (the symmetric-delete index of SymSpell). */
export function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const del = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(del)) {
          out.add(del);
          next.push(del);
        }
      }
    }
    frontier = next;
  }
  return out;
}
