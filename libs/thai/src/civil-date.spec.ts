import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type CivilDate,
  addDays,
  civilDateToEpochDay,
  civilDateToIso,
  compareCivilDates,
  dayOfWeek,
  daysInMonth,
  epochDayToCivilDate,
  isLeapYear,
  isValidCivilDate,
  parseIsoCivilDate,
} from './civil-date.js';
import { ThaiFormatError } from './thai-format.error.js';

const MS_PER_DAY = 86_400_000;

/** Any valid civil date in years 1..9999. */
const civilDate = fc
  .date({
    min: new Date('0001-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d): CivilDate => ({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  }));

/** The same date through the host's Date (UTC), as an independent oracle. */
function utcDate(d: CivilDate): Date {
  const date = new Date(0);
  date.setUTCFullYear(d.year, d.month - 1, d.day);
  return date;
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected an error');
}

describe('isValidCivilDate', () => {
  it('knows month lengths and leap years', () => {
    expect(isValidCivilDate({ year: 2023, month: 4, day: 30 })).toBe(true);
    expect(isValidCivilDate({ year: 2023, month: 4, day: 31 })).toBe(false);
    expect(isValidCivilDate({ year: 2023, month: 2, day: 29 })).toBe(false);
    expect(isValidCivilDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isValidCivilDate({ year: 1900, month: 2, day: 29 })).toBe(false);
    expect(isValidCivilDate({ year: 2000, month: 2, day: 29 })).toBe(true);
  });

  it('refuses out-of-range and fractional fields', () => {
    for (const d of [
      { year: 2023, month: 0, day: 1 },
      { year: 2023, month: 13, day: 1 },
      { year: 2023, month: 1, day: 0 },
      { year: 2023, month: 1.5, day: 1 },
      { year: 2023, month: 1, day: 1.5 },
      { year: 2023.5, month: 1, day: 1 },
      { year: 0, month: 1, day: 1 },
      { year: 10000, month: 1, day: 1 },
      { year: Number.NaN, month: 1, day: 1 },
    ]) {
      expect(isValidCivilDate(d)).toBe(false);
    }
  });

  it('agrees with Date about which dates exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (year, month, day) => {
          const roll = utcDate({ year, month, day });
          const exists = roll.getUTCMonth() + 1 === month && roll.getUTCDate() === day;
          expect(isValidCivilDate({ year, month, day })).toBe(exists);
        },
      ),
    );
  });
});

describe('isLeapYear and daysInMonth', () => {
  it('follow the Gregorian rules', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 12)).toBe(31);
    expect(daysInMonth(2023, 11)).toBe(30);
    expect(() => daysInMonth(2023, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2023, 13)).toThrow(RangeError);
  });
});

describe('compareCivilDates', () => {
  it('orders by year, then month, then day', () => {
    expect(
      compareCivilDates({ year: 2023, month: 3, day: 24 }, { year: 2023, month: 3, day: 24 }),
    ).toBe(0);
    expect(
      compareCivilDates({ year: 2023, month: 3, day: 24 }, { year: 2023, month: 3, day: 25 }),
    ).toBeLessThan(0);
    expect(
      compareCivilDates({ year: 2023, month: 4, day: 1 }, { year: 2023, month: 3, day: 31 }),
    ).toBeGreaterThan(0);
    expect(
      compareCivilDates({ year: 2022, month: 12, day: 31 }, { year: 2023, month: 1, day: 1 }),
    ).toBeLessThan(0);
  });

  it('agrees with the order of instants and is antisymmetric', () => {
    fc.assert(
      fc.property(civilDate, civilDate, (a, b) => {
        const expected = Math.sign(utcDate(a).getTime() - utcDate(b).getTime());
        expect(compareCivilDates(a, b)).toBe(expected);
        expect(compareCivilDates(b, a)).toBe(0 - expected + 0);
      }),
    );
  });
});

