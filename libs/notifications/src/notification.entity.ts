import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from '@wian/hierarchy';
import { User } from '@wian/identity';

/**
 * One notification, and its in-app inbox entry: visible in the organisation's inbox (or the
 * user's, when `user_id` is set) as soon as the transaction that wrote it commits.
 * `notification_key` is unique, so a job or a command that runs twice notifies once.
 */
@Entity('notification')
@Index('notification_key_key', ['notificationKey'], { unique: true })
@Index('notification_organisation_idx', ['organisationId', 'createdAt'])
@Index('notification_user_idx', ['userId', 'createdAt'], { where: 'user_id IS NOT NULL' })
@Index('notification_unread_idx', ['organisationId'], { where: 'read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'notification_pkey' })
  id!: string;

  @Column({ name: 'notification_key', type: 'varchar', length: 200 })
  notificationKey!: string;

  @Column({ name: 'organisation_id', type: 'integer' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organisation_id',
    foreignKeyConstraintName: 'notification_organisation_fkey',
  })
  organisation?: Organisation;

  /** Addressed to one person of the organisation; null: to the organisation (its saraban). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'notification_user_fkey' })
  user?: User;

  /** What happened, for filtering and icons: `circular_received`, `report_done`, … */
  @Column({ type: 'varchar', length: 48 })
  kind!: string;

  @Column({ name: 'title_th', type: 'varchar', length: 500 })
  titleTh!: string;

  @Column({ name: 'body_th', type: 'text' })
  bodyTh!: string;

  /** A path into wian (`/circulars/…`); e-mails and webhooks make it absolute. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  link!: string | null;

  /** The e-mail's own subject and text when the caller gave them (else title and body). */
  @Column({ name: 'email_subject_th', type: 'varchar', length: 500, nullable: true })
  emailSubjectTh!: string | null;

  @Column({ name: 'email_text_th', type: 'text', nullable: true })
  emailTextTh!: string | null;

  @Column({ name: 'email_html_th', type: 'text', nullable: true })
  emailHtmlTh!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'read_by_user_id', type: 'uuid', nullable: true })
  readByUserId!: string | null;
}
