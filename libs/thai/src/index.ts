// Public surface of @wian/thai: Thai conventions for official correspondence
// (digits, Buddhist Era, Bangkok dates and times, document numbers, urgency
// and secrecy). Pure TypeScript, no I/O.

export { ThaiFormatError } from './thai-format.error.js';
export type { ThaiFormatErrorDetails } from './thai-format.error.js';

export { toThaiDigits, toArabicDigits, formatThaiInteger } from './thai-digits.js';
export type { DigitSystem } from './thai-digits.js';

export { normalizeThaiInput } from './thai-text.js';

export { BE_OFFSET, toBuddhistYear, toCommonYear, normalizeYearToCE } from './buddhist-era.js';

export {
  isValidCivilDate,
  compareCivilDates,
  addDays,
  dayOfWeek,
  civilDateToIso,
  parseIsoCivilDate,
} from './civil-date.js';
export type { CivilDate } from './civil-date.js';

export {
  BANGKOK_TIME_ZONE,
  bangkokCivilDate,
  bangkokInstant,
  bangkokIsoString,
  bangkokTimeOfDay,
} from './bangkok-time.js';
export type { TimeOfDay } from './bangkok-time.js';

export { THAI_MONTHS, THAI_MONTHS_ABBR, THAI_WEEKDAYS } from './thai-calendar.names.js';
export type {
  ThaiMonthName,
  ThaiMonthAbbreviation,
  ThaiWeekdayName,
} from './thai-calendar.names.js';

export { formatThaiDate, formatThaiTime, formatThaiDateTime } from './thai-date.format.js';
export type {
  ThaiDateStyle,
  ThaiDateFormatOptions,
  ThaiTimeFormatOptions,
} from './thai-date.format.js';

export {
  hasTimeOfDay,
  parseThaiDate,
  parseThaiDateTime,
  parseThaiTime,
} from './thai-date.parser.js';
export type { ThaiTime } from './thai-date.parser.js';

export type { DocumentNumber, DocumentSeries, UnitPrefix } from './document-number.js';
export { parseDocumentNumber, parseUnitPrefix } from './document-number.parser.js';
export { formatDocumentNumber, formatUnitPrefix } from './document-number.format.js';
export type { DocumentNumberFormatOptions } from './document-number.format.js';

export { URGENCY_LABEL_TH, URGENCY_LEVELS, URGENCY_RANK, parseUrgency } from './urgency.js';
export type { Urgency } from './urgency.js';

export { SECRECY_LABEL_TH, SECRECY_LEVELS, parseSecrecy, isClassified } from './secrecy.js';
export type { Secrecy } from './secrecy.js';

export { systemClock, ManualClock, bangkokToday, bangkokYearBE, bangkokNow } from './clock.js';
export type { Clock, BangkokDateTime } from './clock.js';
