import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import {
  addDays,
  bangkokCivilDate,
  bangkokInstant,
  civilDateToIso,
  compareCivilDates,
  dayOfWeek,
  parseThaiTime,
  type CivilDate,
  type Clock,
  type ThaiTime,
} from '@wian/thai';
import { CALENDAR_CLOCK } from './calendar-clock.token.js';
import { composeHolidayYear, type Holiday, type HolidayYear } from './holiday-year.js';
import { HolidayOverrideStore } from './holiday-override.store.js';
import { parseClockTime } from './office-hours.js';
import { packageHolidays } from './package-holidays.js';

/**
 * How long a year's holidays are trusted. This process drops a year at once when its own
 * administrator changes it; another process (the worker, a second API) sees the change within
 * this bound, because it reloads a year whose copy is older.
 */
export const HOLIDAY_CACHE_TTL_MS = 60_000;

/** The most working days one call may move (ten years): a guard against runaway loops. */
export const MAX_WORKING_DAYS = 2_600;

interface CachedYear {
  loadedAt: number;
  value: Promise<HolidayYear>;
}

/** Saturday (6) and Sunday (0). */
export function isWeekend(date: CivilDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/**
 * The Thai business calendar: working days are Monday to Friday except public holidays
 * (date-holidays, country TH) and the holidays administrators add, minus the package holidays
 * they mark as not observed. Deadlines end with office hours (OFFICE_HOURS_END, Asia/Bangkok).
 */
@Injectable()
export class BusinessCalendar {
  private readonly years = new Map<number, CachedYear>();
  private readonly officeHoursEnd: ThaiTime;

  constructor(
    private readonly overrides: HolidayOverrideStore,
    config: AppConfig,
    @Inject(CALENDAR_CLOCK) private readonly clock: Clock,
  ) {
    this.officeHoursEnd = parseClockTime(config.OFFICE_HOURS_END);
  }

  /** Whether offices are open on `date`: a weekday that is not a holiday. */
  async isWorkingDay(date: CivilDate): Promise<boolean> {
    if (isWeekend(date)) return false;
    const year = await this.holidayYear(date.year);
    return !year.dates.has(civilDateToIso(date));
  }

  /** The holidays observed on `date` (none on an ordinary day; weekends are not listed). */
  async holidaysOn(date: CivilDate): Promise<Holiday[]> {
    const iso = civilDateToIso(date);
    const year = await this.holidayYear(date.year);
    return year.holidays.filter((h) => civilDateToIso(h.date) === iso);
  }

  /**
   * The `n`th working day after `date` (before it when `n` is negative: "3 working days
   * before"); `date` itself need not be a working day and is never counted. n = 0 is `date`.
   *
   * @throws RangeError if `n` is not an integer or exceeds {@link MAX_WORKING_DAYS}.
   */
  async addWorkingDays(date: CivilDate, n: number): Promise<CivilDate> {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_WORKING_DAYS) {
      throw new RangeError(
        `Working days must be an integer within ±${MAX_WORKING_DAYS}, got ${String(n)}`,
      );
    }
    const step = n < 0 ? -1 : 1;
    let day = date;
    for (let left = Math.abs(n); left > 0;) {
      day = addDays(day, step);
      if (await this.isWorkingDay(day)) left -= 1;
    }
    return day;
  }

  /**
   * Working days after `from` up to and including `to` (negative when `to` is earlier), so
   * that `addWorkingDays(from, workingDaysBetween(from, to))` is `to` when `to` is a working day.
   */
  async workingDaysBetween(from: CivilDate, to: CivilDate): Promise<number> {
    const order = compareCivilDates(from, to);
    if (order === 0) return 0;
    const [start, end] = order < 0 ? [from, to] : [to, from];
    let count = 0;
    // Counts days in (start, end]; when going backwards that is (to, from], i.e. the days
    // that addWorkingDays(from, -k) would step over.
    for (let day = addDays(start, 1); compareCivilDates(day, end) <= 0; day = addDays(day, 1)) {
      if (await this.isWorkingDay(order < 0 ? day : addDays(day, -1))) count += 1;
    }
    return order < 0 ? count : -count;
  }

  /** The holidays observed in a CE year, in date order, with Thai names. */
  async holidaysIn(year: number): Promise<Holiday[]> {
    return (await this.holidayYear(year)).holidays;
  }

  /** A year's holidays and the package holidays set aside, cached (see HOLIDAY_CACHE_TTL_MS). */
  holidayYear(year: number): Promise<HolidayYear> {
    const now = this.clock.now().getTime();
    const cached = this.years.get(year);
    if (cached !== undefined && now - cached.loadedAt < HOLIDAY_CACHE_TTL_MS) return cached.value;
    const value = this.load(year);
    const entry = { loadedAt: now, value };
    this.years.set(year, entry);
    // A failed load is not cached: the next call tries again.
    value.catch(() => {
      if (this.years.get(year) === entry) this.years.delete(year);
    });
    return value;
  }

  /** Forgets the cached holidays of `year` (of every year when omitted). */
  invalidate(year?: number): void {
    if (year === undefined) this.years.clear();
    else this.years.delete(year);
  }

  /** The instant office hours end on `date` in Bangkok (16:30 unless configured otherwise). */
  endOfWorkingDay(date: CivilDate): Date {
    return bangkokInstant(date, this.officeHoursEnd.hour, this.officeHoursEnd.minute);
  }

  /**
   * "Within N working days of receipt": the end of office hours on the Nth working day after
   * the Bangkok day of receipt (the day of receipt does not count, whatever the hour). With
   * N = 0 it is the end of the day of receipt, or of the next working day when received on a
   * holiday or weekend.
   *
   * @throws RangeError for a negative or non-integer N.
   */
  async relativeDeadline(receivedAt: Date, workingDays: number): Promise<Date> {
    if (!Number.isInteger(workingDays) || workingDays < 0) {
      throw new RangeError(
        `A relative deadline needs a whole number of working days ≥ 0, got ${String(workingDays)}`,
      );
    }
    const received = bangkokCivilDate(receivedAt);
    const day =
      workingDays === 0 && !(await this.isWorkingDay(received))
        ? await this.addWorkingDays(received, 1)
        : await this.addWorkingDays(received, workingDays);
    return this.endOfWorkingDay(day);
  }

  /**
   * The instant Bangkok clocks show `time` on `date`: reminders at 08:30 on the deadline day.
   * `time` is `HH:MM` in either digit system (`๐๘:๓๐`, `8.30 น.` too).
   *
   * @throws ThaiFormatError for a time that cannot be read.
   */
  at(date: CivilDate, time: string): Date {
    const { hour, minute } = parseThaiTime(time);
    return bangkokInstant(date, hour, minute);
  }

  private async load(year: number): Promise<HolidayYear> {
    return composeHolidayYear(year, packageHolidays(year), await this.overrides.inYear(year));
  }
}
