import { ThaiFormatError, quoteInput } from './thai-format.error.js';
import { toArabicDigits } from './thai-digits.js';
import { requiredGroup } from './regex-group.util.js';

/**
 * A calendar date with no time and no time zone (proleptic Gregorian,
 * year in CE). Deadlines, letter dates and register dates are civil dates in
 * Bangkok; convert instants with `bangkokCivilDate`.
 */
export interface CivilDate {
  /** Common Era year, 1..9999 (render it as BE with `toBuddhistYear`). */
  year: number;
  /** 1 = January … 12 = December. */
  month: number;
  /** 1..31 */
  day: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether a CE year is a Gregorian leap year (29 February exists). */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1-12) of a CE year. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Month must be 1-12, got ${String(month)}`);
  }
  // February has 29 days in a leap year.
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/**
 * Whether `d` is a real calendar date: integer fields, year 1..9999 (so that it
 * has a four-digit ISO form), month 1..12, and a day that exists in that month.
 */
export function isValidCivilDate(d: CivilDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1 &&
    d.year <= 9999 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** @throws RangeError if `d` is not a valid civil date. */
export function assertValidCivilDate(d: CivilDate): CivilDate {
  if (!isValidCivilDate(d)) {
    throw new RangeError(`Not a valid civil date: ${JSON.stringify(d)}`);
  }
  return d;
}

/** Orders two civil dates: negative if `a` is earlier, 0 if equal, positive if later. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return Math.sign(a.year - b.year || a.month - b.month || a.day - b.day);
}

/**
 * Days since 1970-01-01 of a civil date (negative before). Pure integer
 * arithmetic (H. Hinnant's days_from_civil), so no Date/time-zone pitfalls.
 */
export function civilDateToEpochDay(d: CivilDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (d.month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + d.day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link civilDateToEpochDay}. */
export function epochDayToCivilDate(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The date `n` days after `d` (before it if `n` is negative). Calendar days,
 * not working days.
 *
 * @throws RangeError if `d` is invalid, `n` is not an integer, or the result leaves years 1..9999.
 */
export function addDays(d: CivilDate, n: number): CivilDate {
  assertValidCivilDate(d);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`addDays expects an integer number of days, got ${String(n)}`);
  }
  return assertValidCivilDate(epochDayToCivilDate(civilDateToEpochDay(d) + n));
}

/** Day of the week of a civil date: 0 = Sunday (วันอาทิตย์) … 6 = Saturday (วันเสาร์). */
export function dayOfWeek(d: CivilDate): number {
  assertValidCivilDate(d);
  // 1970-01-01 was a Thursday (4).
  return (((civilDateToEpochDay(d) + 4) % 7) + 7) % 7;
}

/** ISO 8601 calendar form of a civil date: `{ year: 2023, month: 3, day: 24 }` → `'2023-03-24'`. */
export function civilDateToIso(d: CivilDate): string {
  assertValidCivilDate(d);
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_ACCEPTED_FORM = '2023-03-24 (YYYY-MM-DD, ค.ศ.)';
const ISO_ACCEPTED_FORM_TH = '2023-03-24 (ปี ค.ศ.-เดือน-วัน)';

/**
 * Reads a strict ISO 8601 calendar date `YYYY-MM-DD` (CE year; Thai digits are
 * accepted too, surrounding whitespace ignored).
 *
 * @throws ThaiFormatError (rule `'iso_date'`) if the text is not in that form or the date does not exist.
 */
export function parseIsoCivilDate(s: string): CivilDate {
  const text = toArabicDigits(s).trim();
  const match = ISO_DATE.exec(text);
  if (match === null) {
    throw new ThaiFormatError({
      rule: 'iso_date',
      messageTh: `${quoteInput(s)} ไม่ใช่วันที่รูปแบบ ISO (ปี ค.ศ. ๔ หลัก-เดือน ๒ หลัก-วัน ๒ หลัก)`,
      messageEn: `${quoteInput(s)} is not an ISO date (four-digit CE year, two-digit month, two-digit day)`,
      acceptedForm: ISO_ACCEPTED_FORM,
      acceptedFormTh: ISO_ACCEPTED_FORM_TH,
    });
  }
  const date: CivilDate = {
    year: Number(requiredGroup(match, 1)),
    month: Number(requiredGroup(match, 2)),
    day: Number(requiredGroup(match, 3)),
  };
  if (!isValidCivilDate(date)) {
    throw new ThaiFormatError({
      rule: 'iso_date',
      messageTh: `วันที่ ${quoteInput(s)} ไม่มีอยู่จริงในปฏิทิน`,
      messageEn: `${quoteInput(s)} is not a real calendar date`,
      acceptedForm: ISO_ACCEPTED_FORM,
      acceptedFormTh: ISO_ACCEPTED_FORM_TH,
    });
  }
  return date;
}
