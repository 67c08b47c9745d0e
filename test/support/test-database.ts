import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ENTITIES } from '@wian/app-core';
import { createDataSource, runPendingMigrations, type DatabaseEngine } from '@wian/persistence';

/** Which engine the integration suites run on (npm test runs them on both). */
export function testEngine(): DatabaseEngine {
  const engine = process.env.WIAN_TEST_ENGINE ?? 'postgres';
  if (engine !== 'postgres' && engine !== 'pglite') {
    throw new Error(`WIAN_TEST_ENGINE must be postgres or pglite, not ${engine}`);
  }
  return engine;
}

/** An administrative connection to the test PostgreSQL server (it creates the databases). */
export function adminUrl(): string {
  return process.env.WIAN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  engine: DatabaseEngine;
  /** postgres:// URL of the database, undefined on PGlite. */
  url: string | undefined;
  /** Settings for loadConfig-style environments. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database owned by one test file: a new PostgreSQL database (dropped at the
 * end) or an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const engine = testEngine();
  if (engine === 'pglite') {
    return {
      engine,
      url: undefined,
      env: { PGLITE_DATA_DIR: 'memory://' },
      drop: () => Promise.resolve(),
    };
  }
  const name = `wian_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    engine,
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A migrated data source on a fresh test database. */
export async function openMigratedDataSource(
  db: TestDatabase,
  options: { migrate?: boolean; poolSize?: number } = {},
): Promise<DataSource> {
  const dataSource = await createDataSource(
    { url: db.url, pgliteDataDir: 'memory://', poolSize: options.poolSize ?? 10 },
    ENTITIES,
  );
  await dataSource.initialize();
  if (options.migrate !== false) await runPendingMigrations(dataSource);
  return dataSource;
}
