import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseThaiDate, parseThaiDateTime, parseThaiTime } from './thai-date.parser.js';
import {
  type ThaiDateStyle,
  formatThaiDate,
  formatThaiDateTime,
  formatThaiTime,
} from './thai-date.format.js';
import { bangkokInstant } from './bangkok-time.js';
import { THAI_MONTHS, THAI_MONTHS_ABBR } from './thai-calendar.names.js';
import type { CivilDate } from './civil-date.js';
import { ThaiFormatError } from './thai-format.error.js';

/** Dates inside the accepted year range (CE 1900–2200). */
const civilDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2200-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d): CivilDate => ({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  }));
const style = fc.constantFrom<ThaiDateStyle>('long', 'short', 'full');
const digits = fc.constantFrom<'thai' | 'arabic'>('thai', 'arabic');

const MAR24: CivilDate = { year: 2023, month: 3, day: 24 };
const FEB27: CivilDate = { year: 2023, month: 2, day: 27 };

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

describe('parseThaiDate: accepted forms', () => {
  it.each([
    ['๒๗ กุมภาพันธ์ ๒๕๖๖', FEB27],
    ['27 กุมภาพันธ์ 2566', FEB27],
    ['27 ก.พ. 2566', FEB27],
    ['๒๗ ก.พ. ๒๕๖๖', FEB27],
    ['27 กพ 2566', FEB27],
    ['27 ก.พ 2566', FEB27],
    ['27 ก. พ. 2566', FEB27],
    ['27ก.พ.2566', FEB27],
    ['27 กุมภาพันธ์ พ.ศ. 2566', FEB27],
    ['27 กุมภาพันธ์ พ.ศ 2566', FEB27],
    ['27 กุมภาพันธ์ พศ 2566', FEB27],
    ['27 กุมภาพันธ์ พุทธศักราช ๒๕๖๖', FEB27],
    ['27 กุมภาพันธ์ 2023', FEB27],
    ['27 ก.พ. ค.ศ. 2023', FEB27],
    ['27 กุมภาพันธ์ คริสต์ศักราช 2023', FEB27],
    ['วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖', MAR24],
    ['วันศุกร์ที่ ๒๔ มีนาคม พ.ศ. ๒๕๖๖', MAR24],
    ['วันศุกร์ ที่ 24 มี.ค. 2566', MAR24],
    ['วันศุกร์ 24 มีค 2566', MAR24],
    ['ศุกร์ที่ 24 มีนาคม 2566', MAR24],
    ['วันที่ 24 มีนาคม 2566', MAR24],
    ['วันที่ ๒๔ เดือน มีนาคม พ.ศ. ๒๕๖๖', MAR24],
    ['24 เดือนมีนาคม 2566', MAR24],
    ['๘ มี.ค. ๒๕๖๖', { year: 2023, month: 3, day: 8 }],
    ['08 มี.ค. 2566', { year: 2023, month: 3, day: 8 }],
    ['วันพฤหัสที่ 23 มีนาคม 2566', { year: 2023, month: 3, day: 23 }],
    ['วันพฤหัสบดีที่ 23 มีนาคม 2566', { year: 2023, month: 3, day: 23 }],
    ['  ๒๔\u00a0 มีนาคม\t\t๒๕๖๖\n', MAR24],
    ['๒๔ มี.\u200bค. ๒๕๖๖', MAR24],
    ['2023-03-24', MAR24],
    ['๒๐๒๓-๐๓-๒๔', MAR24],
    ['2566-03-24', MAR24],
    ['24/3/2566', MAR24],
    ['24/03/2023', MAR24],
    ['๒๔/๓/๒๕๖๖', MAR24],
    ['24 / 3 / 2566', MAR24],
    ['29 ก.พ. 2567', { year: 2024, month: 2, day: 29 }],
  ])('reads %p', (input, expected) => {
    expect(parseThaiDate(input)).toEqual(expected);
  });

  it('reads every full and abbreviated month name, with and without dots', () => {
    for (let month = 1; month <= 12; month++) {
      const expected = { year: 2023, month, day: 1 };
      expect(parseThaiDate(`1 ${THAI_MONTHS[month - 1]} 2566`)).toEqual(expected);
      expect(parseThaiDate(`1 ${THAI_MONTHS_ABBR[month - 1]} 2566`)).toEqual(expected);
      expect(parseThaiDate(`1 ${THAI_MONTHS_ABBR[month - 1].replace(/\./g, '')} 2566`)).toEqual(
        expected,
      );
    }
  });
});

