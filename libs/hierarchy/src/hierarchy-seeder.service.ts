import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import { DataSource } from 'typeorm';
import { buildNationalHierarchy, NATIONAL_DATASET } from './dataset/national-hierarchy.dataset.js';
import { HierarchyLoad } from './hierarchy-load.entity.js';
import { insertOrganisations } from './organisation-bulk.loader.js';
import { Organisation } from './organisation.entity.js';

export type SeedOutcome =
  | { status: 'loaded'; organisations: number; seconds: number }
  | { status: 'already-loaded'; loadedAt: Date }
  | { status: 'skipped-existing'; organisations: number };

const SEED_LOCK_KEY = 71_402;

/** Loads the national hierarchy into an empty database, once. */
@Injectable()
export class HierarchySeeder {
  private readonly logger = new Logger('Hierarchy');

  constructor(
    private readonly tx: TransactionHost,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async seedNationalHierarchy(): Promise<SeedOutcome> {
    const started = performance.now();
    const outcome = await this.tx.run(async (manager): Promise<SeedOutcome> => {
      // Two processes starting together on PostgreSQL: the second waits, then finds the record.
      if (!this.tx.embedded)
        await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const record = await manager.findOneBy(HierarchyLoad, { dataset: NATIONAL_DATASET.name });
      if (record) return { status: 'already-loaded', loadedAt: record.loadedAt };
      const existing = await manager.count(Organisation);
      if (existing > 0) return { status: 'skipped-existing', organisations: existing };
      const count = await insertOrganisations(manager, buildNationalHierarchy(), 'seed');
      await manager.insert(HierarchyLoad, {
        dataset: NATIONAL_DATASET.name,
        datasetVersion: `${NATIONAL_DATASET.source}@${NATIONAL_DATASET.version}`,
        organisations: count,
        loadedAt: new Date(),
      });
      return { status: 'loaded', organisations: count, seconds: 0 };
    });
    if (outcome.status === 'loaded') {
      await this.dataSource.query('ANALYZE organisation');
      outcome.seconds = (performance.now() - started) / 1000;
      this.logger.log(
        `Loaded the national hierarchy: ${outcome.organisations} organisations in ${outcome.seconds.toFixed(2)} s`,
      );
    } else if (outcome.status === 'skipped-existing') {
      this.logger.log(
        `Organisations already present (${outcome.organisations}); national data set not loaded`,
      );
    }
    return outcome;
  }
}
