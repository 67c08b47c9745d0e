import { describe, expect, it } from '@jest/globals';
import { ThaiFormatError, quoteInput } from './thai-format.error.js';

describe('ThaiFormatError', () => {
  const error = new ThaiFormatError({
    rule: 'thai_date',
    messageTh: 'อ่านวันที่ไม่ได้',
    messageEn: 'Cannot read the date',
    acceptedForm: '๒๗ กุมภาพันธ์ ๒๕๖๖ or 27 ก.พ. 2566',
    acceptedFormTh: '๒๗ กุมภาพันธ์ ๒๕๖๖ หรือ ๒๗ ก.พ. ๒๕๖๖',
  });

  it('is an Error whose message is the English text', () => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ThaiFormatError);
    expect(error.message).toBe('Cannot read the date');
    expect(error.name).toBe('ThaiFormatError');
  });

  it('carries the rule, both messages and the accepted form in English and Thai', () => {
    expect(error).toMatchObject({
      rule: 'thai_date',
      messageTh: 'อ่านวันที่ไม่ได้',
      messageEn: 'Cannot read the date',
      acceptedForm: '๒๗ กุมภาพันธ์ ๒๕๖๖ or 27 ก.พ. 2566',
      acceptedFormTh: '๒๗ กุมภาพันธ์ ๒๕๖๖ หรือ ๒๗ ก.พ. ๒๕๖๖',
    });
  });

  it('has a stack trace', () => {
    expect(error.stack).toContain('ThaiFormatError');
  });
});

describe('quoteInput', () => {
  it('quotes short input as is', () => {
    expect(quoteInput('abc')).toBe('"abc"');
  });

  it('cuts long input', () => {
    expect(quoteInput('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
  });
});
