import { describe, expect, it } from '@jest/globals';
import type { AppConfig } from '@wian/config';
import {
  addDays,
  civilDateToIso,
  ManualClock,
  parseIsoCivilDate,
  type CivilDate,
} from '@wian/thai';
import fc from 'fast-check';
import { BusinessCalendar, HOLIDAY_CACHE_TTL_MS } from './business-calendar.service.js';
import type { CalendarHoliday } from './calendar-holiday.entity.js';
import type { HolidayOverrideStore } from './holiday-override.store.js';

type Row = Pick<CalendarHoliday, 'date' | 'kind' | 'nameTh' | 'note'>;

/** An in-memory stand-in for the table, counting the reads. */
class FakeStore {
  reads = 0;
  constructor(public rows: Row[] = []) {}
  inYear(year: number): Promise<Row[]> {
    this.reads += 1;
    return Promise.resolve(this.rows.filter((r) => r.date.startsWith(`${year}-`)));
  }
}

const d = (iso: string): CivilDate => parseIsoCivilDate(iso);
const iso = (date: CivilDate): string => civilDateToIso(date);

function calendarWith(
  rows: Row[] = [],
  officeHoursEnd = '16:30',
  clock = new ManualClock(new Date('2023-03-20T02:00:00Z')),
): { calendar: BusinessCalendar; store: FakeStore; clock: ManualClock } {
  const store = new FakeStore(rows);
  const calendar = new BusinessCalendar(
    store as unknown as HolidayOverrideStore,
    { OFFICE_HOURS_END: officeHoursEnd } as AppConfig,
    clock,
  );
  return { calendar, store, clock };
}

/** วันหยุดชดเชยวันสงกรานต์ 2566: Monday 17 April 2023 (15 April fell on a Saturday). */
const SONGKRAN_SUBSTITUTION: Row = {
  date: '2023-04-17',
  kind: 'substitution',
  nameTh: 'วันหยุดชดเชยวันสงกรานต์',
  note: null,
};

