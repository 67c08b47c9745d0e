import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { ENTITIES } from '@wian/app-core';
import { createDataSource, runPendingMigrations, type DatabaseEngine } from '@wian/persistence';

export interface BenchDatabase {
  engine: DatabaseEngine;
  dataSource: DataSource;
  dispose(): Promise<void>;
}

export function engineArgument(argv: string[] = process.argv): DatabaseEngine {
  const given = argv.find((a) => a.startsWith('--engine='))?.split('=')[1] ?? 'postgres';
  if (given !== 'postgres' && given !== 'pglite')
    throw new Error(`--engine must be postgres or pglite, not ${given}`);
  return given;
}

/**
 * An empty, migrated database for a benchmark: a new PostgreSQL database, or PGlite in a
 * temporary folder on disk (as production keeps it). Removed afterwards.
 */
export async function openBenchDatabase(engine: DatabaseEngine): Promise<BenchDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'wian-bench-'));
    const dataSource = await createDataSource({ pgliteDataDir: dir, poolSize: 1 }, ENTITIES);
    await dataSource.initialize();
    await runPendingMigrations(dataSource);
    return {
      engine,
      dataSource,
      dispose: async () => {
        await dataSource.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const empty = await createEmptyDatabase('postgres');
  const dataSource = await createDataSource(
    { url: empty.env.DATABASE_URL, pgliteDataDir: 'memory://', poolSize: 10 },
    ENTITIES,
  );
  await dataSource.initialize();
  await runPendingMigrations(dataSource);
  return {
    engine,
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await empty.drop();
    },
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface EmptyDatabase {
  /** Environment for an app that migrates and seeds it at start. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** An empty database for a booted app to migrate and seed: a new PostgreSQL one, or PGlite in memory. */
export async function createEmptyDatabase(engine: DatabaseEngine): Promise<EmptyDatabase> {
  if (engine === 'pglite') {
    return {
      env: { DATABASE_URL: '', PGLITE_DATA_DIR: 'memory://' },
      drop: () => Promise.resolve(),
    };
  }
  const admin =
    process.env.WIAN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `wian_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), PGLITE_DATA_DIR: 'memory://' },
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * `--cpu-profile=file.cpuprofile`: a V8 profile of one phase of a bench (open it in Chrome
 * DevTools). Starts profiling when the argument is given; `stop()` writes the file and returns
 * its path (undefined without the argument).
 */
export async function startCpuProfile(
  argv: string[] = process.argv,
): Promise<{ stop: () => Promise<string | undefined> }> {
  const path = argv.find((a) => a.startsWith('--cpu-profile='))?.split('=')[1];
  if (path === undefined) return { stop: () => Promise.resolve(undefined) };
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await inspector.post('Profiler.stop');
      writeFileSync(path, JSON.stringify(profile));
      inspector.disconnect();
      return path;
    },
  };
}
