import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { HierarchySeeder } from './hierarchy-seeder.service.js';

/** Loads the national hierarchy on first start (HIERARCHY_SEED_ON_START). */
@Injectable()
export class HierarchyBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly seeder: HierarchySeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.HIERARCHY_SEED_ON_START) await this.seeder.seedNationalHierarchy();
  }
}