describe('BusinessCalendar', () => {
  it('has 20–24 March 2566 as a normal working week and the weekend around it off', async () => {
    const { calendar } = calendarWith();
    for (const day of ['2023-03-20', '2023-03-21', '2023-03-22', '2023-03-23', '2023-03-24']) {
      expect([day, await calendar.isWorkingDay(d(day))]).toEqual([day, true]);
    }
    expect(await calendar.isWorkingDay(d('2023-03-18'))).toBe(false); // Saturday
    expect(await calendar.isWorkingDay(d('2023-03-19'))).toBe(false); // Sunday
    expect(await calendar.isWorkingDay(d('2023-03-25'))).toBe(false);
  });

  it('knows the package holidays: Makha Bucha 6 March 2566 and Songkran', async () => {
    const { calendar } = calendarWith();
    expect(await calendar.isWorkingDay(d('2023-03-06'))).toBe(false); // Monday, มาฆบูชา
    expect(await calendar.isWorkingDay(d('2023-04-13'))).toBe(false); // Thursday, สงกรานต์
    expect(await calendar.isWorkingDay(d('2023-04-14'))).toBe(false);
    expect(await calendar.isWorkingDay(d('2023-03-07'))).toBe(true);
    expect((await calendar.holidaysOn(d('2023-03-06'))).map((h) => h.nameTh)).toEqual(['วันมาฆบูชา']);
  });

  it('lists a year’s holidays with Thai names, in date order, two on one date kept apart', async () => {
    const { calendar } = calendarWith([SONGKRAN_SUBSTITUTION]);
    const holidays = await calendar.holidaysIn(2023);
    expect(holidays.find((h) => iso(h.date) === '2023-03-06')).toMatchObject({
      nameTh: 'วันมาฆบูชา',
      nameEn: 'Makha Bucha',
      kind: 'public',
      source: 'package',
    });
    expect(holidays.filter((h) => iso(h.date) === '2023-05-04').map((h) => h.nameTh)).toEqual([
      'วันฉัตรมงคล',
      'วันวิสาขบูชา',
    ]);
    expect(holidays.find((h) => iso(h.date) === '2023-04-17')).toMatchObject({
      kind: 'substitution',
      source: 'administrator',
    });
    const dates = holidays.map((h) => iso(h.date));
    expect([...dates].sort()).toEqual(dates);
  });

  it('adds working days across the Songkran long weekend', async () => {
    const plain = calendarWith().calendar;
    // Wed 12 April + 1: 13–14 holidays, 15–16 weekend → Monday 17.
    expect(iso(await plain.addWorkingDays(d('2023-04-12'), 1))).toBe('2023-04-17');
    const withSubstitution = calendarWith([SONGKRAN_SUBSTITUTION]).calendar;
    expect(iso(await withSubstitution.addWorkingDays(d('2023-04-12'), 1))).toBe('2023-04-18');
    expect(iso(await withSubstitution.addWorkingDays(d('2023-04-12'), 0))).toBe('2023-04-12');
  });

  it('counts backwards for a negative n ("3 working days before")', async () => {
    const { calendar } = calendarWith([SONGKRAN_SUBSTITUTION]);
    // Before Tue 18 April: 17 (substitution), 16–15 weekend, 14–13 Songkran, then 12, 11, 10.
    expect(iso(await calendar.addWorkingDays(d('2023-04-18'), -3))).toBe('2023-04-10');
    expect(iso(await calendar.addWorkingDays(d('2023-03-24'), -5))).toBe('2023-03-17');
  });

  it('counts the working days between two dates, both ways', async () => {
    const { calendar } = calendarWith();
    expect(await calendar.workingDaysBetween(d('2023-03-17'), d('2023-03-24'))).toBe(5);
    expect(await calendar.workingDaysBetween(d('2023-03-24'), d('2023-03-17'))).toBe(-5);
    expect(await calendar.workingDaysBetween(d('2023-03-03'), d('2023-03-07'))).toBe(1); // 6th off
    expect(await calendar.workingDaysBetween(d('2023-03-20'), d('2023-03-20'))).toBe(0);
  });

  it('makes workingDaysBetween the inverse of addWorkingDays', async () => {
    const { calendar } = calendarWith([SONGKRAN_SUBSTITUTION]);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: -40, max: 40 }),
        async (offset, n) => {
          const start = addDays(d('2022-06-01'), offset);
          const end = await calendar.addWorkingDays(start, n);
          expect(await calendar.isWorkingDay(end)).toBe(
            n === 0 ? await calendar.isWorkingDay(end) : true,
          );
          expect(await calendar.workingDaysBetween(start, end)).toBe(n);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('follows the administrator: an added day is off, a set-aside package holiday is worked', async () => {
    const { calendar } = calendarWith([
      { date: '2023-12-05', kind: 'not_observed', nameTh: 'วันพ่อแห่งชาติ', note: 'ทดสอบ' },
      { date: '2023-03-21', kind: 'special', nameTh: 'วันหยุดพิเศษ', note: null },
    ]);
    expect(await calendar.isWorkingDay(d('2023-12-05'))).toBe(true);
    expect(await calendar.isWorkingDay(d('2023-03-21'))).toBe(false);
    const year = await calendar.holidayYear(2023);
    expect(year.notObserved.map((h) => iso(h.date))).toEqual(['2023-12-05']);
  });

  it('ends a working day at 16:30 in Bangkok, which is 09:30 UTC', () => {
    const { calendar } = calendarWith();
    expect(calendar.endOfWorkingDay(d('2023-03-24')).toISOString()).toBe(
      '2023-03-24T09:30:00.000Z',
    );
    expect(calendarWith([], '15:30').calendar.endOfWorkingDay(d('2023-03-24')).toISOString()).toBe(
      '2023-03-24T08:30:00.000Z',
    );
  });

  it('puts a reminder at a Bangkok time of the day, in either digit system', () => {
    const { calendar } = calendarWith();
    expect(calendar.at(d('2023-03-24'), '08:30').toISOString()).toBe('2023-03-24T01:30:00.000Z');
    expect(calendar.at(d('2023-03-24'), '๐๘:๓๐').toISOString()).toBe('2023-03-24T01:30:00.000Z');
    expect(() => calendar.at(d('2023-03-24'), '25:00')).toThrow();
  });

  it('ends "within N working days of receipt" on the Nth working day after, across a weekend', async () => {
    const { calendar } = calendarWith();
    // Received Friday 24 March 2566 at 10:00 Bangkok; within 1 working day → Monday 16:30.
    const friday = new Date('2023-03-24T03:00:00Z');
    expect((await calendar.relativeDeadline(friday, 1)).toISOString()).toBe(
      '2023-03-27T09:30:00.000Z',
    );
    expect((await calendar.relativeDeadline(friday, 3)).toISOString()).toBe(
      '2023-03-29T09:30:00.000Z',
    );
    // 01:00 on Saturday in Bangkok (still Friday in UTC): the day of receipt is Saturday.
    const saturdayNight = new Date('2023-03-24T18:00:00Z');
    expect((await calendar.relativeDeadline(saturdayNight, 1)).toISOString()).toBe(
      '2023-03-27T09:30:00.000Z',
    );
    expect((await calendar.relativeDeadline(saturdayNight, 0)).toISOString()).toBe(
      '2023-03-27T09:30:00.000Z',
    );
    expect((await calendar.relativeDeadline(friday, 0)).toISOString()).toBe(
      '2023-03-24T09:30:00.000Z',
    );
    await expect(calendar.relativeDeadline(friday, -1)).rejects.toThrow(RangeError);
  });

  it('reads a year once, again after invalidate() and after the cache bound', async () => {
    const { calendar, store, clock } = calendarWith();
    await calendar.isWorkingDay(d('2023-03-06'));
    await calendar.addWorkingDays(d('2023-03-01'), 10);
    expect(store.reads).toBe(1);
    store.rows = [{ date: '2023-03-22', kind: 'special', nameTh: 'วันหยุดพิเศษ', note: null }];
    expect(await calendar.isWorkingDay(d('2023-03-22'))).toBe(true); // cached
    calendar.invalidate(2023);
    expect(await calendar.isWorkingDay(d('2023-03-22'))).toBe(false);
    expect(store.reads).toBe(2);
    store.rows = [];
    clock.advance(HOLIDAY_CACHE_TTL_MS + 1);
    expect(await calendar.isWorkingDay(d('2023-03-22'))).toBe(true);
    expect(store.reads).toBe(3);
  });

  it('refuses a non-integer or runaway number of working days', async () => {
    const { calendar } = calendarWith();
    await expect(calendar.addWorkingDays(d('2023-03-20'), 1.5)).rejects.toThrow(RangeError);
    await expect(calendar.addWorkingDays(d('2023-03-20'), 1e6)).rejects.toThrow(RangeError);
  });
});
