import { ENTITIES } from '@wian/app-core';
import { loadConfig } from '@wian/config';
import { createDataSource, pgliteLocation, type DatabaseSettings } from '@wian/persistence';
import type { DataSource } from 'typeorm';

/** The configured database (DATABASE_URL or the embedded PGlite folder), initialised. */
export async function openDatabase(override?: Partial<DatabaseSettings>): Promise<DataSource> {
  const config = loadConfig();
  const settings: DatabaseSettings = {
    url: config.DATABASE_URL,
    pgliteDataDir: config.PGLITE_DATA_DIR,
    poolSize: 2,
    ...override,
  };
  const dataSource = await createDataSource(settings, ENTITIES);
  await dataSource.initialize();
  const where =
    settings.url === undefined
      ? `PGlite at ${pgliteLocation(settings)}`
      : 'PostgreSQL (DATABASE_URL)';
  process.stderr.write(`Database: ${where}\n`);
  return dataSource;
}
