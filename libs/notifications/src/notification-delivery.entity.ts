import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Notification } from './notification.entity.js';

export const OUTBOUND_CHANNELS = ['email', 'webhook'] as const;
export type OutboundChannelName = (typeof OUTBOUND_CHANNELS)[number];

/**
 * pending → sending (claimed by a job) → sent; a failed attempt leaves `failed` and BullMQ
 * retries; `cancelled` when the organisation turned the channel off before it went out.
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The delivery log: one row per notification × outbound channel × target (an e-mail address,
 * a webhook URL). A job claims its row before sending and marks it sent after, so a job that
 * runs again once the row is sent sends nothing.
 */
@Entity('notification_delivery')
@Index('notification_delivery_target_key', ['notificationId', 'channel', 'target'], {
  unique: true,
})
@Index('notification_delivery_open_idx', ['createdAt'], { where: "status <> 'sent'" })
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notification_delivery_pkey' })
  id!: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'notification_id',
    foreignKeyConstraintName: 'notification_delivery_notification_fkey',
  })
  notification?: Notification;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboundChannelName;

  @Column({ type: 'varchar', length: 1000 })
  target!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: NotificationDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the current (or last) attempt began. */
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
