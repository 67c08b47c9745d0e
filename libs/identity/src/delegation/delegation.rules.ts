import {
  type CivilDate,
  civilDateToIso,
  compareCivilDates,
  formatThaiDate,
  isValidCivilDate,
} from '@wian/thai';
import type { DelegationProblem, DelegationRecord } from './delegation.types.js';
import { DelegationChainError } from './delegation-chain.error.js';
import { indexDelegations, walkDelegationChain } from './delegation-chain.js';

export type { DelegationProblem } from './delegation.types.js';

/** What a caller supplies to create a delegation (the store assigns id; revocation and use come later). */
export type NewDelegation = Omit<DelegationRecord, 'id' | 'revokedAt' | 'firstUsedAt'>;

export interface NewDelegationContext {
  /** The delegation named by `candidate.parentDelegationId`, as loaded (null if none or not found). */
  parent: DelegationRecord | null;
  /** Today's Bangkok civil date. */
  today: CivilDate;
}

/** Longest order number accepted (the column is varchar(255)). */
export const ORDER_NUMBER_MAX_LENGTH = 255;

const KIND_TH = { acting_on_behalf: 'ปฏิบัติราชการแทน', acting_in_post: 'รักษาราชการแทน' } as const;

function problem(field: string, rule: string, messageTh: string, messageEn: string) {
  return { field, rule, messageTh, messageEn } satisfies DelegationProblem;
}

function isBlank(s: string | null): boolean {
  return s === null || s.trim() === '';
}

/**
 * Checks a delegation about to be created (or the new state of one being edited) and returns
 * every problem found — empty when it may be saved.
 *
 * - exactly one delegate (a position or a named user); the delegate position is not the principal;
 * - scope: all matters xor a non-empty list of distinct action codes (no blanks, no whitespace);
 * - valid dates; `validUntil` ≥ `validFrom`; `validUntil`, if any, not before `today`;
 *   the order is dated on or before `validFrom`; order number present, ≤ 255 characters;
 * - a sub-delegation must be made under an existing, unrevoked parent that allows onward
 *   delegation, for the same principal, of the same kind, within the parent's scope and period.
 */
export function validateNewDelegation(
  candidate: NewDelegation,
  context: NewDelegationContext,
): DelegationProblem[] {
  return [
    ...checkParties(candidate),
    ...checkScope(candidate),
    ...checkDates(candidate, context.today),
    ...checkOrderNumber(candidate),
    ...checkParent(candidate, context.parent),
  ];
}

function checkParties(c: NewDelegation): DelegationProblem[] {
  const problems: DelegationProblem[] = [];
  if (isBlank(c.principalPositionId)) {
    problems.push(
      problem(
        'principalPositionId',
        'required',
        'ต้องระบุตำแหน่งผู้มอบอำนาจ',
        'The principal position is required',
      ),
    );
  }
  const hasPosition = !isBlank(c.delegatePositionId);
  const hasUser = !isBlank(c.delegateUserId);
  if (hasPosition === hasUser) {
    problems.push(
      problem(
        'delegatePositionId',
        'delegate_exactly_one',
        hasPosition
          ? 'ระบุผู้รับมอบได้อย่างใดอย่างหนึ่งเท่านั้น: ตำแหน่ง หรือ ผู้ใช้รายบุคคล'
          : 'ต้องระบุผู้รับมอบ: ตำแหน่ง หรือ ผู้ใช้รายบุคคล อย่างใดอย่างหนึ่ง',
        hasPosition
          ? 'Give either a delegate position or a delegate user, not both'
          : 'A delegate is required: either a position or a named user',
      ),
    );
  }
  if (hasPosition && c.delegatePositionId === c.principalPositionId) {
    problems.push(
      problem(
        'delegatePositionId',
        'delegate_is_principal',
        'ตำแหน่งผู้รับมอบต้องไม่ใช่ตำแหน่งเดียวกับผู้มอบอำนาจ',
        'The delegate position cannot be the principal position itself',
      ),
    );
  }
  return problems;
}

