import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { CirculationService } from '@wian/circulation';
import { Organisation } from '@wian/hierarchy';
import { JobName, JobQueues, jobId, Outbox, OutboxRelay, QueueName } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import { QueueEvents } from 'bullmq';
import { testRedisUrl } from '../support/test-redis.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

/** The worker process as production builds it: outbox relay and job handlers, real Redis. */
describe(`outbox relay and circulation jobs (${engine})`, () => {
  let worker: TestWorker;
  let app: INestApplicationContext;
  let tx: TransactionHost;
  let events: QueueEvents;

  beforeAll(async () => {
    worker = await startTestWorker();
    app = worker.app;
    tx = app.get(TransactionHost);
    events = new QueueEvents(QueueName.Circulation, {
      connection: { url: testRedisUrl() },
      prefix: worker.prefix,
    });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events.close();
    await worker.close();
  });

  const queue = () => app.get(JobQueues).get(QueueName.Circulation);

  it('publishes nothing a rolled-back transaction wrote', async () => {
    const outbox = app.get(Outbox);
    const id = jobId(JobName.DeliverySent, 'rolled-back');
    await expect(
      tx.run(async () => {
        await outbox.add([{ name: JobName.DeliverySent, jobId: id, payload: { deliveryId: 'x' } }]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await app.get(OutboxRelay).drain();
    expect(await queue().getJob(id)).toBeUndefined();
    const rows = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM outbox_message WHERE job_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(0);
  });

  it('sends a circular: each delivery’s outbox row becomes one job and one inbox notice, even when published twice', async () => {
    const orgs = tx.repository(Organisation);
    const dla = await orgs.findOneByOrFail({ code: 'dla' });
    const unit = await orgs.findOneByOrFail({ code: 'dla-development' });
    const provinces = await orgs.find({
      where: { kind: 'province' },
      order: { id: 'ASC' },
      take: 3,
    });
    const { circular } = await app.get(CirculationService).send(
      dla.id,
      {
        document: {
          type: 'external_letter',
          issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
          subject: 'ทดสอบการส่งต่อหลังบันทึกสำเร็จ',
          deadline: '๒๔ มีนาคม ๒๕๖๖',
        },
        issuingUnitId: unit.id,
        organisationIds: provinces.map((p) => p.id),
      },
      null,
    );
    const deliveries = await tx.manager.query<
      Array<{ id: string; recipient_organisation_id: number }>
    >(`SELECT id, recipient_organisation_id FROM delivery WHERE circular_id = $1`, [circular.id]);
    expect(deliveries).toHaveLength(3);
    const ids = deliveries.map((d) => jobId(JobName.DeliverySent, d.id));
    const finished = Promise.all(
      ids.map(async (id) => {
        const job = await waitForJob(id);
        return (await job.waitUntilFinished(events, 30_000)) as unknown;
      }),
    );
    await app.get(OutboxRelay).drain();
    expect(await finished).toEqual(['done', 'done', 'done']);

    // A relay that crashed after publishing and before marking the rows publishes them again:
    // BullMQ keeps one job per id, and the handler writes one notice per delivery.
    await tx.manager.query(
      `UPDATE outbox_message SET sent_at = NULL WHERE job_id = ANY($1::varchar[])`,
      [ids],
    );
    // Published again, by this call or by the relay's own loop if it came first.
    await app.get(OutboxRelay).flush();
    const again = await tx.manager.query<Array<{ attempts: number }>>(
      `SELECT attempts FROM outbox_message WHERE job_id = ANY($1::varchar[])`,
      [ids],
    );
    expect(again.map((r) => r.attempts)).toEqual([2, 2, 2]);
    const counts = await queue().getJobCounts(
      'completed',
      'waiting',
      'active',
      'delayed',
      'failed',
    );
    expect(counts.completed).toBe(3);
    expect(counts.waiting + counts.active + counts.delayed + counts.failed).toBe(0);
    const notices = await tx.manager.query<Array<{ organisation_id: number; title_th: string }>>(
      `SELECT organisation_id, title_th FROM notification WHERE notification_key = ANY($1::varchar[])
        ORDER BY organisation_id`,
      [deliveries.map((d) => `delivery-sent-${d.id}`)],
    );
    expect(notices.map((n) => n.organisation_id)).toEqual(provinces.map((p) => p.id));
    expect(notices[0].title_th).toMatch(
      /^หนังสือเวียนใหม่ ที่ มท ๐๘๑๐\.๗\/ว [๐-๙]+ จากกรมส่งเสริมการปกครองท้องถิ่น$/,
    );
    const unsent = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM outbox_message WHERE sent_at IS NULL`,
    );
    expect(unsent).toHaveLength(0);
  });

  async function waitForJob(id: string) {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const job = await queue().getJob(id);
      if (job !== undefined) return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${id} never arrived`);
  }
});
