import { NotificationDelivery } from './notification-delivery.entity.js';
import { NotificationSettings } from './notification-settings.entity.js';
import { Notification } from './notification.entity.js';

export const NOTIFICATIONS_ENTITIES = [Notification, NotificationDelivery, NotificationSettings];
