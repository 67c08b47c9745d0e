import type { CivilDate } from '@wian/thai';
import type { DelegationRecord } from './delegation.types.js';
import type { DelegationChainFault } from './delegation-chain.error.js';
import {
  compareStrings,
  isDelegationInPeriod,
  isRevokedAt,
  scopeCovers,
} from './delegation.predicates.js';

export type ChainWalk =
  | { ok: true; chain: DelegationRecord[] }
  | { ok: false; fault: DelegationChainFault; delegationId: string; parentDelegationId: string };

/**
 * Follows parent links from `d` up to the root and returns the chain root first, `d` last.
 * Never throws: a loop or a missing parent is reported as a fault.
 */
export function walkDelegationChain(
  d: DelegationRecord,
  byId: ReadonlyMap<string, DelegationRecord>,
): ChainWalk {
  const chain: DelegationRecord[] = [d];
  const seen = new Set<string>([d.id]);
  let current = d;
  while (current.parentDelegationId !== null) {
    const parentId = current.parentDelegationId;
    if (seen.has(parentId)) {
      return { ok: false, fault: 'cycle', delegationId: current.id, parentDelegationId: parentId };
    }
    const parent = byId.get(parentId);
    if (parent === undefined) {
      return {
        ok: false,
        fault: 'missing_parent',
        delegationId: current.id,
        parentDelegationId: parentId,
      };
    }
    seen.add(parentId);
    chain.push(parent);
    current = parent;
  }
  return { ok: true, chain: chain.reverse() };
}

/** Indexes delegations by id. */
export function indexDelegations(
  delegations: readonly DelegationRecord[],
): Map<string, DelegationRecord> {
  return new Map(delegations.map((d) => [d.id, d]));
}

export type ChainBreakReason =
  'principal_mismatch' | 'out_of_period' | 'revoked' | 'subdelegation_not_allowed' | 'out_of_scope';

/** The first ancestor (from the root down) that makes the chain unusable, and why. */
export interface ChainBreak {
  ancestor: DelegationRecord;
  reason: ChainBreakReason;
}

/**
 * Checks the ancestors of the last delegation of `chain` (root first): each must be for the same
 * principal, valid on `on`, not revoked at `at`, allow sub-delegation and — when `action` is
 * given — cover it. The last delegation itself is not checked here.
 */
export function findChainBreak(
  chain: readonly DelegationRecord[],
  on: CivilDate,
  at: Date,
  action: string | null,
): ChainBreak | null {
  const leaf = chain[chain.length - 1];
  for (const ancestor of chain.slice(0, -1)) {
    const reason = ancestorProblem(ancestor, leaf.principalPositionId, on, at, action);
    if (reason !== null) {
      return { ancestor, reason };
    }
  }
  return null;
}

function ancestorProblem(
  ancestor: DelegationRecord,
  principalPositionId: string,
  on: CivilDate,
  at: Date,
  action: string | null,
): ChainBreakReason | null {
  if (ancestor.principalPositionId !== principalPositionId) return 'principal_mismatch';
  if (!isDelegationInPeriod(ancestor, on)) return 'out_of_period';
  if (isRevokedAt(ancestor, at)) return 'revoked';
  if (!ancestor.allowSubdelegation) return 'subdelegation_not_allowed';
  if (action !== null && !scopeCovers(ancestor, action)) return 'out_of_scope';
  return null;
}

/** The scope that survives down a chain: the intersection of every level's scope (sorted). */
export function effectiveScope(chain: readonly DelegationRecord[]): {
  scopeAll: boolean;
  scopeActions: string[];
} {
  let actions: Set<string> | null = null; // null = all matters
  for (const d of chain) {
    if (d.scopeAll) continue;
    const listed = new Set(d.scopeActions);
    actions = actions === null ? listed : intersect(actions, listed);
  }
  return actions === null
    ? { scopeAll: true, scopeActions: [] }
    : { scopeAll: false, scopeActions: [...actions].sort(compareStrings) };
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const both = new Set<string>();
  for (const item of a) {
    if (b.has(item)) both.add(item);
  }
  return both;
}
