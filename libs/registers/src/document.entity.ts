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
import type { DocumentSeries, Secrecy, Urgency } from '@wian/thai';
import type { DocumentType, SignatureCapacity } from './document-type.js';

export interface DocumentSignature {
  signerName: string;
  positionTitle: string;
  capacity: SignatureCapacity;
  principalPositionTitle: string | null;
}

export interface DocumentContact {
  unit: string | null;
  telephone: string | null;
  fax: string | null;
  email: string | null;
  coordinator: string | null;
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
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'document_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: DocumentType;

  /** The issuing organisation when it is in wian; null for letters typed in from outside. */
  @Column({ name: 'issuing_organisation_id', type: 'integer', nullable: true })
  issuingOrganisationId!: number | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'issuing_organisation_id', foreignKeyConstraintName: 'document_issuer_fkey' })
  issuingOrganisation?: Organisation | null;

  /** The issuer as written on the letter (always filled). */
  @Column({ name: 'issuer_name', type: 'varchar', length: 500 })
  issuerName!: string;

  @Column({ name: 'issuer_address', type: 'varchar', length: 500, nullable: true })
  issuerAddress!: string | null;

  @Column({ name: 'owning_unit', type: 'varchar', length: 500, nullable: true })
  owningUnit!: string | null;

  @Column({ name: 'number_prefix', type: 'varchar', length: 16, nullable: true })
  numberPrefix!: string | null;

  @Column({ name: 'number_unit_digits', type: 'varchar', length: 16, nullable: true })
  numberUnitDigits!: string | null;

  @Column({ name: 'number_sub_unit', type: 'varchar', length: 32, nullable: true })
  numberSubUnit!: string | null;

  @Column({ name: 'number_series', type: 'varchar', length: 16, nullable: true })
  numberSeries!: DocumentSeries | null;

  @Column({ name: 'number_running', type: 'integer', nullable: true })
  numberRunning!: number | null;

  @Column({ name: 'number_year', type: 'integer', nullable: true })
  numberYear!: number | null;

  /** The number as text with Arabic digits ("มท 0810.7/ว 307") for search; null before numbering. */
  @Column({ name: 'number_text', type: 'varchar', length: 64, nullable: true })
  numberText!: string | null;

  @Column({ name: 'letter_date', type: 'date', nullable: true })
  letterDate!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'normal' })
  urgency!: Urgency;

  /** ด่วนภายใน: the date and time the letter must be handled by. */
  @Column({ name: 'urgent_by', type: 'timestamptz', nullable: true })
  urgentBy!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'none' })
  secrecy!: Secrecy;

  @Column({ type: 'varchar', length: 1000 })
  subject!: string;

  /** เรียน …, e.g. "ผู้ว่าราชการจังหวัด ทุกจังหวัด". */
  @Column({ type: 'varchar', length: 500, nullable: true })
  salutation!: string | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ name: 'requested_action', type: 'text', nullable: true })
  requestedAction!: string | null;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  signature!: DocumentSignature | null;

  @Column({ type: 'jsonb', nullable: true })
  contact!: DocumentContact | null;

  /** 'wian': written in wian; 'external': typed in from paper or e-mail. */
  @Column({ type: 'varchar', length: 16 })
  origin!: 'wian' | 'external';

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
