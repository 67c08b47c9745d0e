import { compareCivilDates } from '@wian/thai';
import type { DelegationKind, DelegationRecord } from './delegation.types.js';
import { compareStrings } from './delegation.predicates.js';

const KIND_RANK: Record<DelegationKind, number> = { acting_in_post: 0, acting_on_behalf: 1 };

/** A delegation together with its chain (root first, the delegation itself last). */
export interface ChainedDelegation {
  delegation: DelegationRecord;
  chain: readonly DelegationRecord[];
}

/**
 * Preference between two usable delegations (negative: `a` first): the direct one (shorter
 * chain) first, then รักษาราชการแทน before ปฏิบัติราชการแทน, then the most recent `validFrom`,
 * then the smaller id — a total, deterministic order.
 */
export function compareDelegationPreference(a: ChainedDelegation, b: ChainedDelegation): number {
  return (
    a.chain.length - b.chain.length ||
    KIND_RANK[a.delegation.kind] - KIND_RANK[b.delegation.kind] ||
    compareCivilDates(b.delegation.validFrom, a.delegation.validFrom) ||
    compareStrings(a.delegation.id, b.delegation.id)
  );
}
