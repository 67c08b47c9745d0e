import { Injectable } from '@nestjs/common';
import {
  JobName,
  ProcessesJob,
  type JobOutcome,
  type JobPayload,
  type JobProcessor,
} from '@wian/jobs';
import { EmailChannel } from './email.channel.js';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { WebhookChannel } from './webhook.channel.js';

/** Sends one notification to one e-mail address (once, however often the job runs). */
@Injectable()
@ProcessesJob(JobName.SendEmail)
export class SendEmailJob implements JobProcessor<JobName.SendEmail> {
  constructor(
    private readonly dispatcher: NotificationDispatcher,
    private readonly email: EmailChannel,
  ) {}

  process(payload: JobPayload<JobName.SendEmail>): Promise<JobOutcome> {
    return this.dispatcher.deliver(payload.notificationDeliveryId, this.email);
  }
}

/** Posts one notification to the organisation's webhook (once, however often the job runs). */
@Injectable()
@ProcessesJob(JobName.SendWebhook)
export class SendWebhookJob implements JobProcessor<JobName.SendWebhook> {
  constructor(
    private readonly dispatcher: NotificationDispatcher,
    private readonly webhook: WebhookChannel,
  ) {}

  process(payload: JobPayload<JobName.SendWebhook>): Promise<JobOutcome> {
    return this.dispatcher.deliver(payload.notificationDeliveryId, this.webhook);
  }
}
