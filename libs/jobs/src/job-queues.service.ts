import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { createRedis } from '@wian/queue';
import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_RETRY, QueueName } from './job-catalogue.js';
import type { PendingJob } from './outbox-source.js';

/**
 * Completed jobs stay a day so a job id published again (a relay retried after a crash) is
 * recognised and ignored; failed ones stay a week for the dashboard.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 200_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** One BullMQ producer per queue, sharing one Redis connection. */
@Injectable()
export class JobQueues implements OnApplicationShutdown {
  private connection: Redis | null = null;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      this.connection ??= createRedis(this.config.REDIS_URL, 'worker', 'wian-queues');
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The queue of a stored name (an outbox row); refuses a name not in the catalogue. */
  named(name: string): Queue {
    const known = Object.values(QueueName).find((q) => (q as string) === name);
    if (known === undefined) throw new Error(`queue ${name} is not in the job catalogue`);
    return this.get(known);
  }

  /**
   * Adds jobs to their queues under their own ids, with their retry policy and the delay left
   * until `runAt`; BullMQ ignores an id it still holds. The relay's and the reconciler's way in.
   */
  async publish(jobs: readonly PendingJob[]): Promise<void> {
    const now = Date.now();
    const byQueue = new Map<string, PendingJob[]>();
    for (const job of jobs) {
      const list = byQueue.get(job.queue) ?? [];
      list.push(job);
      byQueue.set(job.queue, list);
    }
    for (const [queue, list] of byQueue) {
      await this.named(queue).addBulk(
        list.map((job) => ({
          name: job.name,
          data: job.payload,
          opts: {
            ...(JOB_RETRY as Partial<Record<string, object>>)[job.name],
            jobId: job.jobId,
            ...(job.runAt === null
              ? {}
              : { delay: Math.max(0, new Date(job.runAt).getTime() - now) }),
          },
        })),
      );
    }
  }

  all(): Queue[] {
    return Object.values(QueueName).map((name) => this.get(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.connection?.quit().catch(() => undefined);
    this.connection = null;
  }
}
