import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import {
  ChannelUnavailable,
  type OutboundChannel,
  type OutboundMessage,
} from './outbound-channel.js';
import { webhookSignature } from './webhook-signature.js';

/** What a webhook receiver gets, as JSON. */
export interface WebhookBody {
  /** The delivery-log row: the same on every retry, so a receiver can drop a repeat. */
  deliveryId: string;
  notificationId: string;
  key: string;
  kind: string;
  organisationId: number;
  userId: string | null;
  titleTh: string;
  bodyTh: string;
  link: string | null;
  createdAt: string;
}

/**
 * POSTs a notification to the organisation's webhook, signed with its secret
 * (X-Wian-Timestamp, X-Wian-Signature). Anything but a 2xx within WEBHOOK_TIMEOUT_MS fails
 * the attempt, and the job is retried with backoff.
 */
@Injectable()
export class WebhookChannel implements OutboundChannel {
  constructor(private readonly config: AppConfig) {}

  async send(message: OutboundMessage): Promise<void> {
    const { notification: n, settings } = message;
    if (!settings.webhookEnabled || settings.webhookUrl !== message.target)
      throw new ChannelUnavailable('the organisation no longer sends to this webhook');
    if (settings.webhookSecret === null)
      throw new ChannelUnavailable('the organisation has no webhook secret');
    const body = JSON.stringify({
      deliveryId: message.deliveryId,
      notificationId: n.id,
      key: n.notificationKey,
      kind: n.kind,
      organisationId: n.organisationId,
      userId: n.userId,
      titleTh: n.titleTh,
      bodyTh: n.bodyTh,
      link: message.link,
      createdAt: new Date(n.createdAt).toISOString(),
    } satisfies WebhookBody);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(message.target, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'wian-webhook/1',
        'X-Wian-Delivery': message.deliveryId,
        'X-Wian-Timestamp': String(timestamp),
        'X-Wian-Signature': webhookSignature(settings.webhookSecret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
    });
    // The answer is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299)
      throw new Error(`webhook answered ${response.status}`);
  }
}
