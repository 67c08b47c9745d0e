import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { TransactionHost } from '@wian/persistence';
import { PeriodicTask } from './periodic-task.js';

const BATCH = 10_000;
const EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes published outbox rows older than `OUTBOX_RETENTION_DAYS`, at the worker's start and
 * every hour. A published row has done its work (its job is in BullMQ under a deterministic
 * id), so it is kept only to trace a job back to its transaction; a national circular writes
 * thousands. Rows not yet published are never deleted. Each batch is its own short statement,
 * so the pruning never holds many locks at once.
 */
@Injectable()
export class OutboxPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxPruner.name);
  private readonly task = new PeriodicTask(this.logger, 'outbox pruning', async () => {
    const deleted = await this.prune();
    if (deleted > 0)
      this.logger.log(
        `deleted ${deleted} outbox rows published more than ${this.config.OUTBOX_RETENTION_DAYS} days ago`,
      );
  });

  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_RETENTION_DAYS > 0) this.task.start(EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Deletes what the retention allows, oldest first; returns how many rows. */
  async prune(): Promise<number> {
    const days = this.config.OUTBOX_RETENTION_DAYS;
    if (days === 0) return 0;
    let total = 0;
    for (;;) {
      const [{ n }] = await this.tx.manager.query<Array<{ n: number }>>(
        `WITH gone AS (
           DELETE FROM outbox_message WHERE id IN (
             SELECT id FROM outbox_message
              WHERE sent_at < now() - make_interval(days => $1::int)
              ORDER BY id LIMIT $2)
           RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [days, BATCH],
      );
      total += n;
      if (n < BATCH) return total;
    }
  }
}
