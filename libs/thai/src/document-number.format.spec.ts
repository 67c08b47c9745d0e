import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatDocumentNumber, formatUnitPrefix } from './document-number.format.js';
import { parseDocumentNumber, parseUnitPrefix } from './document-number.parser.js';
import type { DocumentNumber } from './document-number.js';
import { toThaiDigits } from './thai-digits.js';
import { ThaiFormatError } from './thai-format.error.js';

function formatError(run: () => unknown): ThaiFormatError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof ThaiFormatError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ThaiFormatError');
}

const digitString = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: min, maxLength: max });

const prefix = fc.constantFrom('มท', 'สน', 'กท', 'นม', 'ชม', 'ศธ', 'นร', 'กค');
const unitDigits = fc.oneof(digitString(4, 4), digitString(5, 5));
const subUnit = fc.oneof(
  fc.constant(null),
  fc.array(digitString(1, 2), { minLength: 1, maxLength: 2 }).map((levels) => levels.join('.')),
);
const running = fc.integer({ min: 1, max: 99_999 });

const letterNumber: fc.Arbitrary<DocumentNumber> = fc.record({
  prefix,
  unitDigits,
  subUnit,
  series: fc.constantFrom<'normal' | 'circular'>('normal', 'circular'),
  running,
  year: fc.constant(null),
});
const orderNumber: fc.Arbitrary<DocumentNumber> = fc.record({
  prefix: fc.constant(null),
  unitDigits: fc.constant(null),
  subUnit: fc.constant(null),
  series: fc.constant<'order'>('order'),
  running,
  year: fc.integer({ min: 2443, max: 2743 }),
});
const documentNumber = fc.oneof(letterNumber, orderNumber);
const digits = fc.constantFrom<'thai' | 'arabic'>('thai', 'arabic');

/** Optional space, as clerks type it. */
const gap = fc.constantFrom('', ' ', '  ', '\u00a0');

/** Writes a number with random spacing, digit systems, "ที่", "ว." and leading zeros. */
const variantSpelling = documentNumber.chain((n) =>
  fc
    .record({
      ti: fc.constantFrom('', 'ที่ ', 'ที่', '  ที่  '),
      gaps: fc.array(gap, { minLength: 6, maxLength: 6 }),
      circularMark: fc.constantFrom('ว', 'ว.', 'ว. '),
      zeros: fc.constantFrom('', '0', '00'),
      thaiDigits: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      orderYearCE: fc.boolean(),
      orderWord: fc.constantFrom('', 'คำสั่ง', 'คำสั่ง '),
    })
    .map((v) => {
      const d = (text: string, i: number): string => (v.thaiDigits[i] ? toThaiDigits(text) : text);
      const [g0, g1, g2, g3, g4, g5] = v.gaps;
      if (n.series === 'order' || n.prefix === null || n.unitDigits === null) {
        const year = n.year ?? 0;
        const writtenYear = v.orderYearCE ? year - 543 : year;
        const head = v.orderWord === '' ? v.ti : `${v.orderWord}${v.ti.trim() === '' ? '' : 'ที่ '}`;
        return {
          n,
          text: `${head}${d(v.zeros + String(n.running), 0)}${g0}/${g1}${d(String(writtenYear), 1)}`,
        };
      }
      const sub = n.subUnit === null ? '' : `${g2}.${g3}${d(n.subUnit, 2)}`;
      const mark = n.series === 'circular' ? `${v.circularMark}${g4}` : '';
      const text = `${v.ti}${n.prefix}${g5}${d(n.unitDigits, 1)}${sub}${g0}/${g1}${mark}${d(v.zeros + String(n.running), 0)}`;
      return { n, text };
    }),
);

