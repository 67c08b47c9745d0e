import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type Urgency,
  URGENCY_LABEL_TH,
  URGENCY_LEVELS,
  URGENCY_RANK,
  parseUrgency,
} from './urgency.js';
import { ThaiFormatError } from './thai-format.error.js';

describe('urgency tables', () => {
  it('label the three speed classes and leave normal unlabelled', () => {
    expect(URGENCY_LABEL_TH).toEqual({
      most_urgent: 'ด่วนที่สุด',
      very_urgent: 'ด่วนมาก',
      urgent: 'ด่วน',
      normal: '',
    });
  });

  it('list levels most urgent first, with ranks that sort the same way', () => {
    expect(URGENCY_LEVELS).toEqual(['most_urgent', 'very_urgent', 'urgent', 'normal']);
    URGENCY_LEVELS.forEach((level, index) => {
      expect(URGENCY_RANK[level]).toBe(index);
    });
  });

  it('sort incoming mail with ด่วนที่สุด on top', () => {
    const inbox: Urgency[] = [
      'normal',
      'urgent',
      'most_urgent',
      'very_urgent',
      'normal',
      'most_urgent',
    ];
    const sorted = [...inbox].sort((a, b) => URGENCY_RANK[a] - URGENCY_RANK[b]);
    expect(sorted).toEqual([
      'most_urgent',
      'most_urgent',
      'very_urgent',
      'urgent',
      'normal',
      'normal',
    ]);
  });
});

describe('parseUrgency', () => {
  it.each<[string, Urgency]>([
    ['ด่วนที่สุด', 'most_urgent'],
    ['ด่วนมาก', 'very_urgent'],
    ['ด่วน', 'urgent'],
    [' ด่วน ที่สุด ', 'most_urgent'],
    ['', 'normal'],
    ['   ', 'normal'],
    ['ปกติ', 'normal'],
    ['most_urgent', 'most_urgent'],
    ['VERY_URGENT', 'very_urgent'],
    ['very-urgent', 'very_urgent'],
    ['urgent', 'urgent'],
    ['normal', 'normal'],
  ])('reads %p', (input, expected) => {
    expect(parseUrgency(input)).toBe(expected);
  });

  it('reads back every label and code', () => {
    for (const level of URGENCY_LEVELS) {
      expect(parseUrgency(URGENCY_LABEL_TH[level])).toBe(level);
      expect(parseUrgency(level)).toBe(level);
    }
  });

  it.each(['ด่วนมากๆ', 'ลับ', 'urgentt', 'ด่วนภายใน', 'high'])('refuses %p', (bad) => {
    let caught: unknown;
    try {
      parseUrgency(bad);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ThaiFormatError);
    expect(caught).toMatchObject({
      rule: 'urgency',
      acceptedForm: expect.stringContaining('ด่วนที่สุด'),
    });
  });

  it('throws nothing but ThaiFormatError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        try {
          expect(URGENCY_LEVELS).toContain(parseUrgency(s));
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ThaiFormatError);
        }
      }),
    );
  });
});
