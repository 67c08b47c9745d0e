/**
 * What a position may do. Stored in the database: never rename a value, add new ones.
 * The system administrator is a property of a user account, not a role of a position.
 */
export const ROLES = ['clerk', 'officer', 'head', 'executive', 'org_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL_TH: Record<Role, string> = {
  clerk: 'เจ้าหน้าที่สารบรรณ',
  officer: 'ผู้ปฏิบัติงาน',
  head: 'หัวหน้าส่วนราชการ / หัวหน้าหน่วยงาน',
  executive: 'ผู้บริหาร (ผู้ลงนาม)',
  org_admin: 'ผู้ดูแลระบบของหน่วยงาน',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
