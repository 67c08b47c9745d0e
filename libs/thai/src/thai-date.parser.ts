import { type CivilDate, dayOfWeek, daysInMonth } from './civil-date.js';
import {
  assertCommonYearInRange,
  normalizeYearToCE,
  toBuddhistYear,
  toCommonYear,
} from './buddhist-era.js';
import { THAI_MONTHS, THAI_MONTHS_ABBR, THAI_WEEKDAYS } from './thai-calendar.names.js';
import { ThaiFormatError, quoteInput } from './thai-format.error.js';
import { normalizeThaiInput } from './thai-text.js';
import { toThaiDigits } from './thai-digits.js';
import { optionalGroup, requiredGroup } from './regex-group.util.js';
import { bangkokInstant } from './bangkok-time.js';

/** Bangkok is UTC+7 all year (no daylight saving). */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A wall-clock time read from text (Bangkok time by convention). */
export interface ThaiTime {
  hour: number;
  minute: number;
}

const DATE_ACCEPTED_FORM =
  '๒๗ กุมภาพันธ์ ๒๕๖๖, 27 ก.พ. 2566, วันศุกร์ที่ ๒๔ มีนาคม พ.ศ. ๒๕๖๖, 24/3/2566 or 2023-03-24';
const DATE_ACCEPTED_FORM_TH =
  '๒๗ กุมภาพันธ์ ๒๕๖๖, ๒๗ ก.พ. ๒๕๖๖, วันศุกร์ที่ ๒๔ มีนาคม พ.ศ. ๒๕๖๖, ๒๔/๓/๒๕๖๖ หรือแบบ ISO 2023-03-24 (เลขไทยหรือเลขอารบิกก็ได้)';
const TIME_ACCEPTED_FORM = '๐๙:๑๕ น., 09:15, 9.15 น. (00:00–23:59)';
const TIME_ACCEPTED_FORM_TH = '๐๙:๑๕ น. หรือ ๙.๑๕ น. (๐๐:๐๐–๒๓:๕๙)';

/** Longer than any date or time anyone writes; refuse before running patterns. */
const MAX_INPUT_LENGTH = 120;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Abbreviations may be written with or without their dots and with a space
// after a dot: "มี.ค.", "มี.ค", "มีค", "มี. ค.".
function abbreviationPattern(abbr: string): string {
  return abbr
    .split('.')
    .filter((part) => part !== '')
    .map(escapeRegExp)
    .join('\\.?\\s?')
    .concat('\\.?');
}

/** Month lookup key: the name with dots and spaces removed. */
function monthKey(text: string): string {
  return text.replace(/[.\s]/g, '');
}

const MONTH_BY_KEY = new Map<string, number>([
  ...THAI_MONTHS.map((name, i): [string, number] => [monthKey(name), i + 1]),
  ...THAI_MONTHS_ABBR.map((abbr, i): [string, number] => [monthKey(abbr), i + 1]),
]);

// Longest alternatives first so that a full name is never cut short by an abbreviation.
const MONTH_PATTERN = [
  ...THAI_MONTHS.map(escapeRegExp),
  ...THAI_MONTHS_ABBR.map(abbreviationPattern),
]
  .sort((a, b) => b.length - a.length)
  .join('|');

