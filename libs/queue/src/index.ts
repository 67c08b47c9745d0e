export { assertRedisReachable } from './assert-redis-reachable.js';
export { createRedis, redactRedisUrl, redisOptions } from './redis-connection.js';
export type { RedisRole } from './redis-connection.js';
export { RedisHealthIndicator } from './redis.health.js';
export { RedisModule } from './redis.module.js';
export { REDIS_PRODUCER } from './redis.tokens.js';
export { RedisUnavailableError } from './redis-unavailable.error.js';
