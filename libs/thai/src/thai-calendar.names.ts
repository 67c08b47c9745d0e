/**
 * Thai month names as written in official letters, January first
 * (index = month - 1). Explicit tables rather than ICU output, so rendering
 * does not change with the host's ICU version; a test compares them with ICU.
 */
export const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

/** Abbreviated Thai month names (with their dots), January first. */
export const THAI_MONTHS_ABBR = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;

/** Thai weekday names, Sunday first (index = `dayOfWeek`). */
export const THAI_WEEKDAYS = [
  'วันอาทิตย์',
  'วันจันทร์',
  'วันอังคาร',
  'วันพุธ',
  'วันพฤหัสบดี',
  'วันศุกร์',
  'วันเสาร์',
] as const;

export type ThaiMonthName = (typeof THAI_MONTHS)[number];
export type ThaiMonthAbbreviation = (typeof THAI_MONTHS_ABBR)[number];
export type ThaiWeekdayName = (typeof THAI_WEEKDAYS)[number];
