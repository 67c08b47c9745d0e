import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Document } from './document.entity.js';
import { Register } from './register.entity.js';

/**
 * One line of a register: its number for the Buddhist year, the letter's particulars as the
 * register prints them, who registered it and when. Numbers are never reused: a cancelled
 * line stays, marked.
 */
@Entity('register_entry')
@Unique('register_entry_number_key', ['registerId', 'yearBe', 'number'])
@Unique('register_entry_idempotency_key', ['registerId', 'idempotencyKey'])
@Index('register_entry_document_idx', ['documentId'])
@Index('register_entry_registered_idx', ['registerId', 'registeredAt'])
@Index('register_entry_subject_trgm_idx', { synchronize: false })
@Index('register_entry_receipt_once_idx', { synchronize: false })
export class RegisterEntry {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'register_entry_pkey' })
  id!: string;

  @Column({ name: 'register_id', type: 'uuid' })
  registerId!: string;

  @ManyToOne(() => Register, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'register_id', foreignKeyConstraintName: 'register_entry_register_fkey' })
  register?: Register;

  @Column({ name: 'year_be', type: 'integer' })
  yearBe!: number;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'register_entry_document_fkey' })
  document?: Document;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  /** The letter's own number as printed (Arabic digits), its date, from and to. */
  @Column({ name: 'letter_number', type: 'varchar', length: 64, nullable: true })
  letterNumber!: string | null;

  @Column({ name: 'letter_date', type: 'date', nullable: true })
  letterDate!: string | null;

  @Column({ name: 'from_text', type: 'varchar', length: 500 })
  fromText!: string;

  @Column({ name: 'to_text', type: 'varchar', length: 500 })
  toText!: string;

  @Column({ type: 'varchar', length: 1000 })
  subject!: string;

  @Column({ type: 'varchar', length: 16 })
  urgency!: string;

  /** การปฏิบัติ */
  @Column({ type: 'text', nullable: true })
  action!: string | null;

  /** หมายเหตุ */
  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  @Column({ name: 'registered_by_user_id', type: 'uuid', nullable: true })
  registeredByUserId!: string | null;

  @Column({ name: 'position_id', type: 'uuid', nullable: true })
  positionId!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'cancelled_by_user_id', type: 'uuid', nullable: true })
  cancelledByUserId!: string | null;
}
