import { type CivilDate, assertValidCivilDate, dayOfWeek } from './civil-date.js';
import { bangkokCivilDate, bangkokTimeOfDay } from './bangkok-time.js';
import { toBuddhistYear } from './buddhist-era.js';
import { type DigitSystem, renderDigits } from './thai-digits.js';
import { THAI_MONTHS, THAI_MONTHS_ABBR, THAI_WEEKDAYS } from './thai-calendar.names.js';

/**
 * How a date is written:
 * - `long`: `๒๗ กุมภาพันธ์ ๒๕๖๖` (the date line of a letter)
 * - `short`: `๘ มี.ค. ๒๕๖๖` (registers, stamps, references)
 * - `full`: `วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖` (deadlines in the body of a letter)
 */
export type ThaiDateStyle = 'long' | 'short' | 'full';

export interface ThaiTimeFormatOptions {
  /** Numerals to use; Thai digits (๐-๙) by default. */
  digits?: DigitSystem;
}

export interface ThaiDateFormatOptions extends ThaiTimeFormatOptions {
  /** Write `พ.ศ. ` before the year (letters themselves omit it). Default false. */
  withEraLabel?: boolean;
}

/**
 * Writes a date the Thai official way, with the Buddhist Era year. A `Date` is
 * first converted to its calendar date in Asia/Bangkok, whatever the server's
 * time zone.
 *
 * @example formatThaiDate({ year: 2023, month: 2, day: 27 }) // '๒๗ กุมภาพันธ์ ๒๕๖๖'
 * @example formatThaiDate(new Date('2023-03-24T03:00:00Z'), 'full') // 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖'
 * @throws RangeError for an invalid Date or civil date.
 */
export function formatThaiDate(
  value: Date | CivilDate,
  style: ThaiDateStyle = 'long',
  options: ThaiDateFormatOptions = {},
): string {
  const date = value instanceof Date ? bangkokCivilDate(value) : assertValidCivilDate(value);
  const digits = options.digits ?? 'thai';
  const year = `${options.withEraLabel === true ? 'พ.ศ. ' : ''}${renderDigits(toBuddhistYear(date.year), digits)}`;
  const day = renderDigits(date.day, digits);
  switch (style) {
    case 'long':
      return `${day} ${THAI_MONTHS[date.month - 1]} ${year}`;
    case 'short':
      return `${day} ${THAI_MONTHS_ABBR[date.month - 1]} ${year}`;
    case 'full':
      return `${THAI_WEEKDAYS[dayOfWeek(date)]}ที่ ${day} ${THAI_MONTHS[date.month - 1]} ${year}`;
  }
}

/**
 * Writes the Bangkok wall-clock time of `instant` as Thai officials do:
 * 24-hour clock, two-digit hour and minute, then `น.` (นาฬิกา): `๐๙:๑๕ น.`.
 *
 * @throws RangeError for an invalid Date.
 */
export function formatThaiTime(instant: Date, options: ThaiTimeFormatOptions = {}): string {
  const { hour, minute } = bangkokTimeOfDay(instant);
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return `${renderDigits(hhmm, options.digits ?? 'thai')} น.`;
}

/**
 * Date and time of an instant in Bangkok, as on a receipt stamp:
 * `formatThaiDateTime(instant, 'short')` → `๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.`.
 * The style defaults to `long`, like {@link formatThaiDate}.
 *
 * @throws RangeError for an invalid Date.
 */
export function formatThaiDateTime(
  instant: Date,
  style: ThaiDateStyle = 'long',
  options: ThaiDateFormatOptions = {},
): string {
  return `${formatThaiDate(instant, style, options)} ${formatThaiTime(instant, options)}`;
}
