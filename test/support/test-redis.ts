import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export function testRedisUrl(): string {
  return process.env.WIAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A queue prefix of its own per test file, so suites never see each other's keys. */
export function uniqueQueuePrefix(): string {
  return `wiantest-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix` (a suite's or a bench's queues); returns how many. */
export async function deleteQueueKeys(prefix: string, url = testRedisUrl()): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    await redis.quit();
  }
}
