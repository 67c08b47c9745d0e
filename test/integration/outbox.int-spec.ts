import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import {
  CircularSentJob,
  CirculationService,
  DeliveryActions,
  DeliveryQueries,
} from '@wian/circulation';
import { LOCAL_GOVERNMENT_KINDS, Organisation } from '@wian/hierarchy';
import {
  JobName,
  JobQueues,
  jobId,
  Outbox,
  OutboxPruner,
  OutboxRelay,
  QueueName,
} from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import { toThaiDigits } from '@wian/thai';
import { QueueEvents } from 'bullmq';
import { seedActor, userActorOf } from '../support/identity-factory.js';
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

  it('deletes published rows older than the retention (14 days), never an unpublished one', async () => {
    const ids = ['aged', 'recent', 'unsent-old'].map((k) =>
      jobId(JobName.DeliverySent, 'prune', k),
    );
    // Back-dated rows as the relay would have left them, written in the transaction that
    // prunes and then rolled back, so the running relay never sees the unsent one.
    const kept = await tx
      .run(async (manager) => {
        await manager.query(
          `INSERT INTO outbox_message (queue, job_name, job_id, payload, created_at, sent_at)
           VALUES ('circulation', 'delivery.sent', $1, '{}', now() - interval '20 days', now() - interval '15 days'),
                  ('circulation', 'delivery.sent', $2, '{}', now() - interval '20 days', now() - interval '13 days'),
                  ('circulation', 'delivery.sent', $3, '{}', now() - interval '30 days', NULL)`,
          ids,
        );
        expect(await app.get(OutboxPruner).prune()).toBe(1);
        const rows = await manager.query<Array<{ job_id: string }>>(
          `SELECT job_id FROM outbox_message WHERE job_id = ANY($1::varchar[]) ORDER BY id`,
          [ids],
        );
        throw Object.assign(new Error('roll back'), { rows });
      })
      .catch((error: unknown) => (error as { rows: Array<{ job_id: string }> }).rows);
    expect(kept.map((r) => r.job_id)).toEqual([ids[1], ids[2]]);
  });

  it('sends a circular: its one outbox row becomes one job and one inbox notice per recipient, even when published twice', async () => {
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
        allowPastDeadline: true,
      },
      null,
    );
    const deliveries = await tx.manager.query<
      Array<{ id: string; recipient_organisation_id: number }>
    >(`SELECT id, recipient_organisation_id FROM delivery WHERE circular_id = $1`, [circular.id]);
    expect(deliveries).toHaveLength(3);
    // One row for the circular's notices, none per delivery.
    const id = jobId(JobName.CircularSent, circular.id);
    const rows = await tx.manager.query<Array<{ job_id: string; payload: unknown }>>(
      `SELECT job_id, payload FROM outbox_message
        WHERE job_name IN ('circular.sent', 'delivery.sent')
          AND (payload->>'circularId' = $1 OR payload->>'deliveryId' = ANY($2::text[]))`,
      [circular.id, deliveries.map((d) => d.id)],
    );
    expect(rows).toEqual([{ job_id: id, payload: { circularId: circular.id } }]);
    const finished = waitForJob(id).then(
      async (job) => (await job.waitUntilFinished(events, 30_000)) as unknown,
    );
    await app.get(OutboxRelay).drain();
    expect(await finished).toBe('done');

    // A relay that crashed after publishing and before marking the row publishes it again:
    // BullMQ keeps one job per id, and the handler writes one notice per delivery.
    await tx.manager.query(`UPDATE outbox_message SET sent_at = NULL WHERE job_id = $1`, [id]);
    // Published again, by this call or by the relay's own loop if it came first.
    await app.get(OutboxRelay).flush();
    const again = await tx.manager.query<Array<{ attempts: number }>>(
      `SELECT attempts FROM outbox_message WHERE job_id = $1`,
      [id],
    );
    expect(again.map((r) => r.attempts)).toEqual([2]);
    const counts = await queue().getJobCounts(
      'completed',
      'waiting',
      'active',
      'delayed',
      'failed',
    );
    expect(counts.completed).toBe(1);
    expect(counts.waiting + counts.active + counts.delayed + counts.failed).toBe(0);
    const notices = await tx.manager.query<
      Array<{ organisation_id: number; title_th: string; link: string }>
    >(
      `SELECT organisation_id, title_th, link FROM notification WHERE notification_key = ANY($1::varchar[])
        ORDER BY organisation_id`,
      [deliveries.map((d) => `delivery-sent-${d.id}`)],
    );
    expect(notices.map((n) => n.organisation_id)).toEqual(provinces.map((p) => p.id));
    expect(notices[0].title_th).toMatch(
      /^หนังสือเวียนใหม่ ที่ มท ๐๘๑๐\.๗\/ว [๐-๙]+ จากกรมส่งเสริมการปกครองท้องถิ่น$/,
    );
    const byRecipient = new Map(deliveries.map((d) => [d.recipient_organisation_id, d.id]));
    for (const n of notices)
      expect(n.link).toBe(`/deliveries/${byRecipient.get(n.organisation_id)}`);
    const unsent = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM outbox_message WHERE sent_at IS NULL`,
    );
    expect(unsent).toHaveLength(0);
  });

  it('notices a circular of more than one page of recipients once each, and none for a recalled one', async () => {
    const orgs = tx.repository(Organisation);
    const dla = await orgs.findOneByOrFail({ code: 'dla' });
    const unit = await orgs.findOneByOrFail({ code: 'dla-development' });
    // The local governments of the first provinces, until there are more than 500 (a page).
    const counted = await tx.manager.query<Array<{ province_id: number; n: number }>>(
      `SELECT province_id, count(*)::int AS n FROM organisation
        WHERE kind = ANY($1::text[]) AND active GROUP BY 1 ORDER BY 1`,
      [[...LOCAL_GOVERNMENT_KINDS]],
    );
    const chosen: number[] = [];
    let expected = 0;
    for (const row of counted) {
      if (expected > 500) break;
      chosen.push(row.province_id);
      expected += row.n;
    }
    const letter = (subject: string) => ({
      type: 'external_letter',
      issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
      subject,
    });
    const service = app.get(CirculationService);
    const { circular } = await service.send(
      dla.id,
      {
        document: letter('ทดสอบการแจ้งเตือนหลายหน้า'),
        issuingUnitId: unit.id,
        selectors: chosen.map((id) => ({ kind: 'local_governments', organisationId: id })),
      } as never,
      null,
    );
    expect(circular.recipientCount).toBe(expected);
    const keys = `SELECT count(*)::int AS n FROM notification n
                    JOIN delivery d ON n.notification_key = 'delivery-sent-' || d.id
                   WHERE d.circular_id = $1`;
    // The worker runs the circular's one job.
    const ran = waitForJob(jobId(JobName.CircularSent, circular.id)).then(
      async (j) => (await j.waitUntilFinished(events, 30_000)) as unknown,
    );
    await app.get(OutboxRelay).flush();
    expect(await ran).toBe('done');
    const [first] = await tx.manager.query<Array<{ n: number }>>(keys, [circular.id]);
    expect(first.n).toBe(expected);
    // Run again (a retry after a failure on the last page, say): nothing new.
    const job = app.get(CircularSentJob);
    expect(await job.process({ circularId: circular.id })).toBe('skipped');
    const [second] = await tx.manager.query<Array<{ n: number }>>(keys, [circular.id]);
    expect(second.n).toBe(expected);

    // Recalled before its job ran (in the transaction that sent it): no notice at all.
    const recalled = await tx.run(async () => {
      const sent = await service.send(
        dla.id,
        {
          document: letter('ทดสอบการเรียกคืนก่อนแจ้ง'),
          issuingUnitId: unit.id,
          selectors: [{ kind: 'all_provinces' }],
        } as never,
        null,
      );
      return service.recall(sent.circular.id, { reason: 'ส่งผิด' }, null);
    });
    const skipped = waitForJob(jobId(JobName.CircularSent, recalled.id)).then(
      async (j) => (await j.waitUntilFinished(events, 30_000)) as unknown,
    );
    await app.get(OutboxRelay).flush();
    expect(await skipped).toBe('skipped');
    const [none] = await tx.manager.query<Array<{ n: number }>>(keys, [recalled.id]);
    expect(none.n).toBe(0);
  });

  it('tells recipients of a moved deadline, of a recall from above (who and why), and of a replacement', async () => {
    const orgs = tx.repository(Organisation);
    const [dla, unit, p47, p48, d4701, d4801] = await Promise.all(
      ['dla', 'dla-development', 'p-47', 'p-48', 'd-4701', 'd-4801'].map((code) =>
        orgs.findOneByOrFail({ code }),
      ),
    );
    const circulation = app.get(CirculationService);
    const letter = {
      type: 'external_letter' as const,
      issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
      subject: 'ทดสอบการแจ้งผู้รับ',
    };
    const weeksAhead = (days: number) => new Date(Date.now() + days * 86_400_000);
    const { circular: root } = await circulation.send(
      dla.id,
      {
        document: { ...letter, deadline: weeksAhead(30).toISOString() },
        issuingUnitId: unit.id,
        organisationIds: [p47.id],
      },
      null,
    );
    const deliveryOf = async (circularId: string, organisationId: number) =>
      (
        await tx.manager.query<Array<{ id: string }>>(
          `SELECT id FROM delivery WHERE circular_id = $1 AND recipient_organisation_id = $2`,
          [circularId, organisationId],
        )
      )[0].id;
    const province = await deliveryOf(root.id, p47.id);
    const clerk = await seedActor(app as INestApplication, {
      organisation: 'p-47',
      roles: ['clerk', 'head'],
    });
    const who = userActorOf(clerk, ['clerk', 'head']);
    await app.get(DeliveryActions).receive(province, {}, who);
    const { circular: forward } = await circulation.forward(
      province,
      {
        document: { ...letter, issuerName: 'ศาลากลางจังหวัดสกลนคร' },
        organisationIds: [d4701.id],
      },
      who,
    );
    const district = await deliveryOf(forward.id, d4701.id);
    /** The FORWARD events of a delivery's history, with their payloads. */
    const forwardsOf = async (deliveryId: string) =>
      (await app.get(DeliveryQueries).history(deliveryId))
        .filter((e) => e.type === 'FORWARD')
        .map((e) => e.payload);
    const numberOf = async (circularId: string) =>
      (
        await tx.manager.query<Array<{ number_text: string }>>(
          `SELECT d.number_text FROM circular c JOIN document d ON d.id = c.document_id WHERE c.id = $1`,
          [circularId],
        )
      )[0].number_text;
    // The province's history says what it forwarded (set-based, numbered in the statement).
    const forwardNumber = await numberOf(forward.id);
    expect(forwardNumber).toMatch(/\/ว \d+$/);
    expect(await forwardsOf(province)).toEqual([
      {
        circularId: forward.id,
        number: forwardNumber,
        numberTh: toThaiDigits(forwardNumber),
        recipients: 1,
      },
    ]);

    /** The notices of `kind` linked to these deliveries, once the worker has written them. */
    const notices = async (kind: string, deliveries: string[]) => {
      const links = deliveries.map((d) => `/deliveries/${d}`);
      for (let attempt = 0; attempt < 300; attempt += 1) {
        await app.get(OutboxRelay).flush();
        const rows = await tx.manager.query<
          Array<{ link: string; title_th: string; body_th: string }>
        >(
          `SELECT link, title_th, body_th FROM notification WHERE kind = $1 AND link = ANY($2::text[])`,
          [kind, links],
        );
        if (rows.length >= deliveries.length)
          return new Map(rows.map((r) => [r.link.replace('/deliveries/', ''), r]));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no ${kind} notices for ${deliveries.join(', ')}`);
    };

    // The department brings the deadline forward; the province's forward moves with it.
    const earlier = weeksAhead(20);
    await circulation.changeDeadline(
      root.id,
      { deadline: earlier.toISOString(), reason: 'เร่งรัดตามข้อสั่งการ' },
      null,
    );
    const moved = await notices('deadline_changed', [province, district]);
    for (const delivery of [province, district]) {
      expect(moved.get(delivery)!.title_th).toMatch(/^เปลี่ยนกำหนดส่ง หนังสือเวียน ที่ .+ เป็น /);
      expect(moved.get(delivery)!.body_th).toMatch(/ \(เดิม [^)]+\) เหตุผล: เร่งรัดตามข้อสั่งการ$/);
    }

    // The department recalls it: the district hears who recalled it and why, not that its own
    // province did; nothing of the tree's schedule is left to run.
    await circulation.recall(root.id, { reason: 'ส่งผิดเรื่อง' }, null);
    const recalled = await notices('circular_recalled', [province, district]);
    expect(recalled.get(province)!.title_th).toMatch(/ถูกเรียกคืนโดยกรมส่งเสริมการปกครองท้องถิ่น$/);
    expect(recalled.get(district)!.title_th).toMatch(
      /ถูกเรียกคืนเนื่องจากกรมส่งเสริมการปกครองท้องถิ่นเรียกคืนหนังสือต้นเรื่อง$/,
    );
    for (const delivery of [province, district])
      expect(recalled.get(delivery)!.body_th).toMatch(/ไม่ต้องดำเนินการต่อ เหตุผล: ส่งผิดเรื่อง$/);
    const pending = await tx.manager.query<Array<{ outcome: string | null; done: boolean }>>(
      `SELECT outcome, done_at IS NOT NULL AS done FROM scheduled_job
        WHERE circular_id = ANY($1::uuid[]) AND deadline_rev = 2`,
      [[root.id, forward.id]],
    );
    expect(pending.length).toBeGreaterThan(0);
    expect(new Set(pending.map((j) => `${j.done}:${j.outcome}`))).toEqual(
      new Set(['true:stale: recalled']),
    );

    // A replacement names the corrected letter.
    const { circular: wrong } = await circulation.send(
      dla.id,
      {
        document: { ...letter, deadline: weeksAhead(30).toISOString() },
        issuingUnitId: unit.id,
        organisationIds: [p48.id],
      },
      null,
    );
    const replaced = await deliveryOf(wrong.id, p48.id);
    // The province forwarded it, then replaced its own forward (step by step, in the
    // supersede's transaction): its district acts on the province's corrected forward.
    const p48Clerk = userActorOf(
      await seedActor(app as INestApplication, { organisation: 'p-48', roles: ['clerk', 'head'] }),
      ['clerk', 'head'],
    );
    await app.get(DeliveryActions).receive(replaced, {}, p48Clerk);
    const { circular: wrongForward } = await circulation.forward(
      replaced,
      { document: { ...letter, issuerName: 'ศาลากลางจังหวัดนครพนม' }, organisationIds: [d4801.id] },
      p48Clerk,
    );
    const firstDistrict = await deliveryOf(wrongForward.id, d4801.id);
    const { circular: correctedForward } = await circulation.supersede(
      wrongForward.id,
      { reason: 'แก้ไขคำผิด', document: { ...letter, issuerName: 'ศาลากลางจังหวัดนครพนม' } },
      p48Clerk,
    );
    const correctedForwardNumber = await numberOf(correctedForward.id);
    expect(await forwardsOf(replaced)).toEqual([
      {
        circularId: wrongForward.id,
        number: await numberOf(wrongForward.id),
        numberTh: toThaiDigits(await numberOf(wrongForward.id)),
        recipients: 1,
      },
      {
        circularId: correctedForward.id,
        number: correctedForwardNumber,
        numberTh: toThaiDigits(correctedForwardNumber),
        recipients: 1,
      },
    ]);
    const ownReplacement = await notices('circular_superseded', [firstDistrict]);
    expect(ownReplacement.get(firstDistrict)!.body_th).toBe(
      `เรื่อง ทดสอบการแจ้งผู้รับ ให้ดำเนินการตามฉบับแก้ไขแทน ฉบับแก้ไข ที่ ${toThaiDigits(correctedForwardNumber)} เหตุผล: แก้ไขคำผิด`,
    );
    const secondDistrict = await deliveryOf(correctedForward.id, d4801.id);
    const { circular: corrected } = await circulation.supersede(
      wrong.id,
      {
        reason: 'แก้ไขกำหนดส่ง',
        document: { ...letter, deadline: weeksAhead(40).toISOString() },
        issuingUnitId: unit.id,
      },
      null,
    );
    const [{ number_text: correctedNumber }] = await tx.manager.query<
      Array<{ number_text: string }>
    >(
      `SELECT d.number_text FROM circular c JOIN document d ON d.id = c.document_id WHERE c.id = $1`,
      [corrected.id],
    );
    const superseded = await notices('circular_superseded', [replaced, secondDistrict]);
    expect(superseded.get(replaced)!.title_th).toMatch(/ถูกแทนที่ด้วยฉบับแก้ไข$/);
    expect(superseded.get(replaced)!.body_th).toBe(
      `เรื่อง ทดสอบการแจ้งผู้รับ ให้ดำเนินการตามฉบับแก้ไขแทน ฉบับแก้ไข ที่ ${toThaiDigits(correctedNumber)} เหตุผล: แก้ไขกำหนดส่ง`,
    );
    // The district never received the department's corrected letter: its own letter (the
    // province's forward) is void, and the corrected one is to come from the province.
    const below = superseded.get(secondDistrict)!;
    expect(below.title_th).toBe(
      `หนังสือเวียน ที่ ${toThaiDigits(correctedForwardNumber)} ถูกยกเลิก เนื่องจาก${dla.nameTh}ออกหนังสือต้นเรื่องฉบับแก้ไขแทนฉบับเดิม`,
    );
    expect(below.body_th).toBe(
      `เรื่อง ทดสอบการแจ้งผู้รับ ไม่ต้องดำเนินการตามหนังสือฉบับนี้ ให้รอหนังสือฉบับแก้ไขจาก${p48.nameTh} เหตุผล: แก้ไขกำหนดส่ง`,
    );
    expect(`${below.title_th} ${below.body_th}`).not.toContain(toThaiDigits(correctedNumber));
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
