/**
 * Time in Europe/Rome and the Italian public holidays, with no date library: Intl gives the wall clock,
 * calendar arithmetic is done on plain year/month/day numbers (so daylight saving never shifts a day).
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface LocalDay {
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
  /** YYYY-MM-DD */
  iso: string;
  /** MM-DD, the key of recurring holidays */
  monthDay: string;
}

export interface RomeMoment extends LocalDay {
  /** Minutes since local midnight. */
  minutes: number;
}

const romeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The wall-clock date and time in Rome at `at`. */
export function romeMoment(at: Date): RomeMoment {
  const parts: Record<string, number> = {};
  for (const p of romeFormat.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const day = localDay(parts.year!, parts.month!, parts.day!);
  return { ...day, minutes: (parts.hour! % 24) * 60 + parts.minute! };
}

export function localDay(year: number, month: number, day: number): LocalDay {
  const utc = new Date(Date.UTC(year, month - 1, day));
  const y = utc.getUTCFullYear();
  const m = utc.getUTCMonth() + 1;
  const d = utc.getUTCDate();
  const weekday = (((utc.getUTCDay() + 6) % 7) + 1) as Weekday;
  const monthDay = `${pad(m)}-${pad(d)}`;
  return { year: y, month: m, day: d, weekday, iso: `${String(y).padStart(4, '0')}-${monthDay}`, monthDay };
}

export function addDays(day: LocalDay, n: number): LocalDay {
  return localDay(day.year, day.month, day.day + n);
}

/** Easter Sunday (Gregorian calendar), by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): LocalDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDay(year, month, day);
}

/**
 * National public holidays (L. 260/1949 and amendments): fixed dates, Easter Sunday and Monday, and from 2026
 * the feast of St Francis on 4 October (L. 151/2025).
 */
const FIXED_HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];

const holidayCache = new Map<number, Set<string>>();

/** The ISO dates (YYYY-MM-DD) of the national holidays of `year`. */
export function nationalHolidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (set) return set;
  const y = String(year).padStart(4, '0');
  set = new Set(FIXED_HOLIDAYS.map((md) => `${y}-${md}`));
  if (year >= 2026) set.add(`${y}-10-04`);
  const easter = easterSunday(year);
  set.add(easter.iso);
  set.add(addDays(easter, 1).iso);
  holidayCache.set(year, set);
  return set;
}

export function isNationalHoliday(day: LocalDay): boolean {
  return nationalHolidays(day.year).has(day.iso);
}

export function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export function fromMinutes(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
