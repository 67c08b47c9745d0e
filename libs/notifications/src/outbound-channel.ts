import type { NotificationSettings } from './notification-settings.entity.js';
import type { Notification } from './notification.entity.js';

/** What a channel is handed to send one notification to one target. */
export interface OutboundMessage {
  /** The delivery-log row: a stable id receivers can use to recognise a repeat. */
  deliveryId: string;
  notification: Notification;
  target: string;
  /** The organisation's settings as they are now (secret included). */
  settings: NotificationSettings;
  /** PUBLIC_BASE_URL + the notification's link, or null. */
  link: string | null;
}

/** Why a channel will not send now: the organisation turned it off, or it is not configured. */
export class ChannelUnavailable extends Error {}

/**
 * An outbound channel (e-mail, webhook). `send` resolves once the other side has accepted
 * the message and throws otherwise; the job then fails and BullMQ retries it with backoff.
 * It throws `ChannelUnavailable` when sending is no longer wanted.
 */
export interface OutboundChannel {
  send(message: OutboundMessage): Promise<void>;
}
