import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  formatThaiDate,
  formatThaiTime,
  parseDocumentNumber,
  parseIsoCivilDate,
  formatDocumentNumber,
  toThaiDigits,
} from '@wian/thai';
import type { RegisterEntry } from './register-entry.entity.js';

/** A register line as the API returns it: stored values plus their printed Thai forms. */
export class RegisterEntryView {
  @ApiProperty()
  id!: string;

  @ApiProperty()
  registerId!: string;

  @ApiProperty({ example: 2566 })
  yearBe!: number;

  @ApiProperty({ example: 1993, description: 'เลขทะเบียนรับ / ส่ง' })
  number!: number;

  @ApiProperty({ example: '๑๙๙๓' })
  numberTh!: string;

  @ApiProperty()
  documentId!: string;

  @ApiProperty({ example: '2023-03-08T02:15:00.000Z' })
  registeredAt!: Date;

  @ApiProperty({ example: '๘ มี.ค. ๒๕๖๖' })
  registeredDateTh!: string;

  @ApiProperty({ example: '๐๙:๑๕ น.' })
  registeredTimeTh!: string;

  @ApiPropertyOptional({ example: 'มท 0810.7/ว 307', nullable: true, type: String })
  letterNumber!: string | null;

  @ApiPropertyOptional({ example: 'มท ๐๘๑๐.๗/ว ๓๐๗', nullable: true, type: String })
  letterNumberTh!: string | null;

  @ApiPropertyOptional({ example: '2023-02-27', nullable: true, type: String })
  letterDate!: string | null;

  @ApiPropertyOptional({ example: '๒๗ ก.พ. ๒๕๖๖', nullable: true, type: String })
  letterDateTh!: string | null;

  @ApiProperty({ example: 'กรมส่งเสริมการปกครองท้องถิ่น' })
  from!: string;

  @ApiProperty({ example: 'ผู้ว่าราชการจังหวัดสกลนคร' })
  to!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ example: 'normal' })
  urgency!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  action!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  remarks!: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  registeredByUserId!: string | null;

  @ApiProperty()
  cancelled!: boolean;

  @ApiPropertyOptional({ nullable: true, type: String })
  cancelReason!: string | null;

  static of(e: RegisterEntry): RegisterEntryView {
    let letterNumberTh: string | null = null;
    if (e.letterNumber !== null) {
      try {
        letterNumberTh = formatDocumentNumber(parseDocumentNumber(e.letterNumber), {
          digits: 'thai',
        });
      } catch {
        letterNumberTh = toThaiDigits(e.letterNumber);
      }
    }
    return Object.assign(new RegisterEntryView(), {
      id: e.id,
      registerId: e.registerId,
      yearBe: e.yearBe,
      number: e.number,
      numberTh: toThaiDigits(e.number),
      documentId: e.documentId,
      registeredAt: e.registeredAt,
      registeredDateTh: formatThaiDate(e.registeredAt, 'short'),
      registeredTimeTh: formatThaiTime(e.registeredAt),
      letterNumber: e.letterNumber,
      letterNumberTh,
      letterDate: e.letterDate,
      letterDateTh:
        e.letterDate === null ? null : formatThaiDate(parseIsoCivilDate(e.letterDate), 'short'),
      from: e.fromText,
      to: e.toText,
      subject: e.subject,
      urgency: e.urgency,
      action: e.action,
      remarks: e.remarks,
      registeredByUserId: e.registeredByUserId,
      cancelled: e.cancelledAt !== null,
      cancelReason: e.cancelReason,
    });
  }
}

/** A page of register lines, as the entries route answers it. */
export class RegisterEntryPage {
  @ApiProperty({ type: [RegisterEntryView] }) items!: RegisterEntryView[];
  @ApiProperty({ description: 'All the lines that match, not only this page' }) total!: number;
}
