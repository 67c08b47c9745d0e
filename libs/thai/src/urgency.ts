import { ThaiFormatError, quoteInput } from './thai-format.error.js';
import { normalizeThaiInput } from './thai-text.js';

/**
 * Speed class of a letter (ชั้นความเร็ว): ด่วนที่สุด = act at once,
 * ด่วนมาก = act quickly, ด่วน = faster than usual, none = normal.
 */
export type Urgency = 'normal' | 'urgent' | 'very_urgent' | 'most_urgent';

/** The label stamped on the letter; a normal letter carries no label. */
export const URGENCY_LABEL_TH: Readonly<Record<Urgency, string>> = {
  most_urgent: 'ด่วนที่สุด',
  very_urgent: 'ด่วนมาก',
  urgent: 'ด่วน',
  normal: '',
};

/** All urgency levels, most urgent first (the order clerks sort incoming mail in). */
export const URGENCY_LEVELS = [
  'most_urgent',
  'very_urgent',
  'urgent',
  'normal',
] as const satisfies readonly Urgency[];

/**
 * Sort key for incoming mail: lower rank is handled first, so sorting by rank
 * ascending puts ด่วนที่สุด on top. Equal to the index in {@link URGENCY_LEVELS}.
 */
export const URGENCY_RANK: Readonly<Record<Urgency, number>> = {
  most_urgent: 0,
  very_urgent: 1,
  urgent: 2,
  normal: 3,
};

const URGENCY_BY_TEXT = new Map<string, Urgency>([
  ['', 'normal'],
  ['ปกติ', 'normal'],
  ['ไม่มี', 'normal'],
  ...URGENCY_LEVELS.map((u): [string, Urgency] => [u, u]),
  ...URGENCY_LEVELS.filter((u) => u !== 'normal').map((u): [string, Urgency] => [
    URGENCY_LABEL_TH[u],
    u,
  ]),
]);

/**
 * Reads an urgency from its Thai label (`ด่วนที่สุด`, `ด่วนมาก`, `ด่วน`; empty or
 * `ปกติ` for normal) or its code (`most_urgent`, `very_urgent`, `urgent`,
 * `normal`, any letter case). Spaces inside a Thai label are ignored.
 *
 * @throws ThaiFormatError (rule `'urgency'`) for anything else.
 */
export function parseUrgency(input: string): Urgency {
  const text = normalizeThaiInput(input);
  // "ด่วน ที่สุด" is the same label; codes compare case-insensitively with "-" for "_".
  const key = /[\u0e00-\u0e7f]/.test(text)
    ? text.replace(/ /g, '')
    : text.toLowerCase().replace(/[- ]/g, '_');
  const urgency = URGENCY_BY_TEXT.get(key);
  if (urgency === undefined) {
    throw new ThaiFormatError({
      rule: 'urgency',
      messageTh: `ไม่รู้จักชั้นความเร็ว ${quoteInput(input)}: ใช้ ด่วนที่สุด ด่วนมาก ด่วน หรือเว้นว่าง (ปกติ)`,
      messageEn: `Unknown urgency ${quoteInput(input)}: use ด่วนที่สุด, ด่วนมาก, ด่วน or leave it empty (normal)`,
      acceptedForm: 'ด่วนที่สุด, ด่วนมาก, ด่วน, ปกติ (or empty); most_urgent, very_urgent, urgent, normal',
      acceptedFormTh:
        'ด่วนที่สุด, ด่วนมาก, ด่วน, ปกติ (หรือเว้นว่าง) หรือรหัส most_urgent, very_urgent, urgent, normal',
    });
  }
  return urgency;
}