// Weekday names without "วัน"; "พฤหัส" is the everyday short form of พฤหัสบดี.
const WEEKDAY_BY_NAME = new Map<string, number>([
  ...THAI_WEEKDAYS.map((name, i): [string, number] => [name.replace(/^วัน/, ''), i]),
  ['พฤหัส', 4],
]);
const WEEKDAY_PATTERN = [...WEEKDAY_BY_NAME.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');

// Era labels: พ.ศ. / พ.ศ / พศ / พุทธศักราช (Buddhist) and ค.ศ. / คริสต์ศักราช (Common Era).
const ERA_PATTERN = 'พ\\.?\\s?ศ\\.?|พุทธศักราช|ค\\.?\\s?ศ\\.?|คริสต์ศักราช';

/**
 * "[วัน<weekday>ที่ | วันที่] <day> [เดือน] <month> [<era>] <year>" after normalisation
 * (Arabic digits, single spaces). Spaces between tokens are optional.
 */
const TEXT_DATE = new RegExp(
  `^(?:(?:วัน)?(${WEEKDAY_PATTERN})\\s?(?:ที่\\s?)?|วันที่\\s?)?(\\d{1,2})\\s?(?:เดือน\\s?)?(${MONTH_PATTERN})\\s?(?:(${ERA_PATTERN})\\s?)?(\\d{1,6})$`,
);
/** Day/month/year, the Thai order: 24/3/2566. */
const SLASH_DATE = /^(\d{1,2}) ?\/ ?(\d{1,2}) ?\/ ?(\d{1,6})$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Shape of a text date whose month word we did not recognise, for a better message. */
const UNKNOWN_MONTH = /^(?:\S+ )?\d{1,2} ?([^\d\s]+) ?\d{1,6}$/;

function dateError(messageTh: string, messageEn: string, rule = 'thai_date'): ThaiFormatError {
  return new ThaiFormatError({
    rule,
    messageTh,
    messageEn,
    acceptedForm: DATE_ACCEPTED_FORM,
    acceptedFormTh: DATE_ACCEPTED_FORM_TH,
  });
}

/** Year as written + how the era was given → CE year (labels force the era). */
function yearToCE(written: number, eraLabel: string | undefined): number {
  if (eraLabel === undefined) {
    return normalizeYearToCE(written);
  }
  if (eraLabel.startsWith('ค')) {
    return assertCommonYearInRange(written, 'CE', written);
  }
  return assertCommonYearInRange(toCommonYear(written), 'BE', written);
}

function buildDate(year: number, month: number, day: number): CivilDate {
  if (month < 1 || month > 12) {
    throw dateError(
      `ไม่มีเดือนที่ ${toThaiDigits(month)}: เดือนต้องอยู่ระหว่าง ๑ ถึง ๑๒`,
      `There is no month ${String(month)}: months run from 1 to 12`,
    );
  }
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay) {
    const monthTh = THAI_MONTHS[month - 1];
    const yearBE = toBuddhistYear(year);
    const leapNoteTh =
      month === 2 && day === 29 ? ` เพราะปี ${toThaiDigits(yearBE)} ไม่ใช่ปีอธิกสุรทิน` : '';
    const leapNoteEn =
      month === 2 && day === 29 ? ` because ${String(year)} is not a leap year` : '';
    throw dateError(
      `วันที่ ${toThaiDigits(day)} ${monthTh} ${toThaiDigits(yearBE)} ไม่มีอยู่จริง: เดือน${monthTh} ปีนั้นมี ${toThaiDigits(lastDay)} วัน${leapNoteTh}`,
      `Day ${String(day)} does not exist in ${monthTh} (month ${String(month)}) of BE ${String(yearBE)} / CE ${String(year)}: that month has ${String(lastDay)} days${leapNoteEn}`,
    );
  }
  return { year, month, day };
}

/**
 * Reads a date written the Thai way and returns it as a civil date (CE year).
 *
 * Accepted: `๒๗ กุมภาพันธ์ ๒๕๖๖`, `๘ มี.ค. ๒๕๖๖` (abbreviations with or without
 * dots: `มีค`), `วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖`, `วันที่ ๒๔ เดือนมีนาคม ๒๕๖๖` (forms), with or without
 * `พ.ศ.`/`พ.ศ`/`ค.ศ.` before the year, `24/3/2566` (day/month/year) and ISO
 * `2023-03-24`; Thai or Arabic digits; irregular whitespace. An unlabelled year
 * below 2400 is CE, otherwise BE; `พ.ศ.` forces BE and `ค.ศ.` forces CE.
 *
 * @throws ThaiFormatError rule `'thai_date'` for unreadable text or a date that does
 *   not exist (31 เมษายน, 29 ก.พ. of a common year); `'weekday_mismatch'` if the
 *   weekday given is not the weekday of that date; `'year_range'` for an implausible year.
 */
