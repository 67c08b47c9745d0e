import type { OrganisationKind } from '@wian/hierarchy';

export const SELECTOR_KINDS = [
  'all_provinces',
  'districts_of_province',
  'local_governments',
  'pao_and_city_municipality',
  'internal_units',
] as const;

/**
 * The group selectors a saraban clerk uses instead of naming recipients one by one:
 * - `all_provinces`: ผู้ว่าราชการจังหวัด ทุกจังหวัด;
 * - `districts_of_province`: นายอำเภอ ทุกอำเภอ of a province;
 * - `local_governments`: every อปท. of a district or a province, optionally of some kinds;
 * - `pao_and_city_municipality`: the อบจ. and the เทศบาลนคร of a province;
 * - `internal_units`: the internal units (กอง, กลุ่มงาน, ฝ่าย) of an organisation.
 */
export type SelectorKind = (typeof SELECTOR_KINDS)[number];

export interface RecipientSelector {
  kind: SelectorKind;
  organisationId?: number;
  kinds?: OrganisationKind[];
}

/** What the sender chose, stored with the circular as it was at sending. */
export interface RecipientSelection {
  selectors: RecipientSelector[];
  organisationIds: number[];
}

export const SELECTOR_LABEL_TH: Record<SelectorKind, string> = {
  all_provinces: 'ทุกจังหวัด',
  districts_of_province: 'ทุกอำเภอในจังหวัด',
  local_governments: 'องค์กรปกครองส่วนท้องถิ่นในพื้นที่',
  pao_and_city_municipality: 'องค์การบริหารส่วนจังหวัดและเทศบาลนคร',
  internal_units: 'หน่วยงานภายใน',
};
