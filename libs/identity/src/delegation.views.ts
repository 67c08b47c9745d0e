import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { Authority, DelegationKind } from './delegation/index.js';

const KINDS: readonly DelegationKind[] = ['acting_on_behalf', 'acting_in_post'];

/** A position as a delegation or an authority names it. */
export class PrincipalPositionView {
  @ApiProperty({ format: 'uuid' })
  positionId!: string;

  @ApiProperty({ example: 'ผู้ว่าราชการจังหวัดสกลนคร' })
  titleTh!: string;

  @ApiProperty({ example: 4964 })
  organisationId!: number;
}

/** Who receives a delegation: whoever holds a position, or one person. */
export class DelegateView {
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The delegate position (null when a person is named)',
  })
  positionId!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The delegate person (null when a position is named)',
  })
  userId!: string | null;

  @ApiProperty({
    example: 'รองผู้ว่าราชการจังหวัด',
    description: 'The position title, or the person’s name',
  })
  label!: string;
}

/** A delegation of authority with the order that made it. */
export class DelegationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: KINDS })
  kind!: DelegationKind;

  @ApiProperty({ example: 'ปฏิบัติราชการแทน', description: 'acting_on_behalf / acting_in_post' })
  kindLabelTh!: string;

  @ApiProperty({ type: () => PrincipalPositionView, description: 'ผู้มอบ / the delegating post' })
  principal!: PrincipalPositionView;

  @ApiProperty({ type: () => DelegateView, description: 'ผู้รับมอบ / the delegate' })
  delegate!: DelegateView;

  @ApiProperty({ description: 'All matters, or only scopeActions' })
  scopeAll!: boolean;

  @ApiProperty({ example: ['document.sign'], description: 'Actions from the catalogue' })
  scopeActions!: string[];

  @ApiProperty({ example: 'คำสั่งจังหวัดสกลนคร ที่ ๑๒๓/๒๕๖๖' })
  orderNumber!: string;

  @ApiProperty({ format: 'date', example: '2023-03-01' })
  orderDate!: string;

  @ApiProperty({ format: 'date', example: '2023-03-01' })
  validFrom!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description: 'null: until revoked',
  })
  validUntil!: string | null;

  @ApiProperty({ description: 'May the delegate delegate onwards?' })
  allowSubdelegation!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'Set on an onward delegation: the one it was made under',
  })
  parentDelegationId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  revokedAt!: Date | null;

  @ApiProperty({ nullable: true, type: String })
  revokeReason!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  firstUsedAt!: Date | null;

  @ApiProperty({ description: 'Nobody has acted under it and it is not revoked (PUT allowed)' })
  editable!: boolean;
}

/** One thing done under a delegation, from the audit trail. */
export class DelegationActView {
  @ApiProperty({ example: '1042', description: 'The audit event id (bigint, as a string)' })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  occurredAt!: Date;

  @ApiProperty({ example: 'document.sign' })
  action!: string;

  @ApiProperty({ nullable: true, type: String, example: 'document' })
  entityType!: string | null;

  @ApiProperty({ nullable: true, type: String })
  entityId!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  organisationId!: number | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  actorUserId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The acting position' })
  positionId!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The principal' })
  onBehalfOfPositionId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  requestId!: string | null;
}

/** Acting on one's own post (ดำรงตำแหน่ง). */
export class OwnPositionAuthorityView {
  @ApiProperty({ enum: ['own_position'] })
  basis!: 'own_position';

  @ApiProperty({ format: 'uuid' })
  positionId!: string;
}

/** Acting under a delegation (ปฏิบัติราชการแทน / รักษาราชการแทน). */
export class DelegationAuthorityView {
  @ApiProperty({ enum: ['delegation'] })
  basis!: 'delegation';

  @ApiProperty({ enum: KINDS })
  kind!: DelegationKind;

  @ApiProperty({ format: 'uuid' })
  delegationId!: string;

  @ApiProperty({ format: 'uuid' })
  principalPositionId!: string;

  @ApiProperty({
    type: [String],
    description: 'Delegation ids from the root delegation down to delegationId (inclusive)',
  })
  chain!: string[];
}

/**
 * The basis on which someone acts: one of the two classes above, told apart by `basis`.
 * Routes whose answers use it declare both with `@ApiExtraModels(...AUTHORITY_MODELS)`.
 */
export const AUTHORITY_MODELS = [OwnPositionAuthorityView, DelegationAuthorityView];
const AUTHORITY_SCHEMA = {
  oneOf: AUTHORITY_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
  discriminator: {
    propertyName: 'basis',
    mapping: {
      own_position: getSchemaPath(OwnPositionAuthorityView),
      delegation: getSchemaPath(DelegationAuthorityView),
    },
  },
};

/** Someone who could act for a position on a date, and on what basis. */
export class ActingAuthorityView {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty(AUTHORITY_SCHEMA)
  authority!: Authority;

  @ApiProperty({ description: 'All matters, or only scopeActions' })
  scopeAll!: boolean;

  @ApiProperty({
    example: ['document.sign'],
    description: 'Empty when scopeAll; along a chain, what every link allows',
  })
  scopeActions!: string[];

  @ApiProperty({ nullable: true, type: String, example: 'นายชยุต วงศ์วณิช' })
  fullNameTh!: string | null;

  @ApiProperty({ format: 'date', example: '2023-03-14', description: 'The date asked about' })
  date!: string;
}

/** The block printed under a signature. */
export class SignatureBlockView {
  @ApiProperty({
    example: ['(นายชยุต วงศ์วณิช)', 'รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน', 'ผู้ว่าราชการจังหวัดสกลนคร'],
  })
  lines!: string[];

  @ApiProperty({ description: 'The lines joined with line breaks' })
  text!: string;
}

/** Under which authority the caller may act for a position, with the signature block. */
export class ResolvedAuthority {
  @ApiProperty(AUTHORITY_SCHEMA)
  authority!: Authority;

  @ApiProperty({ type: () => SignatureBlockView })
  signatureBlock!: SignatureBlockView;

  @ApiProperty({ type: () => PrincipalPositionView })
  principal!: PrincipalPositionView;

  @ApiProperty({ format: 'date', example: '2023-03-14' })
  date!: string;
}