export function parseThaiDate(input: string): CivilDate {
  if (input.length > MAX_INPUT_LENGTH) {
    throw dateError(
      `ข้อความยาวเกินกว่าจะเป็นวันที่ (${toThaiDigits(input.length)} ตัวอักษร)`,
      `Text is too long to be a date (${String(input.length)} characters)`,
    );
  }
  const text = normalizeThaiInput(input);

  const iso = ISO_DATE.exec(text);
  if (iso !== null) {
    return buildDate(
      normalizeYearToCE(Number(requiredGroup(iso, 1))),
      Number(requiredGroup(iso, 2)),
      Number(requiredGroup(iso, 3)),
    );
  }

  const slash = SLASH_DATE.exec(text);
  if (slash !== null) {
    return buildDate(
      normalizeYearToCE(Number(requiredGroup(slash, 3))),
      Number(requiredGroup(slash, 2)),
      Number(requiredGroup(slash, 1)),
    );
  }

  const match = TEXT_DATE.exec(text);
  if (match !== null) {
    const weekdayName = optionalGroup(match, 1);
    const month = MONTH_BY_KEY.get(monthKey(requiredGroup(match, 3)));
    if (month === undefined) {
      // Unreachable while MONTH_PATTERN and MONTH_BY_KEY come from the same tables.
      throw dateError(
        `ไม่รู้จักชื่อเดือนใน ${quoteInput(input)}`,
        `Unknown month name in ${quoteInput(input)}`,
      );
    }
    const year = yearToCE(Number(requiredGroup(match, 5)), optionalGroup(match, 4));
    const date = buildDate(year, month, Number(requiredGroup(match, 2)));
    if (weekdayName !== undefined) {
      assertWeekday(date, weekdayName);
    }
    return date;
  }

  const unknownMonth = UNKNOWN_MONTH.exec(text);
  if (unknownMonth !== null) {
    const word = requiredGroup(unknownMonth, 1);
    throw dateError(
      `ไม่รู้จักชื่อเดือน ${quoteInput(word)} ใช้ชื่อเดือนภาษาไทยเต็ม (มีนาคม) หรือย่อ (มี.ค.)`,
      `Unknown month name ${quoteInput(word)}: use the full Thai month name (มีนาคม) or its abbreviation (มี.ค.)`,
    );
  }
  throw dateError(
    `อ่าน ${quoteInput(input)} เป็นวันที่ไม่ได้ ให้เขียนวัน เดือน ปี เช่น ๒๗ กุมภาพันธ์ ๒๕๖๖`,
    `Cannot read ${quoteInput(input)} as a date; write day, Thai month and year, e.g. 27 กุมภาพันธ์ 2566`,
  );
}

function assertWeekday(date: CivilDate, weekdayName: string): void {
  const given = WEEKDAY_BY_NAME.get(weekdayName);
  const actual = dayOfWeek(date);
  if (given !== actual) {
    const dateTh = `${toThaiDigits(date.day)} ${THAI_MONTHS[date.month - 1]} ${toThaiDigits(toBuddhistYear(date.year))}`;
    throw dateError(
      `${dateTh} ตรงกับ${THAI_WEEKDAYS[actual]} ไม่ใช่วัน${weekdayName}`,
      `${dateTh} falls on ${THAI_WEEKDAYS[actual]} (weekday ${String(actual)}, 0 = Sunday), not วัน${weekdayName}`,
      'weekday_mismatch',
    );
  }
}

/**
 * `HH:MM` or `H.MM`, optional `เวลา` before and `น.`/`นาฬิกา` after. Minutes
 * always have two digits; "9.5" is not a time.
 */
const TIME = /^(?:เวลา ?)?(\d{1,2}) ?[:.] ?(\d{2})(?: ?(?:น\.?|นาฬิกา))?$/;

/**
 * Reads a time of day written the Thai way: `๐๙:๑๕ น.`, `09:15`, `9.15 น.`,
 * `09.15`, in either digit system (24-hour clock).
 *
 * @throws ThaiFormatError (rule `'thai_time'`) for unreadable text, hours above 23 or minutes above 59.
 */
export function parseThaiTime(input: string): ThaiTime {
  const text = input.length > MAX_INPUT_LENGTH ? '' : normalizeThaiInput(input);
  const match = TIME.exec(text);
  if (match === null) {
    throw new ThaiFormatError({
      rule: 'thai_time',
      messageTh: `อ่าน ${quoteInput(input)} เป็นเวลาไม่ได้ ให้เขียนชั่วโมงและนาที เช่น ๐๙:๑๕ น.`,
      messageEn: `Cannot read ${quoteInput(input)} as a time; write hours and minutes, e.g. 09:15 น.`,
      acceptedForm: TIME_ACCEPTED_FORM,
      acceptedFormTh: TIME_ACCEPTED_FORM_TH,
    });
  }
  const hour = Number(requiredGroup(match, 1));
  const minute = Number(requiredGroup(match, 2));
  if (hour > 23 || minute > 59) {
    throw new ThaiFormatError({
      rule: 'thai_time',
      messageTh: `เวลา ${quoteInput(input)} ไม่มีอยู่จริง: ชั่วโมงต้องอยู่ระหว่าง ๐๐–๒๓ และนาทีระหว่าง ๐๐–๕๙`,
      messageEn: `${quoteInput(input)} is not a real time: hours run 00–23 and minutes 00–59`,
      acceptedForm: TIME_ACCEPTED_FORM,
      acceptedFormTh: TIME_ACCEPTED_FORM_TH,
    });
  }
  return { hour, minute };
}

