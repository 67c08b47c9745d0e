import { describe, expect, it } from '@jest/globals';
import type { AuthorityResolution, ResolveAuthorityInput } from './delegation.types.js';
import { resolveAuthority } from './authority.resolver.js';
import {
  CLERK,
  GOVERNOR,
  OFFICE_CHIEF,
  ORDER,
  VICE_GOVERNOR,
  day,
  delegation,
  holding,
} from './delegation.test-fixtures.js';

const ON = day('2023-03-15');
const AT = new Date('2023-03-15T03:00:00Z'); // 10:00 in Bangkok

function resolve(overrides: Partial<ResolveAuthorityInput>): AuthorityResolution {
  return resolveAuthority({
    userId: 'u-vice',
    actingPositionId: null,
    principalPositionId: GOVERNOR,
    action: 'document.sign',
    on: ON,
    at: AT,
    holdings: [],
    delegations: [],
    ...overrides,
  });
}

function delegationIdOf(result: AuthorityResolution): string | null {
  return result.ok && result.authority.basis === 'delegation'
    ? result.authority.delegationId
    : null;
}

function refusalCode(result: AuthorityResolution): string | null {
  return result.ok ? null : result.refusal.reasonCode;
}

describe('resolveAuthority — own position', () => {
  it('a holder of the principal position acts on their own authority', () => {
    const result = resolve({
      userId: 'u-gov',
      holdings: [holding('u-gov', GOVERNOR)],
      delegations: [delegation({ id: 'd1' })],
    });
    expect(result).toEqual({
      ok: true,
      authority: { basis: 'own_position', positionId: GOVERNOR },
    });
  });

  it('holding periods are inclusive at both ends', () => {
    const holdings = [holding('u-gov', GOVERNOR, '2023-03-15', '2023-03-20')];
    expect(resolve({ userId: 'u-gov', holdings, on: day('2023-03-15') }).ok).toBe(true);
    expect(resolve({ userId: 'u-gov', holdings, on: day('2023-03-20') }).ok).toBe(true);
    expect(refusalCode(resolve({ userId: 'u-gov', holdings, on: day('2023-03-21') }))).toBe(
      'no_authority',
    );
    expect(refusalCode(resolve({ userId: 'u-gov', holdings, on: day('2023-03-14') }))).toBe(
      'no_authority',
    );
  });

  it('own position wins over any delegation the holder also has', () => {
    const result = resolve({
      userId: 'u-gov',
      holdings: [holding('u-gov', GOVERNOR), holding('u-gov', VICE_GOVERNOR)],
      delegations: [delegation({ id: 'd1' })],
    });
    expect(result.ok && result.authority.basis).toBe('own_position');
  });

  it('refuses with no_authority when nothing applies, naming the action and date', () => {
    const result = resolve({ holdings: [holding('u-vice', VICE_GOVERNOR)] });
    expect(result).toEqual({
      ok: false,
      refusal: {
        reasonCode: 'no_authority',
        messageTh: 'ไม่มีอำนาจดำเนินการ "document.sign" ในนามของตำแหน่งนี้ในวันที่ ๑๕ มีนาคม ๒๕๖๖',
        messageEn: 'No authority to perform "document.sign" for this position on 2023-03-15',
      },
    });
  });
});

