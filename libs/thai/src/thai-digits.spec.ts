import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatThaiInteger, renderDigits, toArabicDigits, toThaiDigits } from './thai-digits.js';

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';
const thaiIntl = new Intl.NumberFormat('th-TH-u-nu-thai', { useGrouping: false });

/** Strings mixing both digit systems with Thai letters, punctuation and anything else. */
const mixedText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'0123456789'.split('')),
      fc.constantFrom(...THAI_DIGITS.split('')),
      fc.constantFrom('ม', 'ท', '.', '/', 'ว', ' ', '-', 'ํ', '๏', '๚'),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    ),
  )
  .map((parts) => parts.join(''));

const hasArabicDigit = (s: string): boolean => /[0-9]/.test(s);
const hasThaiDigit = (s: string): boolean => /[๐-๙]/.test(s);

describe('toThaiDigits', () => {
  it('maps each Arabic digit to its Thai digit', () => {
    expect(toThaiDigits('0123456789')).toBe(THAI_DIGITS);
  });

  it('renders numbers without grouping', () => {
    expect(toThaiDigits(4879)).toBe('๔๘๗๙');
    expect(toThaiDigits(1234567)).toBe('๑๒๓๔๕๖๗');
    expect(toThaiDigits(-12)).toBe('-๑๒');
    expect(toThaiDigits(-0)).toBe('๐');
    expect(toThaiDigits(2.5)).toBe('๒.๕');
  });

  it('keeps other characters of a document number', () => {
    expect(toThaiDigits('มท 0810.7/ว 307')).toBe('มท ๐๘๑๐.๗/ว ๓๐๗');
  });

  it('refuses NaN and infinities', () => {
    expect(() => toThaiDigits(Number.NaN)).toThrow(RangeError);
    expect(() => toThaiDigits(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('agrees with Intl th-TH-u-nu-thai without grouping for integers', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(toThaiDigits(n)).toBe(thaiIntl.format(n === 0 ? 0 : n));
      }),
    );
  });
});

describe('toArabicDigits', () => {
  it('maps each Thai digit to its Arabic digit', () => {
    expect(toArabicDigits(THAI_DIGITS)).toBe('0123456789');
    expect(toArabicDigits('สน ๐๐๒๓.๖/ว ๔๘๗๙')).toBe('สน 0023.6/ว 4879');
  });
});

describe('digit conversion properties', () => {
  it('round trips Arabic → Thai → Arabic on text without Thai digits', () => {
    fc.assert(
      fc.property(
        mixedText.filter((s) => !hasThaiDigit(s)),
        (s) => {
          expect(toArabicDigits(toThaiDigits(s))).toBe(s);
        },
      ),
    );
  });

  it('round trips Thai → Arabic → Thai on text without Arabic digits', () => {
    fc.assert(
      fc.property(
        mixedText.filter((s) => !hasArabicDigit(s)),
        (s) => {
          expect(toThaiDigits(toArabicDigits(s))).toBe(s);
        },
      ),
    );
  });

  it('leaves exactly one digit system behind', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        expect(hasArabicDigit(toThaiDigits(s))).toBe(false);
        expect(hasThaiDigit(toArabicDigits(s))).toBe(false);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        expect(toThaiDigits(toThaiDigits(s))).toBe(toThaiDigits(s));
        expect(toArabicDigits(toArabicDigits(s))).toBe(toArabicDigits(s));
      }),
    );
  });

  it('leaves non-digit characters untouched and keeps the length', () => {
    fc.assert(
      fc.property(mixedText, (s) => {
        for (const converted of [toThaiDigits(s), toArabicDigits(s)]) {
          expect(converted).toHaveLength(s.length);
          for (let i = 0; i < s.length; i++) {
            const original = s.charAt(i);
            if (!/[0-9๐-๙]/.test(original)) {
              expect(converted.charAt(i)).toBe(original);
            }
          }
        }
      }),
    );
  });
});

describe('formatThaiInteger', () => {
  it('renders integers in Thai digits without grouping', () => {
    expect(formatThaiInteger(4879)).toBe('๔๘๗๙');
    expect(formatThaiInteger(0)).toBe('๐');
    expect(formatThaiInteger(1000000)).toBe('๑๐๐๐๐๐๐');
  });

  it('refuses non-integers and unsafe integers', () => {
    expect(() => formatThaiInteger(1.5)).toThrow(RangeError);
    expect(() => formatThaiInteger(2 ** 60)).toThrow(RangeError);
    expect(() => formatThaiInteger(Number.NaN)).toThrow(RangeError);
  });
});

describe('renderDigits', () => {
  it('renders in the requested system whatever the input uses', () => {
    expect(renderDigits('๑๒/2566', 'arabic')).toBe('12/2566');
    expect(renderDigits('๑๒/2566', 'thai')).toBe('๑๒/๒๕๖๖');
    expect(renderDigits(307, 'arabic')).toBe('307');
    expect(renderDigits(307, 'thai')).toBe('๓๐๗');
  });
});
