import { mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { openPglite, pgliteDriver } from './pglite-pool.js';

export type DatabaseEngine = 'postgres' | 'pglite';

export interface DatabaseSettings {
  /** postgres:// URL; absent means the embedded PGlite database. */
  url?: string;
  /** Folder of the PGlite data (relative to `baseDir`), or memory://. */
  pgliteDataDir: string;
  poolSize: number;
  /**
   * PostgreSQL: seconds an unused connection stays open (0: until the process ends; absent:
   * node-postgres's 10 s). PGlite has one connection, always open.
   */
  poolIdleSeconds?: number;
  /** Folder that a relative `pgliteDataDir` is resolved against (default: cwd). */
  baseDir?: string;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
type EntityList = MixedList<Function>;

export function engineOf(settings: DatabaseSettings): DatabaseEngine {
  return settings.url === undefined ? 'pglite' : 'postgres';
}

/** A data source of createDataSource() on the embedded database (PGlite: no URL). */
export function isEmbedded(dataSource: DataSource): boolean {
  const { options } = dataSource;
  return !('url' in options && options.url);
}

/** The PGlite folder as an absolute path (or memory://). */
export function pgliteLocation(settings: DatabaseSettings): string {
  const dir = settings.pgliteDataDir;
  if (dir === 'memory://') return dir;
  return isAbsolute(dir) ? dir : resolve(settings.baseDir ?? process.cwd(), dir);
}

/**
 * A TypeORM data source on PostgreSQL or on embedded PGlite: one SQL dialect, one set of
 * migrations, `synchronize` always off. Not yet initialised.
 */
export async function createDataSource(
  settings: DatabaseSettings,
  entities: EntityList,
): Promise<DataSource> {
  const common = {
    type: 'postgres',
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'wian',
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension needed.
    uuidExtension: 'pgcrypto',
    // Extensions come from migrations (PGlite has no pgcrypto; it does not need it).
    installExtensions: false,
  } as const;
  let options: DataSourceOptions;
  if (settings.url !== undefined) {
    options = {
      ...common,
      url: settings.url,
      poolSize: settings.poolSize,
      // node-postgres closes a connection idle for 10 s. A new one plans and runs its first
      // statements several times slower (catalog caches, fresh memory): a forward after a
      // quiet moment took 116–296 ms on a new connection, 25–79 ms on a kept one (decision 30).
      ...(settings.poolIdleSeconds === undefined
        ? {}
        : { extra: { idleTimeoutMillis: settings.poolIdleSeconds * 1000 } }),
    };
  } else {
    const location = pgliteLocation(settings);
    if (location !== 'memory://') mkdirSync(location, { recursive: true });
    const db: PGlite = await openPglite(location);
    options = { ...common, driver: pgliteDriver(db), poolSize: 1 };
  }
  return new DataSource(options);
}

const MIGRATION_LOCK_KEY = 71_401; // pg_advisory_lock key owned by wian's migrator

/**
 * Applies pending migrations. On PostgreSQL an advisory lock keeps two processes (API and
 * worker starting together) from racing; PGlite belongs to one process.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  if (isEmbedded(dataSource)) {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
