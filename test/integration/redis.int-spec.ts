import { describe, expect, it } from '@jest/globals';
import {
  assertRedisReachable,
  createRedis,
  redactRedisUrl,
  RedisUnavailableError,
} from '@wian/queue';
import { testRedisUrl } from '../support/test-redis.js';

describe('Redis at start', () => {
  it('passes when Redis answers', async () => {
    await expect(assertRedisReachable(testRedisUrl())).resolves.toBeUndefined();
  });

  it('stops with instructions when nothing listens at REDIS_URL', async () => {
    const error: unknown = await assertRedisReachable('redis://:s3cret@127.0.0.1:1', 1_500).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RedisUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('Redis is not reachable at redis://:***@127.0.0.1:1');
    expect(message).toContain('docker compose up -d redis');
    expect(message).toContain('redis-server');
    expect(message).not.toContain('s3cret');
  });

  it('gives producers a fail-fast connection and workers a patient one (BullMQ guide)', async () => {
    const producer = createRedis(testRedisUrl(), 'producer');
    const worker = createRedis(testRedisUrl(), 'worker');
    try {
      expect(producer.options.maxRetriesPerRequest).toBe(1);
      expect(producer.options.enableOfflineQueue).toBe(false);
      expect(worker.options.maxRetriesPerRequest).toBeNull();
      await worker.connect();
      expect(await worker.ping()).toBe('PONG');
    } finally {
      producer.disconnect();
      worker.disconnect();
    }
  });

  it('hides passwords in URLs it prints', () => {
    expect(redactRedisUrl('redis://user:pw@host:6380/2')).toBe('redis://user:***@host:6380/2');
    expect(redactRedisUrl('not a url')).toBe('(malformed REDIS_URL)');
  });
});
