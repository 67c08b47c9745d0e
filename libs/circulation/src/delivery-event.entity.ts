import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delivery } from './delivery.entity.js';

/**
 * A delivery's history: one row per transition (who, on whose behalf, when, from → to,
 * payload). `seq` is the delivery's version after the transition, so two writers of the same
 * version cannot both commit.
 */
@Entity('delivery_event')
@Index('delivery_event_seq_key', ['deliveryId', 'seq'], { unique: true })
@Index('delivery_event_idempotency_key', ['deliveryId', 'idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
export class DeliveryEventRecord {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'delivery_event_pkey' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => Delivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'delivery_event_delivery_fkey' })
  delivery?: Delivery;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  type!: string;

  /** "progress/timeliness" before and after, e.g. "received/on_time". */
  @Column({ name: 'from_state', type: 'varchar', length: 40, nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 40 })
  toState!: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 255, nullable: true })
  actorName!: string | null;

  @Column({ name: 'position_id', type: 'uuid', nullable: true })
  positionId!: string | null;

  @Column({ name: 'on_behalf_of_position_id', type: 'uuid', nullable: true })
  onBehalfOfPositionId!: string | null;

  @Column({ name: 'delegation_id', type: 'uuid', nullable: true })
  delegationId!: string | null;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  payload!: Record<string, unknown> | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;
}
