import 'reflect-metadata';
import { cpus } from 'node:os';
import {
  buildNationalHierarchy,
  HierarchySeeder,
  Organisation,
  OrganisationDirectory,
  OrganisationRepository,
} from '@wian/hierarchy';
import { TransactionHost } from '@wian/persistence';
import { engineArgument, openBenchDatabase, percentile, round } from '../support/bench-database.js';

/**
 * npm run bench:hierarchy [-- --engine=pglite]
 *
 * Loads the national hierarchy into an empty database the way the first start does, then
 * times the subtree query behind GET /organisations/:id/subtree (counts by kind and the first
 * page of members) for the whole nation and for one province. The baseline is a plain
 * multi-row INSERT of the same number of rows into a bare table, in the same run.
 */
const ITERATIONS = 300;
const WARM_UP = 30;

async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const engine = engineArgument();
  const bench = await openBenchDatabase(engine);
  const { dataSource } = bench;
  try {
    const tx = new TransactionHost(dataSource);
    const log = (line: string): void => void process.stderr.write(`${line}\n`);

    const loadMs = await timeMs(() => new HierarchySeeder(tx, dataSource).seedNationalHierarchy());
    const orgs = await dataSource.getRepository(Organisation).count();
    const provinces = await dataSource.getRepository(Organisation).countBy({ kind: 'province' });
    const districts = await dataSource.getRepository(Organisation).countBy({ kind: 'district' });
    log(
      `loaded ${orgs} organisations (${provinces} provinces, ${districts} districts) in ${round(loadMs)} ms`,
    );

    // Baseline: the same number of rows, plain multi-row INSERTs, no indexes, one transaction.
    const rows = buildNationalHierarchy();
    await dataSource.query(
      `CREATE TABLE bench_baseline (id int, code varchar(32), kind varchar(32), name_th varchar(255),
         short_name varchar(64), path text, depth smallint)`,
    );
    const baselineMs = await timeMs(() =>
      tx.run(async (manager) => {
        const chunk = 1_000;
        for (let start = 0; start < rows.length; start += chunk) {
          const slice = rows.slice(start, start + chunk);
          const params: unknown[] = [];
          const values = slice.map((r, i) => {
            params.push(start + i, r.code, r.kind, r.nameTh, r.shortName, `/${start + i}/`, 1);
            const b = i * 7;
            return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
          });
          await manager.query(
            `INSERT INTO bench_baseline (id, code, kind, name_th, short_name, path, depth) VALUES ${values.join(', ')}`,
            params,
          );
        }
      }),
    );

    const directory = new OrganisationDirectory(new OrganisationRepository(tx));
    const nation = await dataSource.getRepository(Organisation).findOneByOrFail({ code: 'moi' });
    const provinceList = await dataSource.getRepository(Organisation).findBy({ kind: 'province' });
    const page = { limit: 50, offset: 0 };
    const measure = async (pick: (i: number) => number): Promise<number[]> => {
      const samples: number[] = [];
      for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
        const id = pick(i);
        const ms = await timeMs(() => directory.subtree(id, page));
        if (i >= WARM_UP) samples.push(ms);
      }
      return samples;
    };
    const nationSamples = await measure(() => nation.id);
    const provinceSamples = await measure((i) => provinceList[i % provinceList.length].id);
    const repo = new OrganisationRepository(tx);
    const allIdsSamples: number[] = [];
    for (let i = 0; i < 50; i++) allIdsSamples.push(await timeMs(() => repo.subtreeIds(nation)));

    const result = {
      engine,
      orgs,
      provinces,
      districts,
      loadSeconds: round(loadMs / 1000, 3),
      subtreeNationP95Ms: round(percentile(nationSamples, 95)),
      subtreeNationP50Ms: round(percentile(nationSamples, 50)),
      subtreeProvinceP95Ms: round(percentile(provinceSamples, 95)),
      subtreeProvinceP50Ms: round(percentile(provinceSamples, 50)),
      subtreeNationAllIdsP95Ms: round(percentile(allIdsSamples, 95)),
      baselineInsertRowsPerSec: Math.round(rows.length / (baselineMs / 1000)),
      loadRowsPerSec: Math.round(orgs / (loadMs / 1000)),
      iterations: ITERATIONS,
      cpus: cpus().length,
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await bench.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
