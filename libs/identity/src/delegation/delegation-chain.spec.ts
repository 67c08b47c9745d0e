import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DelegationRecord } from './delegation.types.js';
import {
  effectiveScope,
  findChainBreak,
  indexDelegations,
  walkDelegationChain,
} from './delegation-chain.js';
import { GOVERNOR, OFFICE_CHIEF, day, delegation } from './delegation.test-fixtures.js';

const ON = day('2023-03-15');
const AT = new Date('2023-03-15T03:00:00Z');

describe('walkDelegationChain', () => {
  it('reports faults instead of throwing', () => {
    const b = delegation({ id: 'B', parentDelegationId: 'A' });
    expect(walkDelegationChain(b, indexDelegations([b]))).toEqual({
      ok: false,
      fault: 'missing_parent',
      delegationId: 'B',
      parentDelegationId: 'A',
    });
    const a = delegation({ id: 'A', parentDelegationId: 'B' });
    expect(walkDelegationChain(b, indexDelegations([a, b]))).toEqual({
      ok: false,
      fault: 'cycle',
      delegationId: 'A',
      parentDelegationId: 'B',
    });
  });
});

describe('findChainBreak', () => {
  const root = delegation({ id: 'A', allowSubdelegation: true });
  const leaf = delegation({ id: 'B', parentDelegationId: 'A', allowSubdelegation: false });

  it('does not judge the last delegation itself', () => {
    expect(findChainBreak([root, leaf], ON, AT, 'document.sign')).toBeNull();
    expect(findChainBreak([{ ...root, allowSubdelegation: false }], ON, AT, null)).toBeNull();
  });

  it('names the first failing ancestor and why', () => {
    const cases: Array<[Partial<DelegationRecord>, string]> = [
      [{ principalPositionId: OFFICE_CHIEF }, 'principal_mismatch'],
      [{ validUntil: day('2023-03-14') }, 'out_of_period'],
      [{ revokedAt: AT }, 'revoked'],
      [{ allowSubdelegation: false }, 'subdelegation_not_allowed'],
      [{ scopeAll: false, scopeActions: ['register.write'] }, 'out_of_scope'],
    ];
    for (const [change, reason] of cases) {
      expect(findChainBreak([{ ...root, ...change }, leaf], ON, AT, 'document.sign')).toEqual({
        ancestor: { ...root, ...change },
        reason,
      });
    }
    // without an action, scope is not judged
    expect(
      findChainBreak([{ ...root, scopeAll: false, scopeActions: ['x.y'] }, leaf], ON, AT, null),
    ).toBeNull();
    expect(leaf.principalPositionId).toBe(GOVERNOR);
  });
});

describe('effectiveScope', () => {
  it('intersects listed scopes and keeps all matters when every level has them', () => {
    expect(effectiveScope([delegation({ id: 'A' })])).toEqual({ scopeAll: true, scopeActions: [] });
    expect(
      effectiveScope([
        delegation({ id: 'A' }),
        delegation({ id: 'B', scopeAll: false, scopeActions: ['z.b', 'a.a', 'm.m'] }),
        delegation({ id: 'C', scopeAll: false, scopeActions: ['m.m', 'z.b'] }),
      ]),
    ).toEqual({ scopeAll: false, scopeActions: ['m.m', 'z.b'] });
  });

  it('covers an action exactly when every level covers it (property)', () => {
    const action = fc.constantFrom('a.a', 'b.b', 'c.c', 'd.d');
    const level = fc.record({ scopeAll: fc.boolean(), scopeActions: fc.uniqueArray(action) });
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 4 }), action, (levels, a) => {
        const chain = levels.map((l, i) => delegation({ id: `D${i}`, ...l }));
        const scope = effectiveScope(chain);
        const covered = scope.scopeAll || scope.scopeActions.includes(a);
        expect(covered).toBe(chain.every((d) => d.scopeAll || d.scopeActions.includes(a)));
      }),
    );
  });
});
