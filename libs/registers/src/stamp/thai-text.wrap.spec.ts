import { describe, expect, it } from '@jest/globals';
import { collapseWhitespace, wrapToTwoLines } from './thai-text.wrap.js';

const byLength = (line: string): number => line.length;

describe('wrapToTwoLines', () => {
  it('keeps text that fits on one line', () => {
    expect(wrapToTwoLines('  กรม   ป่าไม้ ', 100, byLength)).toEqual(['กรม ป่าไม้']);
  });

  it('breaks at the Thai word boundary that balances the two lines', () => {
    expect(wrapToTwoLines('องค์การบริหารส่วนตำบลนาแก้ว', 15, byLength)).toEqual([
      'องค์การบริหาร',
      'ส่วนตำบลนาแก้ว',
    ]);
  });

  it('never splits a base letter from its vowel or tone mark', () => {
    const [first, second] = wrapToTwoLines('น้ำท่วมน้ำท่วม', 5, byLength);
    expect(first + second).toBe('น้ำท่วมน้ำท่วม');
    expect(second).toMatch(/^[\u0e01-\u0e2e]/);
  });

  it('drops the space at a break between words', () => {
    expect(wrapToTwoLines('Office of the Governor', 12, byLength)).toEqual([
      'Office of',
      'the Governor',
    ]);
  });

  it('prefers breaking at a space between phrases when both lines fit', () => {
    expect(wrapToTwoLines('กรมป่าไม้ ฝ่ายบริหารทั่วไป', 20, byLength)).toEqual([
      'กรมป่าไม้',
      'ฝ่ายบริหารทั่วไป',
    ]);
  });

  it('breaks inside a phrase when breaking at the space leaves a line too long', () => {
    const text = 'กรมป่าไม้ ฝ่ายบริหารทั่วไปและงานสารบรรณ';
    const lines = wrapToTwoLines(text, 20, byLength);
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toBe('กรมป่าไม้');
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    expect(Math.max(...lines.map(byLength))).toBeLessThan(text.length - 'กรมป่าไม้ '.length);
  });
});

describe('collapseWhitespace', () => {
  it('trims and collapses runs of white space', () => {
    expect(collapseWhitespace(' ก \t\n ข ')).toBe('ก ข');
  });
});
