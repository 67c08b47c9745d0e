import { describe, expect, it } from '@jest/globals';
import type { ArgumentMetadata } from '@nestjs/common';
import { ApiException } from './api-error.js';
import { IntegerIdPipe } from './integer-id.pipe.js';

const pipe = new IntegerIdPipe();
const param: ArgumentMetadata = { type: 'param', data: 'id' };

function refusal(value: string): unknown {
  try {
    pipe.transform(value, param);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    return (error as ApiException).getResponse();
  }
  throw new Error(`${value} was accepted`);
}

describe('IntegerIdPipe', () => {
  it('reads an id in Arabic or Thai digits', () => {
    expect(pipe.transform('4964', param)).toBe(4964);
    expect(pipe.transform('๔๙๖๔', param)).toBe(4964);
    expect(pipe.transform('2147483647', param)).toBe(2147483647);
  });

  it('refuses an id beyond PostgreSQL integer with max, naming the parameter', () => {
    expect(refusal('2147483648')).toMatchObject({
      statusCode: 400,
      details: [
        {
          field: 'id',
          rule: 'max',
          message_th: 'id ต้องไม่มากกว่า ๒๑๔๗๔๘๓๖๔๗',
          message_en: 'id must not be greater than 2147483647',
        },
      ],
    });
  });

  it('refuses what is not a positive whole number', () => {
    expect(refusal('abc')).toMatchObject({
      details: [{ field: 'id', rule: 'isInt', message_en: 'id must be an integer' }],
    });
    expect(refusal('1.5')).toMatchObject({ details: [{ rule: 'isInt' }] });
    expect(refusal('0')).toMatchObject({
      details: [{ field: 'id', rule: 'min', message_th: 'id ต้องไม่น้อยกว่า ๑' }],
    });
  });
});
