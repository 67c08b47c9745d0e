import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '@wian/app-core';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { deleteQueueKeys, testRedisUrl, uniqueQueuePrefix } from './test-redis.js';

export interface TestWorker {
  app: INestApplicationContext;
  db: TestDatabase;
  /** The suite's own BullMQ key prefix. */
  prefix: string;
  close(): Promise<void>;
}

/**
 * The worker process as production builds it (outbox relay, job handlers, reconciler) on a fresh
 * test database and the real Redis under a key prefix of its own; `env` adds settings.
 */
export async function startTestWorker(env: Record<string, string> = {}): Promise<TestWorker> {
  const db = await createTestDatabase();
  const prefix = uniqueQueuePrefix();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    DATABASE_URL: '',
    PGLITE_DATA_DIR: 'memory://',
    ...env,
    ...db.env,
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await app.init();
  return {
    app,
    db,
    prefix,
    close: async () => {
      await app.close();
      await db.drop();
      await deleteQueueKeys(prefix);
      for (const name of Object.keys(env)) Reflect.deleteProperty(process.env, name);
    },
  };
}