describe('resolveAuthority — direct delegations', () => {
  it('applies a delegation to a position the user holds on the date', () => {
    const result = resolve({
      holdings: [holding('u-vice', VICE_GOVERNOR)],
      delegations: [delegation({ id: 'd1' })],
    });
    expect(result).toEqual({
      ok: true,
      authority: {
        basis: 'delegation',
        kind: 'acting_on_behalf',
        delegationId: 'd1',
        principalPositionId: GOVERNOR,
        chain: ['d1'],
      },
    });
  });

  it('applies a delegation naming the user, whatever position they hold', () => {
    const named = delegation({ id: 'd1', delegatePositionId: null, delegateUserId: 'u-x' });
    expect(delegationIdOf(resolve({ userId: 'u-x', delegations: [named] }))).toBe('d1');
    expect(
      delegationIdOf(
        resolve({
          userId: 'u-x',
          actingPositionId: CLERK,
          holdings: [holding('u-x', CLERK)],
          delegations: [named],
        }),
      ),
    ).toBe('d1');
    expect(refusalCode(resolve({ userId: 'u-y', delegations: [named] }))).toBe('no_authority');
  });

  it('ignores delegations of another principal', () => {
    const result = resolve({
      holdings: [holding('u-vice', VICE_GOVERNOR)],
      delegations: [delegation({ id: 'd1', principalPositionId: OFFICE_CHIEF })],
    });
    expect(refusalCode(result)).toBe('no_authority');
  });

  it('ignores malformed records naming both or neither delegate', () => {
    const holdings = [holding('u-vice', VICE_GOVERNOR)];
    const both = delegation({ id: 'd1', delegateUserId: 'u-vice' });
    const neither = delegation({ id: 'd2', delegatePositionId: null });
    expect(refusalCode(resolve({ holdings, delegations: [both, neither] }))).toBe('no_authority');
  });

  it('refuses not_holder when the user held the delegate position, but not on that date', () => {
    const result = resolve({
      holdings: [holding('u-vice', VICE_GOVERNOR, '2020-01-01', '2023-03-14')],
      delegations: [delegation({ id: 'd1' })],
    });
    expect(refusalCode(result)).toBe('not_holder');
    expect(!result.ok && result.refusal.messageTh).toContain('๑๕ มีนาคม ๒๕๖๖');
    expect(!result.ok && result.refusal.messageEn).toContain('2023-03-15');
  });
});

describe('resolveAuthority — scope', () => {
  const holdings = [holding('u-vice', VICE_GOVERNOR)];

  it('scopeAll covers every action', () => {
    for (const action of ['document.sign', 'register.write', 'delivery.acknowledge']) {
      expect(
        delegationIdOf(resolve({ holdings, action, delegations: [delegation({ id: 'd1' })] })),
      ).toBe('d1');
    }
  });

  it('a listed scope covers only the listed actions', () => {
    const listed = delegation({
      id: 'd1',
      scopeAll: false,
      scopeActions: ['document.sign', 'delivery.acknowledge'],
    });
    expect(delegationIdOf(resolve({ holdings, delegations: [listed] }))).toBe('d1');
    expect(
      delegationIdOf(resolve({ holdings, action: 'delivery.acknowledge', delegations: [listed] })),
    ).toBe('d1');
    const refused = resolve({ holdings, action: 'register.write', delegations: [listed] });
    expect(refused).toEqual({
      ok: false,
      refusal: {
        reasonCode: 'out_of_scope',
        messageTh: `การมอบอำนาจให้ปฏิบัติราชการแทนตาม${ORDER} ไม่ครอบคลุมการดำเนินการ "register.write" (ขอบเขต: document.sign, delivery.acknowledge) จึงไม่อาจดำเนินการ "register.write" ในวันที่ ๑๕ มีนาคม ๒๕๖๖`,
        messageEn: `The delegation (acting on behalf) under order "${ORDER}" does not cover "register.write" (scope: document.sign, delivery.acknowledge), so "register.write" cannot be performed on 2023-03-15`,
      },
    });
  });
});

describe('resolveAuthority — validity period (inclusive)', () => {
  const holdings = [holding('u-vice', VICE_GOVERNOR)];
  const march = delegation({
    id: 'd1',
    orderDate: day('2023-02-20'),
    validFrom: day('2023-03-01'),
    validUntil: day('2023-03-31'),
  });

  it('is valid on the first and the last day', () => {
    expect(delegationIdOf(resolve({ holdings, delegations: [march], on: day('2023-03-01') }))).toBe(
      'd1',
    );
    expect(delegationIdOf(resolve({ holdings, delegations: [march], on: day('2023-03-31') }))).toBe(
      'd1',
    );
  });

  it('is out of period the day before and the day after', () => {
    const after = resolve({ holdings, delegations: [march], on: day('2023-04-01') });
    expect(after).toEqual({
      ok: false,
      refusal: {
        reasonCode: 'out_of_period',
        messageTh: `การมอบอำนาจให้ปฏิบัติราชการแทนตาม${ORDER} ไม่มีผลในวันที่ ๑ เมษายน ๒๕๖๖ (มีผลตั้งแต่วันที่ ๑ มีนาคม ๒๕๖๖ ถึงวันที่ ๓๑ มีนาคม ๒๕๖๖) จึงไม่อาจดำเนินการ "document.sign"`,
        messageEn: `The delegation (acting on behalf) under order "${ORDER}" is not in force on 2023-04-01 (valid from 2023-03-01 to 2023-03-31), so "document.sign" cannot be performed`,
      },
    });
    expect(refusalCode(resolve({ holdings, delegations: [march], on: day('2023-02-28') }))).toBe(
      'out_of_period',
    );
  });

  it('an open-ended delegation stays valid', () => {
    const open = delegation({ id: 'd1', validFrom: day('2023-03-01') });
    expect(delegationIdOf(resolve({ holdings, delegations: [open], on: day('2099-12-31') }))).toBe(
      'd1',
    );
    const refused = resolve({ holdings, delegations: [open], on: day('2023-02-28') });
    expect(!refused.ok && refused.refusal.messageTh).toContain('โดยไม่มีกำหนดสิ้นสุด');
    expect(!refused.ok && refused.refusal.messageEn).toContain('open-ended');
  });
});

