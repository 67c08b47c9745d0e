import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Position } from './position.entity.js';
import { User } from './user.entity.js';

/** A user holds a position from one date to another (inclusive; open-ended while held). */
@Entity('position_holding')
@Index('position_holding_user_idx', ['userId'])
@Index('position_holding_position_idx', ['positionId'])
export class PositionHolding {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'position_holding_pkey' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'position_holding_user_fkey' })
  user?: User;

  @Column({ name: 'position_id', type: 'uuid' })
  positionId!: string;

  @ManyToOne(() => Position, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'position_id', foreignKeyConstraintName: 'position_holding_position_fkey' })
  position?: Position;

  /** ISO date (Asia/Bangkok civil date). */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
