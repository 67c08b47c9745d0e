import { describe, expect, it } from '@jest/globals';
import type { DelegationProblem, DelegationRecord } from './delegation.types.js';
import {
  type NewDelegation,
  assertEditable,
  delegationChain,
  validateNewDelegation,
  validateRevocation,
} from './delegation.rules.js';
import { DelegationChainError } from './delegation-chain.error.js';
import {
  CLERK,
  GOVERNOR,
  OFFICE_CHIEF,
  VICE_GOVERNOR,
  day,
  delegation,
} from './delegation.test-fixtures.js';

const TODAY = day('2023-03-15');

function candidate(overrides: Partial<NewDelegation> = {}): NewDelegation {
  const record = delegation({
    id: 'x',
    orderDate: day('2023-03-01'),
    validFrom: day('2023-03-01'),
    validUntil: day('2023-12-31'),
  });
  return {
    kind: record.kind,
    principalPositionId: record.principalPositionId,
    delegatePositionId: record.delegatePositionId,
    delegateUserId: record.delegateUserId,
    scopeAll: record.scopeAll,
    scopeActions: record.scopeActions,
    orderNumber: record.orderNumber,
    orderDate: record.orderDate,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    allowSubdelegation: record.allowSubdelegation,
    parentDelegationId: record.parentDelegationId,
    ...overrides,
  };
}

function rules(problems: DelegationProblem[]): string[] {
  return problems.map((p) => `${p.field}:${p.rule}`);
}

function check(
  overrides: Partial<NewDelegation>,
  parent: DelegationRecord | null = null,
): string[] {
  return rules(validateNewDelegation(candidate(overrides), { parent, today: TODAY }));
}

describe('validateNewDelegation — the delegation itself', () => {
  it('accepts a well-formed delegation', () => {
    expect(check({})).toEqual([]);
    expect(check({ delegatePositionId: null, delegateUserId: 'u-1' })).toEqual([]);
    expect(check({ scopeAll: false, scopeActions: ['document.sign', 'register.write'] })).toEqual(
      [],
    );
    expect(check({ validUntil: null })).toEqual([]);
    expect(check({ validFrom: day('2022-01-01'), orderDate: day('2021-12-25') })).toEqual([]); // back-dated
  });

  it('every problem carries Thai and English messages', () => {
    const problems = validateNewDelegation(
      candidate({ delegatePositionId: null, scopeAll: false, orderNumber: '' }),
      { parent: null, today: TODAY },
    );
    expect(problems.length).toBe(3);
    for (const p of problems) {
      expect(p.messageTh).toMatch(/[\u0E00-\u0E7F]/);
      expect(p.messageEn).toMatch(/[A-Za-z]/);
    }
  });

  it('requires a principal', () => {
    expect(check({ principalPositionId: ' ' })).toEqual(['principalPositionId:required']);
  });

  it('requires exactly one delegate', () => {
    expect(check({ delegatePositionId: null })).toEqual([
      'delegatePositionId:delegate_exactly_one',
    ]);
    expect(check({ delegatePositionId: '', delegateUserId: '  ' })).toEqual([
      'delegatePositionId:delegate_exactly_one',
    ]);
    expect(check({ delegateUserId: 'u-1' })).toEqual(['delegatePositionId:delegate_exactly_one']);
  });

  it('refuses delegating a position to itself', () => {
    expect(check({ delegatePositionId: GOVERNOR })).toEqual([
      'delegatePositionId:delegate_is_principal',
    ]);
  });

  it('requires all matters xor a non-empty list of distinct, well-formed actions', () => {
    expect(check({ scopeAll: true, scopeActions: ['document.sign'] })).toEqual([
      'scopeActions:scope_ambiguous',
    ]);
    expect(check({ scopeAll: false, scopeActions: [] })).toEqual(['scopeActions:scope_empty']);
    const dup = validateNewDelegation(
      candidate({
        scopeAll: false,
        scopeActions: ['document.sign', 'register.write', 'document.sign'],
      }),
      { parent: null, today: TODAY },
    );
    expect(rules(dup)).toEqual(['scopeActions:scope_duplicate_action']);
    expect(dup[0].messageEn).toBe('Actions listed more than once: document.sign');
    expect(check({ scopeAll: false, scopeActions: ['', 'document sign'] })).toEqual([
      'scopeActions:scope_invalid_action',
    ]);
  });

  it('checks the period: real dates, until ≥ from (a single day is fine), not already over', () => {
    expect(check({ validFrom: TODAY, validUntil: TODAY })).toEqual([]);
    expect(
      check({
        validFrom: day('2023-04-01'),
        orderDate: day('2023-03-01'),
        validUntil: day('2023-03-31'),
      }),
    ).toEqual(['validUntil:period_reversed']);
    expect(check({ validUntil: TODAY })).toEqual([]);
    expect(check({ validUntil: day('2023-03-14') })).toEqual(['validUntil:already_expired']);
    expect(check({ validFrom: { year: 2023, month: 2, day: 29 } })).toEqual([
      'validFrom:invalid_date',
    ]);
    expect(
      check({
        orderDate: { year: 2023, month: 0, day: 1 },
        validUntil: { year: 2023, month: 4, day: 31 },
      }),
    ).toEqual(['orderDate:invalid_date', 'validUntil:invalid_date']);
  });

  it('requires the order to be dated on or before validFrom', () => {
    expect(check({ orderDate: day('2023-03-01') })).toEqual([]);
    const problems = validateNewDelegation(candidate({ orderDate: day('2023-03-02') }), {
      parent: null,
      today: TODAY,
    });
    expect(rules(problems)).toEqual(['orderDate:order_after_start']);
    expect(problems[0].messageTh).toBe(
      'วันที่ของคำสั่ง (๒ มีนาคม ๒๕๖๖) ต้องไม่หลังวันที่เริ่มมีผล (๑ มีนาคม ๒๕๖๖)',
    );
    expect(problems[0].messageEn).toBe(
      'The order date (2023-03-02) must be on or before validFrom (2023-03-01)',
    );
  });

  it('requires an order number of at most 255 characters', () => {
    expect(check({ orderNumber: '   ' })).toEqual(['orderNumber:required']);
    expect(check({ orderNumber: 'ก'.repeat(255) })).toEqual([]);
    expect(check({ orderNumber: 'ก'.repeat(256) })).toEqual(['orderNumber:too_long']);
  });
});

