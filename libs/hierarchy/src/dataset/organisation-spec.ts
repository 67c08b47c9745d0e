import type { OrganisationKind } from '../organisation-kind.js';

/** An organisation to load, referring to others by code (ids are assigned when loaded). */
export interface OrganisationSpec {
  code: string;
  kind: OrganisationKind;
  nameTh: string;
  shortName: string | null;
  sarabanPrefix: string | null;
  provinceCode: string | null;
  geocode: string | null;
  parentCode: string | null;
  supervisorCode: string | null;
  /** Code of the province the organisation is in (itself for a province). */
  provinceRef: string | null;
  /** Code of the district the organisation is in (itself for a district). */
  districtRef: string | null;
  derived: boolean;
}
