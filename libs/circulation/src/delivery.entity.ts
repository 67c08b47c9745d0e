import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '@wian/hierarchy';
import { RegisterEntry } from '@wian/registers';
import { Circular } from './circular.entity.js';
import type { PersistedDelivery, ProgressState, TimelinessState } from './delivery-workflow.js';

/** Evidence that the requested action was done: a link, a file, or form fields. */
export interface DoneEvidence {
  link?: string;
  fileId?: string;
  fields?: Record<string, string>;
}

/**
 * One circular at one recipient organisation: an XState workflow whose persisted snapshot,
 * machine version and optimistic version live in this row. `state` and `timeliness` repeat
 * the snapshot's value for queries.
 */
@Entity('delivery')
@Check(
  'delivery_state_check',
  `"state" IN ('sent', 'received', 'acknowledged', 'forwarded', 'done', 'closed', 'recalled', 'superseded')`,
)
@Check('delivery_timeliness_check', `"timeliness" IN ('on_time', 'overdue', 'escalated')`)
@Index('delivery_circular_recipient_key', ['circularId', 'recipientOrganisationId'], {
  unique: true,
})
@Index('delivery_root_idx', ['rootCircularId'])
@Index('delivery_recipient_idx', ['recipientOrganisationId'])
@Index('delivery_parent_idx', ['parentDeliveryId'])
export class Delivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'delivery_pkey' })
  id!: string;

  @Column({ name: 'circular_id', type: 'uuid' })
  circularId!: string;

  @ManyToOne(() => Circular, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'circular_id', foreignKeyConstraintName: 'delivery_circular_fkey' })
  circular?: Circular;

  @Column({ name: 'root_circular_id', type: 'uuid' })
  rootCircularId!: string;

  /** The delivery of the parent circular at the forwarding organisation (null at depth 1). */
  @Column({ name: 'parent_delivery_id', type: 'uuid', nullable: true })
  parentDeliveryId!: string | null;

  @Column({ name: 'recipient_organisation_id', type: 'integer' })
  recipientOrganisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'recipient_organisation_id',
    foreignKeyConstraintName: 'delivery_recipient_fkey',
  })
  recipientOrganisation?: Organisation;

  /** The recipient's kind, province and district at sending, for progress counts without joins. */
  @Column({ name: 'recipient_kind', type: 'varchar', length: 32 })
  recipientKind!: string;

  @Column({ name: 'province_id', type: 'integer', nullable: true })
  provinceId!: number | null;

  @Column({ name: 'district_id', type: 'integer', nullable: true })
  districtId!: number | null;

  /** 1 for the first circular's recipients, 2 for the recipients of their forwards, … */
  @Column({ type: 'smallint' })
  depth!: number;

  @Column({ name: 'machine_version', type: 'smallint' })
  machineVersion!: number;

  @Column({ type: 'jsonb' })
  snapshot!: PersistedDelivery;

  @Column({ type: 'varchar', length: 16 })
  state!: ProgressState;

  @Column({ type: 'varchar', length: 16 })
  timeliness!: TimelinessState;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'receipt_entry_id', type: 'uuid', nullable: true })
  receiptEntryId!: string | null;

  @ManyToOne(() => RegisterEntry, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'receipt_entry_id', foreignKeyConstraintName: 'delivery_receipt_entry_fkey' })
  receiptEntry?: RegisterEntry | null;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'forwarded_at', type: 'timestamptz', nullable: true })
  forwardedAt!: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_note', type: 'text', nullable: true })
  doneNote!: string | null;

  @Column({ name: 'done_evidence', type: 'jsonb', nullable: true })
  doneEvidence!: DoneEvidence | null;

  /** สั่งการ: the head's latest instruction. */
  @Column({ type: 'text', nullable: true })
  instruction!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** Optimistic lock: every transition writes version + 1 where version is what it read. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
