import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiModule } from '@wian/app-core';
import { AppConfig } from '@wian/config';
import { configureHttpApp } from '@wian/http';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { deleteQueueKeys, testRedisUrl, uniqueQueuePrefix } from './test-redis.js';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The API as production builds it (same module, same HTTP set-up) on a fresh test database,
 * the real Redis under a key prefix of its own, with the national hierarchy loaded.
 */
export async function startTestApi(): Promise<TestApp> {
  const db = await createTestDatabase();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.WIAN_TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniqueQueuePrefix(),
    DATABASE_URL: '',
    PGLITE_DATA_DIR: 'memory://',
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'wian-files-')),
    ...db.env,
  };
  Object.assign(process.env, env);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    // WIAN_TEST_LOG_LEVEL=error shows what a failing request logged.
    logger: process.env.WIAN_TEST_LOG_LEVEL === undefined ? false : ['error', 'warn'],
  });
  configureHttpApp(app, app.get(AppConfig));
  await app.init();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      // The API's queues leave their meta keys behind (BullMQ writes them on first use).
      await deleteQueueKeys(env.QUEUE_PREFIX);
      await db.drop();
      rmSync(env.STORAGE_DIR, { recursive: true, force: true });
    },
  };
}
