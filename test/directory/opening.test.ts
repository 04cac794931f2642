import { describe, expect, it } from 'vitest';
import { easterSunday, nationalHolidays, openingState, romeMoment, type Timetable } from '../../src/directory/index.js';
import { loadDirectory } from '../../src/directory/index.js';
import { ROOT, rome } from './helpers.js';

const weekdays = { mon: ['09:00-12:30', '14:00-17:00'], tue: ['09:00-12:30'], wed: ['09:00-12:30'], thu: ['09:00-12:30'], fri: ['09:00-12:30'] };
const office = (extra: Partial<Timetable> = {}): Timetable => ({ hours: weekdays, exceptions: [], holidays: [], ...extra });

describe('Easter and the national holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, iso) => expect(easterSunday(year).iso).toBe(iso));

  it('counts Easter Monday, the fixed days and, from 2026, 4 October', () => {
    const h2027 = nationalHolidays(2027);
    for (const d of ['2027-01-01', '2027-01-06', '2027-03-29', '2027-04-25', '2027-05-01', '2027-06-02', '2027-08-15', '2027-10-04', '2027-11-01', '2027-12-08', '2027-12-25', '2027-12-26']) {
      expect(h2027.has(d), d).toBe(true);
    }
    expect(h2027.size).toBe(13);
    expect(nationalHolidays(2025).has('2025-10-04')).toBe(false);
  });
});

describe('Rome time', () => {
  it('reads the wall clock in Rome across daylight saving time', () => {
    expect(romeMoment(new Date('2026-07-01T08:00:00Z'))).toMatchObject({ iso: '2026-07-01', minutes: 10 * 60, weekday: 3 });
    expect(romeMoment(new Date('2026-12-31T23:30:00Z'))).toMatchObject({ iso: '2027-01-01', minutes: 30, weekday: 5 });
  });
});

describe('openingState', () => {
  it('is open inside a range and closed between ranges, with the next opening', () => {
    expect(openingState(office(), rome('2026-11-23T10:00'))).toEqual({ openNow: true, today: weekdays.mon });
    expect(openingState(office(), rome('2026-11-23T13:00'))).toEqual({
      openNow: false,
      today: weekdays.mon,
      next: { date: '2026-11-23', weekday: 1, from: '14:00' },
    });
  });

  it('is closed at the end minute of a range', () => {
    expect(openingState(office(), rome('2026-11-24T12:30')).openNow).toBe(false);
  });

  it('closes on Christmas 2026 (a Friday) and opens next on Monday 28', () => {
    expect(openingState(office(), rome('2026-12-25T10:00'))).toEqual({
      openNow: false,
      today: [],
      closedBecause: 'holiday',
      next: { date: '2026-12-28', weekday: 1, from: '09:00' },
    });
  });

  it('closes on Easter Monday 2027-03-29', () => {
    expect(openingState(office(), rome('2027-03-29T10:00'))).toMatchObject({ openNow: false, closedBecause: 'holiday', next: { date: '2027-03-30' } });
  });

  it('closes on a local holiday (MM-DD) only where the timetable has it', () => {
    const at = rome('2026-12-07T10:00'); // a Monday: Sant'Ambrogio in Milano
    expect(openingState(office({ holidays: ['12-07'] }), at)).toMatchObject({ openNow: false, closedBecause: 'holiday' });
    expect(openingState(office(), at).openNow).toBe(true);
  });

  it('applies dated exceptions: closed, or other hours', () => {
    const closed = office({ exceptions: [{ date: '2026-11-23', closed: true }] });
    expect(openingState(closed, rome('2026-11-23T10:00'))).toMatchObject({ openNow: false, today: [], closedBecause: 'exception' });
    const short = office({ exceptions: [{ date: '2026-11-23', hours: ['08:00-09:30'] }] });
    expect(openingState(short, rome('2026-11-23T09:00'))).toEqual({ openNow: true, today: ['08:00-09:30'] });
    // An exception can open a service on a holiday.
    const special = office({ exceptions: [{ date: '2026-12-25', hours: ['10:00-11:00'] }] });
    expect(openingState(special, rome('2026-12-25T10:30')).openNow).toBe(true);
  });

  it('does not call a normally closed day closed "because of" a holiday', () => {
    const state = openingState(office(), rome('2026-11-22T10:00')); // a Sunday
    expect(state.closedBecause).toBeUndefined();
    expect(state).toMatchObject({ openNow: false, today: [], next: { date: '2026-11-23', from: '09:00' } });
  });

  it('says nothing when the hours are unknown', () => {
    expect(openingState({ exceptions: [], holidays: [] }, rome('2026-11-23T10:00'))).toEqual({ openNow: null, today: null });
  });

  it('handles ranges to midnight', () => {
    const late = { hours: { sat: ['20:00-24:00'] }, exceptions: [], holidays: [] };
    expect(openingState(late, rome('2026-11-28T23:59')).openNow).toBe(true);
  });
});

describe('holidays in the real directory', () => {
  const { directory } = loadDirectory(ROOT);
  const anagrafe = () => directory.service('mi-001')!;

  it('Milano offices close on 7 December (Sant\'Ambrogio) through the comune\'s patron day', () => {
    expect(anagrafe().timetable.holidays).toContain('12-07');
    expect(directory.opening('mi-001', rome('2026-12-07T10:00'))).toMatchObject({ openNow: false, closedBecause: 'holiday', next: { date: '2026-12-09' } });
    expect(directory.opening('mi-001', rome('2026-12-09T10:00'))?.openNow).toBe(true);
  });

  it('a holiday turns an open Milano office into a closed one in nearest()', () => {
    const query = { lat: 45.4642, lon: 9.19, need: { kind: 'anagrafe' }, limit: 1 };
    expect(directory.nearest({ ...query, at: rome('2026-12-23T10:00') })[0]?.opening.openNow).toBe(true);
    expect(directory.nearest({ ...query, at: rome('2026-12-25T10:00') })[0]?.opening).toMatchObject({ openNow: false, closedBecause: 'holiday' });
  });
});
