import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import type { EntityManager } from 'typeorm';
import { JobQueues } from './job-queues.service.js';
import { OutboxSignal } from './outbox-signal.js';
import { OutboxSources, type OutboxSource, type PendingJob } from './outbox-source.js';

const BATCH = 1_000;
const POLL_MS = 250;
const MAX_BACKOFF_MS = 10_000;

interface UnsentRow {
  id: string;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  run_at: Date | null;
}

/** The `outbox_message` table: jobs written only to be published. */
const OUTBOX_TABLE: OutboxSource = {
  name: 'outbox_message',
  async claim(manager: EntityManager, limit: number): Promise<PendingJob[]> {
    const rows = await manager.query<UnsentRow[]>(
      `SELECT id, queue, job_name, job_id, payload, run_at FROM outbox_message
        WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      key: row.id,
      queue: row.queue,
      name: row.job_name,
      jobId: row.job_id,
      payload: row.payload,
      runAt: row.run_at,
    }));
  },
  async markPublished(manager: EntityManager, keys: readonly string[]): Promise<void> {
    await manager.query(
      `UPDATE outbox_message SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
      [keys],
    );
  },
  async hasUnpublished(manager: EntityManager): Promise<boolean> {
    const left = await manager.query<unknown[]>(
      `SELECT 1 FROM outbox_message WHERE sent_at IS NULL LIMIT 1`,
    );
    return left.length > 0;
  },
};

/**
 * Publishes committed jobs to BullMQ and marks them sent, in the transaction that locked them
 * (`FOR UPDATE SKIP LOCKED`, so several workers share the work): the rows of `outbox_message`
 * and of every registered `OutboxSource`. A crash between publishing and the commit publishes
 * the rows again under the same job ids, which BullMQ ignores; so a row is never run twice.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly tx: TransactionHost,
    private readonly queues: JobQueues,
    private readonly signal: OutboxSignal,
    private readonly sources: OutboxSources,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.signal.listen(() => {
      this.kick();
    });
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
  }

  private allSources(): readonly OutboxSource[] {
    return [OUTBOX_TABLE, ...this.sources.all()];
  }

  /** Publishes everything unsent now, source by source; resolves when they are empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (const source of this.allSources()) {
      for (;;) {
        const published = await this.publishBatch(source);
        total += published;
        if (published < BATCH) break;
      }
    }
    return total;
  }

  /**
   * Publishes until nothing is left unsent, including rows another relay (or this one's
   * background loop) had locked when the call began. For tests, benchmarks and shutdown.
   */
  async flush(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.drain();
      let left = false;
      for (const source of this.allSources()) left ||= await source.hasUnpublished(this.tx.manager);
      if (!left) return;
      if (Date.now() > until) throw new Error('outbox not empty after flush timeout');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        this.failures += 1;
        this.logger.warn(
          `outbox relay failed (attempt ${this.failures}): ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        const delay =
          this.failures === 0 ? POLL_MS : Math.min(POLL_MS * 2 ** this.failures, MAX_BACKOFF_MS);
        if (this.again && this.failures === 0) {
          this.again = false;
          this.kick();
          return;
        }
        this.timer = setTimeout(() => {
          this.kick();
        }, delay);
      });
  }

  private async publishBatch(source: OutboxSource): Promise<number> {
    return this.tx.run(async (manager) => {
      const jobs = await source.claim(manager, BATCH);
      if (jobs.length === 0) return 0;
      await this.queues.publish(jobs);
      await source.markPublished(
        manager,
        jobs.map((job) => job.key),
      );
      return jobs.length;
    });
  }
}
