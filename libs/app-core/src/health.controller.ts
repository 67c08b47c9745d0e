import { Controller, Get, Inject } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { AppConfig } from '@wian/config';
import { Public } from '@wian/http';
import { DatabaseHealthIndicator } from '@wian/persistence';
import { REDIS_PRODUCER, RedisHealthIndicator } from '@wian/queue';
import type { Redis } from 'ioredis';
import { WorkerHeartbeat } from './worker-heartbeat.service.js';

/** Indicator results by name (database, redis, workers): each has a status, and may say more. */
const indicators = (example: Record<string, unknown>): SchemaObject => ({
  type: 'object',
  example,
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'degraded', 'down'] } },
    additionalProperties: true,
  },
});

/**
 * terminus's HealthCheckResult. Declared here rather than by `@HealthCheck()`, which documents
 * the route only when it can `require` @nestjs/swagger (not under Jest's ESM loader), so the
 * document is the same wherever it is built.
 */
const healthSchema = (statuses: string[], details: Record<string, unknown>): SchemaObject => ({
  type: 'object',
  required: ['status', 'details'],
  properties: {
    status: { type: 'string', enum: statuses, example: statuses[0] },
    info: { ...indicators({ database: details.database }), description: 'Indicators up' },
    error: { ...indicators({}), description: 'Indicators down' },
    details: { ...indicators(details), description: 'Every indicator' },
  },
});
const UP = {
  database: { status: 'up', engine: 'postgres' },
  redis: { status: 'up', pingMs: 0.4 },
  workers: { status: 'up', alive: 1 },
};

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
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'Database and Redis; 503 when either is down' })
  @ApiOkResponse({ description: 'Database and Redis are up', schema: healthSchema(['ok'], UP) })
  @ApiServiceUnavailableResponse({
    description: 'The database or Redis is down',
    schema: healthSchema(['error', 'shutting_down'], {
      ...UP,
      redis: { status: 'down' },
    }),
  })
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