describe('epoch days', () => {
  it('counts from 1970-01-01', () => {
    expect(civilDateToEpochDay({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(civilDateToEpochDay({ year: 1969, month: 12, day: 31 })).toBe(-1);
    expect(civilDateToEpochDay({ year: 2023, month: 3, day: 24 })).toBe(
      Date.UTC(2023, 2, 24) / MS_PER_DAY,
    );
  });

  it('round trips and agrees with Date', () => {
    fc.assert(
      fc.property(civilDate, (d) => {
        const epochDay = civilDateToEpochDay(d);
        expect(epochDay).toBe(utcDate(d).getTime() / MS_PER_DAY);
        expect(epochDayToCivilDate(epochDay)).toEqual(d);
      }),
    );
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays({ year: 2023, month: 3, day: 24 }, 8)).toEqual({ year: 2023, month: 4, day: 1 });
    expect(addDays({ year: 2023, month: 12, day: 31 }, 1)).toEqual({
      year: 2024,
      month: 1,
      day: 1,
    });
    expect(addDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({
      year: 2024,
      month: 2,
      day: 29,
    });
    expect(addDays({ year: 2023, month: 2, day: 28 }, 1)).toEqual({ year: 2023, month: 3, day: 1 });
    expect(addDays({ year: 2023, month: 1, day: 1 }, -1)).toEqual({
      year: 2022,
      month: 12,
      day: 31,
    });
    expect(addDays({ year: 2023, month: 1, day: 1 }, 0)).toEqual({ year: 2023, month: 1, day: 1 });
  });

  it('refuses invalid input', () => {
    expect(() => addDays({ year: 2023, month: 2, day: 30 }, 1)).toThrow(RangeError);
    expect(() => addDays({ year: 2023, month: 2, day: 1 }, 1.5)).toThrow(RangeError);
    expect(() => addDays({ year: 9999, month: 12, day: 31 }, 1)).toThrow(RangeError);
  });

  it('agrees with Date arithmetic and inverts with a negative count', () => {
    fc.assert(
      fc.property(
        civilDate.filter((d) => d.year >= 1900 && d.year <= 2200),
        fc.integer({ min: -40_000, max: 40_000 }),
        (d, n) => {
          const result = addDays(d, n);
          expect(utcDate(result).getTime()).toBe(utcDate(d).getTime() + n * MS_PER_DAY);
          expect(addDays(result, -n)).toEqual(d);
          expect(Math.sign(compareCivilDates(result, d))).toBe(Math.sign(n));
        },
      ),
    );
  });
});

describe('dayOfWeek', () => {
  it('numbers Sunday 0', () => {
    expect(dayOfWeek({ year: 2023, month: 3, day: 24 })).toBe(5); // วันศุกร์
    expect(dayOfWeek({ year: 2023, month: 2, day: 27 })).toBe(1); // วันจันทร์
    expect(dayOfWeek({ year: 1970, month: 1, day: 1 })).toBe(4);
    expect(dayOfWeek({ year: 2023, month: 1, day: 8 })).toBe(0);
  });

  it('agrees with Date.getUTCDay', () => {
    fc.assert(
      fc.property(civilDate, (d) => {
        expect(dayOfWeek(d)).toBe(utcDate(d).getUTCDay());
      }),
    );
  });
});

describe('ISO dates', () => {
  it('formats with zero padding', () => {
    expect(civilDateToIso({ year: 2023, month: 3, day: 24 })).toBe('2023-03-24');
    expect(civilDateToIso({ year: 987, month: 1, day: 2 })).toBe('0987-01-02');
    expect(() => civilDateToIso({ year: 2023, month: 2, day: 29 })).toThrow(RangeError);
  });

  it('parses strict YYYY-MM-DD, in either digit system', () => {
    expect(parseIsoCivilDate('2023-03-24')).toEqual({ year: 2023, month: 3, day: 24 });
    expect(parseIsoCivilDate(' ๒๐๒๓-๐๓-๒๔ ')).toEqual({ year: 2023, month: 3, day: 24 });
  });

  it('refuses other shapes and impossible dates with ThaiFormatError', () => {
    for (const bad of ['2023-3-24', '24/03/2023', '2023-03-24T00:00:00Z', '', 'x']) {
      const error = thrown(() => parseIsoCivilDate(bad));
      expect(error).toBeInstanceOf(ThaiFormatError);
      expect(error).toMatchObject({ rule: 'iso_date' });
    }
    const impossible = thrown(() => parseIsoCivilDate('2023-02-29'));
    expect(impossible).toBeInstanceOf(ThaiFormatError);
    expect(impossible).toMatchObject({
      rule: 'iso_date',
      acceptedForm: expect.stringContaining('2023-03-24'),
    });
  });

  it('round trips', () => {
    fc.assert(
      fc.property(civilDate, (d) => {
        const iso = civilDateToIso(d);
        expect(iso).toBe(utcDate(d).toISOString().slice(0, 10));
        expect(parseIsoCivilDate(iso)).toEqual(d);
      }),
    );
  });
});
