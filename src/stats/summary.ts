import { FIELD_SQL, MAX_BY_FIELDS, TIME_FIELDS, type Field } from './fields.js';
import type { StatsStore } from './store.js';
import { suppress, SMALL_CELL_THRESHOLD, type Line, type Suppression } from './suppression.js';
import { statsTexts, type StatsLang } from './texts.js';
import { parseDayBound } from './time.js';

/**
 * Summaries of the anonymous events: one row per combination of the `by` fields, with a total over each field
 * (margins) and a grand total, after small-cell suppression. Only published figures leave this module: the
 * exact figures of a hidden row are dropped before the summary is returned.
 */

/** The value of a field in a margin row, where that field is added up. */
export const ALL = '(all)';

export interface SummaryOptions {
  /** First day, inclusive: YYYY-MM-DD (or YYYY-MM). Default: the first recorded day. */
  from?: string;
  /** Last day, inclusive: YYYY-MM-DD (or YYYY-MM). Default: the last recorded day. */
  to?: string;
  by?: Field[];
  /** The language of `notes`. Default 'en' (the operators' CLI); the dashboard and /stats pass theirs. */
  lang?: StatsLang;
}

export interface Figures {
  /** Distinct people within each month, summed over the months the row covers. */
  people: number | null;
  conversations: number | null;
  answers: number | null;
  abstentions: number | null;
  /** Nearest services shown. */
  routes: number | null;
  mediator_requests: number | null;
  /** Feedback "yes" / ("yes" + "no"), 0..1; null when nobody gave feedback (or the row is hidden). */
  helpful_rate: number | null;
}

export interface SummaryRow {
  /**
   * The value of each `by` field: a string, null when the events carry none (shown "(none)"), or "(all)" when
   * the row is a total over that field.
   */
  key: Partial<Record<Field, string | null>>;
  /** The fields this row adds up: [] for a row of the table, every `by` field for the grand total. */
  over: Field[];
  /** null when the figures are shown; 'small' (`<5`) or 'complementary' (`x`) when they are hidden. */
  suppressed: Suppression | null;
  figures: Figures;
}

export interface Summary {
  from: string | null;
  to: string | null;
  by: Field[];
  /** Rows of the table first, then the margins, the grand total last. */
  rows: SummaryRow[];
  /** Rows hidden because fewer than 5 people are behind them, and rows hidden to protect those. */
  hidden: { small: number; complementary: number };
  notes: string[];
}

interface RawRow {
  values: (string | null)[];
  people: number;
  conversations: number;
  answers: number;
  abstentions: number;
  routes: number;
  mediator_requests: number;
  yes: number;
  no: number;
}

interface CubeRow extends RawRow {
  mask: number;
  suppressed: Suppression | null;
  order: string;
}

/**
 * Computes a summary with margins and small-cell suppression.
 *
 * @example summarize(store, { from: '2025-01', to: '2025-03', by: ['language'] })
 */
