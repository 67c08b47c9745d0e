import { describe, expect, it } from '@jest/globals';
import type { Authority } from './delegation.types.js';
import { renderSignatureBlock } from './signature-block.js';

const onBehalf: Authority = {
  basis: 'delegation',
  kind: 'acting_on_behalf',
  delegationId: 'd1',
  principalPositionId: 'pos-governor',
  chain: ['d1'],
};
const inPost: Authority = { ...onBehalf, kind: 'acting_in_post' };
const own: Authority = { basis: 'own_position', positionId: 'pos-governor' };

describe('renderSignatureBlock', () => {
  it('renders the provincial ปฏิบัติราชการแทน example exactly', () => {
    const block = renderSignatureBlock({
      signerName: 'นายชยุต วงศ์วณิช',
      signerTitle: 'รองผู้ว่าราชการจังหวัด',
      authority: onBehalf,
      principalTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
    });
    expect(block.text).toBe(
      '(นายชยุต วงศ์วณิช)\nรองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดสกลนคร',
    );
    expect(block.lines).toEqual([
      '(นายชยุต วงศ์วณิช)',
      'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน',
      'ผู้ว่าราชการจังหวัดสกลนคร',
    ]);
  });

  it('renders the department example exactly', () => {
    const block = renderSignatureBlock({
      signerName: 'นายศิริพันธ์ ศรีกงพลี',
      signerTitle: 'รองอธิบดี',
      authority: onBehalf,
      principalTitle: 'อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
    });
    expect(block.text).toBe(
      '(นายศิริพันธ์ ศรีกงพลี)\nรองอธิบดี ปฏิบัติราชการแทน\nอธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
    );
  });

  it('renders รักษาราชการแทน', () => {
    const block = renderSignatureBlock({
      signerName: 'นายชยุต วงศ์วณิช',
      signerTitle: 'รองผู้ว่าราชการจังหวัด',
      authority: inPost,
      principalTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
    });
    expect(block.text).toBe(
      '(นายชยุต วงศ์วณิช)\nรองผู้ว่าราชการจังหวัด รักษาราชการแทน\nผู้ว่าราชการจังหวัดสกลนคร',
    );
  });

  it('renders the own-position block in two lines, ignoring any principal title', () => {
    for (const principalTitle of [null, 'ผู้ว่าราชการจังหวัดสกลนคร']) {
      const block = renderSignatureBlock({
        signerName: 'นายสมชาย ใจดี',
        signerTitle: 'ผู้ว่าราชการจังหวัดสกลนคร',
        authority: own,
        principalTitle,
      });
      expect(block).toEqual({
        lines: ['(นายสมชาย ใจดี)', 'ผู้ว่าราชการจังหวัดสกลนคร'],
        text: '(นายสมชาย ใจดี)\nผู้ว่าราชการจังหวัดสกลนคร',
      });
    }
  });

  it('does not double the parentheses and trims every part', () => {
    const block = renderSignatureBlock({
      signerName: '  (นายชยุต วงศ์วณิช) ',
      signerTitle: ' รองผู้ว่าราชการจังหวัด ',
      authority: onBehalf,
      principalTitle: ' ผู้ว่าราชการจังหวัดสกลนคร\n',
    });
    expect(block.text).toBe(
      '(นายชยุต วงศ์วณิช)\nรองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน\nผู้ว่าราชการจังหวัดสกลนคร',
    );
  });

  it('refuses a blank name or title, and a delegation without a principal title', () => {
    const base = {
      signerName: 'นายก ข',
      signerTitle: 'รองอธิบดี',
      authority: onBehalf,
      principalTitle: 'อธิบดี',
    };
    expect(() => renderSignatureBlock({ ...base, signerName: '  ' })).toThrow(TypeError);
    expect(() => renderSignatureBlock({ ...base, signerName: '()' })).toThrow(TypeError);
    expect(() => renderSignatureBlock({ ...base, signerTitle: '' })).toThrow(TypeError);
    expect(() => renderSignatureBlock({ ...base, principalTitle: null })).toThrow(TypeError);
    expect(() => renderSignatureBlock({ ...base, authority: inPost, principalTitle: ' ' })).toThrow(
      TypeError,
    );
  });
});
