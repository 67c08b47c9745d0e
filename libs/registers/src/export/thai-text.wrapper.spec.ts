import { describe, expect, it } from '@jest/globals';
import { wrapThaiText } from './thai-text.wrapper.js';

/** One unit per code point except zero-width combining marks (Thai vowels above/below, tones). */
const charWidth = (s: string): number => s.replace(/[\p{Mn}\p{Me}]/gu, '').length;

const SUBJECT = 'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น';

describe('wrapThaiText', () => {
  it('keeps a line that fits as it is', () => {
    expect(wrapThaiText('ประชาชน', 20, charWidth)).toEqual(['ประชาชน']);
  });

  it('gives no lines for empty or blank text', () => {
    expect(wrapThaiText('', 10, charWidth)).toEqual([]);
    expect(wrapThaiText(' \n\t ', 10, charWidth)).toEqual([]);
  });

  it('breaks Thai at word boundaries, never inside ประชาชน', () => {
    for (let width = 7; width <= 40; width++) {
      const lines = wrapThaiText(SUBJECT, width, charWidth);
      expect(lines.join('')).toBe(SUBJECT);
      expect(lines.filter((l) => l.includes('ประชาชน'))).toHaveLength(1);
      for (const line of lines) {
        expect(charWidth(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('breaks the scenario subject into whole words', () => {
    expect(wrapThaiText(SUBJECT, 16, charWidth)).toEqual([
      'การบันทึกข้อมูลศูนย์',
      'ปฏิบัติการร่วมในการ',
      'ช่วยเหลือประชาชน',
      'ขององค์กรปกครอง',
      'ส่วนท้องถิ่น',
    ]);
  });

  it('breaks Latin text at spaces and drops the space at the break', () => {
    expect(wrapThaiText('the quick  brown fox', 10, charWidth)).toEqual(['the quick', 'brown fox']);
  });

  it('keeps a letter number together except at its spaces', () => {
    expect(wrapThaiText('มท ๐๘๑๐.๗/ว ๓๐๗', 9, charWidth)).toEqual(['มท', '๐๘๑๐.๗/ว', '๓๐๗']);
  });

  it('does not start a line with closing or end one with opening punctuation', () => {
    const lines = wrapThaiText('ส่วนท้องถิ่น (สถานที่กลาง) และระบบ (INFO)', 12, charWidth);
    expect(lines).toEqual(['ส่วนท้องถิ่น', '(สถานที่กลาง)', 'และระบบ', '(INFO)']);
    const tight = wrapThaiText('ประชาชน(สถานที่กลาง)ของ', 10, charWidth);
    expect(tight).toEqual(['ประชาชน', '(สถานที่', 'กลาง)ของ']);
  });

  it('keeps hard line breaks', () => {
    expect(wrapThaiText('แจ้ง สถ.อ.\n\nบันทึกข้อมูล', 40, charWidth)).toEqual([
      'แจ้ง สถ.อ.',
      '',
      'บันทึกข้อมูล',
    ]);
  });

  it('breaks an over-long word between grapheme clusters as a last resort', () => {
    const lines = wrapThaiText('https://example.go.th/very/long/path', 10, charWidth);
    expect(lines.join('')).toBe('https://example.go.th/very/long/path');
    expect(lines.every((l) => charWidth(l) <= 10)).toBe(true);
    // A vowel or tone mark never leaves its consonant, a leading vowel never ends a line.
    const thai = wrapThaiText('เปลี่ยนเปลี่ยนเปลี่ยน', 3, charWidth);
    expect(thai.join('')).toBe('เปลี่ยนเปลี่ยนเปลี่ยน');
    for (const line of thai) {
      expect(line).not.toMatch(/^[\p{Mn}\p{Mc}]/u);
      expect(line).not.toMatch(/[เแโใไ]$/u);
    }
  });
});
