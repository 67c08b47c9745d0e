import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ACTION_RULES, ACTIONS, type Action } from './action.js';
import type { ApiKeyActor, UserActor } from './actor.js';
import { authorize, relationOf, type OrganisationRelation } from './policy.js';
import { ROLES, type Role } from './role.js';

// A small tree: ministry /1/, province /1/10/ with district /1/10/20/, sibling province /1/11/.
const PATHS: Record<OrganisationRelation, string> = {
  own: '/1/10/',
  ancestor: '/1/10/20/', // the resource is under the actor's organisation
  descendant: '/1/', // the resource is above it
  sibling: '/1/11/',
  unrelated: '/5/6/',
};
const IDS: Record<OrganisationRelation, number> = {
  own: 10,
  ancestor: 20,
  descendant: 1,
  sibling: 11,
  unrelated: 6,
};

const user = (roles: Role[], extra: Partial<UserActor> = {}): UserActor => ({
  kind: 'user',
  userId: 'u1',
  username: 'somchai',
  isSystemAdmin: false,
  positionId: 'p1',
  organisationId: 10,
  organisationPath: '/1/10/',
  roles,
  ...extra,
});

const on = (relation: OrganisationRelation) => ({
  organisationId: IDS[relation],
  organisationPath: PATHS[relation],
});

describe('relationOf', () => {
  it.each(Object.entries(PATHS))('classifies %s', (relation, path) => {
    expect(relationOf('/1/10/', path)).toBe(relation);
  });

  it('does not confuse /1/10/ with /1/100/', () => {
    expect(relationOf('/1/10/', '/1/100/')).toBe('sibling');
  });
});

describe('authorize: role × relation for every action', () => {
  const relations = Object.keys(PATHS) as OrganisationRelation[];
  const cases = ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) => relations.map((relation) => [action, role, relation] as const)),
  );

  it.each(cases)('%s as %s on %s follows the rule table', (action: Action, role, relation) => {
    const rule = ACTION_RULES[action];
    const roleOk = rule.roles === 'authenticated' || (rule.roles as readonly Role[]).includes(role);
    const scopeOk =
      rule.scope === 'any' ||
      (rule.scope === 'own' && relation === 'own') ||
      (rule.scope === 'subtree' && (relation === 'own' || relation === 'ancestor')) ||
      (rule.scope === 'member' && (relation === 'own' || relation === 'descendant'));
    const decision = authorize(user([role]), action, on(relation));
    expect(decision.allowed).toBe(roleOk && scopeOk);
  });
});

