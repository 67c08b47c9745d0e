export { EmailChannel } from './email.channel.js';
export { NotificationCenter } from './notification-center.service.js';
export {
  DELIVERY_STATUSES,
  NotificationDelivery,
  OUTBOUND_CHANNELS,
} from './notification-delivery.entity.js';
export type {
  NotificationDeliveryStatus,
  OutboundChannelName,
} from './notification-delivery.entity.js';
export { DeliveryInFlight, NotificationDispatcher } from './notification-dispatcher.service.js';
export { NotificationInbox } from './notification-inbox.service.js';
export type { InboxOwner } from './notification-inbox.service.js';
export { NotificationQuery } from './notification-query.dto.js';
export { UpdateNotificationSettingsDto } from './notification-settings.dto.js';
export { NotificationSettings } from './notification-settings.entity.js';
export { NotificationSettingsService } from './notification-settings.service.js';
export type {
  NotificationSettingsView,
  NotificationSettingsWithSecret,
} from './notification-settings.view.js';
export { Notification } from './notification.entity.js';
export { SendEmailJob, SendWebhookJob } from './notification.jobs.js';
export { notificationView } from './notification.view.js';
export type { NotificationPage, NotificationView } from './notification.view.js';
export { NOTIFICATIONS_ENTITIES } from './notifications.entities.js';
export {
  NotificationsHttpModule,
  NotificationsJobsModule,
  NotificationsModule,
} from './notifications.module.js';
export type { NotifyEmailContent, NotifyInput } from './notify-input.js';
export { ChannelUnavailable } from './outbound-channel.js';
export type { OutboundChannel, OutboundMessage } from './outbound-channel.js';
export { publicLink } from './public-link.js';
export { WebhookChannel } from './webhook.channel.js';
export type { WebhookBody } from './webhook.channel.js';
export { verifyWebhookSignature, webhookSignature } from './webhook-signature.js';
