import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BE_OFFSET,
  MAX_CE_YEAR,
  MIN_CE_YEAR,
  normalizeYearToCE,
  toBuddhistYear,
  toCommonYear,
} from './buddhist-era.js';
import { ThaiFormatError } from './thai-format.error.js';

function yearRangeError(run: () => unknown): ThaiFormatError {
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

describe('Buddhist Era conversion', () => {
  it('uses an offset of 543', () => {
    expect(BE_OFFSET).toBe(543);
    expect(toBuddhistYear(2023)).toBe(2566);
    expect(toCommonYear(2566)).toBe(2023);
  });

  it('round trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10000, max: 10000 }), (y) => {
        expect(toCommonYear(toBuddhistYear(y))).toBe(y);
      }),
    );
  });
});

describe('normalizeYearToCE', () => {
  it('reads years below 2400 as CE and 2400 or above as BE', () => {
    expect(normalizeYearToCE(2023)).toBe(2023);
    expect(normalizeYearToCE(2566)).toBe(2023);
    expect(normalizeYearToCE(2200)).toBe(2200);
  });

  it('accepts exactly CE 1900–2200 in either era', () => {
    expect(normalizeYearToCE(MIN_CE_YEAR)).toBe(1900);
    expect(normalizeYearToCE(MAX_CE_YEAR)).toBe(2200);
    expect(normalizeYearToCE(1900 + 543)).toBe(1900);
    expect(normalizeYearToCE(2200 + 543)).toBe(2200);
    for (const bad of [1899, 2201, 2399, 2400, 2442, 2744, 66, 256, 25666, 0, -2023]) {
      expect(yearRangeError(() => normalizeYearToCE(bad)).rule).toBe('year_range');
    }
  });

  it('refuses non-integers with a bilingual explanation', () => {
    const error = yearRangeError(() => normalizeYearToCE(2566.5));
    expect(error.rule).toBe('year_range');
    expect(error.messageTh).toContain('จำนวนเต็ม');
    expect(error.messageEn).toContain('whole number');
    expect(yearRangeError(() => normalizeYearToCE(Number.NaN)).rule).toBe('year_range');
  });

  it('gives the same CE year for a year written in CE or in BE', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_CE_YEAR, max: MAX_CE_YEAR }), (ce) => {
        expect(normalizeYearToCE(ce)).toBe(ce);
        expect(normalizeYearToCE(toBuddhistYear(ce))).toBe(ce);
      }),
    );
  });
});
