import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDocumentNumber, parseUnitPrefix } from './document-number.parser.js';
import type { DocumentNumber } from './document-number.js';
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

const DLA_307: DocumentNumber = {
  prefix: 'มท',
  unitDigits: '0810',
  subUnit: '7',
  series: 'circular',
  running: 307,
  year: null,
};

function letter(
  prefix: string,
  unitDigits: string,
  subUnit: string | null,
  series: 'normal' | 'circular',
  running: number,
): DocumentNumber {
  return { prefix, unitDigits, subUnit, series, running, year: null };
}

function order(running: number, year: number): DocumentNumber {
  return { prefix: null, unitDigits: null, subUnit: null, series: 'order', running, year };
}

describe('parseDocumentNumber: letters and circulars', () => {
  it.each([
    ['ที่ มท ๐๘๑๐.๗/ว ๓๐๗', DLA_307],
    ['มท ๐๘๑๐.๗/ว ๓๐๗', DLA_307],
    ['มท ๐๘๑๐.๗/ว๓๐๗', DLA_307],
    ['มท๐๘๑๐.๗/ว๓๐๗', DLA_307],
    ['ที่มท๐๘๑๐.๗/ว๓๐๗', DLA_307],
    ['มท 0810.7/ว 307', DLA_307],
    ['มท 0810.7 / ว 307', DLA_307],
    ['มท 0810 . 7/ว 307', DLA_307],
    ['มท 0810.7/ว. 307', DLA_307],
    ['มท 0810.7/ว.307', DLA_307],
    ['  ที่   มท\u00a0๐๘๑๐.๗ /ว  ๓๐๗ ', DLA_307],
    ['มท ๐๘๑๐.๗/ว ๐๓๐๗', DLA_307],
    ['สน ๐๐๒๓.๖/ว ๔๘๗๙', letter('สน', '0023', '6', 'circular', 4879)],
    ['สน ๐๐๒๓.๓/ว ๕๑๓๔', letter('สน', '0023', '3', 'circular', 5134)],
    ['มท ๐๘๑๐.๗/ว๒๗๙', letter('มท', '0810', '7', 'circular', 279)],
    ['มท ๐๘๐๔/๑๒๓', letter('มท', '0804', null, 'normal', 123)],
    ['ชม ๐๐๒๓.๓/๒๔๕๖', letter('ชม', '0023', '3', 'normal', 2456)],
    ['มท ๐๘๑๐.๒/ว ๑๒', letter('มท', '0810', '2', 'circular', 12)],
    ['นม ๐๐๒๓.๑/ว ๑๑๒', letter('นม', '0023', '1', 'circular', 112)],
    ['สน ๐๐๒๓.๓.๑/ว ๑๒', letter('สน', '0023', '3.1', 'circular', 12)],
    ['สน ๗๓๒๐๑/๕๕', letter('สน', '73201', null, 'normal', 55)],
  ])('reads %p', (input, expected) => {
    expect(parseDocumentNumber(input)).toEqual(expected);
  });
});

describe('parseDocumentNumber: orders', () => {
  it.each([
    ['๑๒๓/๒๕๖๖', order(123, 2566)],
    ['123/2566', order(123, 2566)],
    ['คำสั่งที่ ๑๒๓/๒๕๖๖', order(123, 2566)],
    ['คำสั่ง ที่ 123/2566', order(123, 2566)],
    ['คําสั่งที่ 123/2566', order(123, 2566)],
    ['ที่ 123/2566', order(123, 2566)],
    ['123 / 2023', order(123, 2566)],
  ])('reads %p', (input, expected) => {
    expect(parseDocumentNumber(input)).toEqual(expected);
  });

  it('refuses an implausible order year as a document_number error', () => {
    const error = formatError(() => parseDocumentNumber('123/66'));
    expect(error.rule).toBe('document_number');
    expect(error.messageEn).toContain('year 66');
  });
});

describe('parseDocumentNumber: rejected input', () => {
  it.each([
    ['มท ๐๘๑๐.๗/ว ๐', 'whole number from 1'],
    ['มท ๐๘๑๐.๗/ว ๑๐๐๐๐๐๐๐๐๐', 'whole number from 1'],
    ['0/2566', 'whole number from 1'],
    ['มทสนกทนมชม ๐๘๑๐/๑', 'Letter code'],
    ['มท ๘/๑', 'Agency digits'],
    ['มท ๐๘๑๐๐๘๑๐๐/๑', 'Agency digits'],
    ['มท ๐๘๑๐.๑.๒.๓.๔.๕/ว ๑', 'Sub-unit'],
    ['มท ๐๘๑๐.๑๒๓๔๕/ว ๑', 'Sub-unit'],
    ['มท ๐๘๑๐.๗ ว ๓๐๗', 'no "/"'],
    ['', 'no "/"'],
    ['มท ๐๘๑๐.๗/ก ๓๐๗', 'before "/"'],
    ['๐๘๑๐.๗/ว ๓๐๗', 'before "/"'],
    ['Mt 0810.7/ว 307', 'before "/"'],
    ['มท ๐๘๑๐.๗/ว ๓๐๗ ลงวันที่', 'before "/"'],
  ])('refuses %p', (input, explanation) => {
    const error = formatError(() => parseDocumentNumber(input));
    expect(error.rule).toBe('document_number');
    expect(error.messageEn).toContain(explanation);
    expect(error.messageTh.length).toBeGreaterThan(0);
    expect(error.acceptedForm).toContain('มท ๐๘๑๐.๗/ว ๓๐๗');
  });

  it('throws nothing but ThaiFormatError on arbitrary strings', () => {
    const tokens = fc.constantFrom(
      'ที่',
      'มท',
      'สน',
      ' ',
      '/',
      '.',
      'ว',
      'ว.',
      '0',
      '7',
      '๐',
      '๘',
      '0810',
      '2566',
      'คำสั่ง',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.array(tokens, { maxLength: 12 }).map((parts) => parts.join('')),
        ),
        (s) => {
          try {
            const n = parseDocumentNumber(s);
            expect(n.running).toBeGreaterThanOrEqual(1);
          } catch (error: unknown) {
            expect(error).toBeInstanceOf(ThaiFormatError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('parseUnitPrefix', () => {
  it.each([
    ['มท 0810.7', { prefix: 'มท', unitDigits: '0810', subUnit: '7' }],
    ['สน ๐๐๒๓.๖', { prefix: 'สน', unitDigits: '0023', subUnit: '6' }],
    ['มท 0810', { prefix: 'มท', unitDigits: '0810', subUnit: null }],
    ['มท๐๘๑๐.๒.๑', { prefix: 'มท', unitDigits: '0810', subUnit: '2.1' }],
    ['ที่ มท ๐๘๑๐.๗/', { prefix: 'มท', unitDigits: '0810', subUnit: '7' }],
  ])('reads %p', (input, expected) => {
    expect(parseUnitPrefix(input)).toEqual(expected);
  });

  it.each(['', 'มท', '0810.7', 'มท 0810.7/ว 307', 'มท 0810.', 'MT 0810'])('refuses %p', (bad) => {
    const error = formatError(() => parseUnitPrefix(bad));
    expect(error.rule).toBe('unit_prefix');
    expect(error.acceptedForm).toContain('มท ๐๘๑๐.๗');
  });

  it('reports a malformed part with the unit_prefix rule', () => {
    expect(formatError(() => parseUnitPrefix('มท 8')).rule).toBe('unit_prefix');
  });
});
