import type { OpeningState } from '../engine/ports.js';
import { addDays, isNationalHoliday, romeMoment, toMinutes, type LocalDay, type RomeMoment } from './calendar.js';
import { WEEKDAYS, type HoursException, type WeeklyHours } from './schema.js';

/**
 * Opening hours in Europe/Rome: weekly ranges, minus national holidays, local holidays (a patron day) and
 * dated exceptions (closed, or other hours). Unknown hours say nothing: `openNow` and `today` are null.
 */

export interface Timetable {
  hours?: WeeklyHours;
  exceptions: readonly HoursException[];
  /** Local holidays as MM-DD (the service's and its comune's). */
  holidays: readonly string[];
}

/** How far ahead "next opening" looks: three weeks covers a Christmas-to-Epiphany closure. */
const LOOKAHEAD_DAYS = 21;

export function openingState(timetable: Timetable, at: Date | RomeMoment): OpeningState {
  if (!timetable.hours) return { openNow: null, today: null };
  const now = at instanceof Date ? romeMoment(at) : at;
  const today = dayRanges(timetable, now);
  const state: OpeningState = { openNow: false, today: today.ranges };
  if (today.closedBecause) state.closedBecause = today.closedBecause;
  state.openNow = today.ranges.some((r) => {
    const [from, to] = split(r);
    return now.minutes >= from && now.minutes < to;
  });
  if (!state.openNow) {
    const laterToday = today.ranges.find((r) => split(r)[0] > now.minutes);
    if (laterToday) state.next = { date: now.iso, weekday: now.weekday, from: laterToday.slice(0, 5) };
    else {
      for (let n = 1; n <= LOOKAHEAD_DAYS; n++) {
        const day = addDays(now, n);
        const first = dayRanges(timetable, day).ranges[0];
        if (first) {
          state.next = { date: day.iso, weekday: day.weekday, from: first.slice(0, 5) };
          break;
        }
      }
    }
  }
  return state;
}

/** Only whether it is open now (null when the hours are unknown): what ranking needs, without the look-ahead. */
export function openNow(timetable: Timetable, now: RomeMoment): boolean | null {
  if (!timetable.hours) return null;
  return dayRanges(timetable, now).ranges.some((r) => {
    const [from, to] = split(r);
    return now.minutes >= from && now.minutes < to;
  });
}

/** The ranges of one calendar day, after exceptions and holidays. */
export function dayRanges(timetable: Timetable, day: LocalDay): { ranges: string[]; closedBecause?: 'holiday' | 'exception' } {
  const weekly = timetable.hours?.[WEEKDAYS[day.weekday - 1]!] ?? [];
  const exception = timetable.exceptions.find((e) => e.date === day.iso);
  if (exception) {
    if (exception.hours) return { ranges: exception.hours };
    return weekly.length > 0 ? { ranges: [], closedBecause: 'exception' } : { ranges: [] };
  }
  if (isNationalHoliday(day) || timetable.holidays.includes(day.monthDay)) {
    return weekly.length > 0 ? { ranges: [], closedBecause: 'holiday' } : { ranges: [] };
  }
  return { ranges: weekly };
}

function split(range: string): [number, number] {
  return [toMinutes(range.slice(0, 5)), toMinutes(range.slice(6))];
}
