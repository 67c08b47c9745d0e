import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Organisation } from '@wian/hierarchy';
import type { Role } from './role.js';

/**
 * A post (ตำแหน่ง) in an organisation or internal unit, e.g. "ผู้ว่าราชการจังหวัดสกลนคร".
 * It exists whether or not someone holds it: a vacant post can be filled by รักษาราชการแทน.
 */
@Entity('position')
@Index('position_organisation_idx', ['organisationId'])
export class Position {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'position_pkey' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'integer' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'position_organisation_fkey' })
  organisation?: Organisation;

  /** The title as printed under a signature: "รองผู้ว่าราชการจังหวัด". */
  @Column({ name: 'title_th', type: 'varchar', length: 255 })
  titleTh!: string;

  @Column({ type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
