import { ApiProperty } from '@nestjs/swagger';
import type { Notification } from './notification.entity.js';

/** A notification as the inbox shows it. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    example: 'circular-received-…',
    description: 'Unique per event: a job or command that runs twice notifies once',
  })
  key!: string;

  @ApiProperty({
    example: 'circular_received',
    description: 'What happened, for filtering and icons',
  })
  kind!: string;

  @ApiProperty({ example: 4964 })
  organisationId!: number;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'Addressed to one person; null: to the organisation (its saraban)',
  })
  userId!: string | null;

  @ApiProperty({ example: 'หนังสือเวียนถึงหน่วยงาน' })
  titleTh!: string;

  @ApiProperty()
  bodyTh!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '/circulars/…',
    description: 'A path into wian',
  })
  link!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'null: unread' })
  readAt!: Date | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  readByUserId!: string | null;
}

/** A page of an inbox, newest first, with its unread count. */
export class NotificationPage {
  /** Unread notifications in this inbox, whatever the page. */
  @ApiProperty({ description: 'Unread notifications in this inbox, whatever the page' })
  unread!: number;

  /** Notifications matching the query (all, or only the unread ones). */
  @ApiProperty({
    description:
      'Notifications matching the query (all, or only the unread ones), not only this page',
  })
  total!: number;

  @ApiProperty({ type: () => [NotificationView], description: 'Newest first' })
  items!: NotificationView[];
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
