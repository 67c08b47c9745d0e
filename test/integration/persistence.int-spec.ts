import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { Organisation } from '@wian/hierarchy';
import {
  createDataSource,
  isUniqueViolation,
  MIGRATIONS,
  TransactionHost,
} from '@wian/persistence';
import {
  createTestDatabase,
  openMigratedDataSource,
  type TestDatabase,
} from '../support/test-database.js';

const engineUnderTest = (): string => process.env.WIAN_TEST_ENGINE ?? 'postgres';

describe(`persistence (${engineUnderTest()})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionHost;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openMigratedDataSource(db);
    tx = new TransactionHost(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const org = (code: string, extra: Partial<Organisation> = {}): Partial<Organisation> => ({
    code,
    kind: 'internal_unit',
    nameTh: `หน่วยทดสอบ ${code}`,
    path: `/${code}/`,
    depth: 0,
    ...extra,
  });

  // PostgreSQL only: PGlite has one connection, open for the life of the process.
  const onPostgres = engineUnderTest() === 'postgres' ? it : it.skip;
  onPostgres(
    'keeps an unused connection open as long as configured, and closes it after',
    async () => {
      const backend = async (ds: DataSource): Promise<number> =>
        (await ds.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid'))[0].pid;
      const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const open = async (poolIdleSeconds: number): Promise<DataSource> => {
        const ds = await createDataSource(
          { url: db.url, pgliteDataDir: 'memory://', poolSize: 2, poolIdleSeconds },
          [],
        );
        return ds.initialize();
      };
      const kept = await open(0);
      const closed = await open(1);
      try {
        const [keptBefore, closedBefore] = [await backend(kept), await backend(closed)];
        await idle(1_600);
        // 0: the same backend still serves; 1 s: that one was closed, a new one serves.
        expect(await backend(kept)).toBe(keptBefore);
        expect(await backend(closed)).not.toBe(closedBefore);
        // 0 reaches node-postgres as "never" (its own default would close after 10 s).
        const pool = (ds: DataSource) =>
          (ds.driver as unknown as { master: { options: { idleTimeoutMillis?: number } } }).master;
        expect(pool(kept).options.idleTimeoutMillis).toBe(0);
        expect(pool(closed).options.idleTimeoutMillis).toBe(1_000);
      } finally {
        await kept.destroy();
        await closed.destroy();
      }
    },
  );

  it('applies every migration and records it', async () => {
    const rows = await dataSource.query<Array<{ name: string }>>(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it('has a schema that matches the entities exactly (migrations are the only source)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts and re-applies the migrations cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'organisation'`,
    );
    expect(tables[0].n).toBe(0);
    await dataSource.runMigrations();
    expect(await dataSource.getRepository(Organisation).count()).toBe(0);
  });

  it('commits every write of a command together', async () => {
    await tx.run(async (manager) => {
      await manager.insert(Organisation, org('tx-a'));
      await manager.insert(Organisation, org('tx-b'));
    });
    expect(
      await dataSource.getRepository(Organisation).countBy([{ code: 'tx-a' }, { code: 'tx-b' }]),
    ).toBe(2);
  });

  it('writes nothing when a command fails half-way', async () => {
    const error: unknown = await tx
      .run(async (manager) => {
        await manager.insert(Organisation, org('tx-c'));
        await manager.insert(Organisation, org('tx-a')); // duplicate code
      })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error, 'organisation_code_key')).toBe(true);
    expect(await dataSource.getRepository(Organisation).countBy({ code: 'tx-c' })).toBe(0);
  });

  it('lets nested work join the open transaction and see its rows', async () => {
    await tx.run(async () => {
      await tx.repository(Organisation).insert(org('tx-d'));
      const seen = await tx.run(() => tx.repository(Organisation).countBy({ code: 'tx-d' }));
      expect(seen).toBe(1);
      expect(tx.inTransaction).toBe(true);
    });
    expect(tx.inTransaction).toBe(false);
  });

  it('runs after-commit hooks only after the rows are visible, and never on rollback', async () => {
    const seenByHook: number[] = [];
    await tx.run(async (manager) => {
      await manager.insert(Organisation, org('tx-e'));
      await tx.afterCommit(async () => {
        // A separate connection (a worker would use one) must already see the row.
        seenByHook.push(await dataSource.getRepository(Organisation).countBy({ code: 'tx-e' }));
      });
      expect(seenByHook).toEqual([]);
    });
    expect(seenByHook).toEqual([1]);

    let ran = false;
    await expect(
      tx.run(async (manager) => {
        await tx.afterCommit(() => {
          ran = true;
        });
        await manager.insert(Organisation, org('tx-a'));
      }),
    ).rejects.toBeDefined();
    expect(ran).toBe(false);
  });

  it('keeps concurrent transactions isolated (read-modify-write never loses an update)', async () => {
    await dataSource.getRepository(Organisation).insert(org('counter', { depth: 0 }));
    const workers = Array.from({ length: 25 }, () =>
      tx.run(async (manager) => {
        const [row] = await manager.query<Array<{ depth: number }>>(
          `SELECT depth FROM organisation WHERE code = 'counter' FOR UPDATE`,
        );
        await new Promise((resolve) => setImmediate(resolve));
        await manager.query(`UPDATE organisation SET depth = $1 WHERE code = 'counter'`, [
          row.depth + 1,
        ]);
      }),
    );
    await Promise.all(workers);
    const [final] = await dataSource.query<Array<{ depth: number }>>(
      `SELECT depth FROM organisation WHERE code = 'counter'`,
    );
    expect(final.depth).toBe(25);
  });

  it('reports affected rows the same way on both engines', async () => {
    const result = await dataSource
      .createQueryBuilder()
      .update(Organisation)
      .set({ active: false })
      .where('code LIKE :p', { p: 'tx-%' })
      .execute();
    expect(result.affected).toBe(4);
    const [row] = await dataSource.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM organisation`,
    );
    expect(row.n).toBe('5'); // bigint comes back as a string from both engines
  });

  it('stores Thai text unchanged and finds it by substring through the trigram index', async () => {
    await dataSource
      .getRepository(Organisation)
      .insert(org('thai', { nameTh: 'องค์การบริหารส่วนตำบลพังขว้าง' }));
    const found = await dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where('o.name_th ILIKE :q', { q: '%พังขว้าง%' })
      .getMany();
    expect(found.map((o) => o.nameTh)).toEqual(['องค์การบริหารส่วนตำบลพังขว้าง']);
  });
});
