import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfig } from '@wian/config';
import type { Redis } from 'ioredis';
import { createRedis } from './redis-connection.js';
import { REDIS_PRODUCER } from './redis.tokens.js';
import { RedisHealthIndicator } from './redis.health.js';

@Global()
@Module({
  imports: [TerminusModule],
  providers: [
    {
      provide: REDIS_PRODUCER,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<Redis> => {
        const client = createRedis(config.REDIS_URL, 'producer', 'wian-producer');
        client.on('error', () => undefined); // surfaced by the health check, not as a crash
        await client.connect();
        return client;
      },
    },
    RedisHealthIndicator,
  ],
  exports: [REDIS_PRODUCER, RedisHealthIndicator],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_PRODUCER) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => {
      this.redis.disconnect();
    });
  }
}
