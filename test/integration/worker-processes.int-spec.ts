import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiModule } from '@wian/app-core';
import { CirculationService } from '@wian/circulation';
import { Organisation } from '@wian/hierarchy';
import { JobQueues, OutboxRelay, OutboxSignal, OutboxSources } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import { In } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { deleteQueueKeys, testRedisUrl, uniqueQueuePrefix } from '../support/test-redis.js';
import { buildWorker, spawnWorker, type WorkerProcess } from '../support/worker-process.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';
// Worker processes need a database server they can all reach; PGlite lives inside one process.
const describeOnServer = engine === 'postgres' ? describe : describe.skip;

/**
 * Real `apps/worker` processes against the same PostgreSQL and Redis: one killed with SIGKILL
 * in the middle of a deadline check, then two running at once.
 */
describeOnServer('worker processes: SIGKILL mid-batch, and two at once', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let tx: TransactionHost;
  let relay: OutboxRelay;
  let prefix: string;
  let org: Map<string, Organisation>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    buildWorker();
    db = await createTestDatabase();
    prefix = uniqueQueuePrefix();
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      ...db.env,
    });
    // The API side only: sending writes rows; no worker, no relay runs in this process.
    app = await NestFactory.createApplicationContext(ApiModule, { logger: false });
    await app.init();
    tx = app.get(TransactionHost);
    relay = new OutboxRelay(tx, app.get(JobQueues), new OutboxSignal(), app.get(OutboxSources));
    org = new Map((await tx.repository(Organisation).find()).map((o) => [o.code, o]));
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await app.close();
    await db.drop();
    await deleteQueueKeys(prefix);
  });

  function worker(): WorkerProcess {
    const w = spawnWorker({
      ...db.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: prefix,
      WORKER_HEALTH_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      QUEUE_LOCK_SECONDS: '3',
      HIERARCHY_SEED_ON_START: 'false',
    });
    workers.push(w);
    return w;
  }

  async function until<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    ms = 60_000,
  ): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > end)
        throw new Error(
          `timed out waiting for ${what}\n${workers.map((w) => w.output()).join('\n')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Sends to `count` SAOs from `offset`, deadline in `seconds`, 30 % done beforehand. */
  async function circularTo(offset: number, count: number, seconds: number): Promise<string> {
    const saos = [...org.values()].filter((o) => o.kind === 'sao').slice(offset, offset + count);
    const { circular } = await app.get(CirculationService).send(
      org.get('dla')!.id,
      {
        document: {
          type: 'external_letter',
          issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
          subject: 'ทดสอบกำหนดส่งกับกระบวนการทำงานจริง',
          deadline: new Date(Date.now() + seconds * 1000).toISOString(),
        },
        issuingUnitId: org.get('dla-development')!.id,
        organisationIds: saos.map((s) => s.id),
      },
      null,
    );
    await tx.manager.query(
      `UPDATE delivery SET state = 'done', snapshot = jsonb_set(snapshot, '{value,progress}', '"done"')
        WHERE id IN (SELECT id FROM delivery WHERE circular_id = $1 ORDER BY id LIMIT $2)`,
      [circular.id, Math.floor(count * 0.3)],
    );
    return circular.id;
  }

  async function expectOverdueOnce(circularIds: string[]): Promise<void> {
    const rows = await tx.manager.query<
      Array<{ owed: string; overdue: string; events: string; lateOrgs: number[] }>
    >(
      `SELECT count(*) FILTER (WHERE d.state <> 'done') AS owed,
              count(*) FILTER (WHERE d.timeliness = 'overdue') AS overdue,
              (SELECT count(*) FROM delivery_event e JOIN delivery x ON x.id = e.delivery_id
                WHERE x.circular_id = ANY($1::uuid[]) AND e.type = 'DEADLINE_MISSED') AS events,
              array_agg(d.recipient_organisation_id) FILTER (WHERE d.timeliness = 'overdue') AS "lateOrgs"
         FROM delivery d WHERE d.circular_id = ANY($1::uuid[])`,
      [circularIds],
    );
    const { owed, overdue, events, lateOrgs } = rows[0];
    expect(Number(overdue)).toBe(Number(owed));
    expect(Number(events)).toBe(Number(owed));
    const supervisors = new Set(
      (await tx.repository(Organisation).findBy({ id: In(lateOrgs) })).map((o) => o.supervisorId),
    );
    const digests = await tx.manager.query<Array<{ organisation_id: number; key: string }>>(
      `SELECT organisation_id, notification_key AS key FROM notification WHERE kind = 'overdue_digest'
          AND split_part(notification_key, '-r', 1) = ANY($1::varchar[])`,
      [circularIds.map((id) => `digest-${id}`)],
    );
    // One digest per supervisor per circular, none twice.
    expect(new Set(digests.map((d) => d.key)).size).toBe(digests.length);
    expect(new Set(digests.map((d) => d.organisation_id))).toEqual(supervisors);
  }

  it('a worker killed in the middle of 1,000 deadline checks: after a restart each is overdue once', async () => {
    const circularId = await circularTo(0, 1000, 3);
    await relay.flush();
    const first = worker();
    // Hold one owed delivery so the worker's batch stops half-way, inside its transaction.
    const holder = tx.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    const [held] = (await holder.query(
      `SELECT id FROM delivery WHERE circular_id = $1 AND state <> 'done' ORDER BY id DESC LIMIT 1 FOR UPDATE`,
      [circularId],
    )) as Array<{ id: string }>;
    await until('the worker to block inside the deadline batch', async () => {
      const waiting = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
            AND query LIKE '%FROM delivery%FOR UPDATE%'`,
      );
      return waiting.length > 0 ? true : undefined;
    });
    first.child.kill('SIGKILL');
    await first.exited;
    await holder.rollbackTransaction();
    await holder.release();
    expect(held.id).toEqual(expect.any(String));
    // Nothing of the killed batch was kept.
    const midway = await tx.manager.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM delivery WHERE circular_id = $1 AND timeliness = 'overdue'`,
      [circularId],
    );
    expect(Number(midway[0].n)).toBe(0);

    worker();
    await until('the restarted worker to finish the deadline check', async () => {
      const rows = await tx.manager.query<unknown[]>(
        `SELECT 1 FROM scheduled_job WHERE circular_id = $1 AND kind = 'deadline' AND done_at IS NOT NULL`,
        [circularId],
      );
      return rows.length > 0 ? true : undefined;
    });
    await expectOverdueOnce([circularId]);
  }, 120_000);

  it('two workers through a storm of 1,000 deliveries in ten circulars: every change exactly once', async () => {
    const second = worker();
    expect(second.child.pid).toEqual(expect.any(Number));
    const circulars: string[] = [];
    for (let i = 0; i < 10; i += 1) circulars.push(await circularTo(1000 + i * 100, 100, 4));
    await relay.flush();
    await until('both workers to run every deadline check', async () => {
      const rows = await tx.manager.query<Array<{ n: string }>>(
        `SELECT count(*) AS n FROM scheduled_job WHERE circular_id = ANY($1::uuid[]) AND kind = 'deadline'
            AND done_at IS NOT NULL`,
        [circulars],
      );
      return Number(rows[0].n) === circulars.length ? true : undefined;
    });
    await expectOverdueOnce(circulars);
  }, 120_000);
});
