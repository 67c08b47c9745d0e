import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS_PRODUCER } from './redis.tokens.js';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  check(): PromiseLike<HealthIndicatorResult<'redis'>> {
    return this.health
      .check('redis')
      .attempt(async () => {
        const started = process.hrtime.bigint();
        await this.redis.ping();
        return { pingMs: Number(process.hrtime.bigint() - started) / 1e6 };
      })
      .withTimeout(2_000);
  }
}
