import { randomBytes } from 'node:crypto';

export function testRedisUrl(): string {
  return process.env.WIAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A queue prefix of its own per test file, so suites never see each other's keys. */
export function uniqueQueuePrefix(): string {
  return `wiantest-${randomBytes(4).toString('hex')}`;
}
