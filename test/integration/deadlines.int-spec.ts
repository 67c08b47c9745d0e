import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '@wian/app-core';
import { BusinessCalendar } from '@wian/calendar';
import {
  CirculationService,
  DeadlineReconciler,
  DeadlineSchedule,
  DeadlineRunner,
  DeliveryActions,
} from '@wian/circulation';
import { Organisation } from '@wian/hierarchy';
import { JobQueues, OutboxRelay, QueueName } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import { QueueEvents, type Job } from 'bullmq';
import { In } from 'typeorm';
import { seedActor, userActorOf } from '../support/identity-factory.js';
import { deleteQueueKeys, testRedisUrl } from '../support/test-redis.js';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

/** The jobs of a deadline a week or more ahead, in run order (default policy). */
const FULL_PLAN = [
  'reminder:3',
  'reminder:1',
  'reminder:0',
  'deadline:0',
  'escalation:1',
  'escalation:2',
  'escalation:3',
];

/**
 * Deadlines end to end on the worker as production builds it: real Redis, BullMQ's own delays,
 * promoted delayed jobs instead of waiting for days, and two workers at once.
 */
describe(`deadlines, reminders and escalation (${engine})`, () => {
  let worker: TestWorker;
  let app: INestApplicationContext;
  let second: INestApplicationContext | undefined;
  let tx: TransactionHost;
  let prefix: string;
  let events: QueueEvents;
  let org: Map<string, Organisation>;

  beforeAll(async () => {
    worker = await startTestWorker();
    ({ app, prefix } = worker);
    tx = app.get(TransactionHost);
    org = new Map((await tx.repository(Organisation).find()).map((o) => [o.code, o]));
    events = new QueueEvents(QueueName.Deadlines, { connection: { url: testRedisUrl() }, prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events.close();
    await second?.close();
    await worker.close();
  });

  const queue = () => app.get(JobQueues).get(QueueName.Deadlines);

  /** A Friday 16:30 Bangkok at least a week ahead, so every reminder is in the future. */
  function fridayAhead(): Date {
    const d = new Date(Date.now() + 8 * 86_400_000);
    while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() + 1);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 9, 30));
  }

  async function send(recipients: number[], deadline: Date): Promise<string> {
    const { circular } = await app.get(CirculationService).send(
      org.get('dla')!.id,
      {
        document: {
          type: 'external_letter',
          issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
          subject: 'ทดสอบกำหนดส่ง',
          deadline: deadline.toISOString(),
        },
        issuingUnitId: org.get('dla-development')!.id,
        organisationIds: recipients,
      },
      null,
    );
    await app.get(OutboxRelay).flush();
    return circular.id;
  }

  async function deliveriesOf(circularId: string) {
    return tx.manager.query<
      Array<{ id: string; recipient_organisation_id: number; state: string; timeliness: string }>
    >(
      `SELECT id, recipient_organisation_id, state, timeliness FROM delivery WHERE circular_id = $1 ORDER BY recipient_organisation_id`,
      [circularId],
    );
  }

  async function complete(deliveryId: string, code: string): Promise<void> {
    const actor = await seedActor(app as INestApplication, {
      organisation: code,
      roles: ['clerk', 'head', 'officer'],
    });
    const who = userActorOf(actor, ['clerk', 'head', 'officer']);
    const actions = app.get(DeliveryActions);
    await actions.receive(deliveryId, {}, who);
    await actions.acknowledge(deliveryId, {}, who);
    await actions.reportDone(deliveryId, { note: 'บันทึกแล้ว' }, who);
  }

  async function runNow(jobId: string): Promise<unknown> {
    const job = (await queue().getJob(jobId)) as Job | undefined;
    if (job === undefined) throw new Error(`no job ${jobId}`);
    const finished = job.waitUntilFinished(events, 30_000);
    if ((await job.getState()) === 'delayed') await job.promote();
    return finished;
  }

  it('plans reminders, the deadline check and escalations in the database and in BullMQ', async () => {
    const provinces = ['p-47', 'p-48', 'p-41'].map((c) => org.get(c)!.id);
    const circularId = await send(provinces, fridayAhead());
    const rows = await tx.manager.query<Array<{ kind: string; step: number; job_id: string }>>(
      `SELECT kind, step, job_id FROM scheduled_job WHERE circular_id = $1 ORDER BY run_at`,
      [circularId],
    );
    expect(rows.map((r) => `${r.kind}:${r.step}`)).toEqual(FULL_PLAN);
    for (const row of rows)
      expect(await (await queue().getJob(row.job_id))?.getState()).toBe('delayed');
    // Each job is written once, as its scheduled_job row, which the relay marked published.
    const ids = rows.map((r) => r.job_id);
    const [written] = await tx.manager.query<Array<{ outbox: number; unpublished: number }>>(
      `SELECT (SELECT count(*)::int FROM outbox_message WHERE job_id = ANY($1::varchar[])) AS outbox,
              (SELECT count(*)::int FROM scheduled_job
                WHERE job_id = ANY($1::varchar[]) AND published_at IS NULL) AS unpublished`,
      [ids],
    );
    expect(written).toEqual({ outbox: 0, unpublished: 0 });
    // A relay that crashed after publishing, before its commit, publishes them again: BullMQ
    // keeps the one job of each id, still delayed, and nothing is added.
    const before = await queue().getJobCountByTypes('delayed');
    await tx.manager.query(
      `UPDATE scheduled_job SET published_at = NULL WHERE job_id = ANY($1::varchar[])`,
      [ids],
    );
    await app.get(OutboxRelay).flush();
    expect(await queue().getJobCountByTypes('delayed')).toBe(before);
    for (const row of rows)
      expect(await (await queue().getJob(row.job_id))?.getState()).toBe('delayed');
    const republished = await tx.manager.query<unknown[]>(
      `SELECT 1 FROM scheduled_job WHERE job_id = ANY($1::varchar[]) AND published_at IS NULL`,
      [ids],
    );
    expect(republished).toEqual([]);
  });

  it('never publishes a job made stale before the relay reached it', async () => {
    const service = app.get(CirculationService);
    const later = new Date(fridayAhead().getTime() + 7 * 86_400_000);
    // Sent and its deadline moved in one transaction: the first plan is stale at commit.
    const circularId = await tx.run(async () => {
      const { circular } = await service.send(
        org.get('dla')!.id,
        {
          document: {
            type: 'external_letter',
            issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
            subject: 'ทดสอบกำหนดส่งที่เลื่อนก่อนเผยแพร่',
            deadline: fridayAhead().toISOString(),
          },
          issuingUnitId: org.get('dla-development')!.id,
          organisationIds: [org.get('p-47')!.id],
        },
        null,
      );
      await service.changeDeadline(
        circular.id,
        { deadline: later.toISOString(), reason: 'ขยายเวลา' },
        null,
      );
      return circular.id;
    });
    await app.get(OutboxRelay).flush();
    const rows = await tx.manager.query<
      Array<{ job_id: string; deadline_rev: number; published: boolean; done: boolean }>
    >(
      `SELECT job_id, deadline_rev, published_at IS NOT NULL AS published, done_at IS NOT NULL AS done
         FROM scheduled_job WHERE circular_id = $1 ORDER BY deadline_rev, run_at`,
      [circularId],
    );
    expect(rows.map((r) => `${r.deadline_rev}:${r.published}:${r.done}`)).toEqual([
      ...Array<string>(7).fill('1:false:true'),
      ...Array<string>(7).fill('2:true:false'),
    ]);
    for (const row of rows) {
      const job = (await queue().getJob(row.job_id)) as Job | undefined;
      expect(job === undefined ? 'none' : await job.getState()).toBe(
        row.deadline_rev === 1 ? 'none' : 'delayed',
      );
    }
  });

  it('reminds only those that still owe the action; a delivery done a moment before gets nothing', async () => {
    const codes = ['p-47', 'p-48', 'p-41', 'p-40'];
    const circularId = await send(
      codes.map((c) => org.get(c)!.id),
      fridayAhead(),
    );
    const deliveries = await deliveriesOf(circularId);
    await complete(
      deliveries[0].id,
      [...org.values()].find((o) => o.id === deliveries[0].recipient_organisation_id)!.code,
    );
    const [reminder] = await tx.manager.query<Array<{ job_id: string }>>(
      `SELECT job_id FROM scheduled_job WHERE circular_id = $1 AND kind = 'reminder' AND step = 1`,
      [circularId],
    );
    expect(await runNow(reminder.job_id)).toBe('done');
    const notices = await tx.manager.query<Array<{ organisation_id: number; title_th: string }>>(
      `SELECT n.organisation_id, n.title_th FROM notification n JOIN delivery d
          ON n.notification_key LIKE 'reminder-' || d.id || '-%'
        WHERE n.kind = 'deadline_reminder' AND d.id = ANY($1::uuid[])`,
      [deliveries.map((d) => d.id)],
    );
    expect(notices.map((n) => n.organisation_id).sort()).toEqual(
      deliveries
        .slice(1)
        .map((d) => d.recipient_organisation_id)
        .sort(),
    );
    expect(notices[0].title_th).toMatch(/^เตือน: ครบกำหนดอีก ๑ วันทำการ หนังสือ ที่ มท ๐๘๑๐\.๗\/ว /);
    const history = await tx.manager.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM delivery_event WHERE type = 'REMIND' AND delivery_id = ANY($1::uuid[])`,
      [deliveries.map((d) => d.id)],
    );
    expect(Number(history[0].n)).toBe(3);
  });

  it('moves a deadline earlier and later: reminders follow the new one, none fires for the old', async () => {
    const circularId = await send([org.get('p-47')!.id, org.get('p-48')!.id], fridayAhead());
    const oldJobs = await tx.manager.query<Array<{ job_id: string }>>(
      `SELECT job_id FROM scheduled_job WHERE circular_id = $1 AND kind = 'reminder'`,
      [circularId],
    );
    const service = app.get(CirculationService);
    const later = new Date(fridayAhead().getTime() + 7 * 86_400_000);
    await service.changeDeadline(
      circularId,
      { deadline: later.toISOString(), reason: 'ขยายเวลา' },
      null,
    );
    await service.changeDeadline(
      circularId,
      { deadline: fridayAhead().toISOString(), reason: 'กลับกำหนดเดิม' },
      null,
    );
    await app.get(OutboxRelay).flush();
    for (const old of oldJobs) expect(await runNow(old.job_id)).toBe('skipped');
    const current = await tx.manager.query<Array<{ job_id: string; deadline_rev: number }>>(
      `SELECT job_id, deadline_rev FROM scheduled_job WHERE circular_id = $1 AND kind = 'reminder' AND done_at IS NULL`,
      [circularId],
    );
    expect(current.map((c) => c.deadline_rev)).toEqual([3, 3, 3]);
    expect(await runNow(current[0].job_id)).toBe('done');
    const notices = await tx.manager.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM notification n JOIN delivery d
          ON n.notification_key LIKE 'reminder-' || d.id || '-%'
        WHERE d.circular_id = $1 AND n.kind = 'deadline_reminder'`,
      [circularId],
    );
    expect(Number(notices[0].n)).toBe(2);
    // What the sender's clerk sees: the current plan waiting in the queue, the one reminder that
    // ran with what it did, and the two earlier plans cancelled.
    const schedule = await app
      .get(DeadlineSchedule)
      .ofCircular(circularId, { limit: 100, offset: 0 });
    expect(schedule.total).toBe(21);
    const byRev = (rev: number) => schedule.items.filter((j) => j.deadlineRev === rev);
    expect(byRev(3).map((j) => `${j.kind}:${j.step}`)).toEqual(FULL_PLAN);
    expect(byRev(3).every((j) => j.current)).toBe(true);
    expect(
      byRev(3)
        .filter((j) => j.status === 'done')
        .map((j) => j.jobId),
    ).toEqual([current[0].job_id]);
    expect(byRev(3).filter((j) => j.status === 'queued')).toHaveLength(6);
    const ran = schedule.items.find((j) => j.jobId === current[0].job_id)!;
    expect(ran).toMatchObject({ status: 'done', statusTh: 'ดำเนินการแล้ว', outcome: 'reminded 2' });
    expect(ran.publishedAt).not.toBeNull();
    for (const old of [...byRev(1), ...byRev(2)]) {
      expect(old).toMatchObject({ status: 'cancelled', statusTh: 'ยกเลิก', current: false });
      expect(old.outcome).toMatch(/^(superseded|stale)/);
    }
  });

  it('Redis loses everything with reminders pending for 1,000 deliveries: each is sent once', async () => {
    const saos = [...org.values()].filter((o) => o.kind === 'sao').slice(2000, 3000);
    const circularId = await send(
      saos.map((s) => s.id),
      fridayAhead(),
    );
    const pending = await tx.manager.query<Array<{ job_id: string }>>(
      `SELECT job_id FROM scheduled_job WHERE circular_id = $1 AND kind = 'reminder' ORDER BY run_at`,
      [circularId],
    );
    // FLUSHALL, limited to this suite's keys so parallel suites on the same Redis keep theirs.
    await deleteQueueKeys(prefix);
    expect(await queue().getJob(pending[0].job_id)).toBeUndefined();
    expect(await app.get(DeadlineReconciler).reconcile()).toBeGreaterThanOrEqual(pending.length);
    for (const job of pending) expect(await runNow(job.job_id)).toBe('done');
    // A second reconciliation does not bring back what is done.
    await app.get(DeadlineReconciler).reconcile();
    for (const job of pending)
      expect(await (await queue().getJob(job.job_id))?.getState()).toBe('completed');
    const notices = await tx.manager.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM notification n JOIN delivery d
          ON n.notification_key LIKE 'reminder-' || d.id || '-%'
        WHERE d.circular_id = $1 AND n.kind = 'deadline_reminder'`,
      [circularId],
    );
    expect(Number(notices[0].n)).toBe(saos.length * pending.length);
  });

  it('deadline storm on two workers: 1,000 deliveries, each overdue once, one digest per supervisor', async () => {
    // A second worker shares the database only on a server; an in-memory PGlite is one process's.
    if (engine === 'postgres') {
      second = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
      await second.init();
    }
    const saos = [...org.values()].filter((o) => o.kind === 'sao').slice(0, 1000);
    const deadline = new Date(Date.now() + 60 * 60_000);
    const circularId = await send(
      saos.map((s) => s.id),
      deadline,
    );
    const deliveries = await deliveriesOf(circularId);
    // 30 % report done before the deadline.
    const done = deliveries.filter((_, i) => i % 10 < 3);
    await tx.manager.query(
      `UPDATE delivery SET state = 'done', snapshot = jsonb_set(snapshot, '{value,progress}', '"done"') WHERE id = ANY($1::uuid[])`,
      [done.map((d) => d.id)],
    );
    const [check] = await tx.manager.query<Array<{ job_id: string }>>(
      `SELECT job_id FROM scheduled_job WHERE circular_id = $1 AND kind = 'deadline'`,
      [circularId],
    );
    expect(await runNow(check.job_id)).toBe('done');
    // Both workers and a direct second run: still once.
    expect(
      await (second ?? app)
        .get(DeadlineRunner)
        .deadlinePassed(check.job_id, { circularId, deadlineRev: 1, step: 0 }),
    ).toBe('skipped');
    const after = await deliveriesOf(circularId);
    expect(after.filter((d) => d.timeliness === 'overdue')).toHaveLength(
      deliveries.length - done.length,
    );
    const history = await tx.manager.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM delivery_event e JOIN delivery d ON d.id = e.delivery_id
        WHERE d.circular_id = $1 AND e.type = 'DEADLINE_MISSED'`,
      [circularId],
    );
    expect(Number(history[0].n)).toBe(deliveries.length - done.length);
    const lateOrgs = after
      .filter((d) => d.timeliness === 'overdue')
      .map((d) => d.recipient_organisation_id);
    const supervisors = new Set(
      (await tx.repository(Organisation).findBy({ id: In(lateOrgs) })).map((o) => o.supervisorId),
    );
    const digests = await tx.manager.query<Array<{ organisation_id: number; title_th: string }>>(
      `SELECT organisation_id, title_th FROM notification WHERE kind = 'overdue_digest' AND notification_key LIKE $1`,
      [`digest-${circularId}-%`],
    );
    expect(digests).toHaveLength(supervisors.size);
    expect(new Set(digests.map((d) => d.organisation_id))).toEqual(supervisors);
    expect(digests[0].title_th).toMatch(
      /^องค์กรปกครองส่วนท้องถิ่นในความกำกับดูแล [๐-๙]+ จาก [๐-๙]+ แห่ง ยังไม่รายงานผล/,
    );

    // The first escalation reports the still-open ones one level further up (the provincial office).
    const [escalation] = await tx.manager.query<Array<{ job_id: string }>>(
      `SELECT job_id FROM scheduled_job WHERE circular_id = $1 AND kind = 'escalation' AND step = 1`,
      [circularId],
    );
    expect(await runNow(escalation.job_id)).toBe('done');
    const escalated = await deliveriesOf(circularId);
    expect(escalated.filter((d) => d.timeliness === 'escalated')).toHaveLength(
      deliveries.length - done.length,
    );
    const upper = await tx.manager.query<Array<{ kind: string }>>(
      `SELECT o.kind FROM notification n JOIN organisation o ON o.id = n.organisation_id
        WHERE n.kind = 'escalation_digest' AND n.notification_key LIKE $1`,
      [`digest-${circularId}-%`],
    );
    expect(upper.length).toBeGreaterThan(0);
    expect(new Set(upper.map((u) => u.kind))).toEqual(new Set(['provincial_la_office']));
  });

  it('refuses a deadline already past unless the request says it is meant, writing nothing', async () => {
    const service = app.get(CirculationService);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const letter = {
      type: 'external_letter' as const,
      issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
      subject: 'ทดสอบกำหนดส่งที่ผ่านมาแล้ว',
    };
    const request = {
      issuingUnitId: org.get('dla-development')!.id,
      organisationIds: [org.get('p-47')!.id],
    };
    const written = async () =>
      (
        await tx.manager.query<Array<{ circulars: number; jobs: number; numbers: number }>>(
          `SELECT (SELECT count(*)::int FROM circular) AS circulars,
                  (SELECT count(*)::int FROM scheduled_job) AS jobs,
                  (SELECT coalesce(sum(last_number), 0)::int FROM running_number) AS numbers`,
        )
      )[0];
    const before = await written();
    await expect(
      service.send(
        org.get('dla')!.id,
        { ...request, document: { ...letter, deadline: hourAgo.toISOString() } },
        null,
      ),
    ).rejects.toMatchObject({
      response: { details: [{ field: 'document.deadline', rule: 'notInPast' }] },
    });
    // A wrong year (last year's, say) typed as a Thai date: refused the same way.
    await expect(
      service.send(
        org.get('dla')!.id,
        { ...request, document: { ...letter, deadline: '๒๔ มีนาคม ๒๕๖๖' } },
        null,
      ),
    ).rejects.toMatchObject({
      response: { details: [{ field: 'document.deadline', rule: 'notInPast' }] },
    });
    expect(await written()).toEqual(before);

    // Said to be meant: sent, and every recipient is late from the start.
    const { circular } = await service.send(
      org.get('dla')!.id,
      {
        ...request,
        document: { ...letter, deadline: hourAgo.toISOString() },
        allowPastDeadline: true,
      },
      null,
    );
    expect(new Date(circular.deadlineAt!).getTime()).toBe(hourAgo.getTime());

    // Moving a deadline into the past asks for the same.
    const ahead = await send([org.get('p-48')!.id], fridayAhead());
    await expect(
      service.changeDeadline(ahead, { deadline: hourAgo.toISOString(), reason: 'พิมพ์ผิด' }, null),
    ).rejects.toMatchObject({ response: { details: [{ field: 'deadline', rule: 'notInPast' }] } });
    const [unchanged] = await tx.manager.query<Array<{ deadline_rev: number }>>(
      `SELECT deadline_rev FROM circular WHERE id = $1`,
      [ahead],
    );
    expect(unchanged.deadline_rev).toBe(1);
    const moved = await service.changeDeadline(
      ahead,
      { deadline: hourAgo.toISOString(), reason: 'ยุติการรับข้อมูล', allowPastDeadline: true },
      null,
    );
    expect(moved).toMatchObject({ deadlineRev: 2 });
    expect(new Date(moved.deadlineAt!).getTime()).toBe(hourAgo.getTime());
  });

  it('refuses a deadline more than a year ahead (a mistyped year) unless it is meant', async () => {
    const service = app.get(CirculationService);
    const letter = {
      type: 'external_letter' as const,
      issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
      subject: 'ทดสอบกำหนดส่งที่ไกลเกินไป',
    };
    const request = {
      issuingUnitId: org.get('dla-development')!.id,
      organisationIds: [org.get('p-47')!.id],
    };
    const circulars = async () =>
      (await tx.manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM circular`))[0]
        .n;
    const before = await circulars();
    // ๒๕๙๖ typed for ๒๕๖๙: twenty-seven years ahead.
    const transposed = service.send(
      org.get('dla')!.id,
      { ...request, document: { ...letter, deadline: '๓๐ กันยายน ๒๕๙๖' } },
      null,
    );
    await expect(transposed).rejects.toMatchObject({
      response: {
        details: [
          {
            field: 'document.deadline',
            rule: 'withinAYear',
            message_th: expect.stringContaining('เกิน ๑ ปี'),
            message_en: expect.stringContaining('allowDistantDeadline'),
          },
        ],
      },
    });
    const farAhead = new Date(Date.now() + 400 * 86_400_000).toISOString();
    await expect(
      service.send(
        org.get('dla')!.id,
        { ...request, document: { ...letter, deadline: farAhead } },
        null,
      ),
    ).rejects.toMatchObject({
      response: { details: [{ field: 'document.deadline', rule: 'withinAYear' }] },
    });
    expect(await circulars()).toBe(before);

    // Said to be meant: sent with that deadline.
    const { circular } = await service.send(
      org.get('dla')!.id,
      {
        ...request,
        document: { ...letter, deadline: farAhead },
        allowDistantDeadline: true,
      },
      null,
    );
    expect(new Date(circular.deadlineAt!).toISOString()).toBe(farAhead);

    // Moving a deadline that far asks for the same.
    const ahead = await send([org.get('p-48')!.id], fridayAhead());
    await expect(
      service.changeDeadline(ahead, { deadline: farAhead, reason: 'พิมพ์ปีผิด' }, null),
    ).rejects.toMatchObject({
      response: { details: [{ field: 'deadline', rule: 'withinAYear' }] },
    });
    const moved = await service.changeDeadline(
      ahead,
      { deadline: farAhead, reason: 'โครงการต่อเนื่อง', allowDistantDeadline: true },
      null,
    );
    expect(moved).toMatchObject({ deadlineRev: 2 });
  });

  it('refuses a deadline date that is no working day, naming the working days either side', async () => {
    const service = app.get(CirculationService);
    const sendWith = (deadline: string) =>
      service.send(
        org.get('dla')!.id,
        {
          document: {
            type: 'external_letter',
            issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
            subject: 'ทดสอบกำหนดส่งวันหยุด',
            deadline,
          },
          issuingUnitId: org.get('dla-development')!.id,
          organisationIds: [org.get('p-47')!.id],
          // Years ahead, so that the days stay in the future: said to be meant.
          allowDistantDeadline: true,
        },
        null,
      );
    const circulars = async () =>
      (await tx.manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM circular`))[0]
        .n;
    const before = await circulars();
    // A Saturday, written the Thai way.
    await expect(sendWith('วันเสาร์ที่ ๒๖ ธันวาคม ๒๖๔๒')).rejects.toMatchObject({
      response: {
        details: [
          {
            field: 'document.deadline',
            rule: 'workingDay',
            message_th:
              'กำหนดส่งวันเสาร์ที่ ๒๖ ธันวาคม ๒๖๔๒ไม่ใช่วันทำการ ให้กำหนดเป็นวันทำการ เช่น วันศุกร์ที่ ๒๕ ธันวาคม ๒๖๔๒ หรือวันจันทร์ที่ ๒๘ ธันวาคม ๒๖๔๒',
          },
        ],
      },
    });
    // A public holiday of the calendar (วันสิ้นปี), named.
    await expect(sendWith('2099-12-31')).rejects.toMatchObject({
      response: {
        details: [
          {
            rule: 'workingDay',
            message_en: expect.stringMatching(
              /^the deadline 2099-12-31 is not a working day \(.+\): give a working day such as 2099-12-30 or 2100-01-04$/,
            ),
          },
        ],
      },
    });
    expect(await circulars()).toBe(before);
    // A deadline with a time is taken as written, whatever the day.
    await expect(sendWith('2099-12-26T12:00:00+07:00')).resolves.toMatchObject({ created: true });
  });

  it('counts "within N working days of receipt" from each recipient’s own receipt', async () => {
    const service = app.get(CirculationService);
    const recipients = [org.get('p-47')!.id, org.get('p-48')!.id];
    const letter = {
      type: 'external_letter' as const,
      issuerName: 'กรมส่งเสริมการปกครองท้องถิ่น',
      subject: 'ขอให้รายงานภายใน ๕ วันทำการนับแต่ได้รับหนังสือ',
    };
    const both = service.send(
      org.get('dla')!.id,
      {
        document: { ...letter, deadline: fridayAhead().toISOString() },
        deadlineWorkingDays: 5,
        issuingUnitId: org.get('dla-development')!.id,
        organisationIds: recipients,
      },
      null,
    );
    await expect(both).rejects.toMatchObject({
      response: { details: [{ field: 'deadlineWorkingDays', rule: 'oneDeadline' }] },
    });
    const { circular } = await service.send(
      org.get('dla')!.id,
      {
        document: letter,
        deadlineWorkingDays: 5,
        issuingUnitId: org.get('dla-development')!.id,
        organisationIds: recipients,
      },
      null,
    );
    const [first, second] = await deliveriesOf(circular.id);
    const code = [...org.values()].find((o) => o.id === first.recipient_organisation_id)!.code;
    const actor = await seedActor(app as INestApplication, {
      organisation: code,
      roles: ['clerk'],
    });
    const received = await app
      .get(DeliveryActions)
      .receive(first.id, {}, userActorOf(actor, ['clerk']));
    const expected = await app
      .get(BusinessCalendar)
      .relativeDeadline(received.delivery.receivedAt!, 5);
    expect(received.delivery.deadlineAt?.toISOString()).toBe(expected.toISOString());
    const jobs = await tx.manager.query<
      Array<{ kind: string; delivery_id: string | null; job_id: string }>
    >(
      `SELECT kind, delivery_id, job_id FROM scheduled_job WHERE circular_id = $1 ORDER BY run_at`,
      [circular.id],
    );
    expect(new Set(jobs.map((j) => j.delivery_id))).toEqual(new Set([first.id]));
    await app.get(OutboxRelay).flush();
    const deadline = jobs.find((j) => j.kind === 'deadline')!;
    expect(await runNow(deadline.job_id)).toBe('done');
    const after = await deliveriesOf(circular.id);
    expect(after.find((d) => d.id === first.id)!.timeliness).toBe('overdue');
    expect(after.find((d) => d.id === second.id)!.timeliness).toBe('on_time');
    // The schedule of one recipient: its own jobs, none of the other's (which has none yet).
    const schedule = app.get(DeadlineSchedule);
    const mine = await schedule.ofCircular(circular.id, {
      deliveryId: first.id,
      limit: 50,
      offset: 0,
    });
    expect(mine.total).toBe(jobs.length);
    expect(mine.items.every((j) => j.deliveryId === first.id)).toBe(true);
    expect(mine.items.find((j) => j.kind === 'deadline')).toMatchObject({
      status: 'done',
      outcome: 'overdue 1, digests 1',
    });
    expect(
      await schedule.ofCircular(circular.id, { deliveryId: second.id, limit: 50, offset: 0 }),
    ).toEqual({ total: 0, items: [] });
  });
});