describe('parseThaiDate: rejected input', () => {
  it('names an impossible day', () => {
    const april31 = formatError(() => parseThaiDate('31 เมษายน 2566'));
    expect(april31.rule).toBe('thai_date');
    expect(april31.messageTh).toContain('เมษายน');
    expect(april31.messageTh).toContain('๓๐ วัน');
    expect(april31.messageEn).toContain('30 days');
    expect(april31.acceptedForm).toContain('๒๗ กุมภาพันธ์ ๒๕๖๖');
  });

  it('explains 29 February of a common year', () => {
    const error = formatError(() => parseThaiDate('29 ก.พ. 2566'));
    expect(error.rule).toBe('thai_date');
    expect(error.messageTh).toContain('อธิกสุรทิน');
    expect(error.messageEn).toContain('not a leap year');
  });

  it('refuses day 0, month 13 and impossible slash or ISO dates', () => {
    for (const bad of [
      '0 มีนาคม 2566',
      '32 มีนาคม 2566',
      '24/13/2566',
      '31/4/2566',
      '2023-02-29',
      '2023-13-01',
    ]) {
      expect(formatError(() => parseThaiDate(bad)).rule).toBe('thai_date');
    }
  });

  it('refuses a weekday that does not match the date', () => {
    const error = formatError(() => parseThaiDate('วันจันทร์ที่ ๒๔ มีนาคม ๒๕๖๖'));
    expect(error.rule).toBe('weekday_mismatch');
    expect(error.messageTh).toContain('วันศุกร์');
    expect(error.messageEn).toContain('วันศุกร์');
  });

  it('refuses implausible years with year_range', () => {
    for (const bad of [
      '24 มีนาคม 66',
      '24/3/66',
      '24 มีนาคม 256',
      '24 มีนาคม 25666',
      '24 มี.ค. ค.ศ. 2566',
      '24 มี.ค. พ.ศ. 2023',
    ]) {
      expect(formatError(() => parseThaiDate(bad)).rule).toBe('year_range');
    }
  });

  it('asks for the year in full when it is written with two digits, as on a hand-written stamp', () => {
    const error = formatError(() => parseThaiDateTime('๒๖ พ.ย. ๖๙ ๐๙:๑๕ น.'));
    expect(error.rule).toBe('year_range');
    expect(error.messageTh).toBe('ปี ๖๙ ไม่ครบ ปีต้องเขียนเต็ม ๔ หลัก เช่น ๒๕๖๙ (พ.ศ.) หรือ ๒๐๒๖ (ค.ศ.)');
    expect(error.messageEn).toBe(
      'Year 69 is incomplete: write the year in full, e.g. 2569 (BE) or 2026 (CE)',
    );
    expect(error.acceptedFormTh).not.toMatch(/\bor\b/);
    expect(error.acceptedFormTh).toContain('พ.ศ. ๒๕๖๖');
    for (const written of ['24/3/66', '24 มี.ค. พ.ศ. ๖๖', '๒๔ มีนาคม ๖๖']) {
      expect(formatError(() => parseThaiDate(written)).messageTh).toContain(
        'ปีต้องเขียนเต็ม ๔ หลัก เช่น ๒๕๖๖',
      );
    }
  });

  it('words an out-of-range year in Thai digits in Thai', () => {
    const error = formatError(() => parseThaiDate('24 มี.ค. พ.ศ. 2023'));
    expect(error.messageTh).toContain('พ.ศ. ๒๐๒๓');
    expect(error.messageTh).toContain('๒๔๔๓–๒๗๔๓');
    expect(error.messageTh).not.toMatch(/[0-9]/);
  });

  it('says so when the month name is unknown', () => {
    const error = formatError(() => parseThaiDate('24 March 2023'));
    expect(error.rule).toBe('thai_date');
    expect(error.messageEn).toContain('Unknown month name "March"');
  });

  it.each([
    '',
    '   ',
    'พรุ่งนี้',
    '24 มีนาคม',
    'มีนาคม 2566',
    '2023/03/24',
    '24-03-2566',
    'x'.repeat(500),
  ])('refuses %p with an accepted form', (bad) => {
    const error = formatError(() => parseThaiDate(bad));
    expect(error.rule).toBe('thai_date');
    expect(error.messageTh.length).toBeGreaterThan(0);
    expect(error.messageEn).toBe(error.message);
    expect(error.acceptedForm).toContain('2023-03-24');
  });
});

