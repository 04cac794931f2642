import { z } from 'zod';
import { LANGUAGES } from '../engine/types.js';

/**
 * knowledge/services/*.yaml, version 1: one file per area, each a list of services (offices, desks, mediator
 * services). Unknown values stay out of the file: no field is ever filled with a guess.
 */

export const SERVICE_KINDS = [
  'sportello',
  'mediatore',
  'cpia',
  'scuola-italiano',
  'patronato',
  'anagrafe',
  'servizio-sociale',
  'municipio',
  'questura',
  'prefettura',
  'emergenza',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAYS)[number];

export const MEDIATOR_AREAS = ['school', 'health', 'social'] as const;

const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const RANGE = new RegExp(`^${TIME}-(?:${TIME}|24:00)$`);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export const timeRange = z.string().superRefine((r, ctx) => {
  if (!RANGE.test(r)) ctx.addIssue({ code: 'custom', message: 'use "HH:MM-HH:MM", e.g. "09:00-12:30"' });
  else if (minutes(r.slice(0, 5)) >= minutes(r.slice(6))) ctx.addIssue({ code: 'custom', message: 'the range must end after it starts' });
});

/** The opening ranges of one day, in order and not overlapping. */
export const dayRanges = z.array(timeRange).superRefine((ranges, ctx) => {
  for (let i = 1; i < ranges.length; i++) {
    const previousEnd = minutes(ranges[i - 1]!.slice(6));
    const start = minutes(ranges[i]!.slice(0, 5));
    if (start < previousEnd) ctx.addIssue({ code: 'custom', path: [i], message: `"${ranges[i]}" starts before "${ranges[i - 1]}" ends: list ranges in order, without overlaps` });
  }
});

export const isoDate = z.string({ error: 'use a date as YYYY-MM-DD' }).superRefine((d, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return void ctx.addIssue({ code: 'custom', message: 'use a date as YYYY-MM-DD' });
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, day));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== day) ctx.addIssue({ code: 'custom', message: 'not a calendar date' });
});

/** Weekly opening hours; a weekday left out is a day the service is closed. */
export const weeklyHours = z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges.optional()])) as Record<WeekdayKey, z.ZodOptional<typeof dayRanges>>);

export const exception = z
  .strictObject({
    date: isoDate,
    closed: z.literal(true).optional(),
    hours: dayRanges.optional(),
    reason: z.string().min(1).optional(),
  })
  .refine((e) => (e.closed === true) !== (e.hours !== undefined), 'give either `closed: true` or `hours: [...]`');

const nonEmpty = z.string().trim().min(1);

export const contacts = z.strictObject({
  phone: nonEmpty.optional(),
  email: z.email().optional(),
  web: z.url({ protocol: /^https?$/ }).optional(),
  whatsapp: nonEmpty.optional(),
  telegram: nonEmpty.optional(),
});

export const verified = z.union([z.literal(false), z.strictObject({ date: isoDate, by: nonEmpty })], {
  error: 'use `false` or `{ date: YYYY-MM-DD, by: WHO }`',
});

export const serviceSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"'),
  name: nonEmpty,
  kind: z.enum(SERVICE_KINDS),
  /** The ambito territoriale (social district) the service belongs to, as named by its sources. */
  ambito: nonEmpty.optional(),
  /** A finer area (a municipio of Milano, a district), when the sources give one. */
  area: nonEmpty.optional(),
  /** ISTAT code of the comune, as text (e.g. "017028"). */
  comune: z
    .string({ error: 'use the 6-digit ISTAT code as a quoted string, e.g. "017028"' })
    .regex(/^\d{6}$/, 'use the 6-digit ISTAT code as a quoted string, e.g. "017028"'),
  address: nonEmpty.optional(),
  /** Left out: the comune's town-hall point is used and the location is marked approximate. */
  location: z
    .strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), approximate: z.boolean() })
    .optional(),
  /** Languages spoken (ISO 639-1), when the sources say so; empty means unknown. */
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'use an ISO 639 code such as "ar"')).default([]),
  /** Topic ids (knowledge/topics.yaml) this service helps with; empty means every topic of its routes. */
  topics: z.array(z.string().min(1)).default([]),
  /** Routes this service answers besides the one its kind implies (a patronato acting as a sportello). */
  routes: z.array(z.enum(['sportello', 'mediatore', 'emergenza'])).default([]),
  /** For mediator services: the areas they work in, when the sources say so. */
  areas: z.array(z.enum(MEDIATOR_AREAS)).optional(),
  /** The office serves only the residents of its comune (an anagrafe, a municipio, the social services). */
  residents_only: z.boolean().default(false),
  hours: weeklyHours.optional(),
  exceptions: z.array(exception).default([]),
  /** Local holidays as MM-DD (a patron day), beyond those of the comune in knowledge/places. */
  holidays: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'use "MM-DD", e.g. "12-07"')).default([]),
  contacts: contacts.default({}),
  appointment: z.boolean().optional(),
  verified,
  notes: z.partialRecord(z.enum(LANGUAGES), nonEmpty).default({}),
  source: z.strictObject({
    dataset: nonEmpty,
    licence: nonEmpty,
    attribution: nonEmpty.optional(),
    url: z.url().optional(),
    record: nonEmpty.optional(),
    /** Quality flags of the source record, kept as published. */
    qa: z.array(nonEmpty).optional(),
  }),
});

export const servicesFileSchema = z.strictObject({
  version: z.literal(1, { error: 'this file format is `version: 1`' }),
  services: z.array(z.unknown()),
});

export type ServiceRecord = z.infer<typeof serviceSchema>;
export type WeeklyHours = z.infer<typeof weeklyHours>;
export type HoursException = z.infer<typeof exception>;
