import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Organisation } from '@wian/hierarchy';
import { JobName, JobQueues, jobId, OutboxRelay, QueueName } from '@wian/jobs';
import {
  NotificationCenter,
  NotificationInbox,
  NotificationSettingsService,
  SendEmailJob,
  verifyWebhookSignature,
  type NotifyInput,
  type WebhookBody,
} from '@wian/notifications';
import { TransactionHost } from '@wian/persistence';
import type { Job } from 'bullmq';
import { startTestWorker, type TestWorker } from '../support/test-worker.js';
import { TestSmtpServer } from '../support/test-smtp-server.js';
import { TestWebhookReceiver } from '../support/test-webhook-receiver.js';

const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';

interface DeliveryRow {
  id: string;
  channel: string;
  target: string;
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

/**
 * The worker as production builds it, a real SMTP server (smtp-server) and a local webhook
 * receiver: the inbox entry exists at commit, e-mails and webhooks follow from the worker,
 * exactly once, through an SMTP outage and a failing receiver.
 */
describe(`notifications: in-app, e-mail and webhook (${engine})`, () => {
  let worker: TestWorker;
  let app: INestApplicationContext;
  let tx: TransactionHost;
  let organisationId: number;
  const smtp = new TestSmtpServer();
  const hooks = new TestWebhookReceiver();

  beforeAll(async () => {
    await smtp.start();
    await hooks.start();
    worker = await startTestWorker({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'wian <no-reply@wian.test>',
      PUBLIC_BASE_URL: 'https://wian.example.go.th/',
      WEBHOOK_TIMEOUT_MS: '2000',
    });
    app = worker.app;
    tx = app.get(TransactionHost);
    organisationId = (await tx.repository(Organisation).findOneByOrFail({ code: 'p-47' })).id;
  });

  afterAll(async () => {
    await worker.close();
    await smtp.stop();
    await hooks.stop();
  });

  const queue = () => app.get(JobQueues).get(QueueName.Notifications);

  const circular = (key: string): NotifyInput => ({
    key,
    organisationId,
    kind: 'circular_received',
    titleTh: 'หนังสือเวียนใหม่ ที่ มท ๐๘๑๐.๗/ว ๑๒๓ จากกรมส่งเสริมการปกครองท้องถิ่น',
    bodyTh: 'เรื่อง การเตรียมความพร้อมรับมือภัยแล้ง กำหนดดำเนินการภายใน ๒๔ มีนาคม ๒๕๖๙',
    link: `/circulars/${key}`,
    email: {
      subjectTh: 'หนังสือเวียน ที่ มท ๐๘๑๐.๗/ว ๑๒๓ ลงวันที่ ๑๐ มีนาคม ๒๕๖๙',
      textTh: 'เรื่อง การเตรียมความพร้อมรับมือภัยแล้ง\nกำหนดดำเนินการภายใน ๒๔ มีนาคม ๒๕๖๙',
    },
  });

  async function configure(channels: { email: boolean; webhook: boolean }): Promise<string> {
    const answer = await app.get(NotificationSettingsService).update(
      organisationId,
      {
        emailEnabled: channels.email,
        emailAddresses: ['saraban@sakonnakhon.go.th'],
        webhookEnabled: channels.webhook,
        webhookUrl: hooks.url,
      },
      null,
    );
    return 'webhookSecret' in answer ? answer.webhookSecret : '';
  }

  async function deliveriesOf(notificationId: string): Promise<DeliveryRow[]> {
    return tx.manager.query<DeliveryRow[]>(
      `SELECT id, channel, target, status, attempts, last_error, sent_at
         FROM notification_delivery WHERE notification_id = $1 ORDER BY channel`,
      [notificationId],
    );
  }

  async function jobOf(name: JobName, deliveryId: string): Promise<Job> {
    const id = jobId(name, deliveryId);
    for (let i = 0; i < 400; i += 1) {
      const job = await queue().getJob(id);
      if (job !== undefined) return job;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${id} never arrived`);
  }

  async function settle(job: Job, states: string[]): Promise<string> {
    for (let i = 0; i < 600; i += 1) {
      const state = await queue().getJobState(job.id!);
      if (states.includes(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${job.id!} never reached ${states.join('/')}`);
  }

  const mailsFor = (key: string) =>
    smtp.received.filter((m) => m.headers.get('x-wian-notification') === key);

  let secret = '';

  it('shows a notification in the inbox at commit, then e-mails it once with its Thai subject and link', async () => {
    secret = await configure({ email: true, webhook: false });
    expect(secret).toMatch(/^whsec_/);
    const notification = await tx.run(() => app.get(NotificationCenter).notify(circular('n-1')));

    const inbox = await app
      .get(NotificationInbox)
      .list({ kind: 'organisation', organisationId }, { unread: 'true' });
    expect(inbox.items.map((n) => n.key)).toContain('n-1');
    expect(inbox.unread).toBeGreaterThanOrEqual(1);

    const [row] = await deliveriesOf(notification.id);
    expect(row).toMatchObject({ channel: 'email', target: 'saraban@sakonnakhon.go.th' });
    await app.get(OutboxRelay).drain();
    const job = await jobOf(JobName.SendEmail, row.id);
    expect(job.opts.attempts).toBe(16);
    expect(await settle(job, ['completed', 'failed'])).toBe('completed');
    expect(job.id).toBe(`notification.email-${row.id}`);

    const mails = mailsFor('n-1');
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['saraban@sakonnakhon.go.th']);
    expect(mails[0].subject).toBe('หนังสือเวียน ที่ มท ๐๘๑๐.๗/ว ๑๒๓ ลงวันที่ ๑๐ มีนาคม ๒๕๖๙');
    expect(mails[0].text).toContain('กำหนดดำเนินการภายใน ๒๔ มีนาคม ๒๕๖๙');
    expect(mails[0].text).toContain('https://wian.example.go.th/circulars/n-1');
    expect(mails[0].messageId).toBe(`<${row.id}@wian.test>`);
    const [sent] = await deliveriesOf(notification.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
  });

  it('never sends twice: the same key, the job run again, and the relay publishing again', async () => {
    const center = app.get(NotificationCenter);
    const first = await tx.run(() => center.notify(circular('n-1')));
    const again = await tx.run(() => center.notify({ ...circular('n-1'), titleTh: 'อื่น' }));
    expect(again.id).toBe(first.id);
    expect(again.titleTh).toBe(first.titleTh);
    const rows = await deliveriesOf(first.id);
    expect(rows).toHaveLength(1);

    expect(await app.get(SendEmailJob).process({ notificationDeliveryId: rows[0].id })).toBe(
      'skipped',
    );
    await tx.manager.query(`UPDATE outbox_message SET sent_at = NULL WHERE job_id = $1`, [
      jobId(JobName.SendEmail, rows[0].id),
    ]);
    await app.get(OutboxRelay).drain();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailsFor('n-1')).toHaveLength(1);
    expect((await deliveriesOf(first.id))[0].attempts).toBe(1);
  });

  it('keeps the inbox while SMTP is down, retries with backoff, and e-mails once when it is back', async () => {
    await smtp.stop();
    const notification = await tx.run(() => app.get(NotificationCenter).notify(circular('n-2')));
    const inbox = await app
      .get(NotificationInbox)
      .list({ kind: 'organisation', organisationId }, {});
    expect(inbox.items.map((n) => n.key)).toContain('n-2');

    const [row] = await deliveriesOf(notification.id);
    await app.get(OutboxRelay).drain();
    const job = await jobOf(JobName.SendEmail, row.id);
    expect(await settle(job, ['delayed', 'failed', 'completed'])).toBe('delayed');
    const failed = (await deliveriesOf(notification.id))[0];
    expect(failed.status).toBe('failed');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(mailsFor('n-2')).toHaveLength(0);

    await smtp.start();
    // The next attempt would come after the backoff (5 s, then 10 s, …); run it now.
    await (await queue().getJob(job.id!))!.promote();
    expect(await settle(job, ['completed', 'failed'])).toBe('completed');
    expect(mailsFor('n-2')).toHaveLength(1);
    expect(mailsFor('n-2')[0].subject).toContain('หนังสือเวียน ที่ มท ๐๘๑๐.๗/ว ๑๒๓');
    const sent = (await deliveriesOf(notification.id))[0];
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('posts a signed webhook, retries it after a 500 and delivers it once', async () => {
    await configure({ email: false, webhook: true });
    hooks.answers.push(500);
    const notification = await tx.run(() => app.get(NotificationCenter).notify(circular('n-3')));
    const rows = await deliveriesOf(notification.id);
    expect(rows.map((r) => r.channel)).toEqual(['webhook']);
    await app.get(OutboxRelay).drain();
    const job = await jobOf(JobName.SendWebhook, rows[0].id);
    expect(await settle(job, ['delayed', 'failed', 'completed'])).toBe('delayed');
    expect((await deliveriesOf(notification.id))[0]).toMatchObject({
      status: 'failed',
      last_error: 'webhook answered 500',
    });
    await (await queue().getJob(job.id!))!.promote();
    expect(await settle(job, ['completed', 'failed'])).toBe('completed');

    const received = hooks.received.filter((h) => h.headers['x-wian-delivery'] === rows[0].id);
    expect(received.map((h) => h.answered)).toEqual([500, 200]);
    for (const hook of received) {
      expect(
        verifyWebhookSignature(
          secret,
          {
            timestamp: hook.headers['x-wian-timestamp'] as string,
            signature: hook.headers['x-wian-signature'] as string,
          },
          hook.body,
        ),
      ).toBe(true);
      expect(
        verifyWebhookSignature(
          'whsec_wrong',
          {
            timestamp: hook.headers['x-wian-timestamp'] as string,
            signature: hook.headers['x-wian-signature'] as string,
          },
          hook.body,
        ),
      ).toBe(false);
    }
    const body = JSON.parse(received[1].body) as WebhookBody;
    expect(body).toMatchObject({
      key: 'n-3',
      kind: 'circular_received',
      organisationId,
      titleTh: 'หนังสือเวียนใหม่ ที่ มท ๐๘๑๐.๗/ว ๑๒๓ จากกรมส่งเสริมการปกครองท้องถิ่น',
      link: 'https://wian.example.go.th/circulars/n-3',
    });
    expect((await deliveriesOf(notification.id))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(mailsFor('n-3')).toHaveLength(0);
  });

  it('marks an inbox entry read once and counts unread', async () => {
    const inbox = app.get(NotificationInbox);
    const owner = { kind: 'organisation', organisationId } as const;
    const before = await inbox.list(owner, {});
    const target = before.items.find((n) => n.key === 'n-2')!;
    const read = await inbox.markRead(owner, target.id, null);
    expect(read.readAt).not.toBeNull();
    const after = await inbox.list(owner, { unread: 'true' });
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.map((n) => n.key)).not.toContain('n-2');
    const again = await inbox.markRead(owner, target.id, null);
    expect(again.readAt).toEqual(read.readAt);
  });
});
