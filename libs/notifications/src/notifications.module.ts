import { Module } from '@nestjs/common';
import { AuditModule } from '@wian/audit';
import { IdentityModule } from '@wian/identity';
import { EmailChannel } from './email.channel.js';
import { NotificationCenter } from './notification-center.service.js';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { NotificationInboxController } from './notification-inbox.controller.js';
import { NotificationInbox } from './notification-inbox.service.js';
import { NotificationSettingsController } from './notification-settings.controller.js';
import { NotificationSettingsService } from './notification-settings.service.js';
import { SendEmailJob, SendWebhookJob } from './notification.jobs.js';
import { WebhookChannel } from './webhook.channel.js';

const SERVICES = [NotificationCenter, NotificationInbox, NotificationSettingsService];

/** Notifying (NotificationCenter), inboxes and channel settings, without HTTP. */
@Module({
  imports: [AuditModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class NotificationsModule {}

/** The inbox and settings endpoints, for the API app. */
@Module({
  imports: [NotificationsModule, IdentityModule],
  controllers: [NotificationInboxController, NotificationSettingsController],
})
export class NotificationsHttpModule {}

/** E-mail and webhook sending, for the worker. */
@Module({
  imports: [NotificationsModule],
  providers: [NotificationDispatcher, EmailChannel, WebhookChannel, SendEmailJob, SendWebhookJob],
})
export class NotificationsJobsModule {}
