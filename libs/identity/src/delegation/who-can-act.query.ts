import { type CivilDate, isValidCivilDate } from '@wian/thai';
import type { DelegationRecord, Holding, PositionActor } from './delegation.types.js';
import {
  effectiveScope,
  findChainBreak,
  indexDelegations,
  walkDelegationChain,
} from './delegation-chain.js';
import { type ChainedDelegation, compareDelegationPreference } from './delegation.order.js';
import {
  compareStrings,
  holdersOn,
  isDelegationInPeriod,
  isRevokedAt,
} from './delegation.predicates.js';

/**
 * Everyone who could act for `positionId` on the civil date `on`, as of the instant `at`:
 * first the holders of the post (own authority, all matters), sorted by user id; then, for every
 * usable delegation of the post's powers (valid on `on`, not revoked at `at`, with a valid chain
 * and a non-empty effective scope) in preference order (shortest chain, รักษาราชการแทน first,
 * latest `validFrom`, id), its delegates sorted by user id — a delegate position expands to
 * whoever holds it on `on` (none when vacant).
 *
 * A user appears once per basis: someone who both holds the post and is a delegate, or is the
 * delegate of two delegations, is listed once for each. The scope of a chain is the
 * intersection of the scopes along it.
 *
 * @throws RangeError if `on` is not a valid civil date or `at` is an invalid Date.
 */
export function whoCouldActFor(
  positionId: string,
  on: CivilDate,
  at: Date,
  holdings: Holding[],
  delegations: DelegationRecord[],
): PositionActor[] {
  if (!isValidCivilDate(on)) {
    throw new RangeError(`whoCouldActFor: not a valid civil date: ${JSON.stringify(on)}`);
  }
  if (Number.isNaN(at.getTime())) {
    throw new RangeError('whoCouldActFor: `at` is an invalid Date');
  }

  const actors: PositionActor[] = holdersOn(holdings, positionId, on).map((userId) => ({
    userId,
    authority: { basis: 'own_position', positionId },
    scopeAll: true,
    scopeActions: [],
  }));

  const byId = indexDelegations(delegations);
  const usable: ChainedDelegation[] = [];
  for (const d of delegations) {
    if (d.principalPositionId !== positionId) continue;
    if (!isDelegationInPeriod(d, on) || isRevokedAt(d, at)) continue;
    const walk = walkDelegationChain(d, byId);
    if (!walk.ok || findChainBreak(walk.chain, on, at, null) !== null) continue;
    usable.push({ delegation: d, chain: walk.chain });
  }
  usable.sort(compareDelegationPreference);

  for (const { delegation: d, chain } of usable) {
    const scope = effectiveScope(chain);
    if (!scope.scopeAll && scope.scopeActions.length === 0) continue;
    for (const userId of delegateUsers(d, holdings, on)) {
      actors.push({
        userId,
        authority: {
          basis: 'delegation',
          kind: d.kind,
          delegationId: d.id,
          principalPositionId: d.principalPositionId,
          chain: chain.map((link) => link.id),
        },
        scopeAll: scope.scopeAll,
        scopeActions: [...scope.scopeActions],
      });
    }
  }
  return actors;
}

function delegateUsers(d: DelegationRecord, holdings: Holding[], on: CivilDate): string[] {
  if (d.delegateUserId !== null && d.delegatePositionId === null) return [d.delegateUserId];
  if (d.delegatePositionId !== null && d.delegateUserId === null) {
    return holdersOn(holdings, d.delegatePositionId, on).sort(compareStrings);
  }
  return []; // malformed: both or neither delegate set
}
