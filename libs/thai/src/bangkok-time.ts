import {
  type CivilDate,
  assertValidCivilDate,
  civilDateToEpochDay,
  epochDayToCivilDate,
} from './civil-date.js';

/** IANA zone of every civil date and time in Thai correspondence. */
export const BANGKOK_TIME_ZONE = 'Asia/Bangkok';

/**
 * Thailand has kept UTC+07:00 all year, with no daylight saving time, since
 * 1 April 1920 (before that Bangkok used local mean time, +06:42:04). We use
 * the fixed offset for arithmetic instead of asking the host's time-zone data:
 * it is exact for every date the system handles and does not depend on the
 * server's TZ setting.
 */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** A wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

function bangkokWallClockMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError('Invalid Date');
  }
  return ms + BANGKOK_OFFSET_MS;
}

/**
 * The calendar date in Bangkok at `instant`. Between 17:00 and 23:59 UTC it is
 * already the next day in Bangkok: 2023-03-23T18:00:00Z → 24 March 2023.
 *
 * @throws RangeError for an invalid Date or one outside years 1..9999.
 */
export function bangkokCivilDate(instant: Date): CivilDate {
  return assertValidCivilDate(
    epochDayToCivilDate(Math.floor(bangkokWallClockMs(instant) / MS_PER_DAY)),
  );
}

/**
 * The instant at which Bangkok wall clocks show `date` `hour:minute:second`.
 *
 * @throws RangeError if the date is invalid or the time is not 00:00:00..23:59:59 (integers).
 */
export function bangkokInstant(date: CivilDate, hour = 0, minute = 0, second = 0): Date {
  assertValidCivilDate(date);
  assertTimeField('hour', hour, 23);
  assertTimeField('minute', minute, 59);
  assertTimeField('second', second, 59);
  const wallClockMs =
    civilDateToEpochDay(date) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  return new Date(wallClockMs - BANGKOK_OFFSET_MS);
}

/** The Bangkok wall-clock time of day at `instant` (milliseconds are dropped). */
export function bangkokTimeOfDay(instant: Date): TimeOfDay {
  const msOfDay = mod(bangkokWallClockMs(instant), MS_PER_DAY);
  const secondsOfDay = Math.floor(msOfDay / 1000);
  return {
    hour: Math.floor(secondsOfDay / 3600),
    minute: Math.floor(secondsOfDay / 60) % 60,
    second: secondsOfDay % 60,
  };
}

/**
 * `instant` as ISO 8601 in Bangkok time, to the second: 2023-03-24T09:30:00.000Z →
 * "2023-03-24T16:30:00+07:00". For English messages and logs a person reads; Thai text uses
 * formatThaiDateTime.
 */
export function bangkokIsoString(instant: Date): string {
  return `${new Date(bangkokWallClockMs(instant)).toISOString().slice(0, 19)}+07:00`;
}

function assertTimeField(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer 0..${String(max)}, got ${String(value)}`);
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
