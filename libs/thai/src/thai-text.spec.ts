import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normalizeThaiInput } from './thai-text.js';

describe('normalizeThaiInput', () => {
  it('converts Thai digits, collapses whitespace and trims', () => {
    expect(normalizeThaiInput('  ที่  มท\t๐๘๑๐.๗/ว\u00a0\u00a0๓๐๗ \n')).toBe('ที่ มท 0810.7/ว 307');
  });

  it('applies NFC', () => {
    expect(normalizeThaiInput('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('recomposes sara am typed as nikhahit + sara aa, also around a tone mark', () => {
    expect(normalizeThaiInput('ค\u0e4d\u0e32สั่ง')).toBe('คำสั่ง');
    expect(normalizeThaiInput('ต\u0e4d\u0e48\u0e32')).toBe('ต\u0e48\u0e33');
  });

  it('removes zero-width spaces used as line-break hints', () => {
    expect(normalizeThaiInput('มี.\u200bค. ๒๕\u200b๖๖')).toBe('มี.ค. 2566');
  });

  it('is idempotent and leaves no leading, trailing or double spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeThaiInput(s);
        expect(normalizeThaiInput(once)).toBe(once);
        expect(once).not.toMatch(/^\s|\s$|\s\s|[๐-๙]/);
      }),
    );
  });
});
