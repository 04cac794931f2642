import { z } from 'zod';
import { LANGUAGES } from '../engine/types.js';

/** The front matter of a knowledge file, exactly as the knowledge spec describes it. */

export const TITLE_MAX = 45;
export const QUESTIONS_MIN = 8;
export const MESSAGE_MAX = 900;

const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a real date');

const text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');

/** A plain number in YAML (`- 112`) is a fine keyword or question: it is read as the text it shows. */
const textOrNumber = z.union([text, z.number().transform((n) => String(n))], { error: 'must be text' });

const review = z
  .strictObject({ date: isoDate, by: text.optional(), role: text.optional() })
  .refine((r) => r.by !== undefined || r.role !== undefined, 'says who reviewed it: add `by:` or `role:`');

export const frontMatterSchema = z
  .strictObject({
    topic: z.string({ error: 'must be a topic id' }).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a topic id like permesso-rinnovo'),
    lang: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(' ')}` }),
    title: text.refine((t) => [...t].length <= TITLE_MAX, `must be at most ${TITLE_MAX} characters (it is a menu button)`),
    questions: z.array(textOrNumber, { error: 'must be a list of questions' }).min(QUESTIONS_MIN, `needs at least ${QUESTIONS_MIN} sample questions`),
    keywords: z.array(textOrNumber, { error: 'must be a list of words' }).min(1, 'needs at least one keyword'),
    sources: z
      .array(z.strictObject({ title: text, url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }) }), {
        error: 'must be a list of {title, url}',
      })
      .min(1, 'needs at least one official source'),
    updated: isoDate,
    reviewed: z.union([z.literal(false), review], { error: 'must be false or {date, by} / {date, role}' }),
    translated_from: z.string({ error: 'must be 12 hex digits (in quotes when they look like a number, e.g. "123456789012")' }).regex(/^[0-9a-f]{12}$/, 'must be the 12 hex digits of the Italian body hash').optional(),
  })
  .superRefine((fm, ctx) => {
    if (fm.lang === 'it' && fm.translated_from !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['translated_from'], message: 'belongs only in translations: the Italian file is the master' });
    }
    if (fm.lang !== 'it' && fm.translated_from === undefined) {
      ctx.addIssue({ code: 'custom', path: ['translated_from'], message: 'is required in a translation: the hash of the Italian body it was made from' });
    }
    const seen = new Map<string, number>();
    fm.questions.forEach((q, i) => {
      const key = q.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['questions', i], message: `repeats question ${first + 1}` });
      else seen.set(key, i);
    });
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;

