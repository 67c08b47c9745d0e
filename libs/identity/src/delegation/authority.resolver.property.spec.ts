import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type CivilDate, addDays, compareCivilDates } from '@wian/thai';
import type { DelegationRecord, Holding, ResolveAuthorityInput } from './delegation.types.js';
import { resolveAuthority } from './authority.resolver.js';
import { whoCouldActFor } from './who-can-act.query.js';
import { ORDER } from './delegation.test-fixtures.js';

const BASE: CivilDate = { year: 2023, month: 3, day: 1 };
const BASE_MS = Date.UTC(2023, 2, 1);
const DAY_MS = 86_400_000;
const USERS = ['u0', 'u1', 'u2'];
const POSITIONS = ['P0', 'P1', 'P2'];
const ACTIONS = ['document.sign', 'register.write', 'delivery.acknowledge'];
const PRINCIPAL = 'P0';

const offset = fc.integer({ min: 0, max: 20 });
const civil = offset.map((n) => addDays(BASE, n));
const instant = fc.integer({ min: 0, max: 21 * DAY_MS }).map((ms) => new Date(BASE_MS + ms));

const holdingArb: fc.Arbitrary<Holding> = fc
  .record({
    userId: fc.constantFrom(...USERS),
    positionId: fc.constantFrom(...POSITIONS),
    start: fc.integer({ min: 0, max: 10 }),
    length: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
  })
  .map(({ userId, positionId, start, length }) => ({
    userId,
    positionId,
    startsOn: addDays(BASE, start),
    endsOn: length === null ? null : addDays(BASE, start + length),
  }));

const delegate = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...POSITIONS)
      .map((p) => ({ delegatePositionId: p, delegateUserId: null })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...USERS)
      .map((u) => ({ delegatePositionId: null, delegateUserId: u })),
  },
  { weight: 1, arbitrary: fc.constant({ delegatePositionId: 'P1', delegateUserId: 'u1' }) }, // malformed
);

/** A fraction picks an earlier delegation (or none for the first); an integer any index. */
function parentId(parent: number | null, index: number): string | null {
  if (parent === null) return null;
  if (Number.isInteger(parent) && parent >= 1) return `D${parent}`;
  return index === 0 ? null : `D${Math.floor(parent * index)}`;
}

function delegationsArb(): fc.Arbitrary<DelegationRecord[]> {
  return fc
    .array(
      fc.record({
        kind: fc.constantFrom('acting_on_behalf' as const, 'acting_in_post' as const),
        principalPositionId: fc.constantFrom(
          PRINCIPAL,
          PRINCIPAL,
          PRINCIPAL,
          PRINCIPAL,
          PRINCIPAL,
          'P1',
        ),
        delegate,
        scopeAll: fc.boolean(),
        scopeActions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1 }),
        start: fc.integer({ min: 0, max: 10 }),
        length: fc.option(fc.integer({ min: 3, max: 20 }), { nil: null }),
        allowSubdelegation: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
        // mostly an earlier delegation (chains), sometimes any (missing parents, cycles)
        parent: fc.option(
          fc.oneof(
            { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) },
            { weight: 1, arbitrary: fc.integer({ min: 0, max: 7 }) },
          ),
          { nil: null, freq: 2 },
        ),
        revokedAt: fc.option(instant, { nil: null, freq: 4 }),
      }),
      { minLength: 2, maxLength: 8 },
    )
    .map((rows) =>
      rows.map((r, i): DelegationRecord => ({
        id: `D${i}`,
        kind: r.kind,
        principalPositionId: r.principalPositionId,
        ...r.delegate,
        scopeAll: r.scopeAll,
        scopeActions: r.scopeAll ? [] : r.scopeActions,
        orderNumber: ORDER,
        orderDate: addDays(BASE, r.start),
        validFrom: addDays(BASE, r.start),
        validUntil: r.length === null ? null : addDays(BASE, r.start + r.length),
        allowSubdelegation: r.allowSubdelegation,
        parentDelegationId: parentId(r.parent, i), // may be missing or cyclic
        revokedAt: r.revokedAt,
        firstUsedAt: null,
      })),
    );
}

