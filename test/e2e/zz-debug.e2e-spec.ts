import { it } from '@jest/globals';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '@wian/app-core';
import { createTestDatabase } from '../support/test-database.js';
import { testRedisUrl, uniqueQueuePrefix } from '../support/test-redis.js';
it('boots', async () => {
  const db = await createTestDatabase();
  Object.assign(process.env, { NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: testRedisUrl(), QUEUE_PREFIX: uniqueQueuePrefix(), DATABASE_URL: '', PGLITE_DATA_DIR: 'memory://', ...db.env });
  try {
    const app = await NestFactory.create(ApiModule, { bodyParser: false, abortOnError: false });
    await app.init();
    await app.close();
  } catch (e) { console.log('ERR', e); throw e; } finally { await db.drop(); }
});
