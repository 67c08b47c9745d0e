import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditTrail } from '@wian/audit';
import { AppConfig } from '@wian/config';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import type { UpdateNotificationSettingsDto } from './notification-settings.dto.js';
import { NotificationSettings } from './notification-settings.entity.js';
import type {
  NotificationSettingsView,
  NotificationSettingsWithSecret,
} from './notification-settings.view.js';

const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** An organisation's outbound channels, set by its administrators (audited). */
@Injectable()
export class NotificationSettingsService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly audit: AuditTrail,
    private readonly config: AppConfig,
  ) {}

  async get(organisationId: number): Promise<NotificationSettingsView> {
    const settings = await this.tx.repository(NotificationSettings).findOneBy({ organisationId });
    return this.view(organisationId, settings);
  }

  /**
   * Replaces the channels. The first time a webhook URL is set a secret is made, and this
   * answer is the only one that shows it.
   */
  async update(
    organisationId: number,
    input: UpdateNotificationSettingsDto,
    userId: string | null,
  ): Promise<NotificationSettingsView | NotificationSettingsWithSecret> {
    const webhookUrl = input.webhookUrl ?? null;
    if (input.webhookEnabled && webhookUrl === null) {
      throw ApiException.badRequest({
        field: 'webhookUrl',
        rule: 'required',
        message_th: 'ต้องระบุที่อยู่เว็บฮุกก่อนเปิดใช้',
        message_en: 'a webhook URL is required to enable the webhook',
      });
    }
    if (input.emailEnabled && input.emailAddresses.length === 0) {
      throw ApiException.badRequest({
        field: 'emailAddresses',
        rule: 'arrayMinSize',
        message_th: 'ต้องระบุที่อยู่อีเมลอย่างน้อย ๑ ที่อยู่ก่อนเปิดใช้',
        message_en: 'at least one e-mail address is required to enable e-mail',
      });
    }
    return this.tx.run(async () => {
      const repo = this.tx.repository(NotificationSettings);
      const current = await repo.findOneBy({ organisationId });
      const secret =
        webhookUrl !== null && (current?.webhookSecret ?? null) === null
          ? newWebhookSecret()
          : null;
      const row = current ?? repo.create({ organisationId });
      row.emailEnabled = input.emailEnabled;
      row.emailAddresses = input.emailAddresses;
      row.webhookEnabled = input.webhookEnabled;
      row.webhookUrl = webhookUrl;
      row.updatedByUserId = userId;
      if (secret !== null) {
        row.webhookSecret = secret;
        row.webhookSecretCreatedAt = new Date();
      }
      const saved = await repo.save(row);
      await this.audit.record({
        action: 'notification.settings_update',
        entityType: 'notification_settings',
        entityId: organisationId,
        organisationId,
        payload: {
          emailEnabled: input.emailEnabled,
          emailAddresses: input.emailAddresses,
          webhookEnabled: input.webhookEnabled,
          webhookUrl,
          webhookSecretCreated: secret !== null,
        },
      });
      const view = this.view(organisationId, saved);
      return secret === null ? view : Object.assign(view, { webhookSecret: secret });
    });
  }

  /** A new webhook secret, at once in force; shown only in this answer. */
  async rotateWebhookSecret(
    organisationId: number,
    userId: string | null,
  ): Promise<NotificationSettingsWithSecret> {
    return this.tx.run(async () => {
      const repo = this.tx.repository(NotificationSettings);
      const current = await repo.findOneBy({ organisationId });
      if (current === null || current.webhookUrl === null) {
        throw ApiException.conflict({
          field: 'webhookUrl',
          rule: 'required',
          message_th: 'ยังไม่ได้ตั้งที่อยู่เว็บฮุก',
          message_en: 'no webhook URL is set',
        });
      }
      const secret = newWebhookSecret();
      current.webhookSecret = secret;
      current.webhookSecretCreatedAt = new Date();
      current.updatedByUserId = userId;
      const saved = await repo.save(current);
      await this.audit.record({
        action: 'notification.webhook_secret_rotate',
        entityType: 'notification_settings',
        entityId: organisationId,
        organisationId,
      });
      return Object.assign(this.view(organisationId, saved), { webhookSecret: secret });
    });
  }

  private view(organisationId: number, s: NotificationSettings | null): NotificationSettingsView {
    return {
      organisationId,
      emailEnabled: s?.emailEnabled ?? false,
      emailAddresses: s?.emailAddresses ?? [],
      emailAvailable: this.config.SMTP_URL !== '',
      webhookEnabled: s?.webhookEnabled ?? false,
      webhookUrl: s?.webhookUrl ?? null,
      webhookSecretSet: (s?.webhookSecret ?? null) !== null,
      webhookSecretCreatedAt: s?.webhookSecretCreatedAt ?? null,
      updatedAt: s?.updatedAt ?? null,
    };
  }
}