describe('validateNewDelegation — sub-delegation', () => {
  const parent = delegation({
    id: 'P',
    allowSubdelegation: true,
    scopeAll: false,
    scopeActions: ['document.sign', 'register.write'],
    validFrom: day('2023-01-01'),
    validUntil: day('2023-12-31'),
  });
  const sub = (overrides: Partial<NewDelegation> = {}): Partial<NewDelegation> => ({
    parentDelegationId: 'P',
    delegatePositionId: OFFICE_CHIEF,
    scopeAll: false,
    scopeActions: ['document.sign'],
    ...overrides,
  });

  it('accepts a sub-delegation within its parent', () => {
    expect(check(sub(), parent)).toEqual([]);
    expect(
      check(
        sub({
          scopeActions: ['register.write', 'document.sign'],
          validFrom: day('2023-01-01'),
          orderDate: day('2023-01-01'),
        }),
        parent,
      ),
    ).toEqual([]);
    const openParent = { ...parent, scopeAll: true, scopeActions: [], validUntil: null };
    expect(check(sub({ scopeAll: true, scopeActions: [], validUntil: null }), openParent)).toEqual(
      [],
    );
  });

  it('requires the parent to exist and be the one referred to', () => {
    expect(check(sub(), null)).toEqual(['parentDelegationId:parent_missing']);
    expect(check(sub({ parentDelegationId: 'Q' }), parent)).toEqual([
      'parentDelegationId:parent_mismatch',
    ]);
    expect(check({}, parent)).toEqual(['parentDelegationId:parent_mismatch']);
  });

  it('refuses when the parent does not allow onward delegation, with a clear message', () => {
    const problems = validateNewDelegation(candidate(sub()), {
      parent: { ...parent, allowSubdelegation: false },
      today: TODAY,
    });
    expect(rules(problems)).toEqual(['parentDelegationId:subdelegation_not_allowed']);
    expect(problems[0].messageTh).toContain('ไม่อนุญาตให้ผู้รับมอบมอบอำนาจต่อ');
    expect(problems[0].messageEn).toContain('does not allow onward delegation');
  });

  it('refuses a revoked parent', () => {
    expect(check(sub(), { ...parent, revokedAt: new Date('2023-03-01T00:00:00Z') })).toEqual([
      'parentDelegationId:parent_revoked',
    ]);
  });

  it('requires the same principal and kind', () => {
    expect(
      check(sub({ principalPositionId: VICE_GOVERNOR, delegatePositionId: CLERK }), parent),
    ).toEqual(['principalPositionId:principal_mismatch']);
    expect(check(sub({ kind: 'acting_in_post' }), parent)).toEqual(['kind:kind_mismatch']);
  });

  it('requires the scope to be within the parent scope', () => {
    expect(check(sub({ scopeAll: true, scopeActions: [] }), parent)).toEqual([
      'scopeAll:scope_exceeds_parent',
    ]);
    const problems = validateNewDelegation(
      candidate(sub({ scopeActions: ['document.sign', 'delivery.acknowledge'] })),
      { parent, today: TODAY },
    );
    expect(rules(problems)).toEqual(['scopeActions:scope_exceeds_parent']);
    expect(problems[0].messageEn).toBe(
      "These actions are outside the parent's scope: delivery.acknowledge",
    );
  });

  it('requires the period to be within the parent period', () => {
    expect(
      check(sub({ validFrom: day('2022-12-31'), orderDate: day('2022-12-31') }), parent),
    ).toEqual(['validFrom:period_exceeds_parent']);
    expect(check(sub({ validUntil: day('2024-01-01') }), parent)).toEqual([
      'validUntil:period_exceeds_parent',
    ]);
    expect(check(sub({ validUntil: null }), parent)).toEqual(['validUntil:period_exceeds_parent']);
    expect(check(sub({ validUntil: day('2023-12-31') }), parent)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const bad = {
      ...parent,
      allowSubdelegation: false,
      revokedAt: new Date('2023-03-01T00:00:00Z'),
    };
    expect(
      check(
        sub({ kind: 'acting_in_post', scopeAll: true, scopeActions: [], validUntil: null }),
        bad,
      ),
    ).toEqual([
      'parentDelegationId:subdelegation_not_allowed',
      'parentDelegationId:parent_revoked',
      'kind:kind_mismatch',
      'scopeAll:scope_exceeds_parent',
      'validUntil:period_exceeds_parent',
    ]);
  });
});

describe('assertEditable', () => {
  it('allows editing an unused, unrevoked delegation', () => {
    expect(assertEditable(delegation({ id: 'd1' }))).toEqual([]);
  });

  it('refuses once used, telling to revoke and create a new one', () => {
    const problems = assertEditable(
      delegation({ id: 'd1', firstUsedAt: new Date('2023-03-02T00:00:00Z') }),
    );
    expect(rules(problems)).toEqual(['delegation:delegation_used']);
    expect(problems[0].messageTh).toContain('ยกเลิกแล้วสร้างการมอบอำนาจใหม่');
    expect(problems[0].messageEn).toContain('revoke it and create a new one');
  });

  it('refuses once revoked (both problems when used and revoked)', () => {
    const revokedAt = new Date('2023-03-02T00:00:00Z');
    expect(rules(assertEditable(delegation({ id: 'd1', revokedAt })))).toEqual([
      'delegation:delegation_revoked',
    ]);
    expect(
      rules(assertEditable(delegation({ id: 'd1', revokedAt, firstUsedAt: revokedAt }))),
    ).toEqual(['delegation:delegation_used', 'delegation:delegation_revoked']);
  });
});

describe('validateRevocation', () => {
  it('accepts a reason for an active delegation (used or not)', () => {
    expect(validateRevocation(delegation({ id: 'd1' }), 'ผู้รับมอบย้ายไปดำรงตำแหน่งอื่น')).toEqual([]);
    expect(
      validateRevocation(delegation({ id: 'd1', firstUsedAt: new Date() }), 'ครบวาระ'),
    ).toEqual([]);
  });

  it('refuses a second revocation and a blank reason', () => {
    const revoked = delegation({ id: 'd1', revokedAt: new Date('2023-03-02T00:00:00Z') });
    expect(rules(validateRevocation(revoked, 'ซ้ำ'))).toEqual(['revokedAt:already_revoked']);
    expect(rules(validateRevocation(delegation({ id: 'd1' }), ' \n'))).toEqual(['reason:required']);
    expect(rules(validateRevocation(revoked, ''))).toEqual([
      'revokedAt:already_revoked',
      'reason:required',
    ]);
  });
});

describe('delegationChain', () => {
  const a = delegation({ id: 'A', allowSubdelegation: true });
  const b = delegation({ id: 'B', parentDelegationId: 'A', allowSubdelegation: true });
  const c = delegation({ id: 'C', parentDelegationId: 'B' });

  it('returns the chain from the root down to the delegation', () => {
    expect(delegationChain(a, [a, b, c])).toEqual([a]);
    expect(delegationChain(c, [c, b, a]).map((d) => d.id)).toEqual(['A', 'B', 'C']);
    expect(delegationChain(c, [a, b]).map((d) => d.id)).toEqual(['A', 'B', 'C']); // c itself need not be in `all`
  });

  it('throws on a missing parent', () => {
    expect(() => delegationChain(c, [c, a])).toThrow(DelegationChainError);
    try {
      delegationChain(c, [c, a]);
    } catch (error: unknown) {
      expect(error).toMatchObject({
        fault: 'missing_parent',
        delegationId: 'C',
        parentDelegationId: 'B',
      });
    }
  });

  it('throws on a cycle, including a self-reference', () => {
    const loopA = { ...a, parentDelegationId: 'C' };
    expect(() => delegationChain(c, [loopA, b, c])).toThrow(/loops back/);
    const self = delegation({ id: 'S', parentDelegationId: 'S' });
    try {
      delegationChain(self, [self]);
      throw new Error('expected a cycle');
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(DelegationChainError);
      expect(error).toMatchObject({ fault: 'cycle', delegationId: 'S', parentDelegationId: 'S' });
    }
  });
});
