import { ALL, type Figures, type Summary, type SummaryRow } from './summary.js';
import type { Field } from './fields.js';

/** A summary as an aligned text table, CSV or JSON: the same rows, the same hidden figures. */

export const FORMATS = ['table', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const COLUMNS: Array<{ figure: keyof Figures; header: string; csv: string }> = [
  { figure: 'people', header: 'people', csv: 'people' },
  { figure: 'conversations', header: 'conversations', csv: 'conversations' },
  { figure: 'answers', header: 'answers', csv: 'answers' },
  { figure: 'abstentions', header: 'abstentions', csv: 'abstentions' },
  { figure: 'routes', header: 'routes', csv: 'routes' },
  { figure: 'mediator_requests', header: 'mediator', csv: 'mediator_requests' },
  { figure: 'helpful_rate', header: 'helpful', csv: 'helpful_rate' },
];

export const NONE_LABEL = '(none)';
export const SMALL_MARK = '<5';
export const COMPLEMENTARY_MARK = 'x';

export function formatSummary(summary: Summary, format: Format): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'csv') return formatCsv(summary);
  return formatTable(summary);
}

/** How one figure of a row is shown: the number, `<5`, `x`, or `–` when there is nothing to show. */
export function displayFigure(row: SummaryRow, figure: keyof Figures): string {
  if (row.suppressed === 'small') return SMALL_MARK;
  if (row.suppressed === 'complementary') return COMPLEMENTARY_MARK;
  const value = row.figures[figure];
  if (value === null) return '–';
  return figure === 'helpful_rate' ? `${Math.round(value * 100)}%` : String(value);
}

export function displayKey(row: SummaryRow, field: Field): string {
  const value = row.key[field];
  return value === null || value === undefined ? NONE_LABEL : value;
}

function formatTable(summary: Summary): string {
  const period = summary.from === null ? 'no events yet' : `${summary.from} to ${summary.to}`;
  const lines = [`Ponte usage, ${period}${summary.by.length > 0 ? `, by ${summary.by.join(', ')}` : ''}`, ''];
  if (summary.rows.length > 0) {
    const headers = [...summary.by, ...COLUMNS.map((c) => c.header)];
    const body = summary.rows.map((row) => {
      const keys = summary.by.map((field) => displayKey(row, field));
      if (summary.by.length > 0 && row.over.length === summary.by.length) keys[0] = 'Total';
      return [...keys, ...COLUMNS.map((c) => displayFigure(row, c.figure))];
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

function formatCsv(summary: Summary): string {
  const headers = [...summary.by, ...COLUMNS.map((c) => c.csv)];
  const lines = [headers.map(csvCell).join(',')];
  for (const row of summary.rows) {
    const keys = summary.by.map((field) => displayKey(row, field));
    const figures = COLUMNS.map((c) => {
      if (row.suppressed !== null || c.figure !== 'helpful_rate') return displayFigure(row, c.figure).replace('–', '');
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
