import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { wrapThaiText } from './thai-text.wrapper.js';

/** One unit per code point except zero-width combining marks (Thai vowels above/below, tones). */
const charWidth = (s: string): number => s.replace(/[\p{Mn}\p{Me}]/gu, '').length;

const THAI_WORDS = [
  'การ',
  'บันทึก',
  'ข้อมูล',
  'ศูนย์',
  'ปฏิบัติ',
  'ร่วม',
  'ช่วยเหลือ',
  'ประชาชน',
  'องค์กร',
  'ปกครอง',
  'ส่วนท้องถิ่น',
  'น้ำท่วม',
  'จังหวัด',
  'สกลนคร',
  'หนังสือ',
  'เปลี่ยนแปลง',
  'ไม้ไผ่',
];
const WORDS = [...THAI_WORDS, 'INFO', 'e-mail', '๐๘๑๐.๗/ว', '๓๐๗', '(สถานที่กลาง)'];
// Single code points on purpose (Thai vowels and tone marks on their own included).
const CHARS = [
  ...Array.from('กขคงจฉชซญดตถทนบปผพฟมยรลวศสหอฮะัาำิีึืุูเแโใไ็่้๊๋์ๆฯ'),
  ...Array.from('๐๑๒๓๔๕๖๗๘๙0123456789abcXYZ'),
  ...Array.from('()/.,-"\''),
  ' ',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\u00a0',
  '\u200b',
];

const textOf = (words: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(
      fc.record({ word: fc.constantFrom(...words), sep: fc.constantFrom('', '', '', ' ', '  ') }),
      { maxLength: 30 },
    )
    .map((parts) => parts.map(({ word, sep }) => word + sep).join(''));
const thaiWordText = textOf(THAI_WORDS);
const anyText = fc
  .oneof(
    fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    textOf(WORDS),
  )
  // A stray combining mark after white space makes the white space part of a cluster (it is
  // kept as it is, not collapsed); real text has none.
  .filter((text) => !/[\s\u200b]\p{M}/u.test(text));

const NON_BREAKING_SPACE = /[\u00a0\u2007\u202f]/u;
const SPACE_CHAR = /[^\S\u00a0\u2007\u202f\n\r\u2028\u2029]/u;
const BREAK_RUN = /(?:[^\S\u00a0\u2007\u202f\n\r\u2028\u2029]|\u200b)+/gu;

/** The text as lines must reproduce it: trimmed, paragraphs kept, white space runs collapsed. */
function expectedParagraphs(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed
    .split(/\r\n|[\n\r\u2028\u2029]/u)
    .map((p) =>
      p.replace(BREAK_RUN, (run) => (SPACE_CHAR.test(run) ? ' ' : '')).replace(/^ +| +$/gu, ''),
    );
}

/**
 * Walks the lines through the normalised text; each break either drops one space or falls
 * between two characters. Returns the break offsets per paragraph, or null if the lines do
 * not give back the text.
 */
function breakOffsets(lines: readonly string[], text: string): number[][] | null {
  const result: number[][] = [];
  let i = 0;
  for (const paragraph of expectedParagraphs(text)) {
    const breaks: number[] = [];
    let pos = 0;
    for (;;) {
      const line = lines[i++];
      if (line === undefined || !paragraph.startsWith(line, pos)) return null;
      pos += line.length;
      if (pos === paragraph.length) break;
      if (line === '') return null;
      breaks.push(pos);
      if (paragraph[pos] === ' ') pos++;
    }
    result.push(breaks);
  }
  return i === lines.length ? result : null;
}

const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
/** Clusters the wrapper never breaks: graphemes, a leading vowel kept with what follows. */
function clusterCount(line: string): number {
  return [...graphemes.segment(line)].filter((g) => !/^[เแโใไ]$/u.test(g.segment)).length;
}

describe('wrapThaiText (properties)', () => {
  it('gives the text back when the lines are joined (modulo collapsed white space)', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 30 }), (text, width) => {
        const lines = wrapThaiText(text, width, charWidth);
        expect(breakOffsets(lines, text)).not.toBeNull();
        for (const line of lines) {
          expect(line).not.toMatch(/^[ \t]|[ \t]$/u);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never makes a line wider than maxWidth unless it is one unbreakable cluster', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 30 }), (text, width) => {
        for (const line of wrapThaiText(text, width, charWidth)) {
          if (charWidth(line) > width) {
            expect(clusterCount(line)).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('breaks only at word boundaries or spaces when every word fits on a line', () => {
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    fc.assert(
      fc.property(thaiWordText, fc.integer({ min: 0, max: 30 }), (text, extra) => {
        const [paragraph = ''] = expectedParagraphs(text);
        const segments = [...segmenter.segment(paragraph)];
        const widest = Math.max(0, ...segments.map((s) => charWidth(s.segment)));
        const boundaries = new Set(segments.map((s) => s.index));
        const lines = wrapThaiText(text, widest + extra, charWidth);
        const offsets = breakOffsets(lines, text);
        expect(offsets).not.toBeNull();
        for (const offset of offsets?.[0] ?? []) {
          const atSpace = paragraph[offset] === ' ';
          expect(atSpace || boundaries.has(offset)).toBe(true);
        }
        for (const line of lines) {
          expect(charWidth(line)).toBeLessThanOrEqual(widest + extra);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps non-breaking spaces inside the line', () => {
    expect(NON_BREAKING_SPACE.test(wrapThaiText('ก\u00a0ข', 1, charWidth).join(''))).toBe(true);
  });
});