const DATE_TIME_ACCEPTED_FORM =
  '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น., 8/3/2566 09:15, วันพุธที่ ๘ มีนาคม ๒๕๖๖ เวลา ๙.๑๕ น. or 2023-03-08T09:15:00+07:00';
const DATE_TIME_ACCEPTED_FORM_TH =
  '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น., ๘/๓/๒๕๖๖ ๐๙:๑๕, วันพุธที่ ๘ มีนาคม ๒๕๖๖ เวลา ๙.๑๕ น. หรือแบบ ISO 2023-03-08T09:15:00+07:00';
/** ISO 8601 date-time: the date, then `T` or a space, the time, an optional zone. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** A written date followed by a time: the time is the last words (`เวลา ๐๙:๑๕ น.`). */
const DATE_THEN_TIME = /^(.*?\S) (?:เวลา ?)?(\d{1,2} ?[:.] ?\d{2}(?: ?(?:น\.?|นาฬิกา))?)$/;

function dateTimeError(input: string): ThaiFormatError {
  return new ThaiFormatError({
    rule: 'thai_datetime',
    messageTh: `อ่าน ${quoteInput(input)} เป็นวันเวลาไม่ได้ ให้เขียนวันที่แล้วตามด้วยเวลา เช่น ๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.`,
    messageEn: `Cannot read ${quoteInput(input)} as a date and time; write the date then the time, e.g. 8 มี.ค. 2566 09:15`,
    acceptedForm: DATE_TIME_ACCEPTED_FORM,
    acceptedFormTh: DATE_TIME_ACCEPTED_FORM_TH,
  });
}

/**
 * Reads a moment written the way a clerk writes a receipt time: a Thai date (anything
 * {@link parseThaiDate} reads) followed by a time ({@link parseThaiTime}), e.g.
 * `๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.`; or ISO 8601 (`2023-03-08T09:15:00+07:00`). Thai or Arabic digits;
 * a year of 2400 or more is BE, in ISO form too. Without a zone the time is Bangkok time.
 *
 * @throws ThaiFormatError rule `'thai_datetime'` for unreadable text; the date's and the
 *   time's own rules (`'thai_date'`, `'weekday_mismatch'`, `'thai_time'`) when one part is wrong.
 */
export function parseThaiDateTime(input: string): Date {
  if (input.length > MAX_INPUT_LENGTH) throw dateTimeError(`${input.slice(0, 40)}…`);
  const text = normalizeThaiInput(input);
  const iso = ISO_DATE_TIME.exec(text);
  if (iso !== null) {
    const date = buildDate(
      normalizeYearToCE(Number(requiredGroup(iso, 1))),
      Number(requiredGroup(iso, 2)),
      Number(requiredGroup(iso, 3)),
    );
    const { hour, minute } = parseThaiTime(`${requiredGroup(iso, 4)}:${requiredGroup(iso, 5)}`);
    const second = Number(optionalGroup(iso, 6) ?? '0');
    if (second > 59) throw dateTimeError(input);
    const millisecond = Math.floor(Number(`0.${optionalGroup(iso, 7) ?? '0'}`) * 1000);
    const zone = optionalGroup(iso, 8);
    const wallClock = bangkokInstant(date, hour, minute, second).getTime() + BANGKOK_OFFSET_MS;
    if (zone === undefined) return new Date(wallClock - BANGKOK_OFFSET_MS + millisecond);
    if (zone === 'Z') return new Date(wallClock + millisecond);
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2));
    if (hours > 14 || minutes > 59) throw dateTimeError(input);
    const offsetMs = (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return new Date(wallClock - offsetMs + millisecond);
  }
  const parts = DATE_THEN_TIME.exec(text);
  if (parts === null) throw dateTimeError(input);
  const { hour, minute } = parseThaiTime(requiredGroup(parts, 2));
  return bangkokInstant(parseThaiDate(requiredGroup(parts, 1)), hour, minute);
}

/**
 * Whether the text gives a time of day as well as a date (the shapes
 * {@link parseThaiDateTime} reads): a deadline written with a time is that moment, one
 * without is the end of office hours that day.
 */
export function hasTimeOfDay(input: string): boolean {
  if (input.length > MAX_INPUT_LENGTH) return false;
  const text = normalizeThaiInput(input);
  return ISO_DATE_TIME.test(text) || DATE_THEN_TIME.test(text);
}
