import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  buildNationalHierarchy,
  HierarchySeeder,
  Organisation,
  OrganisationRepository,
  type SeedOutcome,
} from '@wian/hierarchy';
import { TransactionHost } from '@wian/persistence';
import {
  createTestDatabase,
  openMigratedDataSource,
  type TestDatabase,
} from '../support/test-database.js';

describe(`national hierarchy (${process.env.WIAN_TEST_ENGINE ?? 'postgres'})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let organisations: OrganisationRepository;
  let first: SeedOutcome;

  const byCode = async (code: string): Promise<Organisation> => {
    const found = await organisations.findByCode(code);
    if (!found) throw new Error(`missing ${code}`);
    return found;
  };
  const countKind = (kind: string): Promise<number> =>
    dataSource.getRepository(Organisation).countBy({ kind: kind as Organisation['kind'] });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openMigratedDataSource(db);
    const tx = new TransactionHost(dataSource);
    organisations = new OrganisationRepository(tx);
    first = await new HierarchySeeder(tx, dataSource).seedNationalHierarchy();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('loads every organisation of the data set', async () => {
    const specs = buildNationalHierarchy();
    expect(first).toMatchObject({ status: 'loaded', organisations: specs.length });
    expect(await organisations.count()).toBe(specs.length);
    expect(specs.length).toBeGreaterThanOrEqual(8_500);
  });

  it('has all 77 provinces (Bangkok included) and all 928 districts with their offices', async () => {
    expect(await countKind('province')).toBe(77);
    expect(await countKind('district')).toBe(928);
    expect(await countKind('provincial_la_office')).toBe(76);
    expect(await countKind('district_la_office')).toBe(928 - 50); // Bangkok's 50 เขต have none
    expect(await countKind('pao')).toBe(76);
    const bangkok = await byCode('p-10');
    expect(bangkok.nameTh).toBe('กรุงเทพมหานคร');
  });

  it('loads Sakon Nakhon as the scenario knows it: สน, 18 districts, 125 subdistricts', async () => {
    const province = await byCode('p-47');
    expect(province).toMatchObject({
      nameTh: 'จังหวัดสกลนคร',
      provinceCode: 'สน',
      geocode: '47',
      depth: 1,
    });
    const districts = await organisations.list(
      { kind: 'district', provinceId: province.id },
      { limit: 100, offset: 0 },
    );
    expect(districts.total).toBe(18);
    expect(districts.items.map((d) => d.shortName)).toEqual(
      expect.arrayContaining(['เมืองสกลนคร', 'พรรณานิคม', 'ภูพาน', 'โพนนาแก้ว', 'เจริญศิลป์']),
    );
    const city = await byCode('mun-4701');
    expect(city).toMatchObject({
      kind: 'city_municipality',
      nameTh: 'เทศบาลนครสกลนคร',
      derived: true,
    });
    // 125 subdistricts: one SAO each, except the one the city municipality covers.
    const saos = await organisations.list(
      { kind: 'sao', provinceId: province.id },
      { limit: 1, offset: 0 },
    );
    expect(saos.total).toBe(124);
    const group6 = await byCode('plao-47-g6');
    expect(group6.sarabanPrefix).toBe('สน 0023.6');
  });

  it('sets who supervises whom along the escalation ladder', async () => {
    const sao = await byCode('sao-470401'); // a subdistrict of อำเภอกุดบาก
    const dlao = await byCode('dlao-4704');
    const plao = await byCode('plao-47');
    const district = await byCode('d-4704');
    const dla = await byCode('dla');
    expect(sao.supervisorId).toBe(dlao.id); // a local government → its district office
    expect(district.supervisorId).toBe(plao.id); // a district → the provincial office
    expect((await byCode('p-47')).supervisorId).toBe(dla.id); // a province → the department
    expect((await byCode('pao-47')).supervisorId).toBe(plao.id);
    expect(sao.parentId).toBe(district.id);
    expect(sao.districtId).toBe(district.id);
  });

  it('answers subtree questions with counts by kind', async () => {
    const province = await byCode('p-47');
    const counts = await organisations.subtreeCounts(province);
    const count = Object.fromEntries(counts.map((c) => [c.kind, c.count]));
    expect(count).toMatchObject({
      district: 18,
      district_la_office: 18,
      sao: 124,
      pao: 1,
      city_municipality: 1,
      provincial_la_office: 1,
      internal_unit: 6,
    });
    const nation = await byCode('moi');
    const all = await organisations.subtreeIds(nation);
    expect(all.length).toBe(await organisations.count());
    const page = await organisations.subtreeMembers(
      province,
      { kind: 'district' },
      { limit: 5, offset: 5 },
    );
    expect(page).toHaveLength(5);
    expect(page.every((o) => o.kind === 'district' && o.path.startsWith(province.path))).toBe(true);
    const paths = page.map((o) => o.path);
    expect(paths).toEqual([...paths].sort()); // tree order
  });

  it('lists ancestors from the ministry down', async () => {
    const sao = await byCode('sao-470401');
    const chain = await organisations.ancestors(sao);
    expect(chain.map((o) => o.code)).toEqual(['moi', 'p-47', 'd-4704']);
  });

  it('searches Thai names by substring, exact short names first', async () => {
    const result = await organisations.list({ name: 'สกลนคร' }, { limit: 10, offset: 0 });
    expect(result.items[0].code).toBe('p-47');
    expect(result.items.every((o) => `${o.nameTh}${o.shortName ?? ''}`.includes('สกลนคร'))).toBe(
      true,
    );
    const wildcard = await organisations.list({ name: '%' }, { limit: 10, offset: 0 });
    expect(wildcard.total).toBe(0); // % is matched literally, not as a wildcard
  });

  it('does not load twice (idempotent start)', async () => {
    const again = await new HierarchySeeder(
      new TransactionHost(dataSource),
      dataSource,
    ).seedNationalHierarchy();
    expect(again.status).toBe('already-loaded');
    expect(await organisations.count()).toBe(buildNationalHierarchy().length);
  });
});
