import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import { JOB_QUEUE, type JobName, type JobPayload } from './job-catalogue.js';
import { OutboxSignal } from './outbox-signal.js';

export interface OutboxEntry<N extends JobName = JobName> {
  name: N;
  /** Deterministic: the same fact always gives the same id (see `jobId`). */
  jobId: string;
  payload: JobPayload<N>;
  runAt?: Date | null;
}

/**
 * Writes jobs to the outbox inside the caller's transaction; they reach BullMQ only after it
 * commits. A second write of the same job id is ignored.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: OutboxSignal,
  ) {}

  async add(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!this.tx.inTransaction) throw new Error('Outbox.add() must run inside a transaction');
    await this.tx.manager.query(
      `INSERT INTO outbox_message (queue, job_name, job_id, payload, run_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::jsonb[], $5::timestamptz[])
       ON CONFLICT (job_id) DO NOTHING`,
      [
        entries.map((e) => JOB_QUEUE[e.name]),
        entries.map((e) => e.name),
        entries.map((e) => e.jobId),
        entries.map((e) => JSON.stringify(e.payload)),
        entries.map((e) => e.runAt ?? null),
      ],
    );
    await this.tx.afterCommit(() => {
      this.signal.wake();
    });
  }

  /** Tells the relay of this process that rows were written by a set-based statement. */
  async wakeAfterCommit(): Promise<void> {
    await this.tx.afterCommit(() => {
      this.signal.wake();
    });
  }
}
