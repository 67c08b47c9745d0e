import { ThaiFormatError } from './thai-format.error.js';
import { toThaiDigits } from './thai-digits.js';

/** Buddhist Era year = Common Era year + 543 (พ.ศ. = ค.ศ. + ๕๔๓). */
export const BE_OFFSET = 543;

/**
 * Inputs below this are read as CE, inputs at or above it as BE. No current
 * CE year reaches 2400 and no BE year in use is below it (BE 2400 = CE 1857).
 */
const FIRST_BE_YEAR = 2400;

/**
 * Sanity range for years in correspondence, in CE (BE 2443–2743). It rejects
 * typos such as `256` or `25666` and two-digit years, and it keeps the
 * BE/CE reading unambiguous: every accepted CE year is below 2400 and every
 * accepted BE year is 2400 or above.
 */
export const MIN_CE_YEAR = 1900;
export const MAX_CE_YEAR = 2200;

const YEAR_ACCEPTED_FORM = `${toThaiDigits(2566)} or 2566 (พ.ศ. ${toThaiDigits(MIN_CE_YEAR + BE_OFFSET)}–${toThaiDigits(MAX_CE_YEAR + BE_OFFSET)}), or 2023 (ค.ศ. ${String(MIN_CE_YEAR)}–${String(MAX_CE_YEAR)})`;
const YEAR_ACCEPTED_FORM_TH = `พ.ศ. ${toThaiDigits(2566)} (พ.ศ. ${toThaiDigits(MIN_CE_YEAR + BE_OFFSET)}–${toThaiDigits(MAX_CE_YEAR + BE_OFFSET)}) หรือ ค.ศ. ${toThaiDigits(2023)} (ค.ศ. ${toThaiDigits(MIN_CE_YEAR)}–${toThaiDigits(MAX_CE_YEAR)})`;

/**
 * A year written with fewer than four digits ("๖๙" on a hand-written stamp) is refused: "69"
 * may be BE 2569 or CE 1969/2069, and guessing would put a letter in the wrong year.
 */
const FIRST_FULL_YEAR = 1000;

/** Converts a Common Era year to the Buddhist Era year: 2023 → 2566. */
export function toBuddhistYear(ceYear: number): number {
  return ceYear + BE_OFFSET;
}

/** Converts a Buddhist Era year to the Common Era year: 2566 → 2023. */
export function toCommonYear(beYear: number): number {
  return beYear - BE_OFFSET;
}

/**
 * Reads a year that may be written in either era and returns it in CE.
 * A year below 2400 is taken as CE and returned as is; 2400 or above is BE.
 *
 * @throws ThaiFormatError (rule `'year_range'`) if `year` is not an integer or
 *   the CE year falls outside {@link MIN_CE_YEAR}..{@link MAX_CE_YEAR}.
 */
export function normalizeYearToCE(year: number): number {
  if (!Number.isInteger(year)) {
    throw new ThaiFormatError({
      rule: 'year_range',
      messageTh: `ปี ${toThaiDigits(String(year))} ไม่ใช่จำนวนเต็ม`,
      messageEn: `Year ${String(year)} is not a whole number`,
      acceptedForm: YEAR_ACCEPTED_FORM,
      acceptedFormTh: YEAR_ACCEPTED_FORM_TH,
    });
  }
  const ceYear = year >= FIRST_BE_YEAR ? toCommonYear(year) : year;
  return assertCommonYearInRange(ceYear, year >= FIRST_BE_YEAR ? 'BE' : 'CE', year);
}

/**
 * Checks that a CE year is inside the sanity range; `era` and `written` say how
 * the year was written so the message can quote it back.
 *
 * @throws ThaiFormatError (rule `'year_range'`)
 */
export function assertCommonYearInRange(ceYear: number, era: 'BE' | 'CE', written: number): number {
  if (Number.isInteger(ceYear) && ceYear >= MIN_CE_YEAR && ceYear <= MAX_CE_YEAR) {
    return ceYear;
  }
  const label = era === 'BE' ? 'พ.ศ.' : 'ค.ศ.';
  if (Number.isInteger(written) && written >= 0 && written < FIRST_FULL_YEAR) {
    // The example completes what was written ("๖๙" → ๒๕๖๙) as a hint, not as a reading.
    const exampleBE = written < 100 ? 2500 + written : 2566;
    const exampleCE = toCommonYear(exampleBE);
    throw new ThaiFormatError({
      rule: 'year_range',
      messageTh: `ปี ${toThaiDigits(written)} ไม่ครบ ปีต้องเขียนเต็ม ๔ หลัก เช่น ${toThaiDigits(exampleBE)} (พ.ศ.) หรือ ${toThaiDigits(exampleCE)} (ค.ศ.)`,
      messageEn: `Year ${String(written)} is incomplete: write the year in full, e.g. ${String(exampleBE)} (BE) or ${String(exampleCE)} (CE)`,
      acceptedForm: YEAR_ACCEPTED_FORM,
      acceptedFormTh: YEAR_ACCEPTED_FORM_TH,
    });
  }
  throw new ThaiFormatError({
    rule: 'year_range',
    messageTh: `ปี ${label} ${toThaiDigits(written)} อยู่นอกช่วงที่รับได้ (พ.ศ. ${toThaiDigits(MIN_CE_YEAR + BE_OFFSET)}–${toThaiDigits(MAX_CE_YEAR + BE_OFFSET)} หรือ ค.ศ. ${toThaiDigits(MIN_CE_YEAR)}–${toThaiDigits(MAX_CE_YEAR)}); ปีที่ต่ำกว่า ๒๔๐๐ ถือเป็น ค.ศ.`,
    messageEn: `Year ${String(written)} (read as ${era}) is outside the accepted range (BE ${String(MIN_CE_YEAR + BE_OFFSET)}–${String(MAX_CE_YEAR + BE_OFFSET)} or CE ${String(MIN_CE_YEAR)}–${String(MAX_CE_YEAR)}); years below 2400 are read as CE`,
    acceptedForm: YEAR_ACCEPTED_FORM,
    acceptedFormTh: YEAR_ACCEPTED_FORM_TH,
  });
}
