import { Injectable } from '@nestjs/common';
import { JOB_QUEUE, OutboxSources, type OutboxSource, type PendingJob } from '@wian/jobs';
import type { EntityManager } from 'typeorm';
import { JOB_OF_KIND } from './deadline-scheduler.service.js';
import type { ScheduledJobKind } from './scheduled-job.entity.js';

/** The columns of a `scheduled_job` row a BullMQ job is made of. */
export interface ScheduledJobRow {
  job_id: string;
  kind: ScheduledJobKind;
  circular_id: string;
  delivery_id: string | null;
  step: number;
  deadline_rev: number;
  run_at: Date;
}

export const SCHEDULED_JOB_COLUMNS =
  'job_id, kind, circular_id, delivery_id, step, deadline_rev, run_at';

/** The BullMQ job of a `scheduled_job` row: the relay's and the reconciler's, the same. */
export function scheduledJobOf(row: ScheduledJobRow): PendingJob {
  const name = JOB_OF_KIND[row.kind];
  return {
    key: row.job_id,
    queue: JOB_QUEUE[name],
    name,
    jobId: row.job_id,
    payload: {
      circularId: row.circular_id,
      deadlineRev: row.deadline_rev,
      step: row.step,
      ...(row.delivery_id === null ? {} : { deliveryId: row.delivery_id }),
    },
    runAt: row.run_at,
  };
}

/**
 * Deadline jobs reach BullMQ from their own rows: the statement that plans them writes
 * `scheduled_job` only, and the outbox relay publishes each row not yet published nor done
 * (decision 31). A job made stale before it was published (a new deadline, a recall) is never
 * published at all.
 */
@Injectable()
export class ScheduledJobSource implements OutboxSource {
  readonly name = 'scheduled_job';

  constructor(sources: OutboxSources) {
    sources.register(this);
  }

  async claim(manager: EntityManager, limit: number): Promise<PendingJob[]> {
    const rows = await manager.query<ScheduledJobRow[]>(
      `SELECT ${SCHEDULED_JOB_COLUMNS} FROM scheduled_job
        WHERE published_at IS NULL AND done_at IS NULL
        ORDER BY run_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map(scheduledJobOf);
  }

  async markPublished(manager: EntityManager, keys: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE scheduled_job SET published_at = now() WHERE job_id = ANY($1::varchar[])`,
      [keys],
    );
  }

  async hasUnpublished(manager: EntityManager): Promise<boolean> {
    const left = await manager.query<unknown[]>(
      `SELECT 1 FROM scheduled_job WHERE published_at IS NULL AND done_at IS NULL LIMIT 1`,
    );
    return left.length > 0;
  }
}