describe('parseThaiDate: properties', () => {
  it('reads back what formatThaiDate writes, in every style and digit system', () => {
    fc.assert(
      fc.property(civilDate, style, digits, fc.boolean(), (d, s, digitSystem, withEraLabel) => {
        expect(parseThaiDate(formatThaiDate(d, s, { digits: digitSystem, withEraLabel }))).toEqual(
          d,
        );
      }),
    );
  });

  it('reads ICU th-TH buddhist output', () => {
    fc.assert(
      fc.property(
        civilDate,
        fc.constantFrom<'full' | 'long' | 'medium'>('full', 'long', 'medium'),
        (d, dateStyle) => {
          const text = new Intl.DateTimeFormat('th-TH-u-ca-buddhist-nu-thai', {
            dateStyle,
            timeZone: 'Asia/Bangkok',
          }).format(bangkokInstant(d, 12));
          expect(parseThaiDate(text)).toEqual(d);
        },
      ),
    );
  });

  it('reads the same date with the year in CE or BE, and as day/month/year', () => {
    fc.assert(
      fc.property(civilDate, (d) => {
        const long = `${String(d.day)} ${THAI_MONTHS[d.month - 1]}`;
        expect(parseThaiDate(`${long} ${String(d.year)}`)).toEqual(d);
        expect(parseThaiDate(`${long} ${String(d.year + 543)}`)).toEqual(d);
        expect(
          parseThaiDate(`${String(d.day)}/${String(d.month)}/${String(d.year + 543)}`),
        ).toEqual(d);
      }),
    );
  });

  it('throws nothing but ThaiFormatError on arbitrary strings', () => {
    const tokens = fc.constantFrom(
      ' ',
      '/',
      '-',
      '.',
      ':',
      '0',
      '1',
      '2',
      '9',
      '๒',
      '๕',
      '๖',
      'มี.ค.',
      'มีนาคม',
      'ก.พ',
      'พ.ศ.',
      'ค.ศ.',
      'วัน',
      'ที่',
      'ศุกร์',
      '31',
      '2566',
      '2023',
    );
    const anyText = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.array(tokens, { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        try {
          const d = parseThaiDate(s);
          // Whatever is accepted is a real date in the accepted range.
          expect(formatThaiDate(d)).toMatch(/^[๐-๙]{1,2} \S+ [๐-๙]{4}$/);
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ThaiFormatError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseThaiTime', () => {
  it.each([
    ['๐๙:๑๕ น.', { hour: 9, minute: 15 }],
    ['09:15', { hour: 9, minute: 15 }],
    ['9.15 น.', { hour: 9, minute: 15 }],
    ['09.15', { hour: 9, minute: 15 }],
    ['๙.๑๕ น', { hour: 9, minute: 15 }],
    ['16.30 นาฬิกา', { hour: 16, minute: 30 }],
    ['เวลา 16:30 น.', { hour: 16, minute: 30 }],
    [' 23 : 59 ', { hour: 23, minute: 59 }],
    ['00:00', { hour: 0, minute: 0 }],
  ])('reads %p', (input, expected) => {
    expect(parseThaiTime(input)).toEqual(expected);
  });

  it.each(['24:00', '25:10', '09:60', '9.5', '9', 'nine', '', '09:15:00', '-1:00'])(
    'refuses %p',
    (bad) => {
      const error = formatError(() => parseThaiTime(bad));
      expect(error.rule).toBe('thai_time');
      expect(error.acceptedForm).toContain('๐๙:๑๕ น.');
    },
  );

  it('reads back what formatThaiTime writes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        digits,
        (hour, minute, digitSystem) => {
          const at = bangkokInstant({ year: 2023, month: 3, day: 8 }, hour, minute);
          expect(parseThaiTime(formatThaiTime(at, { digits: digitSystem }))).toEqual({
            hour,
            minute,
          });
        },
      ),
    );
  });

  it('throws nothing but ThaiFormatError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        try {
          const { hour, minute } = parseThaiTime(s);
          expect(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59).toBe(true);
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ThaiFormatError);
        }
      }),
    );
  });
});

