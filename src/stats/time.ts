/**
 * Calendar arithmetic for statistics. Periods (day, month, week, quarter) are those of Europe/Rome, where the
 * programme reports; Rome's offset from UTC is a whole number of hours, so a UTC hour is also a Rome hour.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const TIME_ZONE = 'Europe/Rome';

const romeDate = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Start of the hour (ms since the epoch) that contains `at`. */
export function hourOf(at: number): number {
  return Math.floor(at / HOUR_MS) * HOUR_MS;
}

export interface CalendarPlace {
  /** YYYY-MM-DD in Europe/Rome. */
  day: string;
  /** YYYY-MM in Europe/Rome: also the period of the monthly person key. */
  month: string;
}

/** Caches the calendar of recent hours: events arrive in bursts within the same hour. */
const cache = new Map<number, CalendarPlace>();

export function calendarOf(at: number): CalendarPlace {
  const hour = hourOf(at);
  let place = cache.get(hour);
  if (!place) {
    const day = romeDate.format(new Date(hour));
    place = { day, month: day.slice(0, 7) };
    if (cache.size > 10_000) cache.clear();
    cache.set(hour, place);
  }
  return place;
}

const DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/**
 * Parses a period bound written by a person: `YYYY-MM-DD`, or `YYYY-MM` (the first day of the month for a
 * start, the last for an end). Returns the inclusive day as `YYYY-MM-DD`, or undefined when it is not a date.
 */
export function parseDayBound(text: string, side: 'from' | 'to'): string | undefined {
  const match = DATE.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = match[3] === undefined ? (side === 'from' ? 1 : lastDay) : Number(match[3]);
  if (day < 1 || day > lastDay) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Rome day `days` days before the day of `now` (for "the last 30 days"). */
export function dayBefore(now: number, days: number): string {
  return calendarOf(now - days * DAY_MS).day;
}
