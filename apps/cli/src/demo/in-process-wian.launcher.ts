import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AllInOneModule, startHttpApp } from '@wian/app-core';
import { AppConfig } from '@wian/config';
import { TransactionHost } from '@wian/persistence';
import { createRedis } from '@wian/queue';
import { createSystemAdmin } from '../system-admin.factory.js';

export interface RunningWian {
  url: string;
  admin: { username: string; password: string };
  /** What the demo says about where it runs. */
  description: string;
  stop(): Promise<void>;
}

/**
 * wian as `npm start` runs it (API and worker in one process, AllInOneModule), on a
 * throw-away in-memory PGlite with the national hierarchy seeded, listening on an ephemeral
 * port of 127.0.0.1; its queues live under a prefix of their own, removed at the end. The
 * system administrator is created directly, by the code path of `user:create-admin`.
 */
export async function startInProcessWian(): Promise<RunningWian> {
  const queuePrefix = `wian-demo-${randomBytes(4).toString('hex')}`;
  const storageDir = mkdtempSync(join(tmpdir(), 'wian-demo-files-'));
  Object.assign(process.env, {
    DATABASE_URL: '',
    PGLITE_DATA_DIR: 'memory://',
    DATABASE_MIGRATE_ON_START: 'true',
    HIERARCHY_SEED_ON_START: 'true',
    HOST: '127.0.0.1',
    QUEUE_PREFIX: queuePrefix,
    STORAGE_DIR: storageDir,
    LOG_LEVEL: process.env.WIAN_DEMO_LOG_LEVEL ?? 'error',
    // Some thirty officials sign in from this one address within a minute.
    AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  });
  const app = await startHttpApp(AllInOneModule, { port: () => 0 });
  const config = app.get(AppConfig);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;

  const admin = {
    username: 'demo.admin',
    password: `Demo-${randomBytes(12).toString('hex')}-Aa1!`,
  };
  const outcome = await createSystemAdmin(app.get(TransactionHost), {
    username: admin.username,
    fullNameTh: 'ผู้ดูแลระบบ (สาธิต)',
    password: admin.password,
    via: 'demo',
  });
  if (!outcome.created) {
    throw new Error(outcome.problems.map((p) => p.messageEn).join('; '));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    description: `wian ในกระบวนการนี้ (API + worker) ฐานข้อมูล PGlite ในหน่วยความจำ, http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      await removeQueueKeys(config.REDIS_URL, queuePrefix);
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

/** Deletes the demo's own queue keys (its unique prefix only). */
async function removeQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, 'producer', 'wian-demo-cleanup');
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