describe('resolveAuthority — revocation', () => {
  const holdings = [holding('u-vice', VICE_GOVERNOR)];
  const revokedAt = new Date('2023-03-15T02:00:00Z');
  const revoked = delegation({ id: 'd1', revokedAt });

  it('still applies before the revocation instant (same civil day)', () => {
    const at = new Date('2023-03-15T01:59:59.999Z');
    expect(delegationIdOf(resolve({ holdings, delegations: [revoked], at }))).toBe('d1');
  });

  it('no longer applies from the revocation instant on', () => {
    for (const at of [revokedAt, new Date('2023-03-15T02:00:00.001Z'), AT]) {
      expect(refusalCode(resolve({ holdings, delegations: [revoked], at }))).toBe('revoked');
    }
    const result = resolve({ holdings, delegations: [revoked] });
    expect(!result.ok && result.refusal.messageTh).toBe(
      `การมอบอำนาจให้ปฏิบัติราชการแทนตาม${ORDER} ถูกยกเลิกแล้ว เมื่อ ๑๕ มีนาคม ๒๕๖๖ ๐๙:๐๐ น. จึงไม่อาจดำเนินการ "document.sign" ในวันที่ ๑๕ มีนาคม ๒๕๖๖`,
    );
    expect(!result.ok && result.refusal.messageEn).toContain(
      'revoked at 2023-03-15T09:00:00+07:00',
    );
  });

  it('a valid delegation is used even when another one was revoked', () => {
    const other = delegation({ id: 'd2', kind: 'acting_in_post' });
    expect(delegationIdOf(resolve({ holdings, delegations: [revoked, other] }))).toBe('d2');
  });
});

