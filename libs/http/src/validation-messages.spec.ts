import { describe, expect, it } from '@jest/globals';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, Max, MaxLength, ValidateNested, validateSync } from 'class-validator';
import { toErrorDetails } from './validation-messages.js';

class Enclosure {
  @IsInt()
  @Max(99)
  count!: number;
}

class Letter {
  @MaxLength(10)
  subject!: string;

  @IsIn(['urgent', 'normal'])
  urgency!: string;

  @ValidateNested({ each: true })
  @Type(() => Enclosure)
  enclosures!: Enclosure[];
}

describe('toErrorDetails', () => {
  const details = toErrorDetails(
    validateSync(
      plainToInstance(Letter, {
        subject: 'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วม',
        urgency: 'ด่วนมาก',
        enclosures: [{ count: 1 }, { count: 150 }],
      }),
    ),
  );

  it('names each field with its path, the rule and the rule argument, in Thai and English', () => {
    expect(details).toEqual([
      {
        field: 'subject',
        rule: 'maxLength',
        message_th: 'subject ต้องยาวไม่เกิน 10 ตัวอักษร',
        message_en: 'subject must be at most 10 characters long',
      },
      {
        field: 'urgency',
        rule: 'isIn',
        message_th: 'urgency ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: urgent, normal',
        message_en: 'urgency must be one of: urgent, normal',
      },
      {
        field: 'enclosures.1.count',
        rule: 'max',
        message_th: 'enclosures.1.count ต้องไม่มากกว่า 99',
        message_en: 'enclosures.1.count must not be greater than 99',
      },
    ]);
  });
});
