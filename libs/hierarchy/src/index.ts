import { HierarchyLoad } from './hierarchy-load.entity.js';
import { Organisation } from './organisation.entity.js';

export {
  buildNationalHierarchy,
  NATIONAL_DATASET,
  readAddressData,
} from './dataset/national-hierarchy.dataset.js';
export type { OrganisationSpec } from './dataset/organisation-spec.js';
export { PROVINCE_CODES } from './dataset/province-codes.data.js';
export { HierarchyHttpModule } from './hierarchy-http.module.js';
export { HierarchyLoad } from './hierarchy-load.entity.js';
export { HierarchyModule } from './hierarchy.module.js';
export { HierarchySeeder } from './hierarchy-seeder.service.js';
export type { SeedOutcome } from './hierarchy-seeder.service.js';
export { insertOrganisations } from './organisation-bulk.loader.js';
export { OrganisationCsvImporter } from './organisation-csv.importer.js';
export type { ImportProblem, ImportReport } from './organisation-csv.importer.js';
export { OrganisationDirectory } from './organisation-directory.service.js';
export { Organisation } from './organisation.entity.js';
export {
  isLocalGovernment,
  isOrganisationKind,
  LOCAL_GOVERNMENT_KINDS,
  ORGANISATION_KIND_LABEL_EN,
  ORGANISATION_KIND_LABEL_TH,
  ORGANISATION_KINDS,
} from './organisation-kind.js';
export type { OrganisationKind } from './organisation-kind.js';
export { OrganisationRepository } from './organisation.repository.js';
export { OrganisationView } from './organisation.view.js';

/** Entities of the hierarchy context, for the data source. */
export const HIERARCHY_ENTITIES = [Organisation, HierarchyLoad];
