import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { JobQueues, PeriodicTask } from '@wian/jobs';
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
  private readonly task = new PeriodicTask(this.logger, 'deadline reconciliation', () =>
    this.reconcile(),
  );

  constructor(
    private readonly tx: TransactionHost,
    private readonly queues: JobQueues,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.RECONCILE_INTERVAL_SECONDS * 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
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
