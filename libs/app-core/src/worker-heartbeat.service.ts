import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { REDIS_PRODUCER } from '@wian/queue';
import type { Redis } from 'ioredis';

const BEAT_MS = 10_000;
const ALIVE_MS = 30_000;

/** Each worker process says it is alive every 10 s; /health counts the live ones. */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private timer: NodeJS.Timeout | undefined;
  private readonly member = `${hostname()}:${process.pid}`;

  constructor(
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  static key(prefix: string): string {
    return `${prefix}:workers`;
  }

  /** Workers that beat in the last 30 s. */
  static async countAlive(redis: Redis, prefix: string, now = Date.now()): Promise<number> {
    return redis.zcount(WorkerHeartbeat.key(prefix), now - ALIVE_MS, '+inf');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), BEAT_MS);
    this.timer.unref();
    this.logger.log(`Worker ${this.member} started`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis
      .zrem(WorkerHeartbeat.key(this.config.QUEUE_PREFIX), this.member)
      .catch(() => 0);
  }

  private async beat(): Promise<void> {
    const key = WorkerHeartbeat.key(this.config.QUEUE_PREFIX);
    const now = Date.now();
    try {
      await this.redis
        .multi()
        .zadd(key, now, this.member)
        .zremrangebyscore(key, '-inf', now - ALIVE_MS)
        .exec();
    } catch (error) {
      this.logger.warn(`Heartbeat failed: ${(error as Error).message}`);
    }
  }
}
