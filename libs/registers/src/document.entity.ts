import { ApiProperty } from '@nestjs/swagger';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation } from '@wian/hierarchy';
import {
  SECRECY_LEVELS,
  URGENCY_LEVELS,
  type DocumentSeries,
  type Secrecy,
  type Urgency,
} from '@wian/thai';
import {
  DOCUMENT_TYPES,
  SIGNATURE_CAPACITIES,
  type DocumentType,
  type SignatureCapacity,
} from './document-type.js';

/** Who signs the letter and in what capacity (stored as jsonb). */
export class DocumentSignature {
  @ApiProperty({ example: 'นายศิริพันธ์ ศรีกงพลี' })
  signerName!: string;

  @ApiProperty({ example: 'รองอธิบดี' })
  positionTitle!: string;

  @ApiProperty({
    enum: SIGNATURE_CAPACITIES,
    description: 'self, acting_on_behalf (ปฏิบัติราชการแทน) or acting_in_post (รักษาราชการแทน)',
  })
  capacity!: SignatureCapacity;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
    description: 'The post signed for, when not signing in one’s own capacity',
  })
  principalPositionTitle!: string | null;
}

/** ส่วนราชการเจ้าของเรื่อง: whom to contact about the letter (stored as jsonb). */
export class DocumentContact {
  @ApiProperty({ nullable: true, type: String, example: 'กองพัฒนาและส่งเสริมการบริหารงานท้องถิ่น' })
  unit!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '๐ ๒๒๕๔ ๙๐๐๐ ต่อ ๒๓๑๒' })
  telephone!: string | null;

  @ApiProperty({ nullable: true, type: String })
  fax!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'saraban@dla.go.th' })
  email!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'นายมณฑล บัวทอง' })
  coordinator!: string | null;
}

/**
 * An official letter (or memo, order, announcement, record) with everything it carries.
 * Numbers are stored structured (Arabic digits) and rendered in Thai digits.
 */
@Entity('document')
@Check(
  'document_type_check',
  `"type" IN ('external_letter', 'internal_memo', 'stamped_letter', 'order', 'announcement', 'record')`,
)
@Check('document_urgency_check', `"urgency" IN ('normal', 'urgent', 'very_urgent', 'most_urgent')`)
@Check('document_secrecy_check', `"secrecy" IN ('none', 'confidential', 'secret', 'top_secret')`)
@Index('document_issuer_idx', ['issuingOrganisationId'])
@Index('document_letter_idx', ['numberText', 'issuerName', 'letterDate'])
export class Document {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_pkey' })
  id!: string;

  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'external_letter' })
  @Column({ type: 'varchar', length: 32 })
  type!: DocumentType;

  /** The issuing organisation when it is in wian; null for letters typed in from outside. */
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The issuing organisation in wian; null for a letter typed in from outside',
  })
  @Column({ name: 'issuing_organisation_id', type: 'integer', nullable: true })
  issuingOrganisationId!: number | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'issuing_organisation_id', foreignKeyConstraintName: 'document_issuer_fkey' })
  issuingOrganisation?: Organisation | null;

  /** The issuer as written on the letter (always filled). */
  @ApiProperty({ example: 'กรมส่งเสริมการปกครองท้องถิ่น', description: 'As written on the letter' })
  @Column({ name: 'issuer_name', type: 'varchar', length: 500 })
  issuerName!: string;

  @ApiProperty({ nullable: true, type: String })
  @Column({ name: 'issuer_address', type: 'varchar', length: 500, nullable: true })
  issuerAddress!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'ส่วนราชการเจ้าของเรื่อง' })
  @Column({ name: 'owning_unit', type: 'varchar', length: 500, nullable: true })
  owningUnit!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'มท',
    description: 'Number part: รหัสพยัญชนะ',
  })
  @Column({ name: 'number_prefix', type: 'varchar', length: 16, nullable: true })
  numberPrefix!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '0810',
    description: 'Number part: the unit digits',
  })
  @Column({ name: 'number_unit_digits', type: 'varchar', length: 16, nullable: true })
  numberUnitDigits!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '7',
    description: 'Number part: the sub-unit',
  })
  @Column({ name: 'number_sub_unit', type: 'varchar', length: 32, nullable: true })
  numberSubUnit!: string | null;

  @ApiProperty({
    enum: ['normal', 'circular', 'order'],
    nullable: true,
    description: 'Number part: the series (ว: circular)',
  })
  @Column({ name: 'number_series', type: 'varchar', length: 16, nullable: true })
  numberSeries!: DocumentSeries | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 307,
    description: 'Number part: the running number',
  })
  @Column({ name: 'number_running', type: 'integer', nullable: true })
  numberRunning!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Number part: the Buddhist Era year (orders only)',
  })
  @Column({ name: 'number_year', type: 'integer', nullable: true })
  numberYear!: number | null;

  /** The number as text with Arabic digits ("มท 0810.7/ว 307") for search; null before numbering. */
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'มท 0810.7/ว 307',
    description: 'The number with Arabic digits; null before numbering',
  })
  @Column({ name: 'number_text', type: 'varchar', length: 64, nullable: true })
  numberText!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2023-03-06' })
  @Column({ name: 'letter_date', type: 'date', nullable: true })
  letterDate!: string | null;

  @ApiProperty({ enum: URGENCY_LEVELS, description: 'ชั้นความเร็ว / urgency' })
  @Column({ type: 'varchar', length: 16, default: 'normal' })
  urgency!: Urgency;

  /** ด่วนภายใน: the date and time the letter must be handled by. */
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'ด่วนภายใน: to be handled by',
  })
  @Column({ name: 'urgent_by', type: 'timestamptz', nullable: true })
  urgentBy!: Date | null;

  @ApiProperty({ enum: SECRECY_LEVELS, description: 'ชั้นความลับ / secrecy' })
  @Column({ type: 'varchar', length: 16, default: 'none' })
  secrecy!: Secrecy;

  @ApiProperty({ description: 'เรื่อง / subject' })
  @Column({ type: 'varchar', length: 1000 })
  subject!: string;

  /** เรียน …, e.g. "ผู้ว่าราชการจังหวัด ทุกจังหวัด". */
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'ผู้ว่าราชการจังหวัด ทุกจังหวัด',
    description: 'เรียน …',
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  salutation!: string | null;

  @ApiProperty({ nullable: true, type: String })
  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What the letter asks the recipients to do',
  })
  @Column({ name: 'requested_action', type: 'text', nullable: true })
  requestedAction!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @ApiProperty({ type: () => DocumentSignature, nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  signature!: DocumentSignature | null;

  @ApiProperty({ type: () => DocumentContact, nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  contact!: DocumentContact | null;

  /** 'wian': written in wian; 'external': typed in from paper or e-mail. */
  @ApiProperty({
    enum: ['wian', 'external'],
    description: 'wian: written in wian; external: typed in from paper or e-mail',
  })
  @Column({ type: 'varchar', length: 16 })
  origin!: 'wian' | 'external';

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @ApiProperty({ description: 'Optimistic version: +1 on every change' })
  @VersionColumn({ type: 'integer' })
  version!: number;
}
