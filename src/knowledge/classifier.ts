import type { Classification, ScoredTopic } from '../engine/ports.js';
import { isGreeting } from './greetings.js';
import type { LanguageDetector } from './lang-detect.js';
import { OUT_OF_SCOPE_ID } from './out-of-scope.js';
import type { SearchIndex } from './search-index.js';

/**
 * From ranked topics to a decision: answer, offer the three best (ambiguous), or abstain; greetings apart.
 * The ranking score of a topic (BM25 normalised by what the question weighs, plus the closeness of its best
 * sample question) is mapped to a 0..1 confidence; the thresholds on it were calibrated on a development set
 * and on out-of-scope questions (weather, sport, recipes, jokes...) so that at most about one in ten
 * out-of-scope questions gets an answer. Two topics in a near tie are offered as choices, never answered.
 */

export interface Thresholds {
  /** At or above this confidence the best topic is answered. */
  answer: number;
  /** Between this and `answer` the three best topics are offered; below it Ponte abstains. */
  ambiguous: number;
  /** The best must lead the runner-up by this share of its score to be answered outright. */
  minLead: number;
  /** Abstain when the out-of-scope examples score at least this share of the best topic's score. */
  outOfScopeRatio: number;
  /**
   * Specific vocabulary (see SearchHit.evidence) the best topic must share with the question to be answered;
   * half of it to be offered among choices. Guards against a single rare word deciding the topic.
   */
  minEvidence: number;
  /** ...unless the question is this close (cosine 0..1) to one of the topic's sample questions. */
  closePassage: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.45, ambiguous: 0.4, minLead: 0.03, outOfScopeRatio: 0.8, minEvidence: 1.8, closePassage: 0.6 };

/** Ranking score at which the confidence is 0.5: maps the open-ended score onto 0..1. */
const HALF_CONFIDENCE_SCORE = 0.84;

/** 0..1 and monotonic in the ranking score, so that it is comparable across questions. */
export function confidence(score: number): number {
  return score / (score + HALF_CONFIDENCE_SCORE);
}

/** Questions are chat messages: beyond this many characters the rest adds nothing but time. */
const MAX_QUESTION_LENGTH = 1000;

export function classify(
  question: string,
  index: SearchIndex,
  detector: LanguageDetector,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Classification {
  question = question.slice(0, MAX_QUESTION_LENGTH);
  const detected = detector.detect(question);
  const withLang = <T extends Classification>(c: T): T => (detected ? { ...c, lang: detected } : c);
  if (isGreeting(question)) return withLang({ decision: 'greeting', topic: null, score: 1, alternatives: [] });

  const { hits: all } = index.search(question, 5);
  // The out-of-scope document has no answer: when it ranks first, the question is not about public services.
  const outOfScope = all.find((h) => h.id === OUT_OF_SCOPE_ID);
  const hits = all.filter((h) => h.id !== OUT_OF_SCOPE_ID).slice(0, 4);
  const best = hits[0];
  if (!best) return withLang({ decision: 'abstain', topic: null, score: 0, alternatives: [] });
  if (outOfScope && outOfScope.score >= best.score * thresholds.outOfScopeRatio) {
    const alternatives = hits.slice(0, 3).map((hit) => ({ topic: hit.id, score: round(confidence(hit.score)) }));
    return withLang({ decision: 'abstain', topic: null, score: round(confidence(best.score)), alternatives });
  }

  const scored: ScoredTopic[] = hits.map((hit) => ({ topic: hit.id, score: round(confidence(hit.score)) }));
  const top = scored[0]!;
  const alternatives = scored.slice(1);
  const lead = hits[1] ? (best.score - hits[1].score) / best.score : 1;
  const supported = best.evidence >= thresholds.minEvidence || best.passage >= thresholds.closePassage;
  if (top.score >= thresholds.answer && lead >= thresholds.minLead && supported) {
    return withLang({ decision: 'answer', topic: top.topic, score: top.score, alternatives });
  }
  if (top.score >= thresholds.ambiguous && best.evidence >= thresholds.minEvidence / 2) return withLang({ decision: 'ambiguous', topic: top.topic, score: top.score, alternatives });
  return withLang({ decision: 'abstain', topic: null, score: top.score, alternatives });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
