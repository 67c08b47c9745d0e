import { type CivilDate, compareCivilDates } from '@wian/thai';
import type { DelegationRecord, Holding } from './delegation.types.js';

/** Whether `on` lies in the inclusive period `from`..`until` (`until` null = open-ended). */
export function isWithinPeriod(from: CivilDate, until: CivilDate | null, on: CivilDate): boolean {
  return compareCivilDates(from, on) <= 0 && (until === null || compareCivilDates(on, until) <= 0);
}

/** Whether the holding covers the date `on` (both ends inclusive). */
export function holdingCovers(holding: Holding, on: CivilDate): boolean {
  return isWithinPeriod(holding.startsOn, holding.endsOn, on);
}

/** Whether `userId` holds `positionId` on `on`. */
export function holdsPositionOn(
  holdings: readonly Holding[],
  userId: string,
  positionId: string,
  on: CivilDate,
): boolean {
  return holdings.some(
    (h) => h.userId === userId && h.positionId === positionId && holdingCovers(h, on),
  );
}

/** Whether `userId` has ever held `positionId` (on any date). */
export function everHeldPosition(
  holdings: readonly Holding[],
  userId: string,
  positionId: string,
): boolean {
  return holdings.some((h) => h.userId === userId && h.positionId === positionId);
}

/** The users holding `positionId` on `on`, sorted and without duplicates. */
export function holdersOn(
  holdings: readonly Holding[],
  positionId: string,
  on: CivilDate,
): string[] {
  const users = new Set<string>();
  for (const h of holdings) {
    if (h.positionId === positionId && holdingCovers(h, on)) {
      users.add(h.userId);
    }
  }
  return [...users].sort(compareStrings);
}

/** Whether the delegation's validity period covers `on`. */
export function isDelegationInPeriod(d: DelegationRecord, on: CivilDate): boolean {
  return isWithinPeriod(d.validFrom, d.validUntil, on);
}

/** Whether the delegation is revoked at instant `at` (a revocation takes effect at `revokedAt`). */
export function isRevokedAt(d: DelegationRecord, at: Date): boolean {
  return d.revokedAt !== null && d.revokedAt.getTime() <= at.getTime();
}

/** Whether a scope covers `action`. */
export function scopeCovers(
  scope: Pick<DelegationRecord, 'scopeAll' | 'scopeActions'>,
  action: string,
): boolean {
  return scope.scopeAll || scope.scopeActions.includes(action);
}

/** Code-unit order, independent of the host locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
