import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { JobName, jobId, Outbox, type OutboxEntry } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import { In } from 'typeorm';
import type { OutboundChannelName } from './notification-delivery.entity.js';
import { NotificationSettings } from './notification-settings.entity.js';
import { Notification } from './notification.entity.js';
import type { NotifyInput } from './notify-input.js';

const KEY = /^[A-Za-z0-9._-]{1,200}$/;

const JOB_OF: Record<OutboundChannelName, JobName.SendEmail | JobName.SendWebhook> = {
  email: JobName.SendEmail,
  webhook: JobName.SendWebhook,
};

/**
 * The one way a feature notifies an organisation or a person. `notify()` runs inside the
 * caller's transaction: the notification (which is the in-app inbox entry) commits with the
 * caller's own rows, and e-mails and the webhook go out from the worker after the commit, one
 * job per target, so an SMTP server or a chat bridge that is down never holds the inbox back.
 */
@Injectable()
export class NotificationCenter {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
  ) {}

  /** Writes the notification once per key; a repeated key answers the existing one. */
  async notify(input: NotifyInput): Promise<Notification> {
    if (!KEY.test(input.key))
      throw new Error(`notification key must match ${KEY.source} (${input.key})`);
    return this.tx.run(async (manager) => {
      const inserted = await manager.query<Array<{ id: string }>>(
        `INSERT INTO notification (notification_key, organisation_id, user_id, kind, title_th,
                                   body_th, link, email_subject_th, email_text_th, email_html_th)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (notification_key) DO NOTHING RETURNING id`,
        [
          input.key,
          input.organisationId,
          input.userId ?? null,
          input.kind,
          input.titleTh,
          input.bodyTh,
          input.link ?? null,
          input.email?.subjectTh ?? null,
          input.email?.textTh ?? null,
          input.email?.htmlTh ?? null,
        ],
      );
      const repo = this.tx.repository(Notification);
      if (inserted.length === 0) return repo.findOneByOrFail({ notificationKey: input.key });
      const notificationId = inserted[0].id;
      await this.planDeliveries(notificationId, input.organisationId);
      return repo.findOneByOrFail({ id: notificationId });
    });
  }

  /**
   * Many notifications in four statements whatever their number (a reminder round, the digests
   * of a deadline): the notifications, the organisations' settings, the delivery-log rows and
   * their outbox jobs. Keys already used are skipped. Returns how many were new.
   */
  async notifyMany(inputs: readonly NotifyInput[]): Promise<number> {
    if (inputs.length === 0) return 0;
    for (const input of inputs)
      if (!KEY.test(input.key))
        throw new Error(`notification key must match ${KEY.source} (${input.key})`);
    return this.tx.run(async (manager) => {
      const inserted = await manager.query<Array<{ id: string; organisation_id: number }>>(
        `INSERT INTO notification (notification_key, organisation_id, user_id, kind, title_th,
                                   body_th, link, email_subject_th, email_text_th, email_html_th)
         SELECT * FROM unnest($1::varchar[], $2::int[], $3::uuid[], $4::varchar[], $5::varchar[],
                              $6::text[], $7::varchar[], $8::varchar[], $9::text[], $10::text[])
         ON CONFLICT (notification_key) DO NOTHING RETURNING id, organisation_id`,
        [
          inputs.map((i) => i.key),
          inputs.map((i) => i.organisationId),
          inputs.map((i) => i.userId ?? null),
          inputs.map((i) => i.kind),
          inputs.map((i) => i.titleTh),
          inputs.map((i) => i.bodyTh),
          inputs.map((i) => i.link ?? null),
          inputs.map((i) => i.email?.subjectTh ?? null),
          inputs.map((i) => i.email?.textTh ?? null),
          inputs.map((i) => i.email?.htmlTh ?? null),
        ],
      );
      if (inserted.length === 0) return 0;
      const organisations = [...new Set(inserted.map((r) => r.organisation_id))];
      const settings = await this.tx
        .repository(NotificationSettings)
        .findBy({ organisationId: In(organisations) });
      const targetsOf = new Map(settings.map((s) => [s.organisationId, this.targets(s)]));
      const ids: string[] = [];
      const channels: string[] = [];
      const targets: string[] = [];
      for (const row of inserted) {
        for (const t of targetsOf.get(row.organisation_id) ?? []) {
          ids.push(row.id);
          channels.push(t.channel);
          targets.push(t.target);
        }
      }
      if (ids.length > 0) {
        const rows = await manager.query<Array<{ id: string; channel: OutboundChannelName }>>(
          `INSERT INTO notification_delivery (notification_id, channel, target)
           SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[])
           ON CONFLICT (notification_id, channel, target) DO NOTHING RETURNING id, channel`,
          [ids, channels, targets],
        );
        await this.outbox.add(
          rows.map((row) => ({
            name: JOB_OF[row.channel],
            jobId: jobId(JOB_OF[row.channel], row.id),
            payload: { notificationDeliveryId: row.id },
          })),
        );
      }
      return inserted.length;
    });
  }

  private targets(
    settings: NotificationSettings,
  ): Array<{ channel: OutboundChannelName; target: string }> {
    const targets: Array<{ channel: OutboundChannelName; target: string }> = [];
    if (settings.emailEnabled && this.config.SMTP_URL !== '') {
      for (const address of settings.emailAddresses)
        targets.push({ channel: 'email', target: address });
    }
    if (settings.webhookEnabled && settings.webhookUrl !== null && settings.webhookSecret !== null)
      targets.push({ channel: 'webhook', target: settings.webhookUrl });
    return targets;
  }

  /** One delivery-log row and one outbox job per configured target. */
  private async planDeliveries(notificationId: string, organisationId: number): Promise<void> {
    const settings = await this.tx.repository(NotificationSettings).findOneBy({ organisationId });
    if (settings === null) return;
    const targets = this.targets(settings);
    if (targets.length === 0) return;
    const rows = await this.tx.manager.query<Array<{ id: string; channel: OutboundChannelName }>>(
      `INSERT INTO notification_delivery (notification_id, channel, target)
       SELECT $1, * FROM unnest($2::varchar[], $3::varchar[])
       ON CONFLICT (notification_id, channel, target) DO NOTHING RETURNING id, channel`,
      [notificationId, targets.map((t) => t.channel), targets.map((t) => t.target)],
    );
    const entries: OutboxEntry[] = rows.map((row) => ({
      name: JOB_OF[row.channel],
      jobId: jobId(JOB_OF[row.channel], row.id),
      payload: { notificationDeliveryId: row.id },
    }));
    await this.outbox.add(entries);
  }
}
