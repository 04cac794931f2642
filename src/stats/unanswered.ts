import type { StatsStore } from './store.js';
import { UNANSWERED_RETENTION_DAYS } from './store.js';
import { DAY_MS, parseDayBound } from './time.js';

/**
 * Unanswered questions for operators: the scrubbed wordings that at least `UNANSWERED_MIN_PEOPLE` distinct
 * people sent, within the retention period. Person hashes differ from month to month, so the number of people
 * is the largest count within one month: never more than the truth, which keeps the threshold safe.
 */

export const UNANSWERED_MIN_PEOPLE = 3;

export interface UnansweredQuestion {
  /** The scrubbed, normalised wording. */
  question: string;
  /** Distinct people (at least this many); null when fewer than 5, shown as `<5`. */
  people: number | null;
  /** Last day it was asked (YYYY-MM-DD). */
  lastAsked: string;
}

export interface UnansweredOptions {
  from?: string;
  to?: string;
  /** Default 20. */
  limit?: number;
  /** Default UNANSWERED_MIN_PEOPLE; a lower value is refused. */
  minPeople?: number;
}

export function topUnanswered(store: StatsStore, options: UnansweredOptions = {}): UnansweredQuestion[] {
  const minPeople = Math.max(UNANSWERED_MIN_PEOPLE, options.minPeople ?? UNANSWERED_MIN_PEOPLE);
  const from = (options.from !== undefined ? parseDayBound(options.from, 'from') : undefined) ?? '0000-01-01';
  const to = (options.to !== undefined ? parseDayBound(options.to, 'to') : undefined) ?? '9999-12-31';
  // Rows past the retention period may still wait for the hourly purge: they are never shown.
  const cutoff = store.clock() - UNANSWERED_RETENTION_DAYS * DAY_MS;
  const rows = store.db
    .prepare(
      `SELECT question, MAX(people) AS people, MAX(last) AS last FROM (
         SELECT question, month, COUNT(DISTINCT person) AS people, MAX(day) AS last
         FROM unanswered WHERE hour >= @cutoff AND day BETWEEN @from AND @to
         GROUP BY question, month)
       GROUP BY question HAVING MAX(people) >= @minPeople
       ORDER BY people DESC, last DESC, question LIMIT @limit`,
    )
    .all({ cutoff, from, to, minPeople, limit: options.limit ?? 20 }) as Array<{ question: string; people: number; last: string }>;
  return rows.map((r) => ({ question: r.question, people: r.people >= 5 ? r.people : null, lastAsked: r.last }));
}
