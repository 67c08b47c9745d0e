import { isValidCivilDate } from '@wian/thai';
import type {
  AuthorityResolution,
  DelegationRecord,
  ResolveAuthorityInput,
} from './delegation.types.js';
import { type RefusalCause, refusalFor } from './authority-refusal.messages.js';
import { findChainBreak, indexDelegations, walkDelegationChain } from './delegation-chain.js';
import { type ChainedDelegation, compareDelegationPreference } from './delegation.order.js';
import {
  everHeldPosition,
  holdsPositionOn,
  isDelegationInPeriod,
  isRevokedAt,
  scopeCovers,
} from './delegation.predicates.js';

/** A delegation the user may act under, and whether it matches the position they act in. */
interface Usable extends ChainedDelegation {
  matchesActingPosition: boolean;
}

/** A delegation that almost applied; `depth` = how many checks it passed (more = more informative). */
interface NearMiss extends ChainedDelegation {
  depth: number;
  cause: RefusalCause;
}

type Assessment =
  | { kind: 'usable'; usable: Usable }
  | { kind: 'near_miss'; nearMiss: NearMiss }
  | { kind: 'irrelevant' };

/**
 * Decides on what authority `userId` may perform `action` for `principalPositionId` on the civil
 * date `on` (validity of holdings and delegations) at the instant `at` (revocations).
 *
 * 1. When `actingPositionId` is given, the user must hold it on `on` (else `not_holder`).
 * 2. A holder of the principal position acts on their own authority.
 * 3. Otherwise a delegation of the principal's powers applies when it names the user or a
 *    position the user holds on `on`, is valid on `on`, is not revoked at `at`, covers the
 *    action, and — for a sub-delegation — every ancestor is for the same principal, valid,
 *    not revoked, allows sub-delegation and covers the action.
 *    Among several: one matching the acting position (or naming the user) first, then the
 *    shortest chain, then รักษาราชการแทน, then the latest `validFrom`, then the smallest id.
 * 4. When none applies, the refusal explains the delegation that came closest, checks being
 *    made in this order: delegate position held on `on` (`not_holder`), period
 *    (`out_of_period`), revocation (`revoked`), scope (`out_of_scope`), then the chain (the
 *    ancestor's failure); with no near miss at all it is `no_authority`.
 *
 * Records naming both or neither a delegate position and a delegate user are malformed and ignored.
 *
 * @throws RangeError if `on` is not a valid civil date or `at` is an invalid Date.
 */
export function resolveAuthority(input: ResolveAuthorityInput): AuthorityResolution {
  const { userId, actingPositionId, principalPositionId, action, on, at, holdings } = input;
  if (!isValidCivilDate(on)) {
    throw new RangeError(`resolveAuthority: not a valid civil date: ${JSON.stringify(on)}`);
  }
  if (Number.isNaN(at.getTime())) {
    throw new RangeError('resolveAuthority: `at` is an invalid Date');
  }

  if (actingPositionId !== null && !holdsPositionOn(holdings, userId, actingPositionId, on)) {
    return {
      ok: false,
      refusal: refusalFor({ cause: 'acting_position_not_held', actingPositionId }, action, on),
    };
  }

  if (holdsPositionOn(holdings, userId, principalPositionId, on)) {
    return { ok: true, authority: { basis: 'own_position', positionId: principalPositionId } };
  }

  const byId = indexDelegations(input.delegations);
  const usable: Usable[] = [];
  let closest: NearMiss | null = null;
  for (const d of input.delegations) {
    if (d.principalPositionId !== principalPositionId) continue;
    const assessment = assess(d, input, byId);
    if (assessment.kind === 'usable') {
      usable.push(assessment.usable);
    } else if (assessment.kind === 'near_miss') {
      closest = moreInformative(closest, assessment.nearMiss);
    }
  }

  const best = usable.sort(compareUsable)[0] as Usable | undefined;
  if (best !== undefined) {
    const d = best.delegation;
    return {
      ok: true,
      authority: {
        basis: 'delegation',
        kind: d.kind,
        delegationId: d.id,
        principalPositionId: d.principalPositionId,
        chain: best.chain.map((link) => link.id),
      },
    };
  }
  return {
    ok: false,
    refusal: refusalFor(closest?.cause ?? { cause: 'no_authority' }, action, on),
  };
}

function assess(
  d: DelegationRecord,
  input: ResolveAuthorityInput,
  byId: ReadonlyMap<string, DelegationRecord>,
): Assessment {
  const { userId, actingPositionId, action, on, at, holdings } = input;
  const self = [d];
  const miss = (
    depth: number,
    cause: RefusalCause,
    chain: readonly DelegationRecord[] = self,
  ): Assessment => ({ kind: 'near_miss', nearMiss: { delegation: d, chain, depth, cause } });

  let matchesActingPosition: boolean;
  if (d.delegateUserId !== null && d.delegatePositionId === null) {
    if (d.delegateUserId !== userId) return { kind: 'irrelevant' };
    matchesActingPosition = true; // a named delegate may act in whatever position they hold
  } else if (d.delegatePositionId !== null && d.delegateUserId === null) {
    if (!holdsPositionOn(holdings, userId, d.delegatePositionId, on)) {
      return everHeldPosition(holdings, userId, d.delegatePositionId)
        ? miss(1, { cause: 'delegate_not_holder', delegation: d })
        : { kind: 'irrelevant' };
    }
    matchesActingPosition = actingPositionId === null || actingPositionId === d.delegatePositionId;
  } else {
    return { kind: 'irrelevant' };
  }

  if (!isDelegationInPeriod(d, on)) return miss(2, { cause: 'out_of_period', delegation: d });
  if (isRevokedAt(d, at)) return miss(3, { cause: 'revoked', delegation: d });
  if (!scopeCovers(d, action)) return miss(4, { cause: 'out_of_scope', delegation: d });

  const walk = walkDelegationChain(d, byId);
  if (!walk.ok) return miss(5, { cause: 'chain_fault', delegation: d, fault: walk.fault });
  const broken = findChainBreak(walk.chain, on, at, action);
  if (broken !== null) {
    return miss(
      5,
      { cause: 'chain_break', delegation: d, ancestor: broken.ancestor, reason: broken.reason },
      walk.chain,
    );
  }
  return { kind: 'usable', usable: { delegation: d, chain: walk.chain, matchesActingPosition } };
}

function compareUsable(a: Usable, b: Usable): number {
  return (
    Number(b.matchesActingPosition) - Number(a.matchesActingPosition) ||
    compareDelegationPreference(a, b)
  );
}

function moreInformative(current: NearMiss | null, candidate: NearMiss): NearMiss {
  if (current === null) return candidate;
  const byDepth = candidate.depth - current.depth;
  if (byDepth !== 0) return byDepth > 0 ? candidate : current;
  return compareDelegationPreference(candidate, current) < 0 ? candidate : current;
}
