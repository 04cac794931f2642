import type { Translator } from '../i18n/translator.js';
import type { ServiceHit, TopicAnswer } from './ports.js';
import { RTL_LANGUAGES, type Lang } from './types.js';

/** Turning answers and services into the words a person reads, in their language. Pure functions. */

export const dirOf = (lang: Lang): 'ltr' | 'rtl' => (RTL_LANGUAGES.includes(lang) ? 'rtl' : 'ltr');

const ROME = 'Europe/Rome';

export function formatDate(isoDate: string, lang: Lang): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: ROME }).format(date);
}

/** The name of an ISO weekday (1 = Monday ... 7 = Sunday) in `lang`. */
export function weekdayName(weekday: number, lang: Lang): string {
  // 2023-01-02 was a Monday.
  const date = new Date(Date.UTC(2023, 0, 1 + weekday, 12));
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * The messages of an answer, with its update date and official sources appended to the last one,
 * and a notice first when the text is not in the language asked for.
 */
export function answerMessages(answer: TopicAnswer, asked: Lang, t: Translator): string[] {
  const messages = [...answer.messages];
  if (answer.lang !== asked) messages.unshift(t.t(asked, 'answer.in_italian'));
  const meta = [t.t(asked, 'answer.updated', { date: formatDate(answer.updated, asked) })];
  for (const s of answer.sources) meta.push(`${t.t(asked, 'answer.source', { title: s.title })}\n${s.url}`);
  const last = messages.length - 1;
  messages[last] = `${messages[last]}\n\n${meta.join('\n')}`;
  return messages;
}

/** One service as a short card. Unknown details (hours, address, contacts) are simply not shown. */
export function serviceCard(hit: ServiceHit, index: number, lang: Lang, t: Translator): string {
  const km = new Intl.NumberFormat(lang, { maximumFractionDigits: hit.distanceKm < 10 ? 1 : 0 }).format(hit.distanceKm);
  const lines = [`**${index}. ${hit.name}** · ${t.t(lang, 'find.distance', { km })}`];
  if (hit.address) lines.push(hit.address);
  if (hit.approximate) lines.push(t.t(lang, 'find.approximate'));
  const opening = openingLine(hit, lang, t);
  if (opening) lines.push(opening);
  if (hit.appointment) lines.push(t.t(lang, 'find.appointment'));
  const c = hit.contacts;
  const contacts = [c.phone && `☎ ${c.phone}`, c.whatsapp && `WhatsApp ${c.whatsapp}`, c.telegram && `Telegram ${c.telegram}`, c.email && `✉ ${c.email}`, c.web && c.web]
    .filter(Boolean)
    .join('\n');
  if (contacts) lines.push(contacts);
  if (hit.note) lines.push(hit.note);
  return lines.join('\n');
}

function openingLine(hit: ServiceHit, lang: Lang, t: Translator): string | undefined {
  const o = hit.opening;
  if (o.openNow === null) return undefined;
  const parts: string[] = [];
  if (o.openNow) parts.push(t.t(lang, 'find.open_now'));
  else if (o.closedBecause === 'holiday') parts.push(t.t(lang, 'find.closed_holiday'));
  else if (o.today && o.today.length === 0) parts.push(t.t(lang, 'find.closed_today'));
  else parts.push(t.t(lang, 'find.closed_now'));
  if (o.today && o.today.length > 0) parts.push(t.t(lang, 'find.today', { hours: o.today.map((r) => r.replace('-', '–')).join(', ') }));
  if (!o.openNow && o.next) parts.push(t.t(lang, 'find.opens_next', { day: weekdayName(o.next.weekday, lang), time: o.next.from }));
  return parts.join(' · ');
}