describe('authorize: the rules the issue names', () => {
  it('lets a clerk register for its own organisation only, never a sibling', () => {
    expect(authorize(user(['clerk']), 'register.write', on('own')).allowed).toBe(true);
    const sibling = authorize(user(['clerk']), 'register.write', on('sibling'));
    expect(sibling).toMatchObject({ allowed: false, reason: 'scope' });
    if (!sibling.allowed) expect(sibling.messageTh).toContain('หน่วยงาน');
  });

  it('lets supervisors see their subordinates’ status but not act for them', () => {
    const supervisor = user(['head']);
    expect(authorize(supervisor, 'delivery.view_status', on('ancestor')).allowed).toBe(true);
    expect(authorize(supervisor, 'delivery.act', on('ancestor')).allowed).toBe(false);
    expect(authorize(supervisor, 'delivery.view_status', on('descendant')).allowed).toBe(false);
  });

  it('gives organisation administrators their subtree and nothing above or beside it', () => {
    const admin = user(['org_admin']);
    expect(authorize(admin, 'user.manage', on('ancestor')).allowed).toBe(true);
    expect(authorize(admin, 'user.manage', on('descendant')).allowed).toBe(false);
    expect(authorize(admin, 'user.manage', on('sibling')).allowed).toBe(false);
  });

  it('gives system administrators administration everywhere but no document contents', () => {
    const root = user([], {
      isSystemAdmin: true,
      positionId: null,
      organisationId: null,
      organisationPath: null,
    });
    expect(authorize(root, 'user.manage', on('unrelated'))).toMatchObject({
      allowed: true,
      via: 'system_admin',
    });
    expect(authorize(root, 'queue.dashboard')).toMatchObject({ allowed: true });
    expect(authorize(root, 'document.read', on('own'))).toMatchObject({
      allowed: false,
      reason: 'system_admin_contents',
    });
  });

  it('shows classified documents only to named positions of addressed organisations', () => {
    const doc = {
      ...on('own'),
      secrecy: 'secret' as const,
      namedPositionIds: ['p1'],
      addressedOrganisationIds: [10],
    };
    expect(authorize(user(['officer']), 'document.read', doc).allowed).toBe(true);
    expect(authorize(user(['officer'], { positionId: 'p2' }), 'document.read', doc)).toMatchObject({
      allowed: false,
      reason: 'classified',
    });
    expect(authorize(user(['officer'], { organisationId: 11 }), 'document.read', doc).allowed).toBe(
      false,
    );
    const root = user(['org_admin'], { isSystemAdmin: true, positionId: 'p9' });
    expect(authorize(root, 'document.read', doc)).toMatchObject({
      allowed: false,
      reason: 'system_admin_contents',
    });
  });

  it('requires choosing a position before acting, but not before reading the directory', () => {
    const idle = user(['clerk'], { positionId: null });
    expect(authorize(idle, 'register.write', on('own'))).toMatchObject({
      allowed: false,
      reason: 'not_acting',
    });
    expect(authorize(idle, 'organisation.read').allowed).toBe(true);
  });

  it('limits API keys to their scopes and their organisation', () => {
    const key: ApiKeyActor = {
      kind: 'api_key',
      apiKeyId: 'k1',
      organisationId: 10,
      organisationPath: '/1/10/',
      scopes: ['register.write', 'organisation.read'],
    };
    expect(authorize(key, 'register.write', on('own')).allowed).toBe(true);
    expect(authorize(key, 'register.write', on('sibling'))).toMatchObject({
      allowed: false,
      reason: 'scope',
    });
    expect(authorize(key, 'delivery.act', on('own'))).toMatchObject({
      allowed: false,
      reason: 'api_key_scope',
    });
    expect(authorize({ ...key, scopes: ['user.manage'] }, 'user.manage', on('own'))).toMatchObject({
      allowed: false,
      reason: 'api_key_scope',
    });
  });

  it("scopes 'member' to the own organisation and those under it acting for it", () => {
    // The actor stands at /1/10/; 'descendant' means the resource is above it (/1/).
    const expected: Record<OrganisationRelation, boolean> = {
      own: true,
      descendant: true,
      ancestor: false,
      sibling: false,
      unrelated: false,
    };
    for (const [relation, allowed] of Object.entries(expected) as Array<
      [OrganisationRelation, boolean]
    >) {
      const decision = authorize(user(['officer']), 'delivery.acknowledge', on(relation));
      expect([relation, decision.allowed]).toEqual([relation, allowed]);
      if (!allowed) expect(decision).toMatchObject({ reason: 'scope' });
      else expect(decision).toMatchObject({ via: 'role', relation });
    }
    // An internal unit (/1/10/30/) acknowledging its organisation's (/1/10/) delivery.
    const unit = user(['officer'], { organisationId: 30, organisationPath: '/1/10/30/' });
    expect(authorize(unit, 'delivery.acknowledge', on('own')).allowed).toBe(true);
    expect(authorize(unit, 'delivery.acknowledge', on('sibling')).allowed).toBe(false);
  });

  it('lets officials acknowledge by name: not organisation administrators, system administrators or keys', () => {
    for (const role of ['clerk', 'officer', 'head', 'executive'] as const)
      expect([role, authorize(user([role]), 'delivery.acknowledge', on('own')).allowed]).toEqual([
        role,
        true,
      ]);
    expect(authorize(user(['org_admin']), 'delivery.acknowledge', on('own'))).toMatchObject({
      allowed: false,
      reason: 'role',
    });
    const root = user([], {
      isSystemAdmin: true,
      positionId: null,
      organisationId: null,
      organisationPath: null,
    });
    expect(authorize(root, 'delivery.acknowledge', on('own'))).toMatchObject({
      allowed: false,
      reason: 'system_admin_contents',
    });
    const key: ApiKeyActor = {
      kind: 'api_key',
      apiKeyId: 'k1',
      organisationId: 10,
      organisationPath: '/1/10/',
      scopes: ['delivery.acknowledge'],
    };
    expect(authorize(key, 'delivery.acknowledge', on('own'))).toMatchObject({
      allowed: false,
      reason: 'api_key_scope',
    });
  });

  it('lets clerks, heads and executives send circulars for their own organisation only', () => {
    for (const role of ['clerk', 'head', 'executive'] as const) {
      expect([role, authorize(user([role]), 'circular.send', on('own')).allowed]).toEqual([
        role,
        true,
      ]);
      for (const relation of ['ancestor', 'descendant', 'sibling', 'unrelated'] as const)
        expect([role, relation, authorize(user([role]), 'circular.send', on(relation))]).toEqual([
          role,
          relation,
          expect.objectContaining({ allowed: false, reason: 'scope' }),
        ]);
    }
    for (const role of ['officer', 'org_admin'] as const)
      expect(authorize(user([role]), 'circular.send', on('own'))).toMatchObject({
        allowed: false,
        reason: 'role',
      });
    const root = user([], {
      isSystemAdmin: true,
      positionId: null,
      organisationId: null,
      organisationPath: null,
    });
    expect(authorize(root, 'circular.send', on('own'))).toMatchObject({
      allowed: false,
      reason: 'system_admin_contents',
    });
    const key: ApiKeyActor = {
      kind: 'api_key',
      apiKeyId: 'k1',
      organisationId: 10,
      organisationPath: '/1/10/',
      scopes: ['circular.send'],
    };
    expect(authorize(key, 'circular.send', on('own'))).toMatchObject({
      allowed: true,
      via: 'api_key',
    });
    expect(authorize(key, 'circular.send', on('ancestor'))).toMatchObject({
      allowed: false,
      reason: 'scope',
    });
    expect(authorize({ ...key, scopes: [] }, 'circular.send', on('own'))).toMatchObject({
      allowed: false,
      reason: 'api_key_scope',
    });
  });

  it('never allows an own/subtree action without a role, whatever the tree', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACTIONS.filter((a) => ACTION_RULES[a].roles !== 'authenticated')),
        fc.constantFrom(...(Object.keys(PATHS) as OrganisationRelation[])),
        (action, relation) => !authorize(user([]), action, on(relation)).allowed,
      ),
    );
  });
});
