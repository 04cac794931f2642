import { z } from 'zod';
import { parseDayBound } from './time.js';

/** What a summary can be broken down by. */
export const FIELDS = ['month', 'quarter', 'week', 'channel', 'language', 'topic', 'province', 'district'] as const;
export type Field = (typeof FIELDS)[number];

/** What a summary counts, for every row. */
export const MEASURES = ['people', 'conversations', 'answers', 'abstentions', 'routes', 'mediator_requests', 'helpful_rate'] as const;
export type Measure = (typeof MEASURES)[number];

/** A breakdown by more fields makes tables nobody reads and 2^n margins to compute. */
export const MAX_BY_FIELDS = 4;

/** The SQL expression of each field over the `events` table. Weeks and quarters follow the Rome calendar day. */
export const FIELD_SQL: Record<Field, string> = {
  month: 'month',
  quarter: "substr(month, 1, 4) || '-Q' || ((CAST(substr(month, 6, 2) AS INTEGER) + 2) / 3)",
  week: "strftime('%G-W%V', day)",
  channel: 'channel',
  language: 'lang',
  topic: 'topic',
  province: 'province',
  district: 'district',
};

/** Fields whose order is the calendar's: rows are sorted by them, the others by name. */
export const TIME_FIELDS: readonly Field[] = ['month', 'quarter', 'week'];

const dayBound = (side: 'from' | 'to') =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const day = parseDayBound(text, side);
      if (day === undefined) {
        ctx.addIssue({ code: 'custom', message: `--${side} must be a date as YYYY-MM-DD or a month as YYYY-MM, not "${text}"` });
        return z.NEVER;
      }
      return day;
    });

/** `--by month,language`: known fields, no repeats, at most MAX_BY_FIELDS. */
export const byFieldsSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const names = text === '' ? [] : text.split(',').map((s) => s.trim().toLowerCase());
    const unknown = names.filter((n) => !(FIELDS as readonly string[]).includes(n));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown field ${unknown.map((u) => `"${u}"`).join(', ')}: use any of ${FIELDS.join(', ')}` });
      return z.NEVER;
    }
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: 'custom', message: 'a field is named twice in --by' });
      return z.NEVER;
    }
    if (names.length > MAX_BY_FIELDS) {
      ctx.addIssue({ code: 'custom', message: `--by takes at most ${MAX_BY_FIELDS} fields` });
      return z.NEVER;
    }
    return names as Field[];
  });

/** A period and a breakdown, as typed by a person (CLI options, dashboard query string). */
export const summaryQuerySchema = z
  .object({
    from: dayBound('from').optional(),
    to: dayBound('to').optional(),
    by: byFieldsSchema.default([]),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: '--from is after --to' });

export type SummaryQueryInput = z.input<typeof summaryQuerySchema>;