function checkScope(c: NewDelegation): DelegationProblem[] {
  if (c.scopeAll) {
    return c.scopeActions.length > 0
      ? [
          problem(
            'scopeActions',
            'scope_ambiguous',
            'เมื่อมอบอำนาจทุกเรื่องแล้ว ต้องไม่ระบุรายการเรื่องที่มอบ',
            'A delegation of all matters must not also list actions',
          ),
        ]
      : [];
  }
  if (c.scopeActions.length === 0) {
    return [
      problem(
        'scopeActions',
        'scope_empty',
        'ต้องระบุเรื่องที่มอบอำนาจอย่างน้อยหนึ่งเรื่อง หรือเลือกมอบอำนาจทุกเรื่อง',
        'List at least one action, or delegate all matters',
      ),
    ];
  }
  const problems: DelegationProblem[] = [];
  const invalid = c.scopeActions.filter((a) => a === '' || /\s/.test(a));
  if (invalid.length > 0) {
    problems.push(
      problem(
        'scopeActions',
        'scope_invalid_action',
        `รหัสเรื่องที่มอบต้องไม่ว่างและไม่มีช่องว่าง: ${invalid.map((a) => `"${a}"`).join(', ')}`,
        `Action codes must be non-empty with no whitespace: ${invalid.map((a) => `"${a}"`).join(', ')}`,
      ),
    );
  }
  const duplicates = [...new Set(c.scopeActions.filter((a, i) => c.scopeActions.indexOf(a) !== i))];
  if (duplicates.length > 0) {
    problems.push(
      problem(
        'scopeActions',
        'scope_duplicate_action',
        `ระบุเรื่องที่มอบซ้ำ: ${duplicates.join(', ')}`,
        `Actions listed more than once: ${duplicates.join(', ')}`,
      ),
    );
  }
  return problems;
}

function checkDates(c: NewDelegation, today: CivilDate): DelegationProblem[] {
  const problems: DelegationProblem[] = [];
  const fields: Array<[string, string, CivilDate | null]> = [
    ['orderDate', 'วันที่ของคำสั่ง', c.orderDate],
    ['validFrom', 'วันที่เริ่มมีผล', c.validFrom],
    ['validUntil', 'วันที่สิ้นสุด', c.validUntil],
  ];
  for (const [field, labelTh, value] of fields) {
    if (value !== null && !isValidCivilDate(value)) {
      problems.push(
        problem(field, 'invalid_date', `${labelTh}ไม่ใช่วันที่ที่มีอยู่จริง`, `${field} is not a real date`),
      );
    }
  }
  if (problems.length > 0) return problems;

  if (c.validUntil !== null) {
    if (compareCivilDates(c.validUntil, c.validFrom) < 0) {
      problems.push(
        problem(
          'validUntil',
          'period_reversed',
          `วันที่สิ้นสุด (${th(c.validUntil)}) ต้องไม่ก่อนวันที่เริ่มมีผล (${th(c.validFrom)})`,
          `validUntil (${iso(c.validUntil)}) must not be before validFrom (${iso(c.validFrom)})`,
        ),
      );
    }
    if (isValidCivilDate(today) && compareCivilDates(c.validUntil, today) < 0) {
      problems.push(
        problem(
          'validUntil',
          'already_expired',
          `วันที่สิ้นสุด (${th(c.validUntil)}) ผ่านมาแล้ว จึงไม่อาจบันทึกการมอบอำนาจที่หมดอายุแล้ว`,
          `validUntil (${iso(c.validUntil)}) is in the past; an expired delegation cannot be recorded`,
        ),
      );
    }
  }
  if (compareCivilDates(c.orderDate, c.validFrom) > 0) {
    problems.push(
      problem(
        'orderDate',
        'order_after_start',
        `วันที่ของคำสั่ง (${th(c.orderDate)}) ต้องไม่หลังวันที่เริ่มมีผล (${th(c.validFrom)})`,
        `The order date (${iso(c.orderDate)}) must be on or before validFrom (${iso(c.validFrom)})`,
      ),
    );
  }
  return problems;
}

