/** Which numerals to render: Thai (๐-๙, the default in documents) or Arabic (0-9). */
export type DigitSystem = 'thai' | 'arabic';

// Thai digits occupy U+0E50..U+0E59 in the same order as 0..9, so each digit
// maps to the other system by a fixed code-point distance.
const THAI_ZERO = 0x0e50;
const ARABIC_ZERO = 0x30;

/**
 * Replaces every Arabic digit 0-9 with the Thai digit ๐-๙; other characters are
 * left as they are. Numbers are rendered without grouping (4879 → `'๔๘๗๙'`,
 * never `'๔,๘๗๙'`), which is what document numbers need.
 *
 * @throws RangeError for NaN or infinite numbers.
 */
export function toThaiDigits(value: string | number): string {
  const text = typeof value === 'number' ? numberToPlainString(value) : value;
  return text.replace(/[0-9]/g, (d) =>
    String.fromCharCode(THAI_ZERO + d.charCodeAt(0) - ARABIC_ZERO),
  );
}

/** Replaces every Thai digit ๐-๙ with the Arabic digit 0-9; other characters are left as they are. */
export function toArabicDigits(value: string): string {
  return value.replace(/[\u0e50-\u0e59]/g, (d) =>
    String.fromCharCode(ARABIC_ZERO + d.charCodeAt(0) - THAI_ZERO),
  );
}

/**
 * Renders a safe integer in Thai digits without grouping: `formatThaiInteger(4879)` → `'๔๘๗๙'`.
 *
 * @throws RangeError if `n` is not a safe integer.
 */
export function formatThaiInteger(n: number): string {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`formatThaiInteger expects a safe integer, got ${String(n)}`);
  }
  return toThaiDigits(n);
}

/** Renders `value` in the requested digit system (input may contain either). */
export function renderDigits(value: string | number, digits: DigitSystem): string {
  switch (digits) {
    case 'thai':
      return toThaiDigits(value);
    case 'arabic':
      return toArabicDigits(typeof value === 'number' ? numberToPlainString(value) : value);
  }
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot render ${String(value)} in digits`);
  }
  // String() never groups digits and renders -0 as "0".
  return String(value);
}
