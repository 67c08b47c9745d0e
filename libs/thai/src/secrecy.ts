import { ThaiFormatError, quoteInput } from './thai-format.error.js';
import { normalizeThaiInput } from './thai-text.js';

/**
 * Secrecy class of a document (ชั้นความลับ): ลับที่สุด (top secret), ลับมาก
 * (secret), ลับ (confidential) or none. Top-secret documents are excluded
 * from electronic correspondence by the 2564 amendment.
 */
export type Secrecy = 'none' | 'confidential' | 'secret' | 'top_secret';

/** The label stamped on the document; an unclassified document carries no label. */
export const SECRECY_LABEL_TH: Readonly<Record<Secrecy, string>> = {
  top_secret: 'ลับที่สุด',
  secret: 'ลับมาก',
  confidential: 'ลับ',
  none: '',
};

/** All secrecy levels, most secret first (same direction as `URGENCY_LEVELS`). */
export const SECRECY_LEVELS = [
  'top_secret',
  'secret',
  'confidential',
  'none',
] as const satisfies readonly Secrecy[];

const SECRECY_BY_TEXT = new Map<string, Secrecy>([
  ['', 'none'],
  ['ไม่มี', 'none'],
  ['ปกติ', 'none'],
  ['ไม่ลับ', 'none'],
  ...SECRECY_LEVELS.map((s): [string, Secrecy] => [s, s]),
  ...SECRECY_LEVELS.filter((s) => s !== 'none').map((s): [string, Secrecy] => [
    SECRECY_LABEL_TH[s],
    s,
  ]),
]);

/**
 * Reads a secrecy class from its Thai label (`ลับที่สุด`, `ลับมาก`, `ลับ`; empty,
 * `ไม่มี`, `ไม่ลับ` or `ปกติ` for none) or its code (`top_secret`, `secret`,
 * `confidential`, `none`, any letter case). Spaces inside a Thai label are ignored.
 *
 * @throws ThaiFormatError (rule `'secrecy'`) for anything else.
 */
export function parseSecrecy(input: string): Secrecy {
  const text = normalizeThaiInput(input);
  const key = /[\u0e00-\u0e7f]/.test(text)
    ? text.replace(/ /g, '')
    : text.toLowerCase().replace(/[- ]/g, '_');
  const secrecy = SECRECY_BY_TEXT.get(key);
  if (secrecy === undefined) {
    throw new ThaiFormatError({
      rule: 'secrecy',
      messageTh: `ไม่รู้จักชั้นความลับ ${quoteInput(input)}: ใช้ ลับที่สุด ลับมาก ลับ หรือเว้นว่าง (ไม่มีชั้นความลับ)`,
      messageEn: `Unknown secrecy class ${quoteInput(input)}: use ลับที่สุด, ลับมาก, ลับ or leave it empty (none)`,
      acceptedForm: 'ลับที่สุด, ลับมาก, ลับ, ไม่มี (or empty); top_secret, secret, confidential, none',
      acceptedFormTh:
        'ลับที่สุด, ลับมาก, ลับ, ไม่มี (หรือเว้นว่าง) หรือรหัส top_secret, secret, confidential, none',
    });
  }
  return secrecy;
}

/** Whether a document carries any secrecy class (anything but `none`). */
export function isClassified(s: Secrecy): boolean {
  return s !== 'none';
}
