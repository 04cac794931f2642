import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field } from '../../src/stats/fields.js';
import { formatSummary } from '../../src/stats/format.js';
import { createStatsSink } from '../../src/stats/sink.js';
import { openStatsStore, type StatsStore } from '../../src/stats/store.js';
import { summarize, type Summary, type SummaryRow } from '../../src/stats/summary.js';
import { knownSet, rowOf, SECRET, tempDataDir } from './helpers.js';

let store: StatsStore;
const data = tempDataDir();

beforeAll(() => {
  store = openStatsStore(data.dir);
  const sink = createStatsSink(store, { secret: SECRET });
  for (const e of knownSet()) sink(e);
  store.flush();
});
afterAll(() => {
  store.close();
  data.remove();
});

const figures = (row: SummaryRow) => row.figures;

/**
 * Every "line" of a summary (a margin and the rows that add up to it) must have zero or at least two hidden
 * figures: with exactly one, the total minus the visible rows would give it.
 */
function singleHiddenLines(summary: Summary): string[] {
  const problems: string[] = [];
  const keyText = (r: SummaryRow) => JSON.stringify(summary.by.map((f) => r.key[f]));
  for (const margin of summary.rows) {
    for (const field of margin.over) {
      const members = summary.rows.filter(
        (r) =>
          r.over.length === margin.over.length - 1 &&
          !r.over.includes(field) &&
          summary.by.every((f) => f === field || r.key[f] === margin.key[f]),
      );
      const hidden = [margin, ...members].filter((r) => r.suppressed !== null).length;
      if (hidden === 1) problems.push(`${keyText(margin)} over ${field}`);
    }
  }
  return problems;
}

describe('summary of the known synthetic set', () => {
  it('counts the whole period', () => {
    const summary = summarize(store);
    expect(summary.from).toBe('2025-01-15');
    expect(summary.to).toBe('2025-02-14');
    expect(summary.rows).toHaveLength(1);
    expect(figures(summary.rows[0]!)).toEqual({
      // 12 + 6 + 3 in January, 8 + 5 in February: the same Italian speakers count in both months.
      people: 34,
      conversations: 34,
      answers: 28,
      abstentions: 6,
      routes: 6,
      mediator_requests: 3,
      helpful_rate: 0.8,
    });
    expect(summary.notes.join(' ')).toMatch(/within each calendar month/);
  });

  it('breaks down by month, with distinct people per month', () => {
    const summary = summarize(store, { by: ['month'] });
    expect(figures(rowOf(summary, { month: '2025-01' }))).toEqual({ people: 21, conversations: 21, answers: 15, abstentions: 6, routes: 6, mediator_requests: 3, helpful_rate: 0.8 });
    expect(figures(rowOf(summary, { month: '2025-02' }))).toEqual({ people: 13, conversations: 13, answers: 13, abstentions: 0, routes: 0, mediator_requests: 0, helpful_rate: null });
    expect(figures(rowOf(summary, { month: '(all)' })).people).toBe(34);
    expect(summary.hidden).toEqual({ small: 0, complementary: 0 });
  });

  it('breaks down by week, quarter, channel and province', () => {
    const weeks = summarize(store, { by: ['week'] });
    expect(weeks.rows.map((r) => [r.key.week, r.figures.people])).toEqual([['2025-W03', 21], ['2025-W07', 13], ['(all)', 34]]);
    const channels = summarize(store, { by: ['quarter', 'channel'] });
    expect(figures(rowOf(channels, { quarter: '2025-Q1', channel: 'telegram' })).people).toBe(23);
    expect(figures(rowOf(channels, { quarter: '2025-Q1', channel: 'whatsapp' })).abstentions).toBe(6);
    const provinces = summarize(store, { by: ['province'] });
    expect(figures(rowOf(provinces, { province: 'MI' }))).toMatchObject({ people: 6, routes: 6 });
    expect(figures(rowOf(provinces, { province: null })).people).toBe(34);
  });

  it('restricts to a period (whole months as YYYY-MM)', () => {
    const february = summarize(store, { from: '2025-02', to: '2025-02', by: ['language'] });
    expect(february.from).toBe('2025-02-01');
    expect(february.to).toBe('2025-02-28');
    expect(february.rows.map((r) => [r.key.language, r.figures.people])).toEqual([['ar', 5], ['it', 8], ['(all)', 13]]);
    const empty = summarize(store, { from: '2024-01-01', to: '2024-12-31' });
    expect(empty.rows).toEqual([]);
    expect(empty.notes).toContain('No events in this period.');
  });

  it('refuses bad input', () => {
    expect(() => summarize(store, { from: '2025-13-01' })).toThrow(RangeError);
    expect(() => summarize(store, { by: ['month', 'month'] })).toThrow(RangeError);
    expect(() => summarize(store, { by: ['month', 'week', 'quarter', 'channel', 'language'] as Field[] })).toThrow(RangeError);
  });
});

