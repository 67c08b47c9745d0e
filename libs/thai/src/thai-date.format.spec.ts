import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatThaiDate, formatThaiDateTime, formatThaiTime } from './thai-date.format.js';
import { THAI_MONTHS, THAI_MONTHS_ABBR, THAI_WEEKDAYS } from './thai-calendar.names.js';
import { bangkokInstant } from './bangkok-time.js';
import type { CivilDate } from './civil-date.js';

const civilDate = fc
  .date({
    min: new Date('1950-01-01T00:00:00Z'),
    max: new Date('2150-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d): CivilDate => ({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  }));

function icu(style: 'full' | 'long' | 'medium'): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('th-TH-u-ca-buddhist-nu-thai', {
    dateStyle: style,
    timeZone: 'Asia/Bangkok',
  });
}

/** ICU output without the "พ.ศ." label and with plain single spaces. */
function icuFormat(style: 'full' | 'long' | 'medium', at: Date): string {
  return icu(style)
    .format(at)
    .replace(/พ\.ศ\.\s*/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

describe('Thai calendar tables', () => {
  it('have twelve months and seven weekdays', () => {
    expect(THAI_MONTHS).toHaveLength(12);
    expect(THAI_MONTHS_ABBR).toHaveLength(12);
    expect(THAI_WEEKDAYS).toHaveLength(7);
    expect(new Set(THAI_MONTHS_ABBR.map((a) => a.replace(/\./g, ''))).size).toBe(12);
  });
});

describe('formatThaiDate', () => {
  const feb27: CivilDate = { year: 2023, month: 2, day: 27 };

  it('writes the three styles of official letters', () => {
    expect(formatThaiDate(feb27)).toBe('๒๗ กุมภาพันธ์ ๒๕๖๖');
    expect(formatThaiDate(feb27, 'long')).toBe('๒๗ กุมภาพันธ์ ๒๕๖๖');
    expect(formatThaiDate({ year: 2023, month: 3, day: 8 }, 'short')).toBe('๘ มี.ค. ๒๕๖๖');
    expect(formatThaiDate({ year: 2023, month: 3, day: 24 }, 'full')).toBe('วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖');
  });

  it('writes Arabic digits on request', () => {
    expect(formatThaiDate(feb27, 'short', { digits: 'arabic' })).toBe('27 ก.พ. 2566');
    expect(formatThaiDate(feb27, 'full', { digits: 'arabic' })).toBe('วันจันทร์ที่ 27 กุมภาพันธ์ 2566');
  });

  it('adds the era label in any style on request', () => {
    expect(formatThaiDate(feb27, 'long', { withEraLabel: true })).toBe('๒๗ กุมภาพันธ์ พ.ศ. ๒๕๖๖');
    expect(formatThaiDate(feb27, 'short', { withEraLabel: true, digits: 'arabic' })).toBe(
      '27 ก.พ. พ.ศ. 2566',
    );
    expect(formatThaiDate({ year: 2023, month: 3, day: 24 }, 'full', { withEraLabel: true })).toBe(
      'วันศุกร์ที่ ๒๔ มีนาคม พ.ศ. ๒๕๖๖',
    );
  });

  it('converts a Date to its Bangkok date, not its UTC date', () => {
    expect(formatThaiDate(new Date('2023-03-23T18:00:00Z'), 'full')).toBe('วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖');
    expect(formatThaiDate(new Date('2023-12-31T17:30:00Z'))).toBe('๑ มกราคม ๒๕๖๗');
  });

  it('refuses impossible dates', () => {
    expect(() => formatThaiDate({ year: 2023, month: 4, day: 31 })).toThrow(RangeError);
    expect(() => formatThaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('matches ICU (th-TH buddhist, Thai digits) for every month and weekday', () => {
    // 1..12 January 2023 covers all weekdays; the 8th of each month covers all months.
    const dates: CivilDate[] = [
      ...Array.from({ length: 7 }, (_, i): CivilDate => ({ year: 2023, month: 1, day: i + 1 })),
      ...Array.from({ length: 12 }, (_, i): CivilDate => ({ year: 2023, month: i + 1, day: 8 })),
    ];
    for (const d of dates) {
      const at = bangkokInstant(d, 12);
      expect(formatThaiDate(d, 'full')).toBe(icuFormat('full', at));
      expect(formatThaiDate(d, 'long')).toBe(icuFormat('long', at));
      expect(formatThaiDate(d, 'short')).toBe(icuFormat('medium', at));
    }
  });

  it('matches ICU for random dates and instants', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 23 }), (d, hour) => {
        const at = bangkokInstant(d, hour);
        expect(formatThaiDate(at, 'full')).toBe(icuFormat('full', at));
        expect(formatThaiDate(at, 'long')).toBe(icuFormat('long', at));
        expect(formatThaiDate(at, 'short')).toBe(icuFormat('medium', at));
      }),
    );
  });
});

describe('formatThaiTime', () => {
  it('writes Bangkok time on the 24-hour clock with น.', () => {
    expect(formatThaiTime(new Date('2023-03-08T02:15:00Z'))).toBe('๐๙:๑๕ น.');
    expect(formatThaiTime(new Date('2023-03-08T02:15:00Z'), { digits: 'arabic' })).toBe('09:15 น.');
    expect(formatThaiTime(new Date('2023-03-08T09:30:59Z'))).toBe('๑๖:๓๐ น.');
    expect(formatThaiTime(new Date('2023-03-08T17:05:00Z'))).toBe('๐๐:๐๕ น.');
  });

  it('always has two-digit hours and minutes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1921-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        (d) => {
          expect(formatThaiTime(d, { digits: 'arabic' })).toMatch(/^([01]\d|2[0-3]):[0-5]\d น\.$/);
          expect(formatThaiTime(d)).toMatch(/^[๐-๙]{2}:[๐-๙]{2} น\.$/);
        },
      ),
    );
  });
});

describe('formatThaiDateTime', () => {
  const at = new Date('2023-03-08T02:15:00Z');

  it('joins date and time', () => {
    expect(formatThaiDateTime(at, 'short')).toBe('๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.');
    expect(formatThaiDateTime(at)).toBe('๘ มีนาคม ๒๕๖๖ ๐๙:๑๕ น.');
    expect(formatThaiDateTime(at, 'full', { digits: 'arabic', withEraLabel: true })).toBe(
      'วันพุธที่ 8 มีนาคม พ.ศ. 2566 09:15 น.',
    );
  });

  it('uses the Bangkok date for late-evening UTC instants', () => {
    expect(formatThaiDateTime(new Date('2023-03-23T18:00:00Z'), 'short')).toBe(
      '๒๔ มี.ค. ๒๕๖๖ ๐๑:๐๐ น.',
    );
  });
});
