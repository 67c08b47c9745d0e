import type { Secrecy } from '@wian/thai';
import { ACTION_RULES, type Action } from './action.js';
import type { Actor } from './actor.js';

/** The organisation a request is about, and for classified documents who may see them. */
export interface PolicyResource {
  /** Absent for actions about nothing in particular (reading the directory). */
  organisationId?: number;
  organisationPath?: string;
  secrecy?: Secrecy;
  /** For classified documents: only these positions, of these organisations, may read. */
  namedPositionIds?: readonly string[];
  addressedOrganisationIds?: readonly number[];
}

export type OrganisationRelation = 'own' | 'ancestor' | 'descendant' | 'sibling' | 'unrelated';

export type PolicyDenial =
  'not_acting' | 'role' | 'scope' | 'api_key_scope' | 'classified' | 'system_admin_contents';

export type PolicyDecision =
  | {
      allowed: true;
      via: 'role' | 'system_admin' | 'api_key';
      relation: OrganisationRelation | 'none';
    }
  | { allowed: false; reason: PolicyDenial; messageTh: string; messageEn: string };

/** How the actor's organisation stands to the resource's, from their materialised paths. */
export function relationOf(actorPath: string, resourcePath: string): OrganisationRelation {
  if (actorPath === resourcePath) return 'own';
  if (resourcePath.startsWith(actorPath)) return 'ancestor';
  if (actorPath.startsWith(resourcePath)) return 'descendant';
  const parent = (path: string): string => path.replace(/[^/]+\/$/, '');
  return parent(actorPath) === parent(resourcePath) ? 'sibling' : 'unrelated';
}

function deny(reason: PolicyDenial, action: Action): PolicyDecision {
  const label = ACTION_RULES[action].labelTh;
  const text: Record<PolicyDenial, [string, string]> = {
    not_acting: [
      `ต้องเลือกตำแหน่งที่ปฏิบัติหน้าที่ก่อนจึงจะ${label}ได้`,
      `choose the position you act in before you can do ${action}`,
    ],
    role: [`ตำแหน่งของท่านไม่มีสิทธิ์${label}`, `your position's roles do not allow ${action}`],
    scope: [
      `ท่าน${label}ได้เฉพาะหน่วยงานของท่านหรือหน่วยงานในสังกัดตามสิทธิ์`,
      `${action} is not allowed for this organisation from yours`,
    ],
    api_key_scope: [`กุญแจ API นี้ไม่ได้รับสิทธิ์${label}`, `this API key is not granted ${action}`],
    classified: [
      'หนังสือชั้นความลับนี้เปิดได้เฉพาะตำแหน่งที่ระบุของหน่วยงานผู้รับ',
      'this classified document is visible only to the named positions of the addressed organisations',
    ],
    system_admin_contents: [
      'ผู้ดูแลระบบไม่มีสิทธิ์เข้าถึงเนื้อหาหนังสือโดยอัตโนมัติ',
      'system administrators have no automatic access to document contents',
    ],
  };
  const [messageTh, messageEn] = text[reason];
  return { allowed: false, reason, messageTh, messageEn };
}

function withinScope(
  scope: 'own' | 'subtree' | 'member' | 'any',
  relation: OrganisationRelation | 'none',
): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'own':
      return relation === 'own';
    case 'subtree':
      return relation === 'own' || relation === 'ancestor';
    case 'member':
      return relation === 'own' || relation === 'descendant';
    // An 'own'/'subtree' action must name an organisation; 'none' never passes them.
  }
}

/**
 * The single authorisation decision of wian: may `actor` do `action` on `resource`?
 * Every endpoint and every use case asks this function, never its own rules.
 */
export function authorize(
  actor: Actor,
  action: Action,
  resource: PolicyResource = {},
): PolicyDecision {
  const rule = ACTION_RULES[action];
  const classified = resource.secrecy !== undefined && resource.secrecy !== 'none';
  const actorPath = actor.organisationPath;
  const relation: OrganisationRelation | 'none' =
    resource.organisationPath === undefined || actorPath === null
      ? 'none'
      : relationOf(actorPath, resource.organisationPath);

  if (actor.kind === 'api_key') {
    if (!rule.apiKey || !actor.scopes.includes(action)) return deny('api_key_scope', action);
    if (classified) return deny('classified', action);
    if (resource.organisationPath !== undefined && !withinScope(rule.scope, relation)) {
      return deny('scope', action);
    }
    return { allowed: true, via: 'api_key', relation };
  }

  const roleAllows =
    actor.positionId !== null &&
    (rule.roles === 'authenticated' || rule.roles.some((r) => actor.roles.includes(r)));
  const scopeAllows = withinScope(rule.scope, relation);

  if (classified) {
    // Secret documents: only named positions of addressed organisations, never by role or admin.
    const named =
      actor.positionId !== null && (resource.namedPositionIds ?? []).includes(actor.positionId);
    const addressed =
      actor.organisationId !== null &&
      (resource.addressedOrganisationIds ?? []).includes(actor.organisationId);
    if (named && addressed && roleAllows) return { allowed: true, via: 'role', relation };
    return deny(actor.isSystemAdmin && !named ? 'system_admin_contents' : 'classified', action);
  }

  if (roleAllows && scopeAllows) return { allowed: true, via: 'role', relation };
  if (rule.roles === 'authenticated' && rule.scope === 'any')
    return { allowed: true, via: 'role', relation };
  if (actor.isSystemAdmin) {
    return rule.systemAdmin
      ? { allowed: true, via: 'system_admin', relation }
      : deny('system_admin_contents', action);
  }
  if (actor.positionId === null) return deny('not_acting', action);
  if (!roleAllows) return deny('role', action);
  return deny('scope', action);
}
