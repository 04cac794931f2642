import type { StatsStore } from './store.js';
import { summarize, type SummaryRow } from './summary.js';
import { dayBefore, calendarOf } from './time.js';

/**
 * A few lines for the coordinators' `/stats` command on Telegram: the last 30 days, with the same suppression
 * as every other summary.
 */

export const SHORT_SUMMARY_DAYS = 30;

/** Whether any event was ever recorded (a coordinator's /stats says "not available yet" before). */
export function hasEvents(store: StatsStore): boolean {
  store.flush();
  return store.db.prepare('SELECT 1 FROM events LIMIT 1').get() !== undefined;
}

export function shortSummary(store: StatsStore, now: number): string {
  store.flush();
  const any = store.db.prepare('SELECT 1 FROM events LIMIT 1').get();
  if (!any) return 'Ponte statistics: not available yet (no events recorded).';
  const from = dayBefore(now, SHORT_SUMMARY_DAYS - 1);
  const to = calendarOf(now).day;
  const total = summarize(store, { from, to }).rows[0];
  if (!total) return `Ponte statistics, ${from} to ${to}: no activity in this period.`;
  const languages = summarize(store, { from, to, by: ['language'] });
  const topics = summarize(store, { from, to, by: ['topic'] });
  const hidden = languages.hidden.small + languages.hidden.complementary + topics.hidden.small + topics.hidden.complementary;
  const lines = [
    `Ponte statistics, last ${SHORT_SUMMARY_DAYS} days (${from} to ${to})`,
    `People: ${show(total, 'people')} (distinct per month)`,
    `Conversations: ${show(total, 'conversations')}`,
    `Answers: ${show(total, 'answers')}, without an answer: ${show(total, 'abstentions')}`,
    `Top languages: ${top(languages.rows, 'language', 'people') || '–'}`,
    `Top topics: ${top(topics.rows, 'topic', 'answers') || '–'}`,
  ];
  if (hidden > 0) lines.push(`Hidden: ${hidden} groups with fewer than 5 people behind them, or hidden to protect those.`);
  return lines.join('\n');
}

function show(row: SummaryRow, figure: 'people' | 'conversations' | 'answers' | 'abstentions'): string {
  if (row.suppressed === 'small') return '<5';
  if (row.suppressed === 'complementary') return 'x';
  return String(row.figures[figure] ?? 0);
}

/** The five largest visible rows of a one-field summary, "it 40, ar 12". */
function top(rows: SummaryRow[], field: 'language' | 'topic', figure: 'people' | 'answers'): string {
  return rows
    .filter((r) => r.over.length === 0 && r.suppressed === null && r.key[field] !== null && (r.figures[figure] ?? 0) > 0)
    .sort((a, b) => (b.figures[figure] ?? 0) - (a.figures[figure] ?? 0))
    .slice(0, 5)
    .map((r) => `${r.key[field]} ${r.figures[figure]}`)
    .join(', ');
}