function checkOrderNumber(c: NewDelegation): DelegationProblem[] {
  if (c.orderNumber.trim() === '') {
    return [
      problem('orderNumber', 'required', 'ต้องระบุเลขที่คำสั่งมอบอำนาจ', 'The order number is required'),
    ];
  }
  if (c.orderNumber.length > ORDER_NUMBER_MAX_LENGTH) {
    return [
      problem(
        'orderNumber',
        'too_long',
        `เลขที่คำสั่งยาวเกิน ${ORDER_NUMBER_MAX_LENGTH} ตัวอักษร`,
        `The order number is longer than ${ORDER_NUMBER_MAX_LENGTH} characters`,
      ),
    ];
  }
  return [];
}

function checkParent(c: NewDelegation, parent: DelegationRecord | null): DelegationProblem[] {
  if (c.parentDelegationId === null) {
    return parent === null
      ? []
      : [
          problem(
            'parentDelegationId',
            'parent_mismatch',
            'ได้รับข้อมูลคำสั่งมอบอำนาจต้นทาง แต่รายการนี้ไม่ได้ระบุว่าเป็นการมอบอำนาจต่อ',
            'A parent delegation was supplied but the candidate is not a sub-delegation',
          ),
        ];
  }
  if (parent === null) {
    return [
      problem(
        'parentDelegationId',
        'parent_missing',
        'ไม่พบคำสั่งมอบอำนาจต้นทางที่อ้างถึง',
        `The parent delegation ${c.parentDelegationId} does not exist`,
      ),
    ];
  }
  if (parent.id !== c.parentDelegationId) {
    return [
      problem(
        'parentDelegationId',
        'parent_mismatch',
        'คำสั่งมอบอำนาจต้นทางที่ได้รับไม่ตรงกับที่อ้างถึง',
        `The parent supplied (${parent.id}) is not the one referred to (${c.parentDelegationId})`,
      ),
    ];
  }

  const problems: DelegationProblem[] = [];
  if (!parent.allowSubdelegation) {
    problems.push(
      problem(
        'parentDelegationId',
        'subdelegation_not_allowed',
        `${parent.orderNumber} ไม่อนุญาตให้ผู้รับมอบมอบอำนาจต่อ จึงไม่อาจมอบอำนาจต่อได้`,
        `The parent delegation (order "${parent.orderNumber}") does not allow onward delegation`,
      ),
    );
  }
  if (parent.revokedAt !== null) {
    problems.push(
      problem(
        'parentDelegationId',
        'parent_revoked',
        `${parent.orderNumber} ถูกยกเลิกแล้ว จึงไม่อาจมอบอำนาจต่อได้`,
        `The parent delegation (order "${parent.orderNumber}") has been revoked`,
      ),
    );
  }
  if (c.principalPositionId !== parent.principalPositionId) {
    problems.push(
      problem(
        'principalPositionId',
        'principal_mismatch',
        'การมอบอำนาจต่อต้องเป็นอำนาจของตำแหน่งเดียวกับคำสั่งต้นทาง',
        "A sub-delegation must pass on the same principal position's powers as its parent",
      ),
    );
  }
  if (c.kind !== parent.kind) {
    problems.push(
      problem(
        'kind',
        'kind_mismatch',
        `การมอบอำนาจต่อต้องเป็นประเภทเดียวกับคำสั่งต้นทาง (${KIND_TH[parent.kind]})`,
        `A sub-delegation must be of the same kind as its parent (${parent.kind})`,
      ),
    );
  }
  problems.push(...checkScopeWithinParent(c, parent), ...checkPeriodWithinParent(c, parent));
  return problems;
}

function checkScopeWithinParent(c: NewDelegation, parent: DelegationRecord): DelegationProblem[] {
  if (parent.scopeAll) return [];
  if (c.scopeAll) {
    return [
      problem(
        'scopeAll',
        'scope_exceeds_parent',
        'คำสั่งต้นทางมอบอำนาจเฉพาะบางเรื่อง จึงมอบอำนาจต่อทุกเรื่องไม่ได้',
        'The parent delegates listed actions only, so all matters cannot be delegated onwards',
      ),
    ];
  }
  const extra = c.scopeActions.filter((a) => !parent.scopeActions.includes(a));
  return extra.length === 0
    ? []
    : [
        problem(
          'scopeActions',
          'scope_exceeds_parent',
          `เรื่องต่อไปนี้ไม่อยู่ในขอบเขตของคำสั่งต้นทาง: ${extra.join(', ')}`,
          `These actions are outside the parent's scope: ${extra.join(', ')}`,
        ),
      ];
}

