import { Module } from '@nestjs/common';
import { HierarchyBootstrap } from './hierarchy-bootstrap.service.js';
import { HierarchySeeder } from './hierarchy-seeder.service.js';
import { OrganisationCsvImporter } from './organisation-csv.importer.js';
import { OrganisationDirectory } from './organisation-directory.service.js';
import { OrganisationRepository } from './organisation.repository.js';

const PROVIDERS = [
  OrganisationRepository,
  OrganisationDirectory,
  HierarchySeeder,
  OrganisationCsvImporter,
];

/** The organisation tree: storage, queries and loading (no HTTP). */
@Module({
  providers: [...PROVIDERS, HierarchyBootstrap],
  exports: PROVIDERS,
})
export class HierarchyModule {}
