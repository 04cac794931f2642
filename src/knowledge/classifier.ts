import type { Lang } from '../engine/types.js';
import type { Classification, ScoredTopic } from '../engine/ports.js';
import { isGreeting } from './greetings.js';
import type { LanguageDetector } from './lang-detect.js';
import type { SearchHit, SearchIndex } from './search-index.js';

/**
 * From ranked topics to a decision: answer, offer the three best (ambiguous), or abstain; greetings apart.
 * The confidence of a topic mixes how much of the question it explains (coverage) with how far it stands
 * above the runner-up, so that "what is the horoscope today" (a few common words matched) and a question
 * split between two topics both stay below the answering line.
 */

export interface Thresholds {
  /** At or above this confidence the best topic is answered. */
  answer: number;
  /** Between this and `answer` the three best topics are offered; below it Ponte abstains. */
  ambiguous: number;
  /** A best topic whose coverage is below this is never answered outright (too little of the question matched). */
  minCoverage: number;
}

/** Calibrated on a development set of real-style questions (see the closing note of the knowledge issue). */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.3, ambiguous: 0.15, minCoverage: 0.2 };

/** 0..1: coverage of the question, discounted when the runner-up scores nearly as well. */
export function confidence(best: SearchHit, runnerUp: SearchHit | undefined): number {
  const lead = runnerUp ? (best.score - runnerUp.score) / best.score : 1;
  return best.coverage * (0.5 + 0.5 * lead);
}

export function classify(
  question: string,
  index: SearchIndex,
  detector: LanguageDetector,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Classification {
  const detected = detector.detect(question);
  const withLang = <T extends Classification>(c: T): T => (detected ? { ...c, lang: detected as Lang } : c);
  if (isGreeting(question)) return withLang({ decision: 'greeting', topic: null, score: 1, alternatives: [] });

  const { hits } = index.search(question, 4);
  const best = hits[0];
  if (!best) return withLang({ decision: 'abstain', topic: null, score: 0, alternatives: [] });

  const scored: ScoredTopic[] = hits.map((hit, i) => ({ topic: hit.id, score: round(confidence(hit, i === 0 ? hits[1] : hits[0])) }));
  const top = scored[0]!;
  // Alternatives are scored on the same scale as the best: their share of the best's confidence.
  const alternatives = hits.slice(1, 4).map((hit) => ({ topic: hit.id, score: round(top.score * (hit.score / best.score)) }));
  if (top.score >= thresholds.answer && best.coverage >= thresholds.minCoverage) {
    return withLang({ decision: 'answer', topic: top.topic, score: top.score, alternatives });
  }
  if (top.score >= thresholds.ambiguous) return withLang({ decision: 'ambiguous', topic: top.topic, score: top.score, alternatives });
  return withLang({ decision: 'abstain', topic: null, score: top.score, alternatives });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
