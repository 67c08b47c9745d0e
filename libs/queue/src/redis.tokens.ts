/** The shared fail-fast Redis connection (health checks, producers). */
export const REDIS_PRODUCER = Symbol('REDIS_PRODUCER');
