import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type Secrecy,
  SECRECY_LABEL_TH,
  SECRECY_LEVELS,
  isClassified,
  parseSecrecy,
} from './secrecy.js';
import { ThaiFormatError } from './thai-format.error.js';

describe('secrecy tables', () => {
  it('label the three classes and leave none unlabelled', () => {
    expect(SECRECY_LABEL_TH).toEqual({
      top_secret: 'ลับที่สุด',
      secret: 'ลับมาก',
      confidential: 'ลับ',
      none: '',
    });
  });

  it('list levels most secret first', () => {
    expect(SECRECY_LEVELS).toEqual(['top_secret', 'secret', 'confidential', 'none']);
  });
});

describe('parseSecrecy', () => {
  it.each<[string, Secrecy]>([
    ['ลับที่สุด', 'top_secret'],
    ['ลับมาก', 'secret'],
    ['ลับ', 'confidential'],
    ['ลับ ที่สุด', 'top_secret'],
    ['', 'none'],
    ['ไม่มี', 'none'],
    ['ไม่ลับ', 'none'],
    ['ปกติ', 'none'],
    ['TOP_SECRET', 'top_secret'],
    ['top-secret', 'top_secret'],
    ['confidential', 'confidential'],
    ['none', 'none'],
  ])('reads %p', (input, expected) => {
    expect(parseSecrecy(input)).toBe(expected);
  });

  it('reads back every label and code', () => {
    for (const level of SECRECY_LEVELS) {
      expect(parseSecrecy(SECRECY_LABEL_TH[level])).toBe(level);
      expect(parseSecrecy(level)).toBe(level);
    }
  });

  it.each(['ลับๆ', 'ด่วน', 'secrett', 'ปกปิด'])('refuses %p', (bad) => {
    let caught: unknown;
    try {
      parseSecrecy(bad);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ThaiFormatError);
    expect(caught).toMatchObject({
      rule: 'secrecy',
      acceptedForm: expect.stringContaining('ลับที่สุด'),
    });
  });

  it('throws nothing but ThaiFormatError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        try {
          expect(SECRECY_LEVELS).toContain(parseSecrecy(s));
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ThaiFormatError);
        }
      }),
    );
  });
});

describe('isClassified', () => {
  it('is true for every class but none', () => {
    expect(SECRECY_LEVELS.map(isClassified)).toEqual([true, true, true, false]);
  });
});
