import { describe, expect, it } from '@jest/globals';
import { whoCouldActFor } from './who-can-act.query.js';
import {
  CLERK,
  GOVERNOR,
  OFFICE_CHIEF,
  VICE_GOVERNOR,
  day,
  delegation,
  holding,
} from './delegation.test-fixtures.js';

const ON = day('2023-03-15');
const AT = new Date('2023-03-15T03:00:00Z');

describe('whoCouldActFor', () => {
  it('lists the holders of the post, then delegates expanded to holders of their position', () => {
    const holdings = [
      holding('u-gov', GOVERNOR),
      holding('u-vice-2', VICE_GOVERNOR),
      holding('u-vice-1', VICE_GOVERNOR),
      holding('u-vice-old', VICE_GOVERNOR, '2019-01-01', '2022-12-31'),
    ];
    const d1 = delegation({
      id: 'd1',
      scopeAll: false,
      scopeActions: ['register.write', 'document.sign'],
    });
    const d2 = delegation({ id: 'd2', delegatePositionId: null, delegateUserId: 'u-named' });
    expect(whoCouldActFor(GOVERNOR, ON, AT, holdings, [d2, d1])).toEqual([
      {
        userId: 'u-gov',
        authority: { basis: 'own_position', positionId: GOVERNOR },
        scopeAll: true,
        scopeActions: [],
      },
      {
        userId: 'u-vice-1',
        authority: {
          basis: 'delegation',
          kind: 'acting_on_behalf',
          delegationId: 'd1',
          principalPositionId: GOVERNOR,
          chain: ['d1'],
        },
        scopeAll: false,
        scopeActions: ['document.sign', 'register.write'],
      },
      {
        userId: 'u-vice-2',
        authority: {
          basis: 'delegation',
          kind: 'acting_on_behalf',
          delegationId: 'd1',
          principalPositionId: GOVERNOR,
          chain: ['d1'],
        },
        scopeAll: false,
        scopeActions: ['document.sign', 'register.write'],
      },
      {
        userId: 'u-named',
        authority: {
          basis: 'delegation',
          kind: 'acting_on_behalf',
          delegationId: 'd2',
          principalPositionId: GOVERNOR,
          chain: ['d2'],
        },
        scopeAll: true,
        scopeActions: [],
      },
    ]);
  });

  it('answers for a vacant post filled by รักษาราชการแทน', () => {
    const holdings = [
      holding('u-old-gov', GOVERNOR, '2019-10-01', '2023-02-28'), // retired: the post is vacant
      holding('u-vice', VICE_GOVERNOR),
    ];
    const actingInPost = delegation({
      id: 'rk1',
      kind: 'acting_in_post',
      orderDate: day('2023-02-28'),
      validFrom: day('2023-03-01'),
    });
    expect(whoCouldActFor(GOVERNOR, ON, AT, holdings, [actingInPost])).toEqual([
      {
        userId: 'u-vice',
        authority: {
          basis: 'delegation',
          kind: 'acting_in_post',
          delegationId: 'rk1',
          principalPositionId: GOVERNOR,
          chain: ['rk1'],
        },
        scopeAll: true,
        scopeActions: [],
      },
    ]);
    // the day before the order takes effect, the retired governor still held the post
    expect(
      whoCouldActFor(GOVERNOR, day('2023-02-28'), AT, holdings, [actingInPost]).map(
        (a) => a.userId,
      ),
    ).toEqual(['u-old-gov']);
  });

  it('returns nothing for a vacant post with no one to act, or a delegate position that is vacant', () => {
    expect(whoCouldActFor(GOVERNOR, ON, AT, [], [])).toEqual([]);
    expect(whoCouldActFor(GOVERNOR, ON, AT, [], [delegation({ id: 'd1' })])).toEqual([]);
  });

  it('leaves out expired, not yet valid, revoked and other principals’ delegations', () => {
    const holdings = [holding('u-vice', VICE_GOVERNOR)];
    const ds = [
      delegation({ id: 'expired', validUntil: day('2023-03-14') }),
      delegation({ id: 'future', validFrom: day('2023-03-16') }),
      delegation({ id: 'revoked', revokedAt: new Date('2023-03-15T02:59:59Z') }),
      delegation({ id: 'revoked-later', revokedAt: new Date('2023-03-15T03:00:01Z') }),
      delegation({ id: 'other', principalPositionId: OFFICE_CHIEF }),
      delegation({ id: 'malformed', delegateUserId: 'u-vice' }),
    ];
    expect(whoCouldActFor(GOVERNOR, ON, AT, holdings, ds).map((a) => a.authority)).toEqual([
      {
        basis: 'delegation',
        kind: 'acting_on_behalf',
        delegationId: 'revoked-later',
        principalPositionId: GOVERNOR,
        chain: ['revoked-later'],
      },
    ]);
  });

  it('follows valid chains with the intersected scope, and drops broken ones', () => {
    const holdings = [holding('u-chief', OFFICE_CHIEF), holding('u-clerk', CLERK)];
    const a = delegation({
      id: 'A',
      allowSubdelegation: true,
      delegatePositionId: VICE_GOVERNOR,
      scopeAll: false,
      scopeActions: ['document.sign', 'register.write'],
    });
    const b = delegation({
      id: 'B',
      parentDelegationId: 'A',
      delegatePositionId: OFFICE_CHIEF,
      allowSubdelegation: true,
      scopeAll: false,
      scopeActions: ['register.write', 'document.sign', 'delivery.acknowledge'],
    });
    const c = delegation({
      id: 'C',
      parentDelegationId: 'B',
      delegatePositionId: CLERK,
      scopeAll: false,
      scopeActions: ['delivery.acknowledge'],
    });
    const result = whoCouldActFor(GOVERNOR, ON, AT, holdings, [c, b, a]);
    // C's only action is outside A's scope, so nothing survives down to the clerk
    expect(result).toEqual([
      {
        userId: 'u-chief',
        authority: {
          basis: 'delegation',
          kind: 'acting_on_behalf',
          delegationId: 'B',
          principalPositionId: GOVERNOR,
          chain: ['A', 'B'],
        },
        scopeAll: false,
        scopeActions: ['document.sign', 'register.write'],
      },
    ]);

    const signingC = { ...c, scopeActions: ['document.sign'] };
    expect(
      whoCouldActFor(GOVERNOR, ON, AT, holdings, [a, b, signingC]).map((x) => [
        x.userId,
        x.scopeActions,
      ]),
    ).toEqual([
      ['u-chief', ['document.sign', 'register.write']],
      ['u-clerk', ['document.sign']],
    ]);

    const closedB = { ...b, allowSubdelegation: false };
    expect(
      whoCouldActFor(GOVERNOR, ON, AT, holdings, [a, closedB, signingC]).map((x) => x.userId),
    ).toEqual(['u-chief']);
    const revokedA = { ...a, revokedAt: new Date('2023-03-01T00:00:00Z') };
    expect(whoCouldActFor(GOVERNOR, ON, AT, holdings, [revokedA, b, signingC])).toEqual([]);
    expect(whoCouldActFor(GOVERNOR, ON, AT, holdings, [b, signingC])).toEqual([]); // A missing
  });

  it('orders delegations by preference and is independent of input order', () => {
    const holdings = [
      holding('u-1', VICE_GOVERNOR),
      holding('u-2', OFFICE_CHIEF),
      holding('u-gov', GOVERNOR),
    ];
    const ds = [
      delegation({ id: 'behalf-old', validFrom: day('2022-01-01') }),
      delegation({
        id: 'behalf-new',
        delegatePositionId: OFFICE_CHIEF,
        validFrom: day('2023-03-01'),
      }),
      delegation({ id: 'in-post', kind: 'acting_in_post', delegatePositionId: OFFICE_CHIEF }),
    ];
    const ids = (list: typeof ds) =>
      whoCouldActFor(GOVERNOR, ON, AT, holdings, list).map((x) =>
        x.authority.basis === 'delegation' ? x.authority.delegationId : `own:${x.userId}`,
      );
    expect(ids(ds)).toEqual(['own:u-gov', 'in-post', 'behalf-new', 'behalf-old']);
    expect(ids([...ds].reverse())).toEqual(ids(ds));
  });

  it('throws on an invalid date or instant', () => {
    expect(() => whoCouldActFor(GOVERNOR, { year: 2023, month: 13, day: 1 }, AT, [], [])).toThrow(
      RangeError,
    );
    expect(() => whoCouldActFor(GOVERNOR, ON, new Date('nope'), [], [])).toThrow(RangeError);
  });
});
