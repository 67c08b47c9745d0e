import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig } from '@wian/config';
import { createRedis } from '@wian/queue';
import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_QUEUE, JobName, QueueName } from './job-catalogue.js';
import { JOB_PROCESSOR, type JobOutcome, type JobProcessor } from './job-processor.decorator.js';

const QUEUE_OF = new Map<string, string>(Object.entries(JOB_QUEUE));

/** Every job name must have exactly one handler; the worker refuses to start otherwise. */
export function checkJobHandlers(found: ReadonlyArray<{ name: string; owner: string }>): void {
  const problems: string[] = [];
  const names: string[] = Object.values(JobName);
  for (const name of names) {
    const owners = found.filter((f) => f.name === name).map((f) => f.owner);
    if (owners.length === 0) problems.push(`job ${name} has no handler`);
    if (owners.length > 1)
      problems.push(`job ${name} has ${owners.length} handlers: ${owners.join(', ')}`);
  }
  for (const f of found) {
    if (!names.includes(f.name))
      problems.push(`${f.owner} handles ${f.name}, which is not in the job catalogue`);
  }
  if (problems.length > 0) throw new Error(`job catalogue check failed: ${problems.join('; ')}`);
}

/** The BullMQ workers of this process: one per queue, dispatching by job name. */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];
  private connection: Redis | null = null;
  private handlers = new Map<string, JobProcessor<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const found: Array<{ name: string; owner: string; instance: JobProcessor<JobName> }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const metatype = wrapper.metatype as unknown;
      const instance = wrapper.instance as unknown;
      if (typeof metatype !== 'function' || instance === undefined || instance === null) continue;
      const name = this.reflector.get<string | undefined>(JOB_PROCESSOR, metatype);
      if (name === undefined) continue;
      found.push({ name, owner: metatype.name, instance: instance as JobProcessor<JobName> });
    }
    checkJobHandlers(found);
    this.handlers = new Map(found.map((f) => [f.name, f.instance]));
    this.connection = createRedis(this.config.REDIS_URL, 'worker', 'wian-worker');
    for (const queue of Object.values(QueueName)) {
      const worker = new Worker(queue, (job: Job) => this.run(job), {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: 8,
        lockDuration: this.config.QUEUE_LOCK_SECONDS * 1000,
        stalledInterval: this.config.QUEUE_LOCK_SECONDS * 1000,
      });
      worker.on('failed', (job, error) => {
        this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${error.message}`);
      });
      worker.on('error', (error) => {
        this.logger.warn(`queue ${queue}: ${error.message}`);
      });
      this.workers.push(worker);
    }
    this.logger.log(
      `processing ${this.handlers.size} job kinds on ${this.workers.length} queue(s)`,
    );
  }

  /** Graceful: lets running jobs finish, takes no new ones. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
    await this.connection?.quit().catch(() => undefined);
    this.connection = null;
  }

  private async run(job: Job): Promise<JobOutcome> {
    const handler = this.handlers.get(job.name);
    if (handler === undefined) throw new Error(`no handler for job ${job.name}`);
    if (QUEUE_OF.get(job.name) !== job.queueName)
      throw new Error(`job ${job.name} arrived on queue ${job.queueName}`);
    return handler.process(job.data as never, job);
  }
}
