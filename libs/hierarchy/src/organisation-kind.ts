/**
 * Kinds of organisation in the hierarchy. The values are stored in the database: never
 * rename one, add new kinds instead.
 */
export const ORGANISATION_KINDS = [
  'ministry',
  'department',
  'division',
  'province',
  'provincial_la_office',
  'district',
  'district_la_office',
  'pao',
  'city_municipality',
  'town_municipality',
  'subdistrict_municipality',
  'sao',
  'special_local_government',
  'internal_unit',
] as const;

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABEL_TH: Record<OrganisationKind, string> = {
  ministry: 'กระทรวง',
  department: 'กรม',
  division: 'กอง / กลุ่มงาน',
  province: 'จังหวัด',
  provincial_la_office: 'สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด',
  district: 'อำเภอ',
  district_la_office: 'สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ',
  pao: 'องค์การบริหารส่วนจังหวัด',
  city_municipality: 'เทศบาลนคร',
  town_municipality: 'เทศบาลเมือง',
  subdistrict_municipality: 'เทศบาลตำบล',
  sao: 'องค์การบริหารส่วนตำบล',
  special_local_government: 'องค์กรปกครองส่วนท้องถิ่นรูปแบบพิเศษ',
  internal_unit: 'หน่วยงานภายใน',
};

export const ORGANISATION_KIND_LABEL_EN: Record<OrganisationKind, string> = {
  ministry: 'ministry',
  department: 'department',
  division: 'division or group',
  province: 'province',
  provincial_la_office: 'provincial local administration office',
  district: 'district',
  district_la_office: 'district local administration office',
  pao: 'provincial administrative organisation',
  city_municipality: 'city municipality',
  town_municipality: 'town municipality',
  subdistrict_municipality: 'subdistrict municipality',
  sao: 'subdistrict administrative organisation',
  special_local_government: 'special local government',
  internal_unit: 'internal unit',
};

/** Local governments (องค์กรปกครองส่วนท้องถิ่น, อปท.). */
export const LOCAL_GOVERNMENT_KINDS: readonly OrganisationKind[] = [
  'pao',
  'city_municipality',
  'town_municipality',
  'subdistrict_municipality',
  'sao',
  'special_local_government',
];

export function isOrganisationKind(value: string): value is OrganisationKind {
  return (ORGANISATION_KINDS as readonly string[]).includes(value);
}

export function isLocalGovernment(kind: OrganisationKind): boolean {
  return LOCAL_GOVERNMENT_KINDS.includes(kind);
}
