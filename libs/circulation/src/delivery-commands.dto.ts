import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CleanText, ThaiIntegerList } from '@wian/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

class Idempotent {
  @ApiPropertyOptional({
    description: 'Repeating a request with the same key answers the first result',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string;
}

export class ReceiveDeliveryDto extends Idempotent {
  @ApiPropertyOptional({
    description: 'A receipt register of the recipient; default its central register (ทะเบียนกลาง)',
  })
  @IsOptional()
  @IsUUID()
  registerId?: string;

  @ApiPropertyOptional({
    example: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.',
    description:
      'When the letter came (default now): a Thai date and time (Bangkok) or ISO 8601; not before the day it was sent, not in the future',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  receivedAt?: string;

  @ApiPropertyOptional({ example: 'เสนอ นายอำเภอ' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  action?: string;

  @ApiPropertyOptional()
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  remarks?: string;
}

export class AcknowledgeDeliveryDto extends Idempotent {
  @ApiPropertyOptional({ example: 'ทราบ' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class InstructDeliveryDto extends Idempotent {
  @ApiProperty({ example: 'แจ้ง สถ.อ. บันทึกข้อมูล และเวียนกองที่เกี่ยวข้องทราบ' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  instruction!: string;

  @ApiPropertyOptional({ type: [Number], description: 'Internal units to circulate it to' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ThaiIntegerList({ min: 1 })
  unitIds?: number[];
}

export class DoneEvidenceInput {
  @ApiPropertyOptional({ example: 'https://info.dla.go.th/report/12345' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  link?: string;

  @ApiPropertyOptional({ description: 'A file uploaded with POST /organisations/:id/files' })
  @IsOptional()
  @IsUUID()
  fileId?: string;

  @ApiPropertyOptional({ example: { จำนวนป้าย: '1' } })
  @IsOptional()
  @IsObject()
  fields?: Record<string, string>;
}

export class ReportDoneDto extends Idempotent {
  @ApiProperty({ example: 'บันทึกข้อมูลศูนย์ช่วยเหลือประชาชนในระบบ INFO แล้ว' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  note!: string;

  @ApiPropertyOptional({ type: DoneEvidenceInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => DoneEvidenceInput)
  evidence?: DoneEvidenceInput;
}

export class ReasonDto extends Idempotent {
  @ApiProperty({ example: 'ส่งผิดฉบับ' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class ChangeDeadlineDto {
  @ApiProperty({
    example: 'วันศุกร์ที่ ๓๑ มีนาคม ๒๕๖๖',
    description:
      'A date (16:30 that day, Asia/Bangkok; BE or CE, Thai or Arabic digits) or an ISO date-time',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  deadline!: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Move the deadline although the new one has already passed: every recipient still owing is late at once. Without it such a deadline is refused (rule notInPast)',
  })
  @IsOptional()
  @IsBoolean()
  allowPastDeadline?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      'Move the deadline more than a year ahead (rule withinAYear): such a deadline is usually a mistyped year, and nobody is reminded until then',
  })
  @IsOptional()
  @IsBoolean()
  allowDistantDeadline?: boolean;

  @ApiProperty({ example: 'ขยายเวลาตามที่จังหวัดขอ' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}
