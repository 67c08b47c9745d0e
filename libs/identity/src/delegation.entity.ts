import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import type { DelegationKind } from './delegation/delegation.types.js';
import { Position } from './position.entity.js';
import { User } from './user.entity.js';

/**
 * A delegation of authority: ปฏิบัติราชการแทน (acting on behalf, by written order) or
 * รักษาราชการแทน (acting in a vacant or absent post). Never edited once used; revoked instead.
 */
@Entity('delegation')
@Check('delegation_kind_check', `"kind" IN ('acting_on_behalf', 'acting_in_post')`)
@Check(
  'delegation_one_delegate_check',
  `("delegate_position_id" IS NULL) <> ("delegate_user_id" IS NULL)`,
)
@Index('delegation_principal_idx', ['principalPositionId'])
@Index('delegation_delegate_position_idx', ['delegatePositionId'])
@Index('delegation_delegate_user_idx', ['delegateUserId'])
export class Delegation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'delegation_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: DelegationKind;

  @Column({ name: 'principal_position_id', type: 'uuid' })
  principalPositionId!: string;

  @ManyToOne(() => Position, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'principal_position_id',
    foreignKeyConstraintName: 'delegation_principal_fkey',
  })
  principalPosition?: Position;

  @Column({ name: 'delegate_position_id', type: 'uuid', nullable: true })
  delegatePositionId!: string | null;

  @ManyToOne(() => Position, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'delegate_position_id',
    foreignKeyConstraintName: 'delegation_delegate_position_fkey',
  })
  delegatePosition?: Position | null;

  @Column({ name: 'delegate_user_id', type: 'uuid', nullable: true })
  delegateUserId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'delegate_user_id',
    foreignKeyConstraintName: 'delegation_delegate_user_fkey',
  })
  delegateUser?: User | null;

  @Column({ name: 'scope_all', type: 'boolean' })
  scopeAll!: boolean;

  @Column({
    name: 'scope_actions',
    type: 'varchar',
    length: 64,
    array: true,
    default: () => "'{}'",
  })
  scopeActions!: string[];

  /** The written order, as cited: "คำสั่งจังหวัดสกลนคร ที่ 123/2566". */
  @Column({ name: 'order_number', type: 'varchar', length: 255 })
  orderNumber!: string;

  @Column({ name: 'order_date', type: 'date' })
  orderDate!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'allow_subdelegation', type: 'boolean', default: false })
  allowSubdelegation!: boolean;

  @Column({ name: 'parent_delegation_id', type: 'uuid', nullable: true })
  parentDelegationId!: string | null;

  @ManyToOne(() => Delegation, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_delegation_id', foreignKeyConstraintName: 'delegation_parent_fkey' })
  parentDelegation?: Delegation | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by_user_id', type: 'uuid', nullable: true })
  revokedByUserId!: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  /** Set the first time someone acts under it; from then on it can only be revoked. */
  @Column({ name: 'first_used_at', type: 'timestamptz', nullable: true })
  firstUsedAt!: Date | null;

  @VersionColumn({ type: 'integer' })
  version!: number;
}
