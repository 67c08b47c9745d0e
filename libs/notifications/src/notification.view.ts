import type { Notification } from './notification.entity.js';

/** A notification as the inbox shows it. */
export interface NotificationView {
  id: string;
  key: string;
  kind: string;
  organisationId: number;
  userId: string | null;
  titleTh: string;
  bodyTh: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
  readByUserId: string | null;
}

export interface NotificationPage {
  /** Unread notifications in this inbox, whatever the page. */
  unread: number;
  /** Notifications matching the query (all, or only the unread ones). */
  total: number;
  items: NotificationView[];
}

export function notificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    key: n.notificationKey,
    kind: n.kind,
    organisationId: n.organisationId,
    userId: n.userId,
    titleTh: n.titleTh,
    bodyTh: n.bodyTh,
    link: n.link,
    createdAt: n.createdAt,
    readAt: n.readAt,
    readByUserId: n.readByUserId,
  };
}
