import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An in-app notice in an organisation's inbox. `notice_key` is unique: a job that runs twice
 * writes one notice.
 */
@Entity('inbox_notice')
@Index('inbox_notice_key', ['noticeKey'], { unique: true })
@Index('inbox_notice_organisation_idx', ['organisationId', 'createdAt'])
export class InboxNotice {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'inbox_notice_pkey' })
  id!: string;

  @Column({ name: 'notice_key', type: 'varchar', length: 200 })
  noticeKey!: string;

  @Column({ name: 'organisation_id', type: 'integer' })
  organisationId!: number;

  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'title_th', type: 'varchar', length: 500 })
  titleTh!: string;

  @Column({ name: 'body_th', type: 'text' })
  bodyTh!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;

  @Column({ name: 'read_by_user_id', type: 'uuid', nullable: true })
  readByUserId!: string | null;
}
