import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SCHEDULED_JOB_KINDS = ['reminder', 'deadline', 'escalation'] as const;
export type ScheduledJobKind = (typeof SCHEDULED_JOB_KINDS)[number];

/**
 * A deadline job as the database knows it: the truth Redis is rebuilt from. The outbox relay
 * publishes each row once its transaction has committed; the reconciler re-creates in BullMQ,
 * under the same id, every row not done yet; a handler marks its row done
 * in the transaction that does the work, so a job that runs twice works once.
 */
@Entity('scheduled_job')
@Check('scheduled_job_kind_check', `"kind" IN ('reminder', 'deadline', 'escalation')`)
@Index('scheduled_job_pending_idx', ['runAt'], { where: 'done_at IS NULL' })
@Index('scheduled_job_circular_idx', ['circularId'])
@Index('scheduled_job_unpublished_idx', ['runAt'], {
  where: 'published_at IS NULL AND done_at IS NULL',
})
export class ScheduledJob {
  /** The BullMQ job id, e.g. deadline.reminder-<circular>-r1-3. */
  @PrimaryColumn({
    name: 'job_id',
    type: 'varchar',
    length: 200,
    primaryKeyConstraintName: 'scheduled_job_pkey',
  })
  jobId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ScheduledJobKind;

  @Column({ name: 'circular_id', type: 'uuid' })
  circularId!: string;

  /** Set for a deadline counted from one recipient's receipt ("within N working days"). */
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId!: string | null;

  /** Reminder: working days before the deadline; escalation: the level; deadline: 0. */
  @Column({ type: 'smallint' })
  step!: number;

  /** The circular's deadline revision the job was planned for; a later revision makes it stale. */
  @Column({ name: 'deadline_rev', type: 'integer' })
  deadlineRev!: number;

  @Column({ name: 'run_at', type: 'timestamptz' })
  runAt!: Date;

  /** When the outbox relay added it to BullMQ; null until then (see `ScheduledJobSource`). */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  /**
   * What the run did ("reminded 12"), for administrators. A job that did nothing says why,
   * starting with `stale` (its circular ended or its deadline changed when it ran) or
   * `superseded` (a new deadline replaced it first): see {@link didNothing}.
   */
  @Column({ type: 'varchar', length: 200, nullable: true })
  outcome!: string | null;
}

/** Whether a done job's outcome says it did nothing (stale when it ran, or superseded). */
export const didNothing = (outcome: string | null): boolean =>
  /^(stale|superseded)\b/.test(outcome ?? '');
