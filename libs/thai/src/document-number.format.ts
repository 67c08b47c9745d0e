import type { DocumentNumber } from './document-number.js';
import { assertRunning, assertUnitParts, numberPartError } from './document-number.rules.js';
import { MAX_CE_YEAR, MIN_CE_YEAR, toBuddhistYear } from './buddhist-era.js';
import { type DigitSystem, renderDigits } from './thai-digits.js';

export interface DocumentNumberFormatOptions {
  /** Numerals to use; Thai digits (๐-๙) by default, as in documents and registers. */
  digits?: DigitSystem;
  /** Put `ที่ ` in front, as on the number line of a letter. Default false. */
  withTi?: boolean;
}

/**
 * Writes an organisation's saraban prefix the canonical way: letter code, one
 * space, agency digits, then `.` and the sub-unit if any: `มท ๐๘๑๐.๗`.
 *
 * @throws ThaiFormatError (rule `'unit_prefix'`) if a part is malformed
 *   (digits must be stored as Arabic numerals).
 */
export function formatUnitPrefix(
  prefix: string,
  unitDigits: string,
  subUnit: string | null,
  options: { digits?: DigitSystem } = {},
): string {
  assertUnitParts('unit_prefix', prefix, unitDigits, subUnit);
  return renderUnitPrefix(prefix, unitDigits, subUnit, options.digits ?? 'thai');
}

function renderUnitPrefix(
  prefix: string,
  unitDigits: string,
  subUnit: string | null,
  digits: DigitSystem,
): string {
  const code = subUnit === null ? unitDigits : `${unitDigits}.${subUnit}`;
  return `${prefix} ${renderDigits(code, digits)}`;
}

/**
 * Writes a document number the canonical way: `มท ๐๘๑๐.๗/ว ๓๐๗` (circular:
 * "ว", a space, the running number), `มท ๐๘๐๔/๑๒๓` (normal letter), `๑๒๓/๒๕๖๖`
 * (order). With `withTi`, `ที่ ` comes first.
 *
 * @throws ThaiFormatError (rule `'document_number'`) if the value breaks the
 *   invariants of {@link DocumentNumber} (e.g. an order without a BE year, or a
 *   letter without a letter code).
 */
export function formatDocumentNumber(
  n: DocumentNumber,
  options: DocumentNumberFormatOptions = {},
): string {
  const digits = options.digits ?? 'thai';
  const ti = options.withTi === true ? 'ที่ ' : '';
  assertRunning(n.running);
  switch (n.series) {
    case 'order': {
      if (n.prefix !== null || n.unitDigits !== null || n.subUnit !== null) {
        throw numberPartError(
          'document_number',
          'เลขคำสั่งไม่มีรหัสส่วนราชการ: prefix, unitDigits และ subUnit ต้องเป็น null',
          'An order number has no agency code: prefix, unitDigits and subUnit must be null',
        );
      }
      const year = n.year;
      if (
        year === null ||
        !Number.isInteger(year) ||
        year < toBuddhistYear(MIN_CE_YEAR) ||
        year > toBuddhistYear(MAX_CE_YEAR)
      ) {
        throw numberPartError(
          'document_number',
          `เลขคำสั่งต้องมีปี พ.ศ. ระหว่าง ${String(toBuddhistYear(MIN_CE_YEAR))}–${String(toBuddhistYear(MAX_CE_YEAR))} (ได้ ${String(year)})`,
          `An order number needs a BE year between ${String(toBuddhistYear(MIN_CE_YEAR))} and ${String(toBuddhistYear(MAX_CE_YEAR))} (got ${String(year)})`,
        );
      }
      return `${ti}${renderDigits(`${String(n.running)}/${String(year)}`, digits)}`;
    }
    case 'normal':
    case 'circular': {
      if (n.prefix === null || n.unitDigits === null || n.year !== null) {
        throw numberPartError(
          'document_number',
          'เลขที่หนังสือต้องมีรหัสพยัญชนะและรหัสตัวเลขของส่วนราชการ และไม่มีปี (ปีใช้กับคำสั่งเท่านั้น)',
          'A letter number needs a letter code and agency digits and has no year (only orders carry a year)',
        );
      }
      assertUnitParts('document_number', n.prefix, n.unitDigits, n.subUnit);
      // Circulars carry "ว" before the register number.
      const circularMark = n.series === 'circular' ? 'ว ' : '';
      const running = renderDigits(n.running, digits);
      return `${ti}${renderUnitPrefix(n.prefix, n.unitDigits, n.subUnit, digits)}/${circularMark}${running}`;
    }
  }
}
