import { FuzzyDictionary } from './fuzzy.js';
import { countTerms, forEachTerm, isAlphabetic, TERM_PREFIX, wordTerms, words, type TermKind } from './tokenise.js';

/**
 * An in-memory inverted index ranked with BM25F: each document (a topic, all its languages together) is a set
 * of weighted fields; a term's frequency is the weighted sum over fields. Query terms of different kinds
 * count differently (a whole word more than a trigram), typos are forgiven through a fuzzy dictionary, and the
 * closest sample question of each document adds to its score. Scores are divided by what the question weighs,
 * unknown words included, so that a question mostly about things the knowledge does not mention (a recipe,
 * a football score) scores low whatever few common words it shares with a topic.
 */

export interface IndexedField {
  text: string;
  /** How much an occurrence here counts (a sample question more than a sentence of the body). */
  weight: number;
}

export interface IndexedDocument {
  id: string;
  fields: IndexedField[];
  /**
   * Short texts that each stand for the whole document (its sample questions and title): a question very
   * close to one of them is strong evidence even when the document as a whole matches only a few words.
   */
  passages?: string[];
}

export interface RankingOptions {
  k1: number;
  b: number;
  /** Query-side weight of each kind of term. */
  kindWeight: Record<TermKind, number>;
  /** Weight of a vocabulary word found by typo tolerance, relative to the word itself. */
  fuzzyWeight: number;
  /** Weight of the best passage's cosine similarity (0..1) added to the normalised BM25 score. */
  passageWeight: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  k1: 1.5,
  b: 0.3,
  kindWeight: { word: 1, stem: 0.7, gram: 0.2, bigram: 0.6 },
  fuzzyWeight: 0.7,
  passageWeight: 0.5,
};

export interface SearchHit {
  id: string;
  score: number;
  /** Share (0..1) of the question's weight that this document matches. */
  coverage: number;
  /** Cosine similarity (0..1) of the question with the closest passage of the document. */
  passage: number;
  /**
   * Sum of the idf of the distinct words (not trigrams) the question shares with the document, in units of
   * the idf of a word found in one document only (so it does not depend on the size of the index): how much
   * specific vocabulary supports it. One rare shared word ("partita") is weak evidence; several are strong.
   */
  evidence: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Total weight of the question's terms (0 for a question with no usable word). */
  queryWeight: number;
}

/**
 * Terms rarer than this are read; commoner ones (in nearly every document) only count as asked. Trigrams,
 * which only help with typos and inflections, must be rarer: a trigram found in over half the documents says
 * nothing, and reading its long list would dominate the time of a search in a large index.
 */
const MIN_IDF = 0.1;
const MIN_GRAM_IDF = 0.3;
/** Words found in most topics are no evidence for any one of them. */
const MIN_EVIDENCE_IDF = 0.3;

interface Postings {
  docs: Int32Array;
  tf: Float32Array;
  idf: number;
  /** Passages holding the term, and how often (the term's weight in a passage is kind weight x idf x count). */
  passages?: Int32Array;
  passageTf?: Float32Array;
}

/** Weighted query terms: what a question asks for, before it meets any document. */
interface QueryTerms {
  weights: Map<string, number>;
  /** Misspelt words (as `w:` terms) replaced by vocabulary words: not counted as unknown. */
  corrected: Set<string>;
}

