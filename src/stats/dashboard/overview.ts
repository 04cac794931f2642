import type { Field, Measure } from '../fields.js';
import { displayFigure, displayKey } from '../format.js';
import type { StatsStore } from '../store.js';
import { summarize, type Summary, type SummaryRow } from '../summary.js';
import { DEFAULT_STATS_LANG, statsTexts, type StatsLang } from '../texts.js';
import { topUnanswered } from '../unanswered.js';

/**
 * What the dashboard page shows for one period, already suppressed and formatted: the page only lays it out,
 * so the browser never receives a hidden figure. Labels are the keys themselves (language codes, topic ids,
 * ISO months: the page names them), except "Total" and "(none)", and the notes, which are in `lang`.
 */

export interface Cell {
  /** null when hidden or empty. */
  value: number | null;
  /** What to print: the number, `<5`, `x`, a percentage or `–`. */
  display: string;
}

export interface OverviewRow {
  label: string;
  /** What the key means, when known: a topic's Italian scope from knowledge/topics.yaml. */
  description?: string;
  suppressed: SummaryRow['suppressed'];
  cells: Partial<Record<Measure, Cell>>;
}

export interface OverviewTable {
  field: Field;
  rows: OverviewRow[];
  total: OverviewRow | null;
}

export interface Overview {
  from: string | null;
  to: string | null;
  totals: OverviewRow | null;
  byLanguage: OverviewTable;
  byTopic: OverviewTable;
  byMonth: OverviewTable;
  unanswered: Array<{ question: string; people: Cell; lastAsked: string }>;
  notes: string[];
}

const TOTAL_MEASURES: Measure[] = ['people', 'conversations', 'answers', 'abstentions', 'routes', 'mediator_requests', 'helpful_rate'];

export interface OverviewOptions {
  /** The language of the notes, "Total" and "(none)". Default Italian. */
  lang?: StatsLang;
  /** Topic id → its Italian description, shown next to the id. */
  topicNames?: ReadonlyMap<string, string>;
}

export function buildOverview(store: StatsStore, period: { from?: string; to?: string }, options: OverviewOptions = {}): Overview {
  const lang = options.lang ?? DEFAULT_STATS_LANG;
  const summaries = {
    language: summarize(store, { ...period, by: ['language'], lang }),
    topic: summarize(store, { ...period, by: ['topic'], lang }),
    month: summarize(store, { ...period, by: ['month'], lang }),
  };
  const byLanguage = table(summaries.language, 'language', ['people', 'conversations', 'answers', 'abstentions'], lang);
  const byTopic = table(summaries.topic, 'topic', ['people', 'answers'], lang, (id) => options.topicNames?.get(id));
  const byMonth = table(summaries.month, 'month', ['people', 'conversations', 'answers', 'abstentions'], lang);
  // People are the first column a reader compares: the largest groups first, hidden ones last.
  for (const t of [byLanguage, byTopic]) t.rows.sort((a, b) => (b.cells.people?.value ?? -1) - (a.cells.people?.value ?? -1) || a.label.localeCompare(b.label));
  // The grand total of any one-field summary is the total of the period: no need for a summary of its own.
  const total = summaries.language;
  const unanswered = topUnanswered(store, { from: total.from ?? undefined, to: total.to ?? undefined, limit: 15 }).map((q) => ({
    question: q.question,
    people: { value: q.people, display: q.people === null ? '<5' : String(q.people) },
    lastAsked: q.lastAsked,
  }));
  const totalRow = total.rows.find((r) => r.over.length === 1);
  return {
    from: total.from,
    to: total.to,
    totals: totalRow ? row(totalRow, statsTexts(lang).total, TOTAL_MEASURES) : null,
    byLanguage,
    byTopic,
    byMonth,
    unanswered,
    notes: mergeNotes([summaries.language, summaries.topic, summaries.month]),
  };
}

function table(summary: Summary, field: Field, measures: Measure[], lang: StatsLang, describe?: (key: string) => string | undefined): OverviewTable {
  const rows = summary.rows
    .filter((r) => r.over.length === 0)
    .map((r) => {
      const shown = row(r, displayKey(r, field, lang), measures);
      const key = r.key[field];
      const description = key ? describe?.(key) : undefined;
      return description === undefined ? shown : { ...shown, description };
    });
  const totalRow = summary.rows.find((r) => r.over.length === 1);
  return { field, rows, total: totalRow ? row(totalRow, statsTexts(lang).total, measures) : null };
}

function row(r: SummaryRow, label: string, measures: Measure[]): OverviewRow {
  const cells: Partial<Record<Measure, Cell>> = {};
  for (const m of measures) cells[m] = { value: r.suppressed === null ? r.figures[m] : null, display: displayFigure(r, m) };
  return { label, suppressed: r.suppressed, cells };
}

function mergeNotes(summaries: Summary[]): string[] {
  const seen = new Set<string>();
  for (const s of summaries) for (const n of s.notes) seen.add(n);
  return [...seen];
}
