import { describe, expect, it } from '@jest/globals';
import { splitSaraAmForResvg } from './sara-am.workaround.js';

describe('splitSaraAmForResvg', () => {
  it('splits SARA AM into NIKHAHIT and SARA AA', () => {
    expect(splitSaraAmForResvg('สำนักงาน')).toBe('ส\u0e4d\u0e32นักงาน');
  });

  it('puts NIKHAHIT before a tone mark, as HarfBuzz does', () => {
    expect(splitSaraAmForResvg('น้ำ')).toBe('น\u0e4d\u0e49\u0e32');
    expect(splitSaraAmForResvg('ก่ำ')).toBe('ก\u0e4d\u0e48\u0e32');
  });

  it('matches the compatibility decomposition (NFKD) when there is no tone mark', () => {
    expect(splitSaraAmForResvg('กำหนดจำนวน')).toBe('กำหนดจำนวน'.normalize('NFKD'));
  });

  it('leaves text without SARA AM alone', () => {
    expect(splitSaraAmForResvg('ตรารับ ๑๙๙๓')).toBe('ตรารับ ๑๙๙๓');
  });
});
