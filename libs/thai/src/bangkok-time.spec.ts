import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BANGKOK_TIME_ZONE,
  bangkokCivilDate,
  bangkokInstant,
  bangkokIsoString,
  bangkokTimeOfDay,
} from './bangkok-time.js';
import type { CivilDate } from './civil-date.js';

/** Instants from 1921 (Bangkok has been on +07:00 since 1 April 1920) to 2200. */
const instant = fc.date({
  min: new Date('1921-01-01T00:00:00Z'),
  max: new Date('2200-12-31T23:59:59Z'),
  noInvalidDate: true,
});

const civilDate = instant.map((d): CivilDate => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
}));

/** Independent oracle: the host's time-zone database via Intl. */
const bangkokParts = new Intl.DateTimeFormat('en-US', {
  timeZone: BANGKOK_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

function intlBangkok(d: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of bangkokParts.formatToParts(d)) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  return parts;
}

describe('BANGKOK_TIME_ZONE', () => {
  it('is the IANA name', () => {
    expect(BANGKOK_TIME_ZONE).toBe('Asia/Bangkok');
  });
});

describe('bangkokCivilDate', () => {
  it('is already the next day in Bangkok from 17:00 UTC', () => {
    expect(bangkokCivilDate(new Date('2023-03-23T18:00:00Z'))).toEqual({
      year: 2023,
      month: 3,
      day: 24,
    });
    expect(bangkokCivilDate(new Date('2023-03-23T16:59:59.999Z'))).toEqual({
      year: 2023,
      month: 3,
      day: 23,
    });
    expect(bangkokCivilDate(new Date('2023-03-23T17:00:00Z'))).toEqual({
      year: 2023,
      month: 3,
      day: 24,
    });
    expect(bangkokCivilDate(new Date('2023-12-31T17:30:00Z'))).toEqual({
      year: 2024,
      month: 1,
      day: 1,
    });
  });

  it('refuses an invalid Date', () => {
    expect(() => bangkokCivilDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('agrees with the time-zone database', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const intl = intlBangkok(d);
        expect(bangkokCivilDate(d)).toEqual({ year: intl.year, month: intl.month, day: intl.day });
      }),
    );
  });

  it('falls on the next UTC day exactly for instants from 17:00 to 23:59 UTC (the UTC-midnight trap)', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const utc: CivilDate = {
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        };
        const bangkok = bangkokCivilDate(d);
        if (d.getUTCHours() >= 17) {
          const next = new Date(d.getTime() + 86_400_000);
          expect(bangkok).toEqual({
            year: next.getUTCFullYear(),
            month: next.getUTCMonth() + 1,
            day: next.getUTCDate(),
          });
        } else {
          expect(bangkok).toEqual(utc);
        }
      }),
    );
  });
});

describe('bangkokInstant', () => {
  it('is seven hours before the same UTC wall time', () => {
    expect(bangkokInstant({ year: 2023, month: 3, day: 24 }).toISOString()).toBe(
      '2023-03-23T17:00:00.000Z',
    );
    expect(bangkokInstant({ year: 2023, month: 3, day: 24 }, 16, 30).toISOString()).toBe(
      '2023-03-24T09:30:00.000Z',
    );
    expect(bangkokInstant({ year: 2024, month: 1, day: 1 }, 0, 30, 15).toISOString()).toBe(
      '2023-12-31T17:30:15.000Z',
    );
  });

  it('refuses invalid dates and times', () => {
    expect(() => bangkokInstant({ year: 2023, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => bangkokInstant({ year: 2023, month: 3, day: 24 }, 24)).toThrow(RangeError);
    expect(() => bangkokInstant({ year: 2023, month: 3, day: 24 }, 9, 60)).toThrow(RangeError);
    expect(() => bangkokInstant({ year: 2023, month: 3, day: 24 }, 9, 0, 60)).toThrow(RangeError);
    expect(() => bangkokInstant({ year: 2023, month: 3, day: 24 }, -1)).toThrow(RangeError);
    expect(() => bangkokInstant({ year: 2023, month: 3, day: 24 }, 9.5)).toThrow(RangeError);
  });

  it('round trips with bangkokCivilDate and bangkokTimeOfDay', () => {
    fc.assert(
      fc.property(
        civilDate,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (date, hour, minute, second) => {
          const at = bangkokInstant(date, hour, minute, second);
          expect(bangkokCivilDate(at)).toEqual(date);
          expect(bangkokTimeOfDay(at)).toEqual({ hour, minute, second });
          const intl = intlBangkok(at);
          expect([intl.year, intl.month, intl.day, intl.hour, intl.minute, intl.second]).toEqual([
            date.year,
            date.month,
            date.day,
            hour,
            minute,
            second,
          ]);
        },
      ),
    );
  });

  it('maps every instant back to the start of its Bangkok day', () => {
    fc.assert(
      fc.property(instant, (d) => {
        const midnight = bangkokInstant(bangkokCivilDate(d));
        const elapsed = d.getTime() - midnight.getTime();
        expect(elapsed).toBeGreaterThanOrEqual(0);
        expect(elapsed).toBeLessThan(86_400_000);
      }),
    );
  });
});

describe('bangkokTimeOfDay', () => {
  it('reads the Bangkok wall clock', () => {
    expect(bangkokTimeOfDay(new Date('2023-03-08T02:15:42.999Z'))).toEqual({
      hour: 9,
      minute: 15,
      second: 42,
    });
    expect(bangkokTimeOfDay(new Date('2023-03-08T17:00:00Z'))).toEqual({
      hour: 0,
      minute: 0,
      second: 0,
    });
    expect(bangkokTimeOfDay(new Date('2023-03-08T16:59:59Z'))).toEqual({
      hour: 23,
      minute: 59,
      second: 59,
    });
  });

  it('works for instants before 1970', () => {
    expect(bangkokTimeOfDay(new Date('1950-06-01T23:45:00Z'))).toEqual({
      hour: 6,
      minute: 45,
      second: 0,
    });
    expect(bangkokCivilDate(new Date('1950-06-01T23:45:00Z'))).toEqual({
      year: 1950,
      month: 6,
      day: 2,
    });
  });
});

describe('bangkokIsoString', () => {
  it('writes the Bangkok wall clock with its offset, to the second', () => {
    expect(bangkokIsoString(new Date('2023-03-24T09:30:00.000Z'))).toBe(
      '2023-03-24T16:30:00+07:00',
    );
    // 17:00 UTC is already the next day in Bangkok.
    expect(bangkokIsoString(new Date('2023-03-23T17:00:00.999Z'))).toBe(
      '2023-03-24T00:00:00+07:00',
    );
  });

  it('names the same instant', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
        expect(new Date(bangkokIsoString(at)).getTime()).toBe(whole.getTime());
      }),
    );
  });

  it('refuses an invalid Date', () => {
    expect(() => bangkokIsoString(new Date(Number.NaN))).toThrow(RangeError);
  });
});