describe('small-cell suppression', () => {
  it('shows the 3 English speakers as <5 and hides a second row so that the total gives nothing away', () => {
    const summary = summarize(store, { by: ['language'] });
    const en = rowOf(summary, { language: 'en' });
    const ar = rowOf(summary, { language: 'ar' });
    const it_ = rowOf(summary, { language: 'it' });
    const total = rowOf(summary, { language: '(all)' });
    expect(en.suppressed).toBe('small');
    expect(Object.values(en.figures).every((v) => v === null)).toBe(true);
    expect(ar.suppressed).toBe('complementary');
    expect(Object.values(ar.figures).every((v) => v === null)).toBe(true);
    expect(it_.figures.people).toBe(20);
    expect(total.figures.people).toBe(34);
    // The arithmetic an attacker would do: total minus the visible rows. Without the second hidden row it would
    // be 34 - 20 - 11 = 3, the English speakers; with it, 14 is shared by ar (5 or more) and en.
    const visible = summary.rows.filter((r) => r.over.length === 0 && r.suppressed === null);
    expect(visible.map((r) => r.key.language)).toEqual(['it']);
    const rest = (measure: 'people' | 'conversations' | 'answers') => (total.figures[measure] ?? 0) - visible.reduce((sum, r) => sum + (r.figures[measure] ?? 0), 0);
    expect([rest('people'), rest('conversations'), rest('answers')]).toEqual([14, 14, 8]);
    expect(singleHiddenLines(summary)).toEqual([]);
    expect(summary.hidden).toEqual({ small: 1, complementary: 1 });
  });

  it('protects a small cell in a two-way table across rows, columns and margins', () => {
    const summary = summarize(store, { by: ['month', 'language'] });
    expect(rowOf(summary, { month: '2025-01', language: 'en' }).suppressed).toBe('small');
    expect(rowOf(summary, { month: '(all)', language: 'en' }).suppressed).toBe('small');
    expect(singleHiddenLines(summary)).toEqual([]);
    // January: 21 people = it 12 + ar (hidden) + en (hidden): two unknowns for one equation.
    expect(rowOf(summary, { month: '2025-01', language: '(all)' }).figures.people).toBe(21);
    expect(rowOf(summary, { month: '2025-01', language: 'it' }).figures.people).toBe(12);
    expect(rowOf(summary, { month: '2025-01', language: 'ar' }).suppressed).toBe('complementary');
    // The language margin: 34 = it 20 + ar (hidden) + en (hidden).
    expect(rowOf(summary, { month: '(all)', language: 'ar' }).suppressed).toBe('complementary');
    expect(rowOf(summary, { month: '(all)', language: '(all)' }).figures.people).toBe(34);
  });

  it('hides every figure when the whole period has fewer than 5 people', () => {
    const small = tempDataDir();
    const s = openStatsStore(small.dir);
    const sink = createStatsSink(s, { secret: SECRET });
    for (const e of knownSet().filter((e) => e.lang === 'en')) sink(e);
    s.flush();
    const summary = summarize(s, { by: ['topic'] });
    expect(summary.rows.length).toBeGreaterThan(0);
    expect(summary.rows.every((r) => r.suppressed === 'small')).toBe(true);
    expect(formatSummary(summary, 'csv')).not.toMatch(/,3,/);
    s.close();
    small.remove();
  });
});