describe('resolveAuthority — most informative refusal', () => {
  const holdings = [holding('u-vice', VICE_GOVERNOR)];
  const expired = delegation({ id: 'd1', validUntil: day('2023-03-14') });
  const revoked = delegation({ id: 'd2', revokedAt: new Date('2023-03-01T00:00:00Z') });
  const narrow = delegation({ id: 'd3', scopeAll: false, scopeActions: ['register.write'] });
  const formerPost = delegation({ id: 'd4', delegatePositionId: CLERK });
  const formerHoldings = [...holdings, holding('u-vice', CLERK, '2020-01-01', '2021-01-01')];

  it('prefers out_of_scope over revoked over out_of_period over not_holder', () => {
    const all = [formerPost, expired, revoked, narrow];
    expect(refusalCode(resolve({ holdings: formerHoldings, delegations: all }))).toBe(
      'out_of_scope',
    );
    expect(refusalCode(resolve({ holdings: formerHoldings, delegations: all.slice(0, 3) }))).toBe(
      'revoked',
    );
    expect(refusalCode(resolve({ holdings: formerHoldings, delegations: all.slice(0, 2) }))).toBe(
      'out_of_period',
    );
    expect(refusalCode(resolve({ holdings: formerHoldings, delegations: all.slice(0, 1) }))).toBe(
      'not_holder',
    );
  });

  it('is independent of the order of the records', () => {
    const all = [formerPost, expired, revoked, narrow];
    const results = [all, [...all].reverse(), [narrow, expired, formerPost, revoked]].map((ds) =>
      resolve({ holdings: formerHoldings, delegations: ds }),
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});

describe('resolveAuthority — acting position', () => {
  const holdings = [holding('u-vice', VICE_GOVERNOR), holding('u-vice', OFFICE_CHIEF)];
  const toVice = delegation({ id: 'd-vice', kind: 'acting_in_post' });
  const toChief = delegation({ id: 'd-chief', delegatePositionId: OFFICE_CHIEF });

  it('refuses not_holder when the user does not hold the position they act in', () => {
    const result = resolve({ holdings, actingPositionId: CLERK, delegations: [toVice] });
    expect(refusalCode(result)).toBe('not_holder');
    expect(!result.ok && result.refusal.messageEn).toContain(CLERK);
  });

  it('prefers the delegation to the position the user acts in', () => {
    expect(
      delegationIdOf(
        resolve({ holdings, actingPositionId: OFFICE_CHIEF, delegations: [toVice, toChief] }),
      ),
    ).toBe('d-chief');
    expect(
      delegationIdOf(
        resolve({ holdings, actingPositionId: VICE_GOVERNOR, delegations: [toVice, toChief] }),
      ),
    ).toBe('d-vice');
  });

  it('falls back to a delegation through another held position', () => {
    expect(
      delegationIdOf(resolve({ holdings, actingPositionId: OFFICE_CHIEF, delegations: [toVice] })),
    ).toBe('d-vice');
  });

  it('without an acting position, the usual preference applies (รักษาราชการแทน first)', () => {
    expect(delegationIdOf(resolve({ holdings, delegations: [toChief, toVice] }))).toBe('d-vice');
  });
});

describe('resolveAuthority — tie-breaks', () => {
  const holdings = [holding('u-vice', VICE_GOVERNOR)];

  it('prefers acting_in_post, then the latest validFrom, then the smallest id', () => {
    const behalfLate = delegation({
      id: 'a',
      validFrom: day('2023-03-01'),
      orderDate: day('2023-03-01'),
    });
    const inPost = delegation({ id: 'z', kind: 'acting_in_post' });
    const behalfEarly = delegation({ id: 'b' });
    const behalfLateToo = delegation({ id: 'c', validFrom: day('2023-03-01') });
    expect(
      delegationIdOf(resolve({ holdings, delegations: [behalfLate, inPost, behalfEarly] })),
    ).toBe('z');
    expect(delegationIdOf(resolve({ holdings, delegations: [behalfEarly, behalfLate] }))).toBe('a');
    expect(delegationIdOf(resolve({ holdings, delegations: [behalfLateToo, behalfLate] }))).toBe(
      'a',
    );
    expect(delegationIdOf(resolve({ holdings, delegations: [behalfLate, behalfLateToo] }))).toBe(
      'a',
    );
  });

  it('prefers the direct delegation over a chain, even of the preferred kind', () => {
    const root = delegation({
      id: 'root',
      kind: 'acting_in_post',
      delegatePositionId: OFFICE_CHIEF,
      allowSubdelegation: true,
    });
    const sub = delegation({ id: 'sub', kind: 'acting_in_post', parentDelegationId: 'root' });
    const direct = delegation({ id: 'direct', validFrom: day('2022-01-01') });
    expect(delegationIdOf(resolve({ holdings, delegations: [root, sub, direct] }))).toBe('direct');
    expect(delegationIdOf(resolve({ holdings, delegations: [sub, root] }))).toBe('sub');
  });
});

describe('resolveAuthority — chains', () => {
  // ผู้ว่าฯ → รองผู้ว่าฯ (all, may delegate onwards) → หัวหน้าสำนักงานจังหวัด (sign + register,
  // may delegate onwards) → นักจัดการงานทั่วไป (sign)
  const a = delegation({ id: 'A', allowSubdelegation: true });
  const b = delegation({
    id: 'B',
    parentDelegationId: 'A',
    delegatePositionId: OFFICE_CHIEF,
    scopeAll: false,
    scopeActions: ['document.sign', 'register.write'],
    allowSubdelegation: true,
    validFrom: day('2023-02-01'),
    validUntil: day('2023-12-31'),
  });
  const c = delegation({
    id: 'C',
    parentDelegationId: 'B',
    delegatePositionId: CLERK,
    scopeAll: false,
    scopeActions: ['document.sign'],
    validFrom: day('2023-03-01'),
    validUntil: day('2023-06-30'),
  });
  const chiefHoldings = [holding('u-chief', OFFICE_CHIEF)];
  const clerkHoldings = [holding('u-clerk', CLERK)];

  function chainOf(result: AuthorityResolution): string[] | null {
    return result.ok && result.authority.basis === 'delegation' ? result.authority.chain : null;
  }

  it('resolves a two-level chain', () => {
    const result = resolve({ userId: 'u-chief', holdings: chiefHoldings, delegations: [c, b, a] });
    expect(result).toEqual({
      ok: true,
      authority: {
        basis: 'delegation',
        kind: 'acting_on_behalf',
        delegationId: 'B',
        principalPositionId: GOVERNOR,
        chain: ['A', 'B'],
      },
    });
  });

  it('resolves a three-level chain', () => {
    expect(
      chainOf(resolve({ userId: 'u-clerk', holdings: clerkHoldings, delegations: [a, b, c] })),
    ).toEqual(['A', 'B', 'C']);
  });

  it('a revoked ancestor breaks the chain', () => {
    const revokedA = { ...a, revokedAt: new Date('2023-03-10T00:00:00Z') };
    const result = resolve({
      userId: 'u-clerk',
      holdings: clerkHoldings,
      delegations: [revokedA, b, c],
    });
    expect(refusalCode(result)).toBe('revoked');
    expect(!result.ok && result.refusal.messageTh).toContain('เป็นการมอบอำนาจต่อจาก');
    // revoked after the action: still fine
    const later = { ...a, revokedAt: new Date('2023-03-16T00:00:00Z') };
    expect(
      chainOf(resolve({ userId: 'u-clerk', holdings: clerkHoldings, delegations: [later, b, c] })),
    ).toEqual(['A', 'B', 'C']);
  });

  it('an ancestor that does not allow onward delegation breaks the chain', () => {
    const closedB = { ...b, allowSubdelegation: false };
    const result = resolve({
      userId: 'u-clerk',
      holdings: clerkHoldings,
      delegations: [a, closedB, c],
    });
    expect(refusalCode(result)).toBe('no_authority');
    expect(!result.ok && result.refusal.messageTh).toContain('ไม่อนุญาตให้มอบอำนาจต่อ');
    expect(!result.ok && result.refusal.messageEn).toContain('does not allow onward delegation');
    // the chief's own level (A → B) is unaffected
    expect(
      chainOf(
        resolve({ userId: 'u-chief', holdings: chiefHoldings, delegations: [a, closedB, c] }),
      ),
    ).toEqual(['A', 'B']);
  });

  it('an ancestor whose scope does not cover the action breaks the chain (scope narrows)', () => {
    const wideC = { ...c, scopeActions: ['document.sign', 'delivery.acknowledge'] };
    const result = resolve({
      userId: 'u-clerk',
      action: 'delivery.acknowledge',
      holdings: clerkHoldings,
      delegations: [a, b, wideC],
    });
    expect(refusalCode(result)).toBe('out_of_scope');
    expect(!result.ok && result.refusal.messageEn).toContain(
      'scope: document.sign, register.write',
    );
  });

  it('an expired ancestor breaks the chain', () => {
    const expiredB = { ...b, validUntil: day('2023-03-14') };
    const result = resolve({
      userId: 'u-clerk',
      holdings: clerkHoldings,
      delegations: [a, expiredB, c],
    });
    expect(refusalCode(result)).toBe('out_of_period');
    expect(!result.ok && result.refusal.messageEn).toContain('valid from 2023-02-01 to 2023-03-14');
  });

  it('an ancestor for another principal breaks the chain', () => {
    const otherA = { ...a, principalPositionId: OFFICE_CHIEF };
    expect(
      refusalCode(
        resolve({ userId: 'u-chief', holdings: chiefHoldings, delegations: [otherA, b] }),
      ),
    ).toBe('no_authority');
  });

  it('a missing parent or a cycle makes the delegation unusable (no throw)', () => {
    expect(
      refusalCode(resolve({ userId: 'u-clerk', holdings: clerkHoldings, delegations: [b, c] })),
    ).toBe('no_authority');
    const loopA = { ...a, parentDelegationId: 'C' };
    const result = resolve({
      userId: 'u-clerk',
      holdings: clerkHoldings,
      delegations: [loopA, b, c],
    });
    expect(refusalCode(result)).toBe('no_authority');
    expect(!result.ok && result.refusal.messageEn).toContain('forms a cycle');
  });
});

describe('resolveAuthority — input checks', () => {
  it('throws on an invalid date or instant', () => {
    expect(() => resolve({ on: { year: 2023, month: 2, day: 30 } })).toThrow(RangeError);
    expect(() => resolve({ at: new Date(Number.NaN) })).toThrow(RangeError);
  });
});
