import { ALL, type Figures, type Summary, type SummaryRow } from './summary.js';
import { MEASURES, type Field } from './fields.js';
import { formatDay, statsTexts, type StatsLang } from './texts.js';

/**
 * A summary as an aligned text table, CSV or JSON: the same rows, the same hidden figures. Headers, totals and
 * missing keys are written in the language asked for; keys and dates in the rows stay as they are (ISO).
 */

export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export const SMALL_MARK = '<5';
export const COMPLEMENTARY_MARK = 'x';

/** JSON is the summary itself; `lang` (default 'en') names the columns of the table and the CSV. */
export function formatSummary(summary: Summary, format: Format, lang: StatsLang = 'en'): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'csv') return formatCsv(summary, lang);
  return formatTable(summary, lang);
}

/** How one figure of a row is shown: the number, `<5`, `x`, or `–` when there is nothing to show. */
export function displayFigure(row: SummaryRow, figure: keyof Figures): string {
  if (row.suppressed === 'small') return SMALL_MARK;
  if (row.suppressed === 'complementary') return COMPLEMENTARY_MARK;
  const value = row.figures[figure];
  if (value === null) return '–';
  return figure === 'helpful_rate' ? `${Math.round(value * 100)}%` : String(value);
}

/** How a key of a row is shown: its value, "(none)" when the events carried none, "(all)" in a margin row. */
export function displayKey(row: SummaryRow, field: Field, lang: StatsLang = 'en'): string {
  const value = row.key[field];
  if (value === null || value === undefined) return statsTexts(lang).none;
  return value === ALL ? statsTexts(lang).all : value;
}

function formatTable(summary: Summary, lang: StatsLang): string {
  const texts = statsTexts(lang);
  const period = summary.from === null || summary.to === null ? texts.table.noEventsYet : texts.table.period(formatDay(summary.from, lang), formatDay(summary.to, lang));
  const lines = [texts.table.heading(period, summary.by.map((f) => texts.fields[f].column)), ''];
  if (summary.rows.length > 0) {
    const headers = [...summary.by.map((f) => texts.fields[f].column), ...MEASURES.map((m) => texts.measures[m].column)];
    const body = summary.rows.map((row) => {
      const keys = summary.by.map((field) => displayKey(row, field, lang));
      if (summary.by.length > 0 && row.over.length === summary.by.length) keys[0] = texts.total;
      return [...keys, ...MEASURES.map((m) => displayFigure(row, m))];
    });
    const widths = headers.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? '').length)));
    const keyCount = summary.by.length;
    const render = (cells: string[]) =>
      cells
        .map((cell, i) => (i < keyCount ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    lines.push(render(headers), widths.map((w) => '-'.repeat(w)).join('  '));
    let previousOver = 0;
    for (const [i, cells] of body.entries()) {
      const over = summary.rows[i]?.over.length ?? 0;
      if (i > 0 && over !== previousOver) lines.push('');
      previousOver = over;
      lines.push(render(cells));
    }
    lines.push('');
  }
  lines.push(...summary.notes);
  return `${lines.join('\n')}\n`;
}

function formatCsv(summary: Summary, lang: StatsLang): string {
  const texts = statsTexts(lang);
  const headers = [...summary.by.map((f) => texts.fields[f].column), ...MEASURES.map((m) => texts.measures[m].csv)];
  const lines = [headers.map(csvCell).join(',')];
  for (const row of summary.rows) {
    const keys = summary.by.map((field) => displayKey(row, field, lang));
    const figures = MEASURES.map((m) => {
      if (row.suppressed !== null || m !== 'helpful_rate') return displayFigure(row, m).replace('–', '');
      const rate = row.figures.helpful_rate;
      return rate === null ? '' : String(rate);
    });
    lines.push([...keys, ...figures].map(csvCell).join(','));
  }
  // The notes say how to read the figures; spreadsheets show them as text rows under the data.
  for (const note of summary.notes) lines.push(csvCell(`# ${note}`));
  return `${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 quoting, and a leading quote for text a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export { ALL };
