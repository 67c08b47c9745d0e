import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { TransactionHost } from '@wian/persistence';

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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.OUTBOX_RETENTION_DAYS === 0) return;
    const tick = (): void => {
      this.running ??= this.prune()
        .then((deleted) => {
          if (deleted > 0)
            this.logger.log(
              `deleted ${deleted} outbox rows published more than ${this.config.OUTBOX_RETENTION_DAYS} days ago`,
            );
          return deleted;
        })
        .catch((error: unknown) => {
          this.logger.warn(
            `outbox pruning failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return 0;
        })
        .finally(() => {
          this.running = null;
        });
    };
    tick();
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.running;
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