const scenario = fc.record({
  userId: fc.constantFrom(...USERS),
  action: fc.constantFrom(...ACTIONS),
  on: civil,
  at: instant,
  holdings: fc.array(holdingArb, { minLength: 2, maxLength: 8 }),
  delegations: delegationsArb(),
});

type Scenario = Omit<ResolveAuthorityInput, 'actingPositionId' | 'principalPositionId'>;

function input(s: Scenario): ResolveAuthorityInput {
  return { ...s, actingPositionId: null, principalPositionId: PRINCIPAL };
}

function inPeriod(d: DelegationRecord, on: CivilDate): boolean {
  return (
    compareCivilDates(d.validFrom, on) <= 0 &&
    (d.validUntil === null || compareCivilDates(on, d.validUntil) <= 0)
  );
}

function holds(holdings: Holding[], userId: string, positionId: string, on: CivilDate): boolean {
  return holdings.some(
    (h) =>
      h.userId === userId &&
      h.positionId === positionId &&
      compareCivilDates(h.startsOn, on) <= 0 &&
      (h.endsOn === null || compareCivilDates(on, h.endsOn) <= 0),
  );
}

describe('resolveAuthority (properties)', () => {
  it('never grants through a delegation (or ancestor) that is revoked, out of period or out of scope', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = resolveAuthority(input(s));
        if (!result.ok || result.authority.basis !== 'delegation') return;
        const byId = new Map(s.delegations.map((d) => [d.id, d]));
        const chain = result.authority.chain.map((id) => byId.get(id)!);
        expect(chain.every((d) => d !== undefined)).toBe(true);
        expect(chain[chain.length - 1].id).toBe(result.authority.delegationId);
        expect(chain[0].parentDelegationId).toBeNull();
        chain.forEach((d, i) => {
          expect(d.principalPositionId).toBe(PRINCIPAL);
          expect(inPeriod(d, s.on)).toBe(true);
          expect(d.revokedAt === null || d.revokedAt.getTime() > s.at.getTime()).toBe(true);
          expect(d.scopeAll || d.scopeActions.includes(s.action)).toBe(true);
          if (i > 0) expect(d.parentDelegationId).toBe(chain[i - 1].id);
          if (i < chain.length - 1) expect(d.allowSubdelegation).toBe(true);
        });
        const leaf = chain[chain.length - 1];
        expect(
          leaf.delegateUserId === s.userId ||
            (leaf.delegatePositionId !== null &&
              holds(s.holdings, s.userId, leaf.delegatePositionId, s.on)),
        ).toBe(true);
        expect(holds(s.holdings, s.userId, PRINCIPAL, s.on)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('grants own authority exactly to holders of the principal position', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = resolveAuthority(input(s));
        expect(result.ok && result.authority.basis === 'own_position').toBe(
          holds(s.holdings, s.userId, PRINCIPAL, s.on),
        );
      }),
    );
  });

  it('does not depend on the order of holdings and delegations', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, rotation) => {
        const rotate = <T>(xs: T[]): T[] => {
          const k = xs.length === 0 ? 0 : rotation % xs.length;
          return [...xs.slice(k), ...xs.slice(0, k)].reverse();
        };
        const shuffled = { ...s, holdings: rotate(s.holdings), delegations: rotate(s.delegations) };
        expect(resolveAuthority(input(shuffled))).toEqual(resolveAuthority(input(s)));
        const who = (x: Scenario) =>
          whoCouldActFor(PRINCIPAL, x.on, x.at, x.holdings, x.delegations);
        expect(who(shuffled)).toEqual(who(s));
      }),
    );
  });

  it('agrees with whoCouldActFor', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = resolveAuthority(input(s));
        const actors = whoCouldActFor(PRINCIPAL, s.on, s.at, s.holdings, s.delegations).filter(
          (a) => a.userId === s.userId && (a.scopeAll || a.scopeActions.includes(s.action)),
        );
        expect(result.ok).toBe(actors.length > 0);
        if (result.ok) {
          expect(actors.map((a) => a.authority)).toContainEqual(result.authority);
        } else {
          expect(result.refusal.messageTh).not.toBe('');
          expect(result.refusal.messageEn).toContain(s.action);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
