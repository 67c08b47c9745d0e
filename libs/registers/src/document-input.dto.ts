import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CleanText, ThaiInteger } from '@wian/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  DOCUMENT_TYPES,
  SIGNATURE_CAPACITIES,
  type DocumentType,
  type SignatureCapacity,
} from './document-type.js';

/** How many references and enclosures one letter may carry. */
export const DOCUMENT_PART_LIMITS = { references: 50, enclosures: 100 } as const;

export class AddresseeInput {
  @ApiPropertyOptional({ description: 'The organisation in wian, when it is one' })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  organisationId?: number;

  @ApiProperty({ example: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  wording!: string;
}

export class ReferenceInput {
  @ApiPropertyOptional({ description: 'A document in wian' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({ example: 'มท ๐๘๑๐.๗/ว ๒๗๙' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  number?: string;

  @ApiPropertyOptional({ example: '๑๐ มีนาคม ๒๕๖๕' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  date?: string;
}

export class EnclosureInput {
  @ApiProperty({ example: 'QR Code คู่มือการบันทึกข้อมูลศูนย์ปฏิบัติการร่วมฯ' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  description!: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @ThaiInteger({ min: 1 })
  count!: number;

  @ApiPropertyOptional({ example: 'ชุด', default: 'ชุด' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  unit?: string;

  @ApiPropertyOptional({ example: 'https://www.dla.go.th/manual.pdf' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  link?: string;

  @ApiPropertyOptional({ description: 'A file uploaded with POST /organisations/:id/files' })
  @IsOptional()
  @IsUUID()
  fileId?: string;
}

export class SignatureInput {
  @ApiProperty({ example: 'นายศิริพันธ์ ศรีกงพลี' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  signerName!: string;

  @ApiProperty({ example: 'รองอธิบดี' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  positionTitle!: string;

  @ApiProperty({ enum: SIGNATURE_CAPACITIES, example: 'acting_on_behalf' })
  @IsIn(SIGNATURE_CAPACITIES)
  capacity!: SignatureCapacity;

  @ApiPropertyOptional({ example: 'อธิบดีกรมส่งเสริมการปกครองท้องถิ่น' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  principalPositionTitle?: string;
}

export class ContactInput {
  @ApiPropertyOptional({ example: 'กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  unit?: string;

  @ApiPropertyOptional({ example: '๐ ๒๒๕๔ ๙๐๐๐ ต่อ ๒๓๑๒' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  telephone?: string;

  @ApiPropertyOptional({ example: '๐ ๒๒๕๔ ๖๙๕๖' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  fax?: string;

  @ApiPropertyOptional({ example: 'saraban@dla.go.th' })
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;

  @ApiPropertyOptional({ example: 'นายมณฑล บัวทอง' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  coordinator?: string;
}

/** A letter's particulars as a clerk types them from paper or e-mail. */
export class DocumentInput {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'external_letter' })
  @IsIn(DOCUMENT_TYPES)
  type!: DocumentType;

  @ApiPropertyOptional({ description: 'The issuer when it is an organisation in wian' })
  @ThaiInteger({ min: 1 })
  @IsOptional()
  issuingOrganisationId?: number;

  @ApiProperty({ example: 'กรมส่งเสริมการปกครองท้องถิ่น' })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  issuerName!: string;

  @ApiPropertyOptional({ example: 'ถนนนครราชสีมา เขตดุสิต กทม. ๑๐๓๐๐' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  issuerAddress?: string;

  @ApiPropertyOptional({ example: 'กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  owningUnit?: string;

  @ApiPropertyOptional({
    example: 'ที่ มท ๐๘๑๐.๗/ว ๓๐๗',
    description: 'Either digit system, with or without ที่',
  })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  letterNumber?: string;

  @ApiPropertyOptional({
    example: '๒๗ กุมภาพันธ์ ๒๕๖๖',
    description: 'Thai or ISO date; BE or CE year',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  letterDate?: string;

  @ApiPropertyOptional({
    example: 'most_urgent',
    description: 'normal | urgent | very_urgent | most_urgent, or ด่วน / ด่วนมาก / ด่วนที่สุด',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  urgency?: string;

  @ApiPropertyOptional({
    example: '๑๐ มี.ค. ๒๕๖๖ ๑๖:๓๐ น.',
    description:
      'ด่วนภายใน: handle by this date and time (a Thai date and time, Bangkok, or ISO 8601)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  urgentBy?: string;

  @ApiPropertyOptional({
    example: 'none',
    description: 'none | confidential | secret | top_secret, or ลับ / ลับมาก / ลับที่สุด',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  secrecy?: string;

  @ApiProperty({
    example:
      'การบันทึกข้อมูลศูนย์ปฏิบัติการร่วมในการช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น (สถานที่กลาง) และศูนย์ช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่นผ่านระบบข้อมูลกลางองค์กรปกครองส่วนท้องถิ่น (INFO)',
    maxLength: 1000,
  })
  @CleanText()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  subject!: string;

  @ApiPropertyOptional({ example: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  salutation?: string;

  @ApiPropertyOptional({ type: [AddresseeInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => AddresseeInput)
  addressees?: AddresseeInput[];

  @ApiPropertyOptional({ type: [ReferenceInput], description: 'อ้างถึง' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_PART_LIMITS.references)
  @ValidateNested({ each: true })
  @Type(() => ReferenceInput)
  references?: ReferenceInput[];

  @ApiPropertyOptional({ type: [EnclosureInput], description: 'สิ่งที่ส่งมาด้วย, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DOCUMENT_PART_LIMITS.enclosures)
  @ValidateNested({ each: true })
  @Type(() => EnclosureInput)
  enclosures?: EnclosureInput[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  body?: string;

  @ApiPropertyOptional({ example: 'บันทึกข้อมูลในระบบ INFO' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  requestedAction?: string;

  @ApiPropertyOptional({
    example: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖',
    description: 'A date means 16:30 that day (Asia/Bangkok); or an ISO date-time',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  deadline?: string;

  @ApiPropertyOptional({ type: SignatureInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => SignatureInput)
  signature?: SignatureInput;

  @ApiPropertyOptional({ type: ContactInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput;
}

export class RegisterReceiptDto {
  @ApiPropertyOptional({ description: 'A document already in wian (e.g. sent through wian)' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({
    type: DocumentInput,
    description: 'Or the letter typed in from paper or e-mail',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DocumentInput)
  document?: DocumentInput;

  @ApiPropertyOptional({
    example: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.',
    description:
      'Date and time of receipt (default now): a Thai date and time (Bangkok) or ISO 8601; never in the future',
  })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  receivedAt?: string;

  @ApiPropertyOptional({ example: 'เสนอ ผวจ. / แจ้ง สถ.อ. ทุกอำเภอ', description: 'การปฏิบัติ' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  action?: string;

  @ApiPropertyOptional({ description: 'หมายเหตุ' })
  @CleanText()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  remarks?: string;

  @ApiPropertyOptional({
    description: 'Same key, same entry (the Idempotency-Key header works too)',
  })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  idempotencyKey?: string;
}
