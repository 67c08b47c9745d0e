import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delivery } from './delivery.entity.js';

/**
 * Internal circulation of a delivery: the units (or positions) the head routed it to, and
 * each official's รับทราบ. A row with `assignedAt` and no `acknowledgedAt` is someone who
 * has not acknowledged yet; an acknowledgement by someone not routed to has no assignment.
 */
@Entity('delivery_acknowledgement')
@Index('delivery_ack_unit_key', ['deliveryId', 'unitOrganisationId'], {
  unique: true,
  where: 'unit_organisation_id IS NOT NULL AND user_id IS NULL',
})
@Index('delivery_ack_user_key', ['deliveryId', 'userId'], {
  unique: true,
  where: 'user_id IS NOT NULL',
})
@Index('delivery_ack_delivery_idx', ['deliveryId'])
export class DeliveryAcknowledgement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'delivery_acknowledgement_pkey' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @ManyToOne(() => Delivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'delivery_ack_delivery_fkey' })
  delivery?: Delivery;

  /** The internal unit the head routed the letter to (null: acknowledged without routing). */
  @Column({ name: 'unit_organisation_id', type: 'integer', nullable: true })
  unitOrganisationId!: number | null;

  @Column({ name: 'unit_name', type: 'varchar', length: 500, nullable: true })
  unitName!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'position_id', type: 'uuid', nullable: true })
  positionId!: string | null;

  /** The official as they signed: name and position title. */
  @Column({ name: 'official_name', type: 'varchar', length: 255, nullable: true })
  officialName!: string | null;

  @Column({ name: 'position_title', type: 'varchar', length: 255, nullable: true })
  positionTitle!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}