function checkPeriodWithinParent(c: NewDelegation, parent: DelegationRecord): DelegationProblem[] {
  if (![c.validFrom, c.validUntil, parent.validFrom, parent.validUntil].every(validOrNull)) {
    return []; // invalid dates are reported elsewhere
  }
  const startsEarly = compareCivilDates(c.validFrom, parent.validFrom) < 0;
  const endsLate =
    parent.validUntil !== null &&
    (c.validUntil === null || compareCivilDates(c.validUntil, parent.validUntil) > 0);
  if (!startsEarly && !endsLate) return [];
  const parentTh = `${th(parent.validFrom)} ถึง ${parent.validUntil === null ? 'ไม่มีกำหนด' : th(parent.validUntil)}`;
  const parentEn = `${iso(parent.validFrom)} to ${parent.validUntil === null ? 'open-ended' : iso(parent.validUntil)}`;
  return [
    problem(
      startsEarly ? 'validFrom' : 'validUntil',
      'period_exceeds_parent',
      `ระยะเวลาการมอบอำนาจต่อต้องอยู่ภายในระยะเวลาของคำสั่งต้นทาง (${parentTh})`,
      `The sub-delegation's period must lie within its parent's (${parentEn})`,
    ),
  ];
}

function validOrNull(d: CivilDate | null): boolean {
  return d === null || isValidCivilDate(d);
}

function th(d: CivilDate): string {
  return formatThaiDate(d, 'long');
}

function iso(d: CivilDate): string {
  return civilDateToIso(d);
}

/**
 * Whether a stored delegation may still be edited: not once it has been used (documents were
 * signed under it) nor once revoked. The remedy in both cases is to revoke it and create a new one.
 */
export function assertEditable(d: DelegationRecord): DelegationProblem[] {
  const problems: DelegationProblem[] = [];
  if (d.firstUsedAt !== null) {
    problems.push(
      problem(
        'delegation',
        'delegation_used',
        'การมอบอำนาจนี้ถูกใช้แล้ว จึงแก้ไขไม่ได้ หากต้องการเปลี่ยนแปลงให้ยกเลิกแล้วสร้างการมอบอำนาจใหม่',
        'This delegation has already been used and cannot be edited; revoke it and create a new one',
      ),
    );
  }
  if (d.revokedAt !== null) {
    problems.push(
      problem(
        'delegation',
        'delegation_revoked',
        'การมอบอำนาจนี้ถูกยกเลิกแล้ว จึงแก้ไขไม่ได้ หากต้องการให้มีผลอีกให้สร้างการมอบอำนาจใหม่',
        'This delegation has been revoked and cannot be edited; create a new one instead',
      ),
    );
  }
  return problems;
}

/** Whether a delegation may be revoked with this reason: not already revoked, reason given. */
export function validateRevocation(d: DelegationRecord, reason: string): DelegationProblem[] {
  const problems: DelegationProblem[] = [];
  if (d.revokedAt !== null) {
    problems.push(
      problem(
        'revokedAt',
        'already_revoked',
        'การมอบอำนาจนี้ถูกยกเลิกไปแล้ว',
        'This delegation has already been revoked',
      ),
    );
  }
  if (reason.trim() === '') {
    problems.push(
      problem('reason', 'required', 'ต้องระบุเหตุผลการยกเลิก', 'A reason for revocation is required'),
    );
  }
  return problems;
}

/**
 * The chain of `d`: root delegation first, `d` last (just `[d]` when it is not a sub-delegation).
 * Parents are looked up by id in `all`.
 *
 * @throws DelegationChainError if a parent is missing or the parent links form a cycle.
 */
export function delegationChain(d: DelegationRecord, all: DelegationRecord[]): DelegationRecord[] {
  const walk = walkDelegationChain(d, indexDelegations(all));
  if (!walk.ok) {
    throw new DelegationChainError(walk.fault, walk.delegationId, walk.parentDelegationId);
  }
  return walk.chain;
}
