import { ThaiFormatError } from './thai-format.error.js';

// Shared rules for the parts of a document number, used by both the parser and
// the formatter so that everything one writes the other can read.

/** Letter code: one to five Thai consonants (ก-ฮ), e.g. มท, สน, กท, ศธ. */
const PREFIX = /^[\u0e01-\u0e2e]{1,5}$/;
/**
 * Agency digits: two to eight digits. Ministries' departments and provincial
 * offices use four (0810, 0023); local governments use five (e.g. 73201).
 */
const UNIT_DIGITS = /^\d{2,8}$/;
/** Sub-unit: one to four dot-separated levels of one to four digits: 7, 2.1. */
const SUB_UNIT = /^\d{1,4}(?:\.\d{1,4}){0,3}$/;
/** Largest register number accepted (nine digits). */
const MAX_RUNNING = 999_999_999;

export const DOCUMENT_NUMBER_ACCEPTED_FORM =
  'มท ๐๘๑๐.๗/ว ๓๐๗ (circular), มท ๐๘๐๔/๑๒๓ (letter), ๑๒๓/๒๕๖๖ or คำสั่งที่ ๑๒๓/๒๕๖๖ (order); Thai or Arabic digits, optional ที่';
export const UNIT_PREFIX_ACCEPTED_FORM = 'มท ๐๘๑๐.๗, สน ๐๐๒๓.๖ or มท 0810';
const DOCUMENT_NUMBER_ACCEPTED_FORM_TH =
  'มท ๐๘๑๐.๗/ว ๓๐๗ (หนังสือเวียน), มท ๐๘๐๔/๑๒๓ (หนังสือ), ๑๒๓/๒๕๖๖ หรือ คำสั่งที่ ๑๒๓/๒๕๖๖ (คำสั่ง) เลขไทยหรือเลขอารบิกก็ได้ มีคำว่า ที่ นำหน้าหรือไม่ก็ได้';
const UNIT_PREFIX_ACCEPTED_FORM_TH = 'มท ๐๘๑๐.๗ หรือ สน ๐๐๒๓.๖ (เลขไทยหรือเลขอารบิกก็ได้)';

/** Which kind of text is being read or written, to pick the rule code and the accepted form. */
export type NumberPartKind = 'document_number' | 'unit_prefix';

export function numberPartError(
  kind: NumberPartKind,
  messageTh: string,
  messageEn: string,
): ThaiFormatError {
  return new ThaiFormatError({
    rule: kind,
    messageTh,
    messageEn,
    acceptedForm:
      kind === 'document_number' ? DOCUMENT_NUMBER_ACCEPTED_FORM : UNIT_PREFIX_ACCEPTED_FORM,
    acceptedFormTh:
      kind === 'document_number' ? DOCUMENT_NUMBER_ACCEPTED_FORM_TH : UNIT_PREFIX_ACCEPTED_FORM_TH,
  });
}

/** @throws ThaiFormatError (rule = `kind`) if any part breaks its rule. */
export function assertUnitParts(
  kind: NumberPartKind,
  prefix: string,
  unitDigits: string,
  subUnit: string | null,
): void {
  if (!PREFIX.test(prefix)) {
    throw numberPartError(
      kind,
      `รหัสพยัญชนะ "${prefix}" ไม่ถูกต้อง: ต้องเป็นพยัญชนะไทย ๑–๕ ตัว เช่น มท หรือ สน`,
      `Letter code "${prefix}" is invalid: it must be 1–5 Thai consonants such as มท or สน`,
    );
  }
  if (!UNIT_DIGITS.test(unitDigits)) {
    throw numberPartError(
      kind,
      `รหัสตัวเลขของส่วนราชการ "${unitDigits}" ไม่ถูกต้อง: ต้องเป็นเลขอารบิก ๒–๘ หลัก เช่น 0810`,
      `Agency digits "${unitDigits}" are invalid: they must be 2–8 Arabic digits such as 0810`,
    );
  }
  if (subUnit !== null && !SUB_UNIT.test(subUnit)) {
    throw numberPartError(
      kind,
      `รหัสหน่วยงานย่อย "${subUnit}" ไม่ถูกต้อง: ต้องเป็นเลขอารบิก ๑–๔ ระดับคั่นด้วยจุด เช่น 7 หรือ 2.1`,
      `Sub-unit "${subUnit}" is invalid: it must be 1–4 levels of Arabic digits separated by dots, such as 7 or 2.1`,
    );
  }
}

/** @throws ThaiFormatError (rule `'document_number'`) unless running is an integer 1..999,999,999. */
export function assertRunning(running: number): void {
  if (!Number.isInteger(running) || running < 1 || running > MAX_RUNNING) {
    throw numberPartError(
      'document_number',
      `เลขทะเบียน ${String(running)} ไม่ถูกต้อง: ต้องเป็นจำนวนเต็ม ๑ ถึง ๙๙๙,๙๙๙,๙๙๙ (เลขทะเบียนเริ่มที่ ๑ ทุกปี)`,
      `Register number ${String(running)} is invalid: it must be a whole number from 1 to 999,999,999 (registers start at 1 each year)`,
    );
  }
}
