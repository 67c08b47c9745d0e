import type { Role } from './role.js';

/**
 * Where an actor may exercise an action, relative to the resource's organisation:
 * - `own`: only for the actor's own organisation;
 * - `subtree`: for its own organisation and everything under it (supervisors, administrators);
 * - `member`: for its own organisation, or from an internal unit of it (officials of a กอง
 *   acknowledging the organisation's letter); the use case checks the unit is internal;
 * - `any`: wherever the resource is (reading the public directory).
 */
export type ActionScope = 'own' | 'subtree' | 'member' | 'any';

export interface ActionRule {
  /** Roles of the acting position that may do it; 'authenticated' = any signed-in actor. */
  roles: readonly Role[] | 'authenticated';
  scope: ActionScope;
  /** System administrators may do it anywhere (never for document contents). */
  systemAdmin: boolean;
  /** An organisation's API key may be granted it (within its organisation). */
  apiKey: boolean;
  labelTh: string;
}

/**
 * The catalogue of actions: the single place that says who may do what. The values are a
 * stored contract (audit rows, API key scopes); never rename one.
 */
export const ACTION_RULES = {
  'organisation.read': {
    roles: 'authenticated',
    scope: 'any',
    systemAdmin: true,
    apiKey: true,
    labelTh: 'ดูข้อมูลหน่วยงาน',
  },
  'organisation.import': {
    roles: [],
    scope: 'any',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'นำเข้าบัญชีหน่วยงาน',
  },
  'user.read': {
    roles: ['org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'ดูบัญชีผู้ใช้',
  },
  'user.manage': {
    roles: ['org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'จัดการบัญชีผู้ใช้และตำแหน่ง',
  },
  'api_key.manage': {
    roles: ['org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'จัดการกุญแจ API',
  },
  'delegation.read': {
    roles: ['org_admin', 'executive', 'head'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'ดูการมอบอำนาจ',
  },
  'delegation.manage': {
    roles: ['org_admin', 'executive'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'บันทึก/ยกเลิกการมอบอำนาจ',
  },
  'audit.read': {
    roles: ['org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'ดูบันทึกการตรวจสอบ',
  },
  'queue.dashboard': {
    roles: [],
    scope: 'any',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'ดูแผงคิวงาน',
  },
  'calendar.manage': {
    roles: [],
    scope: 'any',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'จัดการวันหยุดราชการ (วันหยุดชดเชย วันหยุดพิเศษ)',
  },
  'authority.resolve': {
    roles: ['clerk', 'officer', 'head', 'executive', 'org_admin'],
    scope: 'own',
    systemAdmin: false,
    apiKey: false,
    labelTh: 'ตรวจสอบอำนาจลงนาม',
  },
  'register.read': {
    roles: ['clerk', 'officer', 'head', 'executive', 'org_admin'],
    scope: 'own',
    systemAdmin: false,
    apiKey: true,
    labelTh: 'ดูทะเบียนหนังสือ',
  },
  'register.manage': {
    roles: ['org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'จัดการทะเบียนและเลขทะเบียน',
  },
  'register.write': {
    roles: ['clerk'],
    scope: 'own',
    systemAdmin: false,
    apiKey: true,
    labelTh: 'ลงทะเบียนรับ/ส่ง',
  },
  'document.read': {
    roles: ['clerk', 'officer', 'head', 'executive'],
    scope: 'own',
    systemAdmin: false,
    apiKey: true,
    labelTh: 'อ่านหนังสือ',
  },
  'document.sign': {
    roles: ['executive'],
    scope: 'own',
    systemAdmin: false,
    apiKey: false,
    labelTh: 'ลงนามหนังสือ',
  },
  'delivery.act': {
    roles: ['clerk', 'officer', 'head'],
    scope: 'own',
    systemAdmin: false,
    apiKey: true,
    labelTh: 'รับทราบ/รายงานผลการดำเนินการ',
  },
  'delivery.acknowledge': {
    roles: ['clerk', 'officer', 'head', 'executive'],
    scope: 'member',
    systemAdmin: false,
    apiKey: false,
    labelTh: 'ลงนามรับทราบหนังสือ',
  },
  'circular.send': {
    roles: ['clerk', 'head', 'executive'],
    scope: 'own',
    systemAdmin: false,
    apiKey: true,
    labelTh: 'ส่ง/ส่งต่อ/เรียกคืนหนังสือเวียน',
  },
  'delivery.view_status': {
    roles: ['clerk', 'officer', 'head', 'executive', 'org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: true,
    labelTh: 'ดูสถานะการดำเนินการของหน่วยงานในสังกัด',
  },
  'circulation.instruct': {
    roles: ['head', 'executive'],
    scope: 'own',
    systemAdmin: false,
    apiKey: false,
    labelTh: 'สั่งการเวียนภายใน',
  },
  'notification.manage': {
    roles: ['org_admin'],
    scope: 'subtree',
    systemAdmin: true,
    apiKey: false,
    labelTh: 'ตั้งค่าช่องทางแจ้งเตือน (อีเมล/เว็บฮุก)',
  },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTION_RULES;

export const ACTIONS = Object.keys(ACTION_RULES) as Action[];

export function isAction(value: string): value is Action {
  return Object.hasOwn(ACTION_RULES, value);
}
