import { civilDateToIso, parseIsoCivilDate } from '@wian/thai';
import type { EntityManager } from 'typeorm';
import type { Delegation } from './delegation.entity.js';
import type { DelegationRecord, Holding, NewDelegation } from './delegation/index.js';

/** The stored delegation as the pure rules see it. */
export function toDelegationRecord(d: Delegation): DelegationRecord {
  return {
    id: d.id,
    kind: d.kind,
    principalPositionId: d.principalPositionId,
    delegatePositionId: d.delegatePositionId,
    delegateUserId: d.delegateUserId,
    scopeAll: d.scopeAll,
    scopeActions: d.scopeActions,
    orderNumber: d.orderNumber,
    orderDate: parseIsoCivilDate(d.orderDate),
    validFrom: parseIsoCivilDate(d.validFrom),
    validUntil: d.validUntil === null ? null : parseIsoCivilDate(d.validUntil),
    allowSubdelegation: d.allowSubdelegation,
    parentDelegationId: d.parentDelegationId,
    revokedAt: d.revokedAt,
    firstUsedAt: d.firstUsedAt,
  };
}

/** Holdings of the given positions and/or users, as the pure rules see them. */
export async function loadHoldings(
  manager: EntityManager,
  filter: { positionIds?: string[]; userIds?: string[] },
): Promise<Holding[]> {
  const rows = await manager.query<
    Array<{ userId: string; positionId: string; startsOn: string; endsOn: string | null }>
  >(
    `SELECT user_id AS "userId", position_id AS "positionId", starts_on::text AS "startsOn", ends_on::text AS "endsOn"
       FROM position_holding WHERE position_id = ANY($1::uuid[]) OR user_id = ANY($2::uuid[])`,
    [filter.positionIds ?? [], filter.userIds ?? []],
  );
  return rows.map((r) => ({
    userId: r.userId,
    positionId: r.positionId,
    startsOn: parseIsoCivilDate(r.startsOn),
    endsOn: r.endsOn === null ? null : parseIsoCivilDate(r.endsOn),
  }));
}

/** The columns a validated delegation is stored with (the reverse of {@link toDelegationRecord}). */
export function toDelegationColumns(
  d: NewDelegation,
): Pick<
  Delegation,
  | 'kind'
  | 'delegatePositionId'
  | 'delegateUserId'
  | 'scopeAll'
  | 'scopeActions'
  | 'orderNumber'
  | 'orderDate'
  | 'validFrom'
  | 'validUntil'
  | 'allowSubdelegation'
> {
  return {
    kind: d.kind,
    delegatePositionId: d.delegatePositionId,
    delegateUserId: d.delegateUserId,
    scopeAll: d.scopeAll,
    scopeActions: d.scopeActions,
    orderNumber: d.orderNumber,
    orderDate: civilDateToIso(d.orderDate),
    validFrom: civilDateToIso(d.validFrom),
    validUntil: d.validUntil === null ? null : civilDateToIso(d.validUntil),
    allowSubdelegation: d.allowSubdelegation,
  };
}