describe('parseThaiDateTime', () => {
  const stamp = '2023-03-08T02:15:00.000Z'; // ๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น. in Bangkok

  it.each([
    '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.',
    '8 มี.ค. 2566 09:15',
    '๘ มีนาคม ๒๕๖๖ เวลา ๙.๑๕ น.',
    'วันพุธที่ ๘ มีนาคม พ.ศ. ๒๕๖๖ ๐๙.๑๕ นาฬิกา',
    '8/3/2566 9:15',
    '2023-03-08T09:15:00+07:00',
    '2023-03-08T02:15:00Z',
    '2023-03-08T09:15',
    '2566-03-08T09:15:00+07:00',
    '๒๐๒๓-๐๓-๐๘T๐๙:๑๕:๐๐+๐๗:๐๐',
    '2023-03-08 09:15',
  ])('reads %s as 8 March 2566 09:15 in Bangkok', (text) => {
    expect(parseThaiDateTime(text).toISOString()).toBe(stamp);
  });

  it('keeps seconds, fractions and other zones of ISO text', () => {
    expect(parseThaiDateTime('2023-03-08T09:15:30.25+05:30').toISOString()).toBe(
      '2023-03-08T03:45:30.250Z',
    );
  });

  it('refuses text without a time, naming the form it accepts', () => {
    expect(() => parseThaiDateTime('๘ มีนาคม ๒๕๖๖')).toThrow(
      expect.objectContaining({ rule: 'thai_datetime' }),
    );
  });

  it('lets the date or the time say what is wrong with it', () => {
    expect(() => parseThaiDateTime('๓๑ เมษายน ๒๕๖๖ ๐๙:๐๐')).toThrow(
      expect.objectContaining({ rule: 'thai_date' }),
    );
    expect(() => parseThaiDateTime('วันศุกร์ที่ ๘ มีนาคม ๒๕๖๖ ๐๙:๐๐')).toThrow(
      expect.objectContaining({ rule: 'weekday_mismatch' }),
    );
    expect(() => parseThaiDateTime('๘ มีนาคม ๒๕๖๖ ๒๕:๐๐')).toThrow(
      expect.objectContaining({ rule: 'thai_time' }),
    );
  });

  it('reads back what formatThaiDateTime writes, in every style and digit system', () => {
    fc.assert(
      fc.property(
        civilDate,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom<ThaiDateStyle>('long', 'short', 'full'),
        digits,
        (date, hour, minute, style, digitSystem) => {
          const at = bangkokInstant(date, hour, minute);
          const text = formatThaiDateTime(at, style, { digits: digitSystem });
          expect(parseThaiDateTime(text).getTime()).toBe(at.getTime());
        },
      ),
    );
  });

  it('throws nothing but ThaiFormatError on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        try {
          expect(Number.isNaN(parseThaiDateTime(s).getTime())).toBe(false);
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ThaiFormatError);
        }
      }),
    );
  });
});
