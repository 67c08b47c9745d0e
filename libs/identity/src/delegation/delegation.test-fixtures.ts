// Builders shared by the delegation specs (not part of the public API).
import { type CivilDate, parseIsoCivilDate } from '@wian/thai';
import type { DelegationRecord, Holding } from './delegation.types.js';

export const GOVERNOR = 'pos-governor'; // ผู้ว่าราชการจังหวัดสกลนคร
export const VICE_GOVERNOR = 'pos-vice-governor'; // รองผู้ว่าราชการจังหวัด
export const OFFICE_CHIEF = 'pos-office-chief'; // หัวหน้าสำนักงานจังหวัด
export const CLERK = 'pos-clerk'; // นักจัดการงานทั่วไป

export const ORDER = 'คำสั่งจังหวัดสกลนคร ที่ ๑๒๓/๒๕๖๖';

/** A civil date from ISO text. */
export function day(iso: string): CivilDate {
  return parseIsoCivilDate(iso);
}

/** A delegation of the governor's powers to the vice-governor position, all matters, open-ended. */
export function delegation(
  overrides: Partial<DelegationRecord> & { id: string },
): DelegationRecord {
  return {
    kind: 'acting_on_behalf',
    principalPositionId: GOVERNOR,
    delegatePositionId: VICE_GOVERNOR,
    delegateUserId: null,
    scopeAll: true,
    scopeActions: [],
    orderNumber: ORDER,
    orderDate: day('2023-01-01'),
    validFrom: day('2023-01-01'),
    validUntil: null,
    allowSubdelegation: false,
    parentDelegationId: null,
    revokedAt: null,
    firstUsedAt: null,
    ...overrides,
  };
}

export function holding(
  userId: string,
  positionId: string,
  startsOn = '2020-01-01',
  endsOn: string | null = null,
): Holding {
  return {
    userId,
    positionId,
    startsOn: day(startsOn),
    endsOn: endsOn === null ? null : day(endsOn),
  };
}
