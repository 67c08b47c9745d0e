import { Redis, type RedisOptions } from 'ioredis';

/**
 * Who uses a connection decides its retry policy (BullMQ production guide):
 * - `producer` (HTTP requests, health checks): fail fast so a request does not hang while
 *   Redis is down;
 * - `worker` (BullMQ Worker / QueueEvents, blocking commands): retry for ever
 *   (`maxRetriesPerRequest: null`) and reconnect with backoff.
 */
export type RedisRole = 'producer' | 'worker';

export function redisOptions(role: RedisRole): RedisOptions {
  const reconnect = (attempt: number): number => Math.min(attempt * 500, 5_000);
  return role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: true, retryStrategy: reconnect }
    : {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 2_000,
        retryStrategy: reconnect,
      };
}

export function createRedis(url: string, role: RedisRole, connectionName = 'wian'): Redis {
  return new Redis(url, { ...redisOptions(role), connectionName, lazyConnect: true });
}

/** The Redis URL with any password replaced, for logs and error messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(malformed REDIS_URL)';
  }
}