export function summarize(store: StatsStore, options: SummaryOptions = {}): Summary {
  const by = options.by ?? [];
  if (by.length > MAX_BY_FIELDS) throw new RangeError(`at most ${MAX_BY_FIELDS} fields in "by"`);
  if (new Set(by).size !== by.length) throw new RangeError('a field is named twice in "by"');
  const span = store.db.prepare('SELECT min(day) AS first, max(day) AS last FROM events').get() as { first: string | null; last: string | null };
  const from = options.from !== undefined ? bound(options.from, 'from') : span.first;
  const to = options.to !== undefined ? bound(options.to, 'to') : span.last;
  const texts = statsTexts(options.lang ?? 'en').notes;
  const notes = [texts.people, texts.totals];
  if (from === null || to === null) return { from, to, by, rows: [], hidden: { small: 0, complementary: 0 }, notes: [texts.noEventsYet] };

  // Every subset of the fields: mask bit i set means field i is added up (the full mask is the grand total).
  const cube = new Map<string, CubeRow>();
  const full = (1 << by.length) - 1;
  const groups = aggregateAll(store, by, from, to);
  for (let mask = 0; mask <= full; mask++) {
    for (const raw of groups[mask] ?? []) {
      let g = 0;
      const values = by.map((_, i) => ((mask & (1 << i)) !== 0 ? ALL : (raw.values[g++] ?? null)));
      const row: CubeRow = { ...raw, values, mask, suppressed: null, order: JSON.stringify(values) };
      cube.set(keyOf(mask, values), row);
    }
  }

  const lines = new Map<string, Line<CubeRow>>();
  for (const row of cube.values()) {
    for (let i = 0; i < by.length; i++) {
      if ((row.mask & (1 << i)) !== 0) continue;
      const marginValues = row.values.map((v, j) => (j === i ? ALL : v));
      const lineKey = `${i}|${keyOf(row.mask | (1 << i), marginValues)}`;
      let line = lines.get(lineKey);
      if (!line) {
        const margin = cube.get(keyOf(row.mask | (1 << i), marginValues));
        if (!margin) throw new Error(`summary: missing margin ${lineKey}`);
        line = { margin, cells: [] };
        lines.set(lineKey, line);
      }
      line.cells.push(row);
    }
  }
  const all = [...cube.values()];
  suppress(all, [...lines.values()], SMALL_CELL_THRESHOLD);

  const rows = all.sort((a, b) => compareRows(a, b, by)).map((row) => publish(row, by));
  const hidden = {
    small: rows.filter((r) => r.suppressed === 'small').length,
    complementary: rows.filter((r) => r.suppressed === 'complementary').length,
  };
  if (hidden.small > 0) notes.push(texts.small);
  if (hidden.complementary > 0) notes.push(texts.complementary);
  if (rows.length === 0) notes.push(texts.noEventsInPeriod);
  return { from, to, by, rows, hidden, notes };
}

function bound(text: string, side: 'from' | 'to'): string {
  const day = parseDayBound(text, side);
  if (day === undefined) throw new RangeError(`"${side}" must be YYYY-MM-DD or YYYY-MM, not "${text}"`);
  return day;
}

function keyOf(mask: number, values: (string | null)[]): string {
  return `${mask}|${JSON.stringify(values)}`;
}

const MEASURE_SUMS = `
  SUM(name = 'conversation_started') AS conversations,
  SUM(name = 'topic_answered') AS answers,
  SUM(name = 'abstained') AS abstentions,
  SUM(name = 'nearest_shown') AS routes,
  SUM(name = 'mediator_requested') AS mediator_requests,
  SUM(name = 'feedback' AND detail = 'yes') AS yes,
  SUM(name = 'feedback' AND detail = 'no') AS no`;

const CUBE_TABLE = 'temp.ponte_summary_cube';

/**
 * The figures of every subset of `by` (indexed by mask, bit i set = field i added up). The events of the period
 * are first reduced, in one pass, to one row per combination of the fields, month and person; every subset
 * is then a GROUP BY over that smaller table: distinct people per month first, then added up over the months.
 */
