import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job to publish once the transaction that wrote it has committed (transactional outbox).
 * The relay publishes unsent rows to BullMQ under `job_id` and marks them sent.
 */
@Entity('outbox_message')
@Index('outbox_message_job_id_key', ['jobId'], { unique: true })
@Index('outbox_message_unsent_idx', ['id'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'outbox_message_pkey',
  })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  queue!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName!: string;

  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** Delay: the job runs no earlier than this. */
  @Column({ name: 'run_at', type: 'timestamptz', nullable: true })
  runAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
