import { describe, expect, it } from '@jest/globals';
import { ThaiFormatError } from '@wian/thai';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  MinLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { ThaiInteger, ThaiIntegerList } from './input-transforms.js';
import { PageQuery } from './page-query.dto.js';
import { thaiFormatDetail, toErrorDetails } from './validation-messages.js';

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

class Done {
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note!: string;

  @IsOptional()
  @IsString()
  remarks?: string;
}

class Recipients {
  @ThaiInteger({ min: 1 })
  organisationId!: number;

  @IsOptional()
  @ThaiIntegerList({ min: 1 })
  organisationIds?: number[];

  @IsOptional()
  @ThaiInteger({ min: 0, max: 120 })
  days?: number;
}

const detailsOf = (type: new () => object, input: object) =>
  toErrorDetails(validateSync(plainToInstance(type, input), { whitelist: true }));

describe('toErrorDetails', () => {
  it('names each field with its path, the rule and the rule argument, in Thai and English', () => {
    expect(
      detailsOf(Letter, {
        subject: 'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วม',
        urgency: 'ด่วนมาก',
        enclosures: [{ count: 1 }, { count: 150 }],
      }),
    ).toEqual([
      {
        field: 'subject',
        rule: 'maxLength',
        message_th: 'subject ต้องยาวไม่เกิน ๑๐ ตัวอักษร',
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
        message_th: 'enclosures.1.count ต้องไม่มากกว่า ๙๙',
        message_en: 'enclosures.1.count must not be greater than 99',
      },
    ]);
  });

  it('says once that a missing required field is required, instead of every rule it has', () => {
    expect(detailsOf(Done, {})).toEqual([
      {
        field: 'note',
        rule: 'required',
        message_th: 'ต้องระบุ note',
        message_en: 'note is required',
      },
    ]);
    expect(detailsOf(Done, { note: null })).toEqual([
      expect.objectContaining({ field: 'note', rule: 'required' }),
    ]);
    // An empty text is there but too short: that rule, not "required".
    expect(detailsOf(Done, { note: '' })).toEqual([
      expect.objectContaining({ field: 'note', rule: 'minLength' }),
    ]);
  });

  it('a missing nested field is required under its path', () => {
    expect(detailsOf(Letter, { subject: 'ก', urgency: 'normal', enclosures: [{}] })).toEqual([
      {
        field: 'enclosures.0.count',
        rule: 'required',
        message_th: 'ต้องระบุ enclosures.0.count',
        message_en: 'enclosures.0.count is required',
      },
    ]);
  });

  it('reports only the rule that failed for limit and offset', () => {
    expect(detailsOf(PageQuery, { limit: 'abc' })).toEqual([
      {
        field: 'limit',
        rule: 'isInt',
        message_th: 'limit ต้องเป็นจำนวนเต็ม',
        message_en: 'limit must be an integer',
      },
    ]);
    expect(detailsOf(PageQuery, { offset: '-1' })).toEqual([
      {
        field: 'offset',
        rule: 'min',
        message_th: 'offset ต้องไม่น้อยกว่า ๐',
        message_en: 'offset must not be less than 0',
      },
    ]);
    expect(detailsOf(PageQuery, { limit: '5000' })).toEqual([
      {
        field: 'limit',
        rule: 'max',
        message_th: 'limit ต้องไม่มากกว่า ๑๐๐๐',
        message_en: 'limit must not be greater than 1000',
      },
    ]);
    expect(detailsOf(PageQuery, { limit: '1.5' })).toEqual([
      expect.objectContaining({ field: 'limit', rule: 'isInt' }),
    ]);
  });
});

describe('ThaiInteger and ThaiIntegerList', () => {
  it('read Thai and Arabic digits, with a sign', () => {
    const ok = plainToInstance(Recipients, {
      organisationId: '๔๙๖๔',
      organisationIds: ['4964', '๔๙๖๕', 7],
      days: '๐',
    });
    expect(validateSync(ok)).toEqual([]);
    expect(ok).toMatchObject({ organisationId: 4964, organisationIds: [4964, 4965, 7], days: 0 });
    expect(detailsOf(Recipients, { organisationId: '-๓' })).toEqual([
      expect.objectContaining({ field: 'organisationId', rule: 'min' }),
    ]);
  });

  it('refuse integers beyond PostgreSQL integer with max, naming the field', () => {
    expect(detailsOf(Recipients, { organisationId: 99999999999 })).toEqual([
      {
        field: 'organisationId',
        rule: 'max',
        message_th: 'organisationId ต้องไม่มากกว่า ๒๑๔๗๔๘๓๖๔๗',
        message_en: 'organisationId must not be greater than 2147483647',
      },
    ]);
    expect(detailsOf(Recipients, { organisationId: '2147483648' })).toEqual([
      expect.objectContaining({ field: 'organisationId', rule: 'max' }),
    ]);
    expect(detailsOf(Recipients, { organisationId: 2147483647 })).toEqual([]);
    expect(detailsOf(Recipients, { organisationId: 1, organisationIds: [1, 99999999999] })).toEqual(
      [
        expect.objectContaining({
          field: 'organisationIds',
          rule: 'max',
          message_en: 'organisationIds must not be greater than 2147483647',
        }),
      ],
    );
  });

  it('keep a field’s own tighter bounds', () => {
    expect(detailsOf(Recipients, { organisationId: 1, days: 99999999999 })).toEqual([
      expect.objectContaining({
        field: 'days',
        rule: 'max',
        message_en: 'days must not be greater than 120',
      }),
    ]);
  });
});

describe('thaiFormatDetail', () => {
  const error = new ThaiFormatError({
    rule: 'thai_datetime',
    messageTh: 'อ่าน "x" เป็นวันเวลาไม่ได้',
    messageEn: 'Cannot read "x" as a date and time',
    acceptedForm: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น. or 2023-03-08T09:15:00+07:00',
    acceptedFormTh: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น. หรือแบบ ISO 2023-03-08T09:15:00+07:00',
  });

  it('words the Thai text in Thai, beginning in Thai, and the English in English', () => {
    const detail = thaiFormatDetail('receivedAt', error);
    expect(detail).toEqual({
      field: 'receivedAt',
      rule: 'thai_datetime',
      message_th:
        'ช่อง receivedAt: อ่าน "x" เป็นวันเวลาไม่ได้ (รูปแบบที่รับได้ เช่น ๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น. หรือแบบ ISO 2023-03-08T09:15:00+07:00)',
      message_en:
        'receivedAt: Cannot read "x" as a date and time (accepted: ๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น. or 2023-03-08T09:15:00+07:00)',
    });
    expect(detail.message_th).not.toMatch(/\bor\b/);
  });
});
