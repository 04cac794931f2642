import type { StatsStore } from './store.js';
import { summarize, type SummaryRow } from './summary.js';
import { DEFAULT_STATS_LANG, formatDay, languageName, statsTexts, type StatsLang } from './texts.js';
import { dayBefore, calendarOf } from './time.js';

/**
 * A few lines for the coordinators' `/stats` command on Telegram: the last 30 days, with the same suppression
 * as every other summary. In Italian unless asked otherwise: the coordinators read Italian.
 */

export const SHORT_SUMMARY_DAYS = 30;

/** Whether any event was ever recorded (a coordinator's /stats says "not available yet" before). */
export function hasEvents(store: StatsStore): boolean {
  store.flush();
  return store.db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
}

/**
 * @example shortSummary(store, Date.now())       // "Statistiche di Ponte, ultimi 30 giorni (dal 17/01/2025 al 15/02/2025)\n..."
 * @example shortSummary(store, Date.now(), 'en') // "Ponte statistics, last 30 days (2025-01-17 to 2025-02-15)\n..."
 */
export function shortSummary(store: StatsStore, now: number, lang: StatsLang = DEFAULT_STATS_LANG): string {
  const texts = statsTexts(lang).short;
  if (!hasEvents(store)) return texts.notAvailable;
  const from = dayBefore(now, SHORT_SUMMARY_DAYS - 1);
  const to = calendarOf(now).day;
  const shownFrom = formatDay(from, lang);
  const shownTo = formatDay(to, lang);
  const total = summarize(store, { from, to }).rows[0];
  if (!total) return texts.empty(shownFrom, shownTo);
  const languages = summarize(store, { from, to, by: ['language'] });
  const topics = summarize(store, { from, to, by: ['topic'] });
  const hidden = languages.hidden.small + languages.hidden.complementary + topics.hidden.small + topics.hidden.complementary;
  const lines = [
    texts.heading(SHORT_SUMMARY_DAYS, shownFrom, shownTo),
    texts.people(show(total, 'people')),
    texts.conversations(show(total, 'conversations')),
    texts.answers(show(total, 'answers'), show(total, 'abstentions')),
    texts.languages(top(languages.rows, 'language', 'people', (code) => languageName(code, lang)) || '–'),
    texts.topics(top(topics.rows, 'topic', 'answers', (id) => id) || '–'),
  ];
  if (hidden > 0) lines.push(texts.hidden(hidden));
  return lines.join('\n');
}

function show(row: SummaryRow, figure: 'people' | 'conversations' | 'answers' | 'abstentions'): string {
  if (row.suppressed === 'small') return '<5';
  if (row.suppressed === 'complementary') return 'x';
  return String(row.figures[figure] ?? 0);
}

/** The five largest visible rows of a one-field summary, "italiano 40, arabo 12". */
function top(rows: SummaryRow[], field: 'language' | 'topic', figure: 'people' | 'answers', name: (key: string) => string): string {
  return rows
    .filter((r) => r.over.length === 0 && r.suppressed === null && r.key[field] !== null && (r.figures[figure] ?? 0) > 0)
    .sort((a, b) => (b.figures[figure] ?? 0) - (a.figures[figure] ?? 0))
    .slice(0, 5)
    .map((r) => `${name(r.key[field] ?? '')} ${r.figures[figure]}`)
    .join(', ');
}
