import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import type { JobOutcome } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
import type { NotificationDeliveryStatus } from './notification-delivery.entity.js';
import { NotificationSettings } from './notification-settings.entity.js';
import { Notification } from './notification.entity.js';
import { ChannelUnavailable, type OutboundChannel } from './outbound-channel.js';
import { publicLink } from './public-link.js';

/** An attempt older than this is taken to have died (its worker crashed mid-send). */
const LEASE_SECONDS = 120;

interface ClaimedRow {
  id: string;
  notification_id: string;
  target: string;
}

/** Someone else is sending this row right now: the job is retried later. */
export class DeliveryInFlight extends Error {}

/**
 * Sends one delivery-log row through its channel, at most once in effect: the row is
 * claimed (`UPDATE … WHERE status <> 'sent' … RETURNING`), sent, then marked sent. A job run
 * again after that finds nothing to claim and answers `skipped`. A failed attempt records
 * its error and throws, so BullMQ retries with backoff. No transaction is held while the
 * channel talks to the outside (PGlite has a single session).
 */
@Injectable()
export class NotificationDispatcher {
  private readonly logger = new Logger(NotificationDispatcher.name);

  constructor(
    private readonly tx: TransactionHost,
    private readonly config: AppConfig,
  ) {}

  async deliver(deliveryId: string, channel: OutboundChannel): Promise<JobOutcome> {
    const claimed = await this.tx.manager.query<ClaimedRow[]>(
      // A CTE, so both engines answer the rows (a bare UPDATE answers [rows, count]).
      `WITH claimed AS (
         UPDATE notification_delivery
            SET status = 'sending', attempts = attempts + 1, claimed_at = now()
          WHERE id = $1 AND (status IN ('pending', 'failed')
                OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
          RETURNING id, notification_id, target
       ) SELECT * FROM claimed`,
      [deliveryId, LEASE_SECONDS],
    );
    if (claimed.length === 0) return this.notClaimed(deliveryId);
    const row = claimed[0];
    const notification = await this.tx
      .repository(Notification)
      .findOneBy({ id: row.notification_id });
    const settings =
      notification === null
        ? null
        : await this.tx
            .repository(NotificationSettings)
            .findOneBy({ organisationId: notification.organisationId });
    try {
      if (notification === null || settings === null)
        throw new ChannelUnavailable('the notification or its settings are gone');
      await channel.send({
        deliveryId: row.id,
        notification,
        target: row.target,
        settings,
        link: publicLink(this.config.PUBLIC_BASE_URL, notification.link),
      });
    } catch (error: unknown) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof ChannelUnavailable) {
        await this.mark(row.id, 'cancelled', reason);
        return 'skipped';
      }
      await this.mark(row.id, 'failed', reason.slice(0, 2000));
      throw error;
    }
    await this.tx.manager.query(
      `UPDATE notification_delivery SET status = 'sent', sent_at = now(), last_error = NULL
        WHERE id = $1`,
      [row.id],
    );
    return 'done';
  }

  private async notClaimed(deliveryId: string): Promise<JobOutcome> {
    const rows = await this.tx.manager.query<Array<{ status: NotificationDeliveryStatus }>>(
      `SELECT status FROM notification_delivery WHERE id = $1`,
      [deliveryId],
    );
    if (rows.length === 0 || rows[0].status !== 'sending') return 'skipped';
    this.logger.warn(`notification delivery ${deliveryId} is being sent by another attempt`);
    throw new DeliveryInFlight(`notification delivery ${deliveryId} is being sent already`);
  }

  private async mark(id: string, status: 'failed' | 'cancelled', error: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE notification_delivery SET status = $2, last_error = $3 WHERE id = $1`,
      [id, status, error],
    );
  }
}