function aggregateAll(store: StatsStore, by: Field[], from: string, to: string): RawRow[][] {
  const db = store.db;
  // Events are stored nearly in time order: the rowids of the period bound a sequential scan of the table,
  // much faster than a lookup per row through the day index.
  const span = db.prepare('SELECT min(rowid) AS first, max(rowid) AS last FROM events WHERE day BETWEEN @from AND @to').get({ from, to }) as {
    first: number | null;
    last: number | null;
  };
  const fieldColumns = by.map((f, i) => `${FIELD_SQL[f]} AS g${i}`);
  const fieldNames = by.map((_, i) => `g${i}`);
  db.exec(`DROP TABLE IF EXISTS ${CUBE_TABLE}`);
  db.prepare(
    `CREATE TABLE ${CUBE_TABLE} AS
     SELECT ${[...fieldColumns, 'month AS m', 'person'].join(', ')}, ${MEASURE_SUMS}
     FROM events WHERE rowid BETWEEN @first AND @last AND +day BETWEEN @from AND @to
     GROUP BY ${[...fieldNames, 'm', 'person'].join(', ')}`,
  ).run({ from, to, first: span.first ?? 0, last: span.last ?? -1 });
  try {
    const result: RawRow[][] = [];
    for (let mask = 0; mask < 1 << by.length; mask++) {
      const grouped = fieldNames.filter((_, i) => (mask & (1 << i)) === 0);
      const keys = grouped.length > 0 ? `${grouped.join(', ')}, ` : '';
      const sql = `
        SELECT ${keys}SUM(people) AS people, SUM(conversations) AS conversations, SUM(answers) AS answers,
          SUM(abstentions) AS abstentions, SUM(routes) AS routes, SUM(mediator_requests) AS mediator_requests,
          SUM(yes) AS yes, SUM(no) AS no
        FROM (
          SELECT ${keys}COUNT(DISTINCT person) AS people, SUM(conversations) AS conversations, SUM(answers) AS answers,
            SUM(abstentions) AS abstentions, SUM(routes) AS routes, SUM(mediator_requests) AS mediator_requests,
            SUM(yes) AS yes, SUM(no) AS no
          FROM ${CUBE_TABLE} GROUP BY ${keys}m)
        ${grouped.length > 0 ? `GROUP BY ${grouped.join(', ')}` : ''}`;
      const rows = db.prepare(sql).all() as Array<Record<string, string | number | null>>;
      result.push(
        rows
          .filter((r) => Number(r.people ?? 0) > 0)
          .map((r) => ({
            values: grouped.map((g) => (r[g] === null || r[g] === undefined ? null : String(r[g]))),
            people: Number(r.people),
            conversations: Number(r.conversations),
            answers: Number(r.answers),
            abstentions: Number(r.abstentions),
            routes: Number(r.routes),
            mediator_requests: Number(r.mediator_requests),
            yes: Number(r.yes),
            no: Number(r.no),
          })),
      );
    }
    return result;
  } finally {
    db.exec(`DROP TABLE IF EXISTS ${CUBE_TABLE}`);
  }
}

/** Only what may be shown: a hidden row keeps its key and loses its figures. */
function publish(row: CubeRow, by: Field[]): SummaryRow {
  const key: Partial<Record<Field, string | null>> = {};
  by.forEach((field, i) => (key[field] = row.values[i] ?? null));
  const over = by.filter((_, i) => (row.mask & (1 << i)) !== 0);
  if (row.suppressed !== null) {
    const none: Figures = { people: null, conversations: null, answers: null, abstentions: null, routes: null, mediator_requests: null, helpful_rate: null };
    return { key, over, suppressed: row.suppressed, figures: none };
  }
  const rated = row.yes + row.no;
  return {
    key,
    over,
    suppressed: null,
    figures: {
      people: row.people,
      conversations: row.conversations,
      answers: row.answers,
      abstentions: row.abstentions,
      routes: row.routes,
      mediator_requests: row.mediator_requests,
      helpful_rate: rated === 0 ? null : Math.round((row.yes / rated) * 1000) / 1000,
    },
  };
}

/** Rows of the table first (fewest fields added up), then by each field: calendar order, then by name. */
function compareRows(a: CubeRow, b: CubeRow, by: Field[]): number {
  const bitsA = bitCount(a.mask);
  const bitsB = bitCount(b.mask);
  if (bitsA !== bitsB) return bitsA - bitsB;
  if (a.mask !== b.mask) return a.mask - b.mask;
  for (let i = 0; i < by.length; i++) {
    const va = a.values[i] ?? null;
    const vb = b.values[i] ?? null;
    if (va === vb) continue;
    if (va === null) return 1;
    if (vb === null) return -1;
    return TIME_FIELDS.includes(by[i] as Field) ? (va < vb ? -1 : 1) : va.localeCompare(vb);
  }
  return 0;
}

function bitCount(n: number): number {
  let count = 0;
  for (let v = n; v > 0; v >>= 1) count += v & 1;
  return count;
}
