import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { HierarchySeeder, Organisation, OrganisationCsvImporter } from '@wian/hierarchy';
import { TransactionHost } from '@wian/persistence';
import {
  createTestDatabase,
  openMigratedDataSource,
  type TestDatabase,
} from '../support/test-database.js';

describe(`import:orgs (${process.env.WIAN_TEST_ENGINE ?? 'postgres'})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let importer: OrganisationCsvImporter;

  /** Everything about the table that an import could change. */
  const snapshot = async (): Promise<string> => {
    const rows = await dataSource.query<Array<{ digest: string; n: number }>>(
      `SELECT md5(string_agg(concat_ws('|', id, code, kind, name_th, parent_id, supervisor_id, path, active, version), ',' ORDER BY id)) AS digest,
              count(*)::int AS n FROM organisation`,
    );
    return JSON.stringify(rows[0]);
  };
  const byCode = (code: string): Promise<Organisation> =>
    dataSource.getRepository(Organisation).findOneByOrFail({ code });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openMigratedDataSource(db);
    const tx = new TransactionHost(dataSource);
    await new HierarchySeeder(tx, dataSource).seedNationalHierarchy();
    importer = new OrganisationCsvImporter(tx);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('reports every bad line by number and writes nothing', async () => {
    const before = await snapshot();
    const csv = [
      'code,name,kind,district,province,parent_code',
      '6470301,เทศบาลตำบลพรรณา,ทต.,พรรณานิคม,สกลนคร,', // fine
      'bad code!,องค์การบริหารส่วนตำบลไร่,อบต.,พรรณานิคม,สกลนคร,', // line 3: code
      '6470302,องค์การบริหารส่วนตำบลนาหัวบ่อ,village,พรรณานิคม,สกลนคร,', // line 4: kind
      '6470303,องค์การบริหารส่วนตำบลวังยาง,อบต.,พรรณานิคม,สกลมหานคร,', // line 5: province
      '6470304,องค์การบริหารส่วนตำบลสว่าง,อบต.,ไม่มีอำเภอนี้,สกลนคร,', // line 6: district
      '6470301,ซ้ำ,อบต.,พรรณานิคม,สกลนคร,', // line 7: duplicate code
    ].join('\n');
    const report = await importer.import(csv);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'code'],
      [4, 'kind'],
      [5, 'province'],
      [6, 'district'],
      [7, 'code'],
    ]);
    expect(report.problems[1].message_th).toContain('village');
    expect(report.problems[1].message_en).toContain('unknown kind');
    expect(await snapshot()).toBe(before);
  });

  it('refuses an unknown parent code, and a file without the required columns', async () => {
    const before = await snapshot();
    const unknownParent = await importer.import(
      'code,name,kind,district,province,parent_code\n6470305,หน่วย,internal_unit,,สกลนคร,nope-999\n',
    );
    expect(unknownParent.problems).toEqual([
      expect.objectContaining({ line: 2, column: 'parent_code' }),
    ]);
    const noColumns = await importer.import('code,name\nx,y\n');
    expect(noColumns.ok).toBe(false);
    expect(noColumns.problems[0]).toMatchObject({ line: 1, column: 'kind, province' });
    expect(await snapshot()).toBe(before);
  });

  it('loads a good file in one go: parents, supervisors, Thai digits and BOM handled', async () => {
    const csv =
      '\uFEFFcode,name,kind,district,province,parent_code\n' +
      '6470401,เทศบาลตำบลพังโคน,เทศบาลตำบล,อำเภอพังโคน,จังหวัดสกลนคร,\n' +
      '6470402,องค์การบริหารส่วนตำบลม่วงไข่,อบต.,พังโคน,สน,\n' +
      '6470401-finance,กองคลัง,internal_unit,,๔๗,6470401\n';
    const report = await importer.import(csv);
    expect(report).toMatchObject({ ok: true, rows: 3, inserted: 3, updated: 0 });
    const district = await byCode('d-4705');
    const municipality = await byCode('6470401');
    expect(municipality).toMatchObject({
      kind: 'subdistrict_municipality',
      parentId: district.id,
      supervisorId: (await byCode('dlao-4705')).id,
      source: 'import',
      derived: false,
    });
    const unit = await byCode('6470401-finance');
    expect(unit.parentId).toBe(municipality.id);
    expect(unit.path).toBe(`${municipality.path}${unit.id}/`);
    // Derived local governments of the province the file covers are replaced (kept, inactive).
    expect(report.derivedDeactivated).toBe(126);
    expect((await byCode('sao-470501')).active).toBe(false);
    expect((await byCode('sao-480102')).active).toBe(true); // another province: untouched
  });

  it('updates an existing organisation and moves its subtree', async () => {
    const csv =
      'code,name,kind,district,province,parent_code\n' +
      '6470401,เทศบาลเมืองพังโคน,ทม.,พังโคน,สกลนคร,\n' +
      '6470401-finance,กองคลัง,internal_unit,,สกลนคร,6470402\n';
    const report = await importer.import(csv);
    expect(report).toMatchObject({ ok: true, inserted: 0, updated: 2 });
    expect((await byCode('6470401')).kind).toBe('town_municipality');
    const newParent = await byCode('6470402');
    const unit = await byCode('6470401-finance');
    expect(unit.parentId).toBe(newParent.id);
    expect(unit.path).toBe(`${newParent.path}${unit.id}/`);
    expect(unit.depth).toBe(newParent.depth + 1);
  });
});
