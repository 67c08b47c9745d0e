import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { AppConfig } from '@wian/config';
import { Public } from '@wian/http';
import { DatabaseHealthIndicator } from '@wian/persistence';
import { REDIS_PRODUCER, RedisHealthIndicator } from '@wian/queue';
import type { Redis } from 'ioredis';
import { WorkerHeartbeat } from './worker-heartbeat.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redisHealth: RedisHealthIndicator,
    @Inject(REDIS_PRODUCER) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and Redis; 503 when either is down' })
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.check(),
      () => this.redisHealth.check(),
      async () => {
        // Information only: the API stays healthy while workers restart.
        const alive = await WorkerHeartbeat.countAlive(this.redis, this.config.QUEUE_PREFIX).catch(
          () => 0,
        );
        return { workers: { status: 'up' as const, alive } };
      },
    ]);
  }
}
