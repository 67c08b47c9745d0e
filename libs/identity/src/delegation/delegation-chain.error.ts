/** Why a delegation chain cannot be built from the stored records. */
export type DelegationChainFault = 'cycle' | 'missing_parent';

/** Thrown by `delegationChain` when the parent links are broken (data corruption). */
export class DelegationChainError extends Error {
  override readonly name = 'DelegationChainError';

  constructor(
    readonly fault: DelegationChainFault,
    /** The delegation whose parent link is at fault. */
    readonly delegationId: string,
    /** The parent id that is missing or closes the cycle. */
    readonly parentDelegationId: string,
  ) {
    super(
      fault === 'cycle'
        ? `Delegation chain of ${delegationId} loops back to ${parentDelegationId}`
        : `Delegation ${delegationId} refers to missing parent delegation ${parentDelegationId}`,
    );
  }
}
