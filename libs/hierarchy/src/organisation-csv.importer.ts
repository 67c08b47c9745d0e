import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@wian/persistence';
import { normalizeThaiInput } from '@wian/thai';
import { parse } from 'csv-parse/sync';
import type { EntityManager } from 'typeorm';
import type { OrganisationSpec } from './dataset/organisation-spec.js';
import { insertOrganisations } from './organisation-bulk.loader.js';
import { Organisation } from './organisation.entity.js';
import {
  isOrganisationKind,
  LOCAL_GOVERNMENT_KINDS,
  ORGANISATION_KIND_LABEL_TH,
  type OrganisationKind,
} from './organisation-kind.js';

/** A problem with one line of the file (1-based, the header is line 1). */
export interface ImportProblem {
  line: number;
  column: string;
  message_th: string;
  message_en: string;
}

export interface ImportReport {
  ok: boolean;
  rows: number;
  inserted: number;
  updated: number;
  /** Derived local governments deactivated in the provinces the file covers. */
  derivedDeactivated: number;
  problems: ImportProblem[];
}

const KIND_ALIASES: Record<string, OrganisationKind> = {
  'อบจ.': 'pao',
  อบจ: 'pao',
  'ทน.': 'city_municipality',
  ทน: 'city_municipality',
  'ทม.': 'town_municipality',
  ทม: 'town_municipality',
  'ทต.': 'subdistrict_municipality',
  ทต: 'subdistrict_municipality',
  'อบต.': 'sao',
  อบต: 'sao',
  พิเศษ: 'special_local_government',
};
for (const [kind, label] of Object.entries(ORGANISATION_KIND_LABEL_TH)) {
  KIND_ALIASES[label] = kind as OrganisationKind;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const COLUMNS = ['code', 'name', 'kind', 'district', 'province', 'parent_code'] as const;
type Column = (typeof COLUMNS)[number];
type Raw = Partial<Record<Column, string>>;

function headerName(header: string): string {
  return normalizeThaiInput(header).toLowerCase().replace(/\s+/g, '_');
}

function stripPrefix(name: string, prefixes: string[]): string {
  for (const p of prefixes) if (name.startsWith(p)) return name.slice(p.length).trim();
  return name;
}

interface Place {
  id: number;
  code: string;
  name: string;
  geocode: string | null;
  provinceCode: string | null;
  provinceId: number | null;
}

/**
 * Loads an administrator's list of organisations (the official list of local governments,
 * for instance) from CSV: `code,name,kind,district,province,parent_code`. Every line is
 * checked first; when any is wrong nothing is written and every problem is reported by
 * line number. Otherwise the whole file is applied in one transaction.
 */
@Injectable()
export class OrganisationCsvImporter {
  constructor(private readonly tx: TransactionHost) {}

  async import(csv: string): Promise<ImportReport> {
    const problems: ImportProblem[] = [];
    let records: Array<{ record: Raw; info: { lines: number } }>;
    try {
      // With `info: true` each record comes with its line number (not in csv-parse's types).
      const parsed: unknown = parse(csv, {
        bom: true,
        columns: (header: string[]) => header.map(headerName),
        trim: true,
        skip_empty_lines: true,
        info: true,
      });
      records = parsed as Array<{ record: Raw; info: { lines: number } }>;
    } catch (error) {
      const line = (error as { lines?: number }).lines ?? 1;
      problems.push({
        line,
        column: '-',
        message_th: `อ่านไฟล์ CSV ไม่ได้: ${(error as Error).message}`,
        message_en: `The CSV cannot be read: ${(error as Error).message}`,
      });
      return { ok: false, rows: 0, inserted: 0, updated: 0, derivedDeactivated: 0, problems };
    }
    const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const present = new Set(header.split(',').map(headerName));
    const missing = COLUMNS.filter(
      (c) => !present.has(c) && c !== 'parent_code' && c !== 'district',
    );
    if (missing.length > 0) {
      problems.push({
        line: 1,
        column: missing.join(', '),
        message_th: `ไม่มีคอลัมน์ ${missing.join(', ')} (ต้องมี code,name,kind,district,province,parent_code)`,
        message_en: `Missing columns ${missing.join(', ')} (expected code,name,kind,district,province,parent_code)`,
      });
      return {
        ok: false,
        rows: records.length,
        inserted: 0,
        updated: 0,
        derivedDeactivated: 0,
        problems,
      };
    }

    const report = await this.tx.run(async (manager): Promise<ImportReport> => {
      const plan = await this.plan(manager, records, problems);
      if (problems.length > 0 || plan === undefined) {
        return {
          ok: false,
          rows: records.length,
          inserted: 0,
          updated: 0,
          derivedDeactivated: 0,
          problems,
        };
      }
      const updated = await this.applyUpdates(manager, plan.updates);
      const inserted = await insertOrganisations(manager, plan.inserts, 'import');
      const deactivated = await manager.query<[unknown[], number]>(
        `UPDATE organisation SET active = false, updated_at = now(), version = version + 1
          WHERE derived AND active AND kind = ANY($1::text[]) AND province_id = ANY($2::int[])
            AND code <> ALL($3::text[])`,
        [[...LOCAL_GOVERNMENT_KINDS], [...plan.provinceIds], plan.codes],
      );
      const derivedDeactivated = deactivated[1];
      return { ok: true, rows: records.length, inserted, updated, derivedDeactivated, problems };
    });
    if (report.ok) await this.tx.manager.query('ANALYZE organisation');
    return report;
  }

  private async plan(
    manager: EntityManager,
    records: Array<{ record: Raw; info: { lines: number } }>,
    problems: ImportProblem[],
  ): Promise<
    | {
        inserts: OrganisationSpec[];
        updates: Array<OrganisationSpec & { id: number }>;
        provinceIds: Set<number>;
        codes: string[];
      }
    | undefined
  > {
    const places = await manager.query<Array<Place & { kind: OrganisationKind }>>(
      `SELECT id, code, name_th AS name, geocode, province_code AS "provinceCode", province_id AS "provinceId", kind
         FROM organisation WHERE kind IN ('province', 'district', 'provincial_la_office', 'district_la_office')`,
    );
    const provinces = places.filter((p) => p.kind === 'province');
    const districts = places.filter((p) => p.kind === 'district');
    const officeOf = new Map<number, string>(); // province or district id -> its LA office code
    for (const office of places.filter(
      (p) => p.kind === 'provincial_la_office' || p.kind === 'district_la_office',
    )) {
      const parent = office.kind === 'provincial_la_office' ? office.provinceId : null;
      if (parent !== null) officeOf.set(parent, office.code);
    }
    const dlaoByDistrict = await manager.query<Array<{ districtId: number; code: string }>>(
      `SELECT district_id AS "districtId", code FROM organisation WHERE kind = 'district_la_office'`,
    );
    const dlao = new Map(dlaoByDistrict.map((d) => [d.districtId, d.code]));

    const fileCodes = new Map<string, number>();
    const specs: Array<{ line: number; spec: OrganisationSpec }> = [];
    const provinceIds = new Set<number>();
    const problem = (line: number, column: string, th: string, en: string): void => {
      problems.push({ line, column, message_th: th, message_en: en });
    };

    for (const { record, info } of records) {
      const line = info.lines;
      const code = record.code ?? '';
      const name = normalizeThaiInput(record.name ?? '');
      const kindText = normalizeThaiInput(record.kind ?? '');
      if (!CODE.test(code)) {
        problem(
          line,
          'code',
          `รหัส "${code}" ไม่ถูกต้อง (ตัวอักษรอังกฤษ ตัวเลข . _ - ไม่เกิน ๓๒ ตัว)`,
          `code "${code}" is invalid (letters, digits, . _ -, at most 32)`,
        );
      } else if (fileCodes.has(code)) {
        problem(
          line,
          'code',
          `รหัส ${code} ซ้ำกับบรรทัด ${fileCodes.get(code)}`,
          `code ${code} repeats line ${fileCodes.get(code)}`,
        );
      } else {
        fileCodes.set(code, line);
      }
      if (name.length === 0 || name.length > 255) {
        problem(
          line,
          'name',
          'ชื่อต้องไม่ว่างและยาวไม่เกิน ๒๕๕ ตัวอักษร',
          'name must be 1 to 255 characters',
        );
      }
      const kind = isOrganisationKind(kindText) ? kindText : KIND_ALIASES[kindText];
      if (kind === undefined) {
        problem(
          line,
          'kind',
          `ไม่รู้จักประเภท "${kindText}" (เช่น sao, อบต., เทศบาลตำบล)`,
          `unknown kind "${kindText}" (e.g. sao, อบต., subdistrict_municipality)`,
        );
      }
      const provinceText = normalizeThaiInput(record.province ?? '');
      const provinceName = stripPrefix(provinceText, ['จังหวัด', 'จ.']);
      const province = provinces.find(
        (p) =>
          p.geocode === provinceText ||
          p.provinceCode === provinceText ||
          stripPrefix(p.name, ['จังหวัด']) === provinceName,
      );
      if (province === undefined) {
        problem(
          line,
          'province',
          `ไม่พบจังหวัด "${provinceText}"`,
          `unknown province "${provinceText}"`,
        );
      }
      const districtText = normalizeThaiInput(record.district ?? '');
      let district: Place | undefined;
      if (districtText !== '' && province !== undefined) {
        const districtName = stripPrefix(districtText, ['อำเภอ', 'อ.', 'เขต']);
        district = districts.find(
          (d) =>
            d.provinceId === province.id &&
            (d.geocode === districtText || stripPrefix(d.name, ['อำเภอ', 'เขต']) === districtName),
        );
        if (district === undefined) {
          problem(
            line,
            'district',
            `ไม่พบอำเภอ "${districtText}" ในจังหวัด${provinceName}`,
            `unknown district "${districtText}" in ${provinceName}`,
          );
        }
      }
      const parentCode = (record.parent_code ?? '') === '' ? null : record.parent_code!;
      if (province === undefined || kind === undefined) continue;
      provinceIds.add(province.id);
      const inDistrict = district !== undefined;
      const supervisor =
        inDistrict && kind !== 'pao'
          ? (dlao.get(district!.id) ?? officeOf.get(province.id) ?? null)
          : (officeOf.get(province.id) ?? null);
      specs.push({
        line,
        spec: {
          code,
          kind,
          nameTh: name,
          shortName: null,
          sarabanPrefix: null,
          provinceCode: province.provinceCode,
          geocode: null,
          parentCode: parentCode ?? district?.code ?? province.code,
          supervisorCode: supervisor,
          provinceRef: province.code,
          districtRef: district?.code ?? null,
          derived: false,
        },
      });
    }
    if (problems.length > 0) return undefined;

    // Parents named in the file or already in the database; order parents first.
    const existing = await manager.query<Array<{ id: number; code: string }>>(
      `SELECT id, code FROM organisation WHERE code = ANY($1::text[])`,
      [[...new Set(specs.flatMap((s) => [s.spec.code, s.spec.parentCode ?? '']))]],
    );
    const existingIds = new Map(existing.map((e) => [e.code, e.id]));
    for (const { line, spec } of specs) {
      if (
        spec.parentCode !== null &&
        !existingIds.has(spec.parentCode) &&
        !fileCodes.has(spec.parentCode)
      ) {
        problem(
          line,
          'parent_code',
          `ไม่พบหน่วยงานต้นสังกัดรหัส ${spec.parentCode}`,
          `unknown parent code ${spec.parentCode}`,
        );
      }
      if (spec.parentCode === spec.code) {
        problem(
          line,
          'parent_code',
          'หน่วยงานเป็นต้นสังกัดของตัวเองไม่ได้',
          'an organisation cannot be its own parent',
        );
      }
    }
    if (problems.length > 0) return undefined;
    const ordered: OrganisationSpec[] = [];
    const placed = new Set<string>();
    let pending = specs.map((s) => s.spec);
    while (pending.length > 0) {
      const ready = pending.filter(
        (s) =>
          s.parentCode === null ||
          !fileCodes.has(s.parentCode) ||
          placed.has(s.parentCode) ||
          existingIds.has(s.parentCode),
      );
      if (ready.length === 0) {
        for (const s of pending)
          problem(
            fileCodes.get(s.code) ?? 0,
            'parent_code',
            'ต้นสังกัดวนกลับมาที่ตัวเอง',
            'parent codes form a cycle',
          );
        return undefined;
      }
      for (const s of ready) {
        ordered.push(s);
        placed.add(s.code);
      }
      pending = pending.filter((s) => !placed.has(s.code));
    }
    return {
      inserts: ordered.filter((s) => !existingIds.has(s.code)),
      updates: ordered
        .filter((s) => existingIds.has(s.code))
        .map((s) => ({ ...s, id: existingIds.get(s.code)! })),
      provinceIds,
      codes: [...fileCodes.keys()],
    };
  }

  private async applyUpdates(
    manager: EntityManager,
    updates: Array<OrganisationSpec & { id: number }>,
  ): Promise<number> {
    for (const u of updates) {
      const current = await manager.findOneByOrFail(Organisation, { id: u.id });
      const parent =
        u.parentCode === null
          ? null
          : await manager.findOneByOrFail(Organisation, { code: u.parentCode });
      if (parent && parent.path.startsWith(current.path)) {
        throw new Error(`Cannot move ${u.code} under its own descendant ${parent.code}`);
      }
      const ref = async (code: string | null): Promise<number | null> =>
        code === null ? null : (await manager.findOneByOrFail(Organisation, { code })).id;
      const newPath = `${parent?.path ?? '/'}${current.id}/`;
      await manager.update(
        Organisation,
        { id: u.id },
        {
          nameTh: u.nameTh,
          kind: u.kind,
          parentId: parent?.id ?? null,
          supervisorId: await ref(u.supervisorCode),
          provinceId: await ref(u.provinceRef),
          districtId: await ref(u.districtRef),
          provinceCode: u.provinceCode,
          source: 'import',
          derived: false,
          active: true,
        },
      );
      if (newPath !== current.path) {
        const shift = (parent?.depth ?? -1) + 1 - current.depth;
        await manager.query(
          `UPDATE organisation SET path = $1 || substr(path, length($2) + 1), depth = depth + $3
            WHERE path LIKE $4`,
          [newPath, current.path, shift, `${current.path}%`],
        );
      }
    }
    return updates.length;
  }
}
