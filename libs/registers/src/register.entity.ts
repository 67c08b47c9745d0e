import { ApiProperty } from '@nestjs/swagger';
import { Organisation } from '@wian/hierarchy';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

export type RegisterKind = 'receipt' | 'dispatch';

/**
 * A register (ทะเบียน) an organisation keeps: receipt registers (the central registry and
 * internal units each may keep one) and the dispatch register.
 */
@Entity('register')
@Check('register_kind_check', `"kind" IN ('receipt', 'dispatch')`)
@Check(
  'register_series_check',
  `("kind" = 'receipt' AND "series" IS NULL) OR ("kind" = 'dispatch' AND "series" IN ('normal', 'circular', 'order'))`,
)
@Unique('register_name_key', ['organisationId', 'kind', 'name'])
@Index('register_organisation_idx', ['organisationId'])
@Index('register_dispatch_series_idx', { synchronize: false })
export class Register {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'register_pkey' })
  id!: string;

  @ApiProperty()
  @Column({ name: 'organisation_id', type: 'integer' })
  organisationId!: number;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'register_organisation_fkey' })
  organisation?: Organisation;

  @ApiProperty({ enum: ['receipt', 'dispatch'] })
  @Column({ type: 'varchar', length: 16 })
  kind!: RegisterKind;

  /**
   * A dispatch register is one outgoing series of its organisation: its line number is the
   * letter's running number (ทะเบียนหนังสือส่ง, ทะเบียนหนังสือเวียน "ว", ทะเบียนคำสั่ง).
   */
  @ApiProperty({
    enum: ['normal', 'circular', 'order'],
    nullable: true,
    required: false,
    description:
      'The outgoing series of a dispatch register; null (or absent) for a receipt register',
  })
  @Column({ type: 'varchar', length: 16, nullable: true })
  series!: 'normal' | 'circular' | 'order' | null;

  /** ทะเบียนกลาง, ทะเบียนกลุ่มงาน … */
  @ApiProperty({ example: 'ทะเบียนกลาง' })
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @ApiProperty()
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