describe('formats', () => {
  it('prints an aligned table with marks and notes', () => {
    expect(formatSummary(summarize(store, { by: ['language'] }), 'table')).toBe(
      [
        'Ponte usage, 2025-01-15 to 2025-02-14, by language',
        '',
        'language  people  conversations  answers  abstentions  routes  mediator  helpful',
        '--------  ------  -------------  -------  -----------  ------  --------  -------',
        'ar             x              x        x            x       x         x        x',
        'en            <5             <5       <5           <5      <5        <5       <5',
        'it            20             20       20            0       0         0      80%',
        '',
        'Total         34             34       28            6       6         3      80%',
        '',
        'people: distinct people within each calendar month (Europe/Rome); a row covering several months adds the monthly counts, so a person active in two months counts twice.',
        'Totals include the hidden rows. helpful: share of "yes" among yes/no feedback.',
        '<5: fewer than 5 people are behind this row; its figures are hidden.',
        'x: hidden as well, so that a <5 row cannot be worked out by subtracting from a total.',
        '',
      ].join('\n'),
    );
  });

  it('writes CSV with the same figures and marks', () => {
    const csv = formatSummary(summarize(store, { by: ['month', 'language'] }), 'csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('month,language,people,conversations,answers,abstentions,routes,mediator_requests,helpful_rate');
    expect(lines).toContain('2025-01,en,<5,<5,<5,<5,<5,<5,<5');
    expect(lines).toContain('2025-01,ar,x,x,x,x,x,x,x');
    expect(lines).toContain('2025-01,it,12,12,12,0,0,0,0.8');
    expect(lines).toContain('2025-02,it,8,8,8,0,0,0,');
    expect(lines).toContain('(all),(all),34,34,28,6,6,3,0.8');
    expect(lines.some((l) => l.includes('# people: distinct people within each calendar month'))).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes the table and the CSV in Italian when asked, with the same figures and ISO keys', () => {
    const italian = summarize(store, { by: ['language'], lang: 'it' });
    expect(formatSummary(italian, 'table', 'it').split('\n').slice(0, 9)).toEqual([
      'Uso di Ponte, dal 15/01/2025 al 14/02/2025, per lingua',
      '',
      'lingua  persone  conversazioni  risposte  senza risposta  servizi  mediatore  utile',
      '------  -------  -------------  --------  --------------  -------  ---------  -----',
      'ar            x              x         x               x        x          x      x',
      'en           <5             <5        <5              <5       <5         <5     <5',
      'it           20             20        20               0        0          0    80%',
      '',
      'Totale       34             34        28               6        6          3    80%',
    ]);
    expect(italian.notes).toContain('<5: dietro questa riga ci sono meno di 5 persone, quindi i suoi dati non sono mostrati.');

    const byMonth = (lang: 'it' | 'en') => formatSummary(summarize(store, { by: ['month', 'language'], lang }), 'csv', lang).split('\r\n');
    const italianCsv = byMonth('it');
    const englishCsv = byMonth('en');
    expect(italianCsv[0]).toBe('mese,lingua,persone,conversazioni,risposte,senza_risposta,servizi_mostrati,richieste_mediatore,quota_utile');
    expect(italianCsv).toContain('2025-01,it,12,12,12,0,0,0,0.8');
    expect(italianCsv).toContain('(totale),(totale),34,34,28,6,6,3,0.8');
    expect(italianCsv.some((l) => l.includes('# x: dato nascosto anch\'esso'))).toBe(true);
    // The language changes the words, never a figure: the data rows are the same but for the margins' name.
    const data = (lines: string[]) => lines.slice(1).filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('"#'));
    expect(data(italianCsv).map((l) => l.replaceAll('(totale)', '(all)'))).toEqual(data(englishCsv));
  });

  it('writes JSON that reads back to the same summary, hidden figures as null', () => {
    const summary = summarize(store, { by: ['language'] });
    const parsed = JSON.parse(formatSummary(summary, 'json')) as Summary;
    expect(parsed).toEqual(summary);
    expect(parsed.rows.find((r) => r.key.language === 'en')).toMatchObject({ suppressed: 'small', figures: { people: null } });
  });

  it('says when there is nothing yet, in every format', () => {
    const empty = tempDataDir();
    const s = openStatsStore(empty.dir);
    const summary = summarize(s, { by: ['language'] });
    expect(formatSummary(summary, 'table')).toContain('No events have been recorded yet.');
    expect(formatSummary(summary, 'csv').split('\r\n')[0]).toBe('language,people,conversations,answers,abstentions,routes,mediator_requests,helpful_rate');
    expect(JSON.parse(formatSummary(summary, 'json'))).toMatchObject({ from: null, to: null, rows: [] });
    s.close();
    empty.remove();
  });
});
