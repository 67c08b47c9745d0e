import type { DocumentNumber, UnitPrefix } from './document-number.js';
import { assertRunning, assertUnitParts, numberPartError } from './document-number.rules.js';
import { normalizeYearToCE, toBuddhistYear } from './buddhist-era.js';
import { ThaiFormatError, quoteInput } from './thai-format.error.js';
import { normalizeThaiInput } from './thai-text.js';
import { optionalGroup, requiredGroup } from './regex-group.util.js';

/** Longer than any document number; refuse before running patterns. */
const MAX_INPUT_LENGTH = 80;

// The patterns run on normalised text (Arabic digits, single spaces). They are
// deliberately loose about lengths: the parts are checked afterwards so that the
// error can say which part is wrong.

/** [ที่] <letter code> <agency digits>[.<sub-unit>…] / [ว[.]] <running> */
const LETTER = /^(?:ที่ ?)?([\u0e01-\u0e2e]+) ?(\d+)((?: ?\. ?\d+)*) ?\/ ?(ว ?\.? ?)?(\d+)$/;
/** [คำสั่ง] [ที่] <running>/<year> */
const ORDER = /^(?:คำสั่ง ?)?(?:ที่ ?)?(\d+) ?\/ ?(\d+)$/;
/** [ที่] <letter code> <agency digits>[.<sub-unit>…] [/] */
const UNIT_PREFIX = /^(?:ที่ ?)?([\u0e01-\u0e2e]+) ?(\d+)((?: ?\. ?\d+)*) ?\/?$/;

/** " . 2 .1" → "2.1"; "" → null */
function readSubUnit(raw: string): string | null {
  const compact = raw.replace(/ /g, '');
  return compact === '' ? null : compact.slice(1);
}

/**
 * Reads a letter number (เลขที่หนังสือ) in any of its usual spellings:
 * `ที่ มท ๐๘๑๐.๗/ว ๓๐๗`, `มท๐๘๑๐.๗/ว๓๐๗`, `มท 0810.7 / ว. 307`, `มท ๐๘๐๔/๑๒๓`
 * (normal letter), `สน ๐๐๒๓.๓.๑/ว ๑๒` (several sub-unit levels), and orders
 * `๑๒๓/๒๕๖๖`, `คำสั่งที่ ๑๒๓/๒๕๖๖` (the year may be BE or CE and is returned as BE).
 *
 * @throws ThaiFormatError (rule `'document_number'`) naming the part that is wrong.
 */
export function parseDocumentNumber(input: string): DocumentNumber {
  const text = input.length > MAX_INPUT_LENGTH ? '' : normalizeThaiInput(input);

  const letter = LETTER.exec(text);
  if (letter !== null) {
    const prefix = requiredGroup(letter, 1);
    const unitDigits = requiredGroup(letter, 2);
    const subUnit = readSubUnit(requiredGroup(letter, 3));
    const running = Number(requiredGroup(letter, 5));
    assertUnitParts('document_number', prefix, unitDigits, subUnit);
    assertRunning(running);
    // "ว" before the register number marks the circular series.
    const series = optionalGroup(letter, 4) === undefined ? 'normal' : 'circular';
    return { prefix, unitDigits, subUnit, series, running, year: null };
  }

  const order = ORDER.exec(text);
  if (order !== null) {
    const running = Number(requiredGroup(order, 1));
    assertRunning(running);
    return {
      prefix: null,
      unitDigits: null,
      subUnit: null,
      series: 'order',
      running,
      year: readOrderYear(requiredGroup(order, 2)),
    };
  }

  throw text.includes('/')
    ? numberPartError(
        'document_number',
        `อ่าน ${quoteInput(input)} เป็นเลขที่หนังสือไม่ได้: ก่อน / ต้องเป็นรหัสส่วนราชการ (เช่น มท ๐๘๑๐.๗) หรือเลขคำสั่ง และหลัง / ต้องเป็นเลขทะเบียน (มี ว นำหน้าถ้าเป็นหนังสือเวียน) หรือปีของคำสั่ง`,
        `Cannot read ${quoteInput(input)} as a document number: before "/" must come the agency code (e.g. มท 0810.7) or an order number, after it the register number (preceded by ว for a circular) or the order's year`,
      )
    : numberPartError(
        'document_number',
        `อ่าน ${quoteInput(input)} เป็นเลขที่หนังสือไม่ได้: ไม่พบเครื่องหมาย / ระหว่างรหัสส่วนราชการกับเลขทะเบียน`,
        `Cannot read ${quoteInput(input)} as a document number: there is no "/" between the agency code and the register number`,
      );
}

function readOrderYear(written: string): number {
  try {
    return toBuddhistYear(normalizeYearToCE(Number(written)));
  } catch (error: unknown) {
    if (error instanceof ThaiFormatError) {
      throw numberPartError(
        'document_number',
        `ปีของคำสั่ง ${written} ไม่ถูกต้อง: ${error.messageTh}`,
        `The order's year ${written} is invalid: ${error.messageEn}`,
      );
    }
    throw error;
  }
}

/**
 * Reads an organisation's saraban prefix (the part before "/"): `มท 0810.7`,
 * `สน ๐๐๒๓.๖`, `มท 0810`; an optional leading `ที่` and trailing `/` are ignored.
 *
 * @throws ThaiFormatError (rule `'unit_prefix'`) if it is malformed.
 */
export function parseUnitPrefix(input: string): UnitPrefix {
  const text = input.length > MAX_INPUT_LENGTH ? '' : normalizeThaiInput(input);
  const match = UNIT_PREFIX.exec(text);
  if (match === null) {
    throw numberPartError(
      'unit_prefix',
      `อ่าน ${quoteInput(input)} เป็นรหัสส่วนราชการไม่ได้: ต้องเป็นรหัสพยัญชนะ ตามด้วยตัวเลขของส่วนราชการ และจุดกับเลขหน่วยงานย่อยถ้ามี`,
      `Cannot read ${quoteInput(input)} as an agency code: it must be the letter code, then the agency digits, then optionally a dot and the sub-unit`,
    );
  }
  const prefix = requiredGroup(match, 1);
  const unitDigits = requiredGroup(match, 2);
  const subUnit = readSubUnit(requiredGroup(match, 3));
  assertUnitParts('unit_prefix', prefix, unitDigits, subUnit);
  return { prefix, unitDigits, subUnit };
}