describe('formatDocumentNumber', () => {
  const dla: DocumentNumber = {
    prefix: 'มท',
    unitDigits: '0810',
    subUnit: '7',
    series: 'circular',
    running: 307,
    year: null,
  };

  it('writes the canonical forms', () => {
    expect(formatDocumentNumber(dla)).toBe('มท ๐๘๑๐.๗/ว ๓๐๗');
    expect(formatDocumentNumber(dla, { withTi: true })).toBe('ที่ มท ๐๘๑๐.๗/ว ๓๐๗');
    expect(formatDocumentNumber(dla, { digits: 'arabic' })).toBe('มท 0810.7/ว 307');
    expect(
      formatDocumentNumber({
        prefix: 'มท',
        unitDigits: '0804',
        subUnit: null,
        series: 'normal',
        running: 123,
        year: null,
      }),
    ).toBe('มท ๐๘๐๔/๑๒๓');
    expect(
      formatDocumentNumber({
        prefix: 'สน',
        unitDigits: '0023',
        subUnit: '3.1',
        series: 'circular',
        running: 12,
        year: null,
      }),
    ).toBe('สน ๐๐๒๓.๓.๑/ว ๑๒');
    expect(
      formatDocumentNumber({
        prefix: null,
        unitDigits: null,
        subUnit: null,
        series: 'order',
        running: 123,
        year: 2566,
      }),
    ).toBe('๑๒๓/๒๕๖๖');
    expect(
      formatDocumentNumber(
        {
          prefix: null,
          unitDigits: null,
          subUnit: null,
          series: 'order',
          running: 123,
          year: 2566,
        },
        { withTi: true, digits: 'arabic' },
      ),
    ).toBe('ที่ 123/2566');
  });

  it.each<[string, DocumentNumber]>([
    ['running 0', { ...dla, running: 0 }],
    ['fractional running', { ...dla, running: 1.5 }],
    ['letter without prefix', { ...dla, prefix: null }],
    ['letter without unit digits', { ...dla, unitDigits: null }],
    ['letter with a year', { ...dla, year: 2566 }],
    ['Thai digits stored in unitDigits', { ...dla, unitDigits: '๐๘๑๐' }],
    ['Latin prefix', { ...dla, prefix: 'MT' }],
    ['bad sub-unit', { ...dla, subUnit: '7.' }],
    [
      'order without year',
      { prefix: null, unitDigits: null, subUnit: null, series: 'order', running: 1, year: null },
    ],
    [
      'order with a CE year',
      { prefix: null, unitDigits: null, subUnit: null, series: 'order', running: 1, year: 2023 },
    ],
    [
      'order with a prefix',
      { prefix: 'มท', unitDigits: null, subUnit: null, series: 'order', running: 1, year: 2566 },
    ],
  ])('refuses %s', (_label, n) => {
    expect(formatError(() => formatDocumentNumber(n)).rule).toBe('document_number');
  });

  it('round trips through parseDocumentNumber in every digit system, with and without ที่', () => {
    fc.assert(
      fc.property(documentNumber, digits, fc.boolean(), (n, digitSystem, withTi) => {
        const text = formatDocumentNumber(n, { digits: digitSystem, withTi });
        expect(parseDocumentNumber(text)).toEqual(n);
        expect(/[0-9]/.test(text)).toBe(digitSystem === 'arabic');
      }),
    );
  });

  it('reads spacing and digit variants and writes them back canonically (parse → format → parse is stable)', () => {
    fc.assert(
      fc.property(variantSpelling, digits, ({ n, text }, digitSystem) => {
        const parsed = parseDocumentNumber(text);
        expect(parsed).toEqual(n);
        const canonical = formatDocumentNumber(parsed, { digits: digitSystem });
        expect(parseDocumentNumber(canonical)).toEqual(parsed);
        expect(formatDocumentNumber(parseDocumentNumber(canonical), { digits: digitSystem })).toBe(
          canonical,
        );
      }),
    );
  });
});

describe('formatUnitPrefix', () => {
  it('writes an organisation prefix', () => {
    expect(formatUnitPrefix('มท', '0810', '7')).toBe('มท ๐๘๑๐.๗');
    expect(formatUnitPrefix('สน', '0023', null, { digits: 'arabic' })).toBe('สน 0023');
  });

  it('refuses malformed parts', () => {
    expect(formatError(() => formatUnitPrefix('', '0810', null)).rule).toBe('unit_prefix');
    expect(formatError(() => formatUnitPrefix('มท', '08a0', null)).rule).toBe('unit_prefix');
    expect(formatError(() => formatUnitPrefix('มท', '0810', '')).rule).toBe('unit_prefix');
  });

  it('round trips through parseUnitPrefix and prefixes the formatted document number', () => {
    fc.assert(
      fc.property(letterNumber, digits, (n, digitSystem) => {
        if (n.prefix === null || n.unitDigits === null) {
          throw new Error('letterNumber always has a prefix');
        }
        const unit = formatUnitPrefix(n.prefix, n.unitDigits, n.subUnit, { digits: digitSystem });
        expect(parseUnitPrefix(unit)).toEqual({
          prefix: n.prefix,
          unitDigits: n.unitDigits,
          subUnit: n.subUnit,
        });
        expect(formatDocumentNumber(n, { digits: digitSystem }).startsWith(`${unit}/`)).toBe(true);
      }),
    );
  });
});
