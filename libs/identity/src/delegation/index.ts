// Public surface of identity/delegation: pure rules of delegation of authority
// (ปฏิบัติราชการแทน / รักษาราชการแทน). No Nest, no TypeORM, no I/O.

export type {
  Authority,
  AuthorityRefusal,
  AuthorityRefusalCode,
  AuthorityResolution,
  DelegationKind,
  DelegationProblem,
  DelegationRecord,
  Holding,
  PositionActor,
  PositionRef,
  ResolveAuthorityInput,
} from './delegation.types.js';

export { resolveAuthority } from './authority.resolver.js';
export { whoCouldActFor } from './who-can-act.query.js';
export {
  ORDER_NUMBER_MAX_LENGTH,
  assertEditable,
  delegationChain,
  validateNewDelegation,
  validateRevocation,
} from './delegation.rules.js';
export type { NewDelegation, NewDelegationContext } from './delegation.rules.js';
export { DelegationChainError } from './delegation-chain.error.js';
export type { DelegationChainFault } from './delegation-chain.error.js';
export { renderSignatureBlock } from './signature-block.js';
export type { SignatureBlock, SignatureBlockInput } from './signature-block.js';
export {
  holdersOn,
  holdsPositionOn,
  isDelegationInPeriod,
  isRevokedAt,
  scopeCovers,
} from './delegation.predicates.js';
