import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import type { SelectQueryBuilder } from 'typeorm';
import { Notification } from './notification.entity.js';
import type { NotificationQuery } from './notification-query.dto.js';
import {
  notificationView,
  type NotificationPage,
  type NotificationView,
} from './notification.view.js';

/** Whose inbox: an organisation's (its saraban's), or a person's. */
export type InboxOwner =
  | { kind: 'organisation'; organisationId: number }
  | { kind: 'user'; userId: string; organisationId: number | null };

/**
 * The in-app inboxes. An organisation's holds what was addressed to it; a person's holds
 * what was addressed to them and what was addressed to the organisation they act for. Read
 * state belongs to the notification: one official marking the saraban's notice read marks it
 * read for the whole organisation, as with a shared mailbox.
 */
@Injectable()
export class NotificationInbox {
  constructor(private readonly tx: TransactionHost) {}

  async list(owner: InboxOwner, query: Partial<NotificationQuery>): Promise<NotificationPage> {
    const base = () => this.scoped(owner);
    const page = base().orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC');
    if (query.unread === 'true') page.andWhere('n.read_at IS NULL');
    const [items, total] = await page
      .take(query.limit ?? 50)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    const unread =
      query.unread === 'true' ? total : await base().andWhere('n.read_at IS NULL').getCount();
    return { unread, total, items: items.map(notificationView) };
  }

  /** Marks a notification of this inbox read (once: the first reader is kept). */
  async markRead(
    owner: InboxOwner,
    notificationId: string,
    readerUserId: string | null,
  ): Promise<NotificationView> {
    const found = await this.scoped(owner)
      .andWhere('n.id = :notificationId', { notificationId })
      .getOne();
    if (found === null) {
      throw ApiException.notFound(
        'notificationId',
        'ไม่พบการแจ้งเตือนนี้ในกล่องข้อความ',
        `No notification ${notificationId} in this inbox`,
      );
    }
    if (found.readAt === null) {
      await this.tx.manager.query(
        `UPDATE notification SET read_at = now(), read_by_user_id = $2
          WHERE id = $1 AND read_at IS NULL`,
        [notificationId, readerUserId],
      );
    }
    const after = await this.tx.repository(Notification).findOneByOrFail({ id: notificationId });
    return notificationView(after);
  }

  private scoped(owner: InboxOwner): SelectQueryBuilder<Notification> {
    const qb = this.tx.repository(Notification).createQueryBuilder('n');
    if (owner.kind === 'organisation') {
      return qb.where('n.organisation_id = :org AND n.user_id IS NULL', {
        org: owner.organisationId,
      });
    }
    return owner.organisationId === null
      ? qb.where('n.user_id = :user', { user: owner.userId })
      : qb.where('(n.user_id = :user OR (n.user_id IS NULL AND n.organisation_id = :org))', {
          user: owner.userId,
          org: owner.organisationId,
        });
  }
}
