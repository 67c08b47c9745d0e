import { describe, expect, it } from '@jest/globals';
import { SyntaxValidator } from 'fast-xml-validator';
import type { ReceiptStampData } from './receipt-stamp.types.js';
import { renderReceiptStampSvg } from './receipt-stamp.svg.js';

const LONG_NAME = 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดสกลนคร';

const data: ReceiptStampData = {
  organisationName: LONG_NAME,
  registerName: 'ทะเบียนกลาง',
  receiptNumber: 1993,
  receivedAt: new Date('2023-03-08T02:15:00Z'),
};

it('checks XML well-formedness with a validator that does reject broken XML', () => {
  expect(() => SyntaxValidator.validate('<svg><text>ก</svg>')).toThrow();
});

function textContents(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/<text\b[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe('renderReceiptStampSvg', () => {
  it('writes the receipt number, Buddhist-Era date and Bangkok time in Thai digits', () => {
    const texts = textContents(renderReceiptStampSvg(data));
    expect(texts).toEqual(
      expect.arrayContaining(['เลขรับ', 'วันที่', 'เวลา', '๑๙๙๓', '๘ มี.ค. ๒๕๖๖', '๐๙:๑๕ น.']),
    );
    expect(texts).toContain('ทะเบียนกลาง');
    expect(texts.join('')).not.toMatch(/[0-9]/);
  });

  it('uses the Bangkok date when it is still the previous day in UTC', () => {
    const texts = textContents(
      renderReceiptStampSvg({ ...data, receivedAt: new Date('2023-03-07T18:30:00Z') }),
    );
    expect(texts).toContain('๘ มี.ค. ๒๕๖๖');
    expect(texts).toContain('๐๑:๓๐ น.');
  });

  it('writes the month in full for the long date style', () => {
    const texts = textContents(renderReceiptStampSvg({ ...data, dateStyle: 'long' }));
    expect(texts).toContain('๘ มีนาคม ๒๕๖๖');
  });

  it('wraps a long name onto two lines at a Thai word boundary', () => {
    const texts = textContents(renderReceiptStampSvg(data));
    const [first, second] = texts;
    expect(first + second).toBe(LONG_NAME);
    expect(first).toBe('สำนักงานส่งเสริมการปกครอง');
    expect(second).toBe('ท้องถิ่นจังหวัดสกลนคร');
  });

  it('keeps a short name on one line, in a 50 × 30 mm stamp', () => {
    const svg = renderReceiptStampSvg({
      ...data,
      organisationName: '  อบต.นาแก้ว ',
      registerName: null,
    });
    expect(textContents(svg)[0]).toBe('อบต.นาแก้ว');
    expect(textContents(svg)[1]).toBe('เลขรับ');
    expect(svg).toContain('viewBox="0 0 50 30"');
    expect(svg).toContain('width="188.98" height="113.39"');
  });

  it('shrinks the font of a name too long for two lines', () => {
    const normal = Math.max(...fontSizes(renderReceiptStampSvg(data)));
    const huge = renderReceiptStampSvg({ ...data, organisationName: LONG_NAME.repeat(3) });
    expect(textContents(huge).slice(0, 2).join('')).toBe(LONG_NAME.repeat(3));
    expect(fontSizes(huge)[0]).toBeLessThan(normal);
  });

  it('escapes a hostile organisation name and stays well-formed XML', () => {
    const svg = renderReceiptStampSvg({
      ...data,
      organisationName: `<script>&"' อบต.`,
    });
    expect(SyntaxValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(textContents(svg)[0]).toBe('&lt;script&gt;&amp;&quot;&apos; อบต.');
  });

  it('is well-formed XML and embeds Sarabun unless asked not to', () => {
    const svg = renderReceiptStampSvg(data);
    expect(SyntaxValidator.validate(svg)).toBe(true);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain('font-family="Sarabun"');
    expect(svg.match(/@font-face/g)).toHaveLength(2);
    expect(svg).toContain('data:font/ttf;base64,');
    expect(renderReceiptStampSvg(data, { embedFont: false })).not.toContain('@font-face');
  });

  it('draws in stamp blue by default, or the colour asked for', () => {
    expect(renderReceiptStampSvg(data)).toContain('stroke="#1f3a93"');
    const red = renderReceiptStampSvg(data, { colour: '#C00' });
    expect(red).toContain('fill="#cc0000"');
    expect(red).not.toContain('#1f3a93');
  });

  it('rejects a colour that is not #rgb or #rrggbb', () => {
    expect(() => renderReceiptStampSvg(data, { colour: 'red"/><script>' })).toThrow(RangeError);
  });

  it.each([
    ['a zero receipt number', { receiptNumber: 0 }],
    ['a fractional receipt number', { receiptNumber: 1.5 }],
    ['an invalid date', { receivedAt: new Date('nope') }],
    ['a blank organisation name', { organisationName: '  ' }],
  ])('rejects %s', (_label, patch) => {
    expect(() => renderReceiptStampSvg({ ...data, ...patch })).toThrow(RangeError);
  });
});
