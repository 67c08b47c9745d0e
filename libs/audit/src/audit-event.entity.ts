import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One entry of the append-only audit trail. Rows form one hash chain per organisation
 * (`organisation_id`, or the chain of events without one): `chain_seq` counts 1, 2, 3… within
 * the chain and `prev_hash` is the previous row's `hash` (see audit-hash.ts). There are no
 * foreign keys: the trail outlives what it describes. The database refuses UPDATE, DELETE and
 * TRUNCATE (trigger `audit_event_immutable`, created by the migration).
 */
@Entity('audit_event')
@Unique('audit_event_chain_key', ['organisationId', 'chainSeq'])
@Index('audit_event_occurred_at_idx', ['occurredAt'])
@Index('audit_event_actor_user_idx', ['actorUserId'])
@Index('audit_event_action_idx', ['action'])
@Index('audit_event_entity_idx', ['entityType', 'entityId'])
// Partial unique index (chain_seq) WHERE organisation_id IS NULL, created by the migration:
// the unique constraint above treats NULL organisations as distinct.
@Index('audit_event_null_org_chain_key', { synchronize: false })
export class AuditEvent {
  /** bigint: returned as a decimal string by both engines. */
  @ApiProperty({ example: '1042', description: 'bigint, as a decimal string' })
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'audit_event_pkey',
  })
  id!: string;

  /** Position in the organisation's chain, from 1, without gaps (bigint, as a string). */
  @ApiProperty({
    example: '17',
    description: 'Position in the organisation’s chain (bigint, as a string)',
  })
  @Column({ name: 'chain_seq', type: 'bigint' })
  chainSeq!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** What happened, `context.verb`: `auth.login`, `delegation.create`, `register.receive`. */
  @ApiProperty({ example: 'delegation.create', description: 'context.verb' })
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @ApiProperty({ nullable: true, type: String, example: 'delegation' })
  @Column({ name: 'entity_type', type: 'varchar', length: 64, nullable: true })
  entityType!: string | null;

  @ApiProperty({ nullable: true, type: String })
  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  /** The chain the row belongs to; null for events outside any organisation. */
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The chain it belongs to; null for events outside any organisation',
  })
  @Column({ name: 'organisation_id', type: 'integer', nullable: true })
  organisationId!: number | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId!: string | null;

  /** The position the actor acted in. */
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The acting position' })
  @Column({ name: 'position_id', type: 'uuid', nullable: true })
  positionId!: string | null;

  /** The position acted for under a delegation (รักษาราชการแทน / ปฏิบัติราชการแทน). */
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The position acted for under a delegation (รักษาราชการแทน / ปฏิบัติราชการแทน)',
  })
  @Column({ name: 'on_behalf_of_position_id', type: 'uuid', nullable: true })
  onBehalfOfPositionId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  @Column({ name: 'delegation_id', type: 'uuid', nullable: true })
  delegationId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'X-Request-Id of the request' })
  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '203.0.113.7' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** Details of the event (never secrets or document contents). */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Details of the event (never secrets or document contents)',
  })
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload!: Record<string, unknown>;

  /** `hash` of the previous row of the chain; null only for its first row. */
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'hash of the previous row of the chain',
  })
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  /** Lower-hex SHA-256 of this row (audit-hash.ts). */
  @ApiProperty({ description: 'Lower-hex SHA-256 of this row (hash chain)' })
  @Column({ type: 'char', length: 64 })
  hash!: string;
}