export class SearchIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly ids: string[];
  private readonly lengthNorm: Float32Array;
  private readonly fuzzy: FuzzyDictionary;
  /** Weight given to a term absent from the index: unknown words make a question weigh more than any match. */
  private readonly unknownIdf: number;
  private readonly scores: Float64Array;
  private readonly matched: Float64Array;
  private readonly evidence: Float64Array;
  /** Idf of a term found in a single document: the unit of `evidence`. */
  private readonly rareIdf: number;
  /** Passage -> its document; and each passage's vector norm. */
  private readonly passageDoc: Int32Array;
  private passageNorm = new Float32Array(0);
  private passageScores = new Float64Array(0);
  private readonly bestPassage: Float64Array;
  private readonly touchedDocs: Int32Array;
  private touchedPassages = new Int32Array(0);

  private constructor(
    docs: IndexedDocument[],
    private readonly options: RankingOptions,
  ) {
    this.ids = docs.map((d) => d.id);
    // Postings are appended document by document, so each list comes out sorted by document.
    const lists = new Map<string, { docs: number[]; tf: number[] }>();
    const lengths = new Float64Array(docs.length);
    const vocabulary = new Set<string>();
    docs.forEach((doc, i) => {
      const counts = countTerms(doc.fields, (word, weight) => {
        lengths[i]! += weight;
        if (isAlphabetic(word)) vocabulary.add(word);
      });
      for (const [term, tf] of counts) {
        const list = lists.get(term);
        if (list) {
          list.docs.push(i);
          list.tf.push(tf);
        } else lists.set(term, { docs: [i], tf: [tf] });
      }
    });
    const n = docs.length;
    const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n) || 1;
    this.lengthNorm = Float32Array.from(lengths, (l) => 1 - options.b + (options.b * l) / average);
    for (const [term, list] of lists) {
      const df = list.docs.length;
      this.postings.set(term, { docs: Int32Array.from(list.docs), tf: Float32Array.from(list.tf), idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) });
    }
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5) * 0.5;
    this.rareIdf = Math.log(1 + (n - 1 + 0.5) / 1.5) || 1;
    this.passageDoc = this.indexPassages(docs);
    this.fuzzy = new FuzzyDictionary(vocabulary);
    this.scores = new Float64Array(n);
    this.matched = new Float64Array(n);
    this.evidence = new Float64Array(n);
    this.bestPassage = new Float64Array(n);
    this.touchedDocs = new Int32Array(n);
  }

  private indexPassages(docs: IndexedDocument[]): Int32Array {
    const owner: number[] = [];
    const lists = new Map<string, { passages: number[]; tf: number[] }>();
    const norms: number[] = [];
    docs.forEach((doc, d) => {
      for (const passage of doc.passages ?? []) {
        const p = owner.length;
        owner.push(d);
        const counts = new Map<string, number>();
        // Whole words, stems and Chinese bigrams: trigrams would make every passage a little similar to all.
        forEachTerm(passage, (term, kind) => {
          if (kind !== 'gram') counts.set(term, (counts.get(term) ?? 0) + this.options.kindWeight[kind]);
        });
        let norm = 0;
        for (const [term, weight] of counts) {
          const idf = this.postings.get(term)?.idf ?? 0;
          norm += (weight * idf) ** 2;
          const list = lists.get(term);
          if (list) {
            list.passages.push(p);
            list.tf.push(weight);
          } else lists.set(term, { passages: [p], tf: [weight] });
        }
        norms.push(Math.sqrt(norm));
      }
    });
    for (const [term, list] of lists) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      postings.passages = Int32Array.from(list.passages);
      postings.passageTf = Float32Array.from(list.tf);
    }
    this.passageNorm = Float32Array.from(norms);
    this.passageScores = new Float64Array(owner.length);
    this.touchedPassages = new Int32Array(owner.length);
    return Int32Array.from(owner);
  }

  static build(docs: IndexedDocument[], options: RankingOptions = DEFAULT_RANKING): SearchIndex {
    return new SearchIndex(docs, options);
  }

  get size(): number {
    return this.ids.length;
  }

  get termCount(): number {
    return this.postings.size;
  }

  /** Inverse document frequency of a whole word (normalised), or undefined when no document has it. */
  wordIdf(word: string): number | undefined {
    return this.postings.get(TERM_PREFIX.word + word)?.idf;
  }

  /** The question's terms with their query weights, typo-corrected words included. */
  private queryTerms(question: string): QueryTerms {
    const weights = new Map<string, number>();
    const corrected = new Set<string>();
    const add = (term: string, weight: number) => weights.set(term, (weights.get(term) ?? 0) + weight);
    forEachTerm(question, (term, kind) => add(term, this.options.kindWeight[kind]));
    for (const word of words(question)) {
      if (!isAlphabetic(word) || this.postings.has(TERM_PREFIX.word + word)) continue;
      const candidates = this.fuzzy.lookup(word);
      if (candidates.length === 0) continue;
      corrected.add(TERM_PREFIX.word + word);
      const best = candidates.filter((c) => c.distance === candidates[0]!.distance);
      // Several equally close words share the credit of the one the person meant.
      for (const c of best) {
        wordTerms(c.word, (term, kind) => {
          if (kind === 'word') add(term, (this.options.fuzzyWeight * this.options.kindWeight.word) / best.length);
        });
      }
    }
    return { weights, corrected };
  }

  search(question: string, limit = 10): SearchResult {
    const { weights, corrected } = this.queryTerms(question);
    const { k1 } = this.options;
    const { scores, matched, evidence, passageScores, bestPassage } = this;
    // Only the documents and passages a term reached are visited and reset: cost follows the postings read.
    const { touchedDocs, touchedPassages } = this;
    let docCount = 0;
    let passageCount = 0;
    let queryWeight = 0;
    let queryNorm = 0;
    for (const [term, weight] of weights) {
      const postings = this.postings.get(term);
      if (!postings) {
        if (!corrected.has(term)) queryWeight += weight * this.unknownIdf;
        continue;
      }
      const termWeight = weight * postings.idf;
      queryWeight += termWeight;
      // Terms found nearly everywhere weigh almost nothing; skipping their long lists keeps the tail latency low.
      if (postings.idf < (term.startsWith(TERM_PREFIX.gram) ? MIN_GRAM_IDF : MIN_IDF)) continue;
      queryNorm += termWeight * termWeight;
      if (postings.passages) {
        const { passages, passageTf } = postings;
        const factor = termWeight * postings.idf;
        for (let i = 0; i < passages.length; i++) {
          const p = passages[i]!;
          if (passageScores[p] === 0) touchedPassages[passageCount++] = p;
          passageScores[p]! += factor * passageTf![i]!;
        }
      }
      const { docs, tf } = postings;
      const evidenceIdf = !term.startsWith(TERM_PREFIX.gram) && postings.idf >= MIN_EVIDENCE_IDF ? postings.idf : 0;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const f = tf[i]!;
        if (matched[doc] === 0) touchedDocs[docCount++] = doc;
        scores[doc]! += (termWeight * f * (k1 + 1)) / (f + k1 * this.lengthNorm[doc]!);
        matched[doc]! += termWeight;
        evidence[doc]! += evidenceIdf;
      }
    }
    // Best passage per document, as a cosine similarity with the question.
    queryNorm = Math.sqrt(queryNorm);
    for (let i = 0; i < passageCount; i++) {
      const p = touchedPassages[i]!;
      const cosine = passageScores[p]! / (queryNorm * this.passageNorm[p]!);
      passageScores[p] = 0;
      const doc = this.passageDoc[p]!;
      if (cosine > bestPassage[doc]!) bestPassage[doc] = cosine;
    }
    const hits: SearchHit[] = [];
    for (let i = 0; i < docCount; i++) {
      const doc = touchedDocs[i]!;
      const score = scores[doc]! / queryWeight + this.options.passageWeight * bestPassage[doc]!;
      const coverage = Math.min(1, matched[doc]! / queryWeight);
      const passage = bestPassage[doc]!;
      const support = evidence[doc]! / this.rareIdf;
      scores[doc] = 0;
      matched[doc] = 0;
      evidence[doc] = 0;
      bestPassage[doc] = 0;
      if (!(score > 0) || (hits.length === limit && score <= hits[hits.length - 1]!.score)) continue;
      let at = hits.length;
      while (at > 0 && hits[at - 1]!.score < score) at--;
      hits.splice(at, 0, { id: this.ids[doc]!, score, coverage, passage, evidence: support });
      if (hits.length > limit) hits.pop();
    }
    // A passage may reach a document none of whose fields matched: clear what the loop above did not.
    for (let i = 0; i < passageCount; i++) bestPassage[this.passageDoc[touchedPassages[i]!]!] = 0;
    return { hits, queryWeight };
  }
}
