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
import { Document } from '@wian/registers';
import type { RecipientSelection } from './recipient-selection.js';

export const ROLLUP_RULES = ['own_and_forwarded', 'own_only'] as const;
/**
 * When an intermediate delivery counts as complete in progress reports:
 * - `own_and_forwarded`: its own action is done and every delivery it forwarded is done;
 * - `own_only`: its own action is done.
 */
export type RollupRule = (typeof ROLLUP_RULES)[number];

export const CIRCULAR_STATUSES = ['active', 'recalled', 'superseded'] as const;
export type CircularStatus = (typeof CIRCULAR_STATUSES)[number];

/**
 * หนังสือเวียน: one letter sent to many organisations. A forward (a recipient's own circular
 * to its subordinates) is a circular too, linked to the delivery it continues, so a national
 * circular and all its forwards form one tree under `root_circular_id`.
 */
@Entity('circular')
@Check('circular_rollup_rule_check', `"rollup_rule" IN ('own_and_forwarded', 'own_only')`)
@Check('circular_status_check', `"status" IN ('active', 'recalled', 'superseded')`)
@Index('circular_root_idx', ['rootCircularId'])
@Index('circular_sender_idx', ['senderOrganisationId', 'createdAt'])
@Index('circular_parent_delivery_idx', ['parentDeliveryId'])
@Index('circular_document_idx', ['documentId'])
@Index('circular_idempotency_key', ['senderOrganisationId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
export class Circular {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'circular_pkey' })
  id!: string;

  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => Document, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id', foreignKeyConstraintName: 'circular_document_fkey' })
  document?: Document;

  /** The organisation whose circular it is (a recipient, for a forward). */
  @Column({ name: 'sender_organisation_id', type: 'integer' })
  senderOrganisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sender_organisation_id', foreignKeyConstraintName: 'circular_sender_fkey' })
  senderOrganisation?: Organisation;

  /** For a forward: the delivery (of the parent circular) this circular passes on. */
  @Column({ name: 'parent_delivery_id', type: 'uuid', nullable: true })
  parentDeliveryId!: string | null;

  @Column({ name: 'root_circular_id', type: 'uuid' })
  rootCircularId!: string;

  /** 0 for the first circular, 1 for a forward of it, and so on. */
  @Column({ type: 'smallint' })
  depth!: number;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  /** +1 each time the deadline changes: jobs planned for an older revision do nothing. */
  @Column({ name: 'deadline_rev', type: 'integer', default: 1 })
  deadlineRev!: number;

  /**
   * "Within N working days of receipt": each delivery's deadline is counted from its own
   * receipt (then `deadline_at` is null). Null for a deadline that is a date.
   */
  @Column({ name: 'deadline_working_days', type: 'smallint', nullable: true })
  deadlineWorkingDays!: number | null;

  /** Reminder policy of this circular; null: the defaults in config/. */
  @Column({ name: 'reminder_working_days_before', type: 'smallint', array: true, nullable: true })
  reminderWorkingDaysBefore!: number[] | null;

  @Column({ name: 'reminder_time', type: 'varchar', length: 5, nullable: true })
  reminderTime!: string | null;

  @Column({ name: 'grace_working_days', type: 'smallint', nullable: true })
  graceWorkingDays!: number | null;

  @Column({ name: 'requested_action', type: 'text', nullable: true })
  requestedAction!: string | null;

  @Column({ name: 'rollup_rule', type: 'varchar', length: 32, default: 'own_and_forwarded' })
  rollupRule!: RollupRule;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: CircularStatus;

  /** The circular this one corrects and replaces. */
  @Column({ name: 'supersedes_circular_id', type: 'uuid', nullable: true })
  supersedesCircularId!: string | null;

  /** The selection as the sender made it (selectors and organisations), frozen. */
  @Column({ type: 'jsonb' })
  selection!: RecipientSelection;

  @Column({ name: 'recipient_count', type: 'integer' })
  recipientCount!: number;

  @Column({ name: 'sent_by_user_id', type: 'uuid', nullable: true })
  sentByUserId!: string | null;

  @Column({ name: 'sent_by_position_id', type: 'uuid', nullable: true })
  sentByPositionId!: string | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'recalled_at', type: 'timestamptz', nullable: true })
  recalledAt!: Date | null;

  @Column({ name: 'recall_reason', type: 'text', nullable: true })
  recallReason!: string | null;

  /** The recall request's idempotency key: the same request again answers the recalled circular. */
  @Column({ name: 'recall_idempotency_key', type: 'varchar', length: 200, nullable: true })
  recallIdempotencyKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
