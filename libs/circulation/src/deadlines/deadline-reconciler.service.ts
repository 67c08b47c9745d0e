import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { JobQueues } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import {
  SCHEDULED_JOB_COLUMNS,
  scheduledJobOf,
  type ScheduledJobRow,
} from './scheduled-job.source.js';

const BATCH = 2_000;

/**
 * The database is the truth: at start and every RECONCILE_INTERVAL_SECONDS the worker adds to
 * BullMQ every deadline job not done yet, under its own id. Jobs Redis still holds are ignored
 * by BullMQ; jobs it lost (a restart without persistence, a FLUSHALL) come back with their delay.
 */
@Injectable()
export class DeadlineReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly tx: TransactionHost,
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (): void => {
      this.running ??= this.reconcile()
        .catch((error: unknown) => {
          this.logger.warn(
            `deadline reconciliation failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          return 0;
        })
        .finally(() => {
          this.running = null;
        });
    };
    tick();
    this.timer = setInterval(tick, this.config.RECONCILE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many pending jobs were offered to BullMQ. */
  async reconcile(): Promise<number> {
    let offered = 0;
    let after = '';
    for (;;) {
      const rows = await this.tx.manager.query<ScheduledJobRow[]>(
        `SELECT ${SCHEDULED_JOB_COLUMNS} FROM scheduled_job
          WHERE done_at IS NULL AND job_id > $1 ORDER BY job_id LIMIT $2`,
        [after, BATCH],
      );
      if (rows.length === 0) return offered;
      await this.queues.publish(rows.map(scheduledJobOf));
      offered += rows.length;
      after = rows[rows.length - 1].job_id;
      if (rows.length < BATCH) return offered;
    }
  }
}
