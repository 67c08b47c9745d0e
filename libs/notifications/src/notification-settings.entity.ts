import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from '@wian/hierarchy';

/**
 * How an organisation wants to hear of its notifications besides the in-app inbox: e-mail
 * addresses (its saraban's mailbox) and one webhook (a bridge to its chat tool). The webhook
 * secret is kept as it is, since every request is signed with it; the API shows it once.
 */
@Entity('notification_settings')
export class NotificationSettings {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'integer',
    primaryKeyConstraintName: 'notification_settings_pkey',
  })
  organisationId!: number;

  @OneToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'notification_settings_organisation_fkey',
  })
  organisation?: Organisation;

  @Column({ name: 'email_enabled', type: 'boolean', default: false })
  emailEnabled!: boolean;

  @Column({ name: 'email_addresses', type: 'varchar', length: 254, array: true, default: '{}' })
  emailAddresses!: string[];

  @Column({ name: 'webhook_enabled', type: 'boolean', default: false })
  webhookEnabled!: boolean;

  @Column({ name: 'webhook_url', type: 'varchar', length: 1000, nullable: true })
  webhookUrl!: string | null;

  @Column({ name: 'webhook_secret', type: 'varchar', length: 128, nullable: true })
  webhookSecret!: string | null;

  @Column({ name: 'webhook_secret_created_at', type: 'timestamptz', nullable: true })
  webhookSecretCreatedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_user_id', type: 'uuid', nullable: true })
  updatedByUserId!: string | null;
}
