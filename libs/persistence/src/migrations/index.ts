import type { MigrationInterface } from 'typeorm';
import { Hierarchy1764097200000 } from './1764097200000-hierarchy.migration.js';

/** Every migration, oldest first. `npm run migration:generate` appends here. */
export const MIGRATIONS: Array<new () => MigrationInterface> = [Hierarchy1764097200000];
