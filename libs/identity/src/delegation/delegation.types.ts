import type { CivilDate } from '@wian/thai';

/**
 * - `acting_on_behalf` — ปฏิบัติราชการแทน: the principal delegates listed powers in writing while
 *   still holding the post.
 * - `acting_in_post` — รักษาราชการแทน: someone fills a vacant post (or one whose holder cannot
 *   act) with the full powers of that post for the period.
 */
export type DelegationKind = 'acting_on_behalf' | 'acting_in_post';

/** A post (ตำแหน่ง) in an organisation, e.g. "ผู้ว่าราชการจังหวัดสกลนคร". */
export interface PositionRef {
  id: string;
  organisationId: number;
  titleTh: string;
}

/** A user holding a position from `startsOn` to `endsOn` (Bangkok civil dates, inclusive; null = open-ended). */
export interface Holding {
  userId: string;
  positionId: string;
  startsOn: CivilDate;
  endsOn: CivilDate | null;
}

/** A delegation of authority, as stored. */
export interface DelegationRecord {
  id: string;
  kind: DelegationKind;
  /** The position whose powers are delegated. */
  principalPositionId: string;
  /** Exactly one of `delegatePositionId` (whoever holds it on the date) and `delegateUserId` is set. */
  delegatePositionId: string | null;
  delegateUserId: string | null;
  /** All matters (`scopeAll`, with `scopeActions` empty) or the listed action codes. */
  scopeAll: boolean;
  scopeActions: string[];
  /** The order that created it, e.g. "คำสั่งจังหวัดสกลนคร ที่ ๑๒๓/๒๕๖๖", and its date. */
  orderNumber: string;
  orderDate: CivilDate;
  /** Validity, Bangkok civil dates, inclusive; `validUntil` null = until revoked. */
  validFrom: CivilDate;
  validUntil: CivilDate | null;
  /** Whether the delegate may delegate onwards (sub-delegation). */
  allowSubdelegation: boolean;
  /** Set on a sub-delegation: the delegation it was made under. */
  parentDelegationId: string | null;
  /** Revoked from this instant on (a revocation at `t` is effective for every `at >= t`). */
  revokedAt: Date | null;
  /** Once used it can never be edited, only revoked. */
  firstUsedAt: Date | null;
}

/** The basis on which a user acts for a position. */
export type Authority =
  | { basis: 'own_position'; positionId: string }
  | {
      basis: 'delegation';
      kind: DelegationKind;
      delegationId: string;
      principalPositionId: string;
      /** Delegation ids from the root delegation down to `delegationId` (inclusive). */
      chain: string[];
    };

export type AuthorityRefusalCode =
  'no_authority' | 'out_of_scope' | 'out_of_period' | 'revoked' | 'not_holder';

export interface AuthorityRefusal {
  reasonCode: AuthorityRefusalCode;
  messageTh: string;
  messageEn: string;
}

export interface ResolveAuthorityInput {
  userId: string;
  /** The position the user is acting in (their "hat"); when set, the user must hold it on `on`. */
  actingPositionId: string | null;
  /** The position on whose authority the action is taken. */
  principalPositionId: string;
  /** Action code, e.g. `document.sign`. */
  action: string;
  /** Bangkok civil date the action takes effect (validity of holdings and delegations). */
  on: CivilDate;
  /** Instant of the action (revocations). */
  at: Date;
  holdings: Holding[];
  delegations: DelegationRecord[];
}

export type AuthorityResolution =
  { ok: true; authority: Authority } | { ok: false; refusal: AuthorityRefusal };

/** Someone able to act for a position on a date, and what they may do. */
export interface PositionActor {
  userId: string;
  authority: Authority;
  scopeAll: boolean;
  /** Sorted; empty when `scopeAll`. For a chain, the intersection of the scopes along it. */
  scopeActions: string[];
}

/** A validation problem found when creating, editing or revoking a delegation. */
export interface DelegationProblem {
  /** The offending field of the delegation (or `reason`, `parentDelegationId`, `delegation`). */
  field: string;
  rule: string;
  messageTh: string;
  messageEn: string;
}
