import type { EntityManager } from 'typeorm';
import type { OrganisationSpec } from './dataset/organisation-spec.js';
import type { OrganisationSource } from './organisation.entity.js';

const CHUNK = 2_000;

interface Row {
  id: number;
  spec: OrganisationSpec;
  path: string;
  depth: number;
}

/**
 * Inserts many new organisations at once, inside the caller's transaction.
 *
 * Ids are reserved from the identity sequence first, so paths ("/1/5/300/") are computed
 * here and every row is written once, with multi-row `unnest` inserts. Parents must come
 * before their children in `specs`, or already exist in the database.
 */
export async function insertOrganisations(
  manager: EntityManager,
  specs: readonly OrganisationSpec[],
  source: OrganisationSource,
): Promise<number> {
  if (specs.length === 0) return 0;
  const codes = new Set<string>();
  for (const s of specs) {
    if (codes.has(s.code)) throw new Error(`Organisation code ${s.code} appears twice`);
    codes.add(s.code);
  }
  const reserved = await manager.query<Array<{ id: number }>>(
    `SELECT nextval(pg_get_serial_sequence('organisation', 'id'))::int AS id FROM generate_series(1, $1)`,
    [specs.length],
  );

  // Organisations referenced but not in this batch must already exist.
  const external = new Set<string>();
  for (const s of specs) {
    for (const ref of [s.parentCode, s.supervisorCode, s.provinceRef, s.districtRef]) {
      if (ref !== null && !codes.has(ref)) external.add(ref);
    }
  }
  const known = new Map<string, { id: number; path: string; depth: number }>();
  if (external.size > 0) {
    const found = await manager.query<
      Array<{ id: number; code: string; path: string; depth: number }>
    >(`SELECT id, code, path, depth FROM organisation WHERE code = ANY($1::text[])`, [
      [...external],
    ]);
    for (const f of found) known.set(f.code, f);
    const missing = [...external].filter((c) => !known.has(c));
    if (missing.length > 0) throw new Error(`Unknown organisation codes: ${missing.join(', ')}`);
  }

  const rows: Row[] = [];
  specs.forEach((spec, i) => {
    const id = reserved[i].id;
    const parent = spec.parentCode === null ? undefined : known.get(spec.parentCode);
    if (spec.parentCode !== null && parent === undefined) {
      throw new Error(`Parent ${spec.parentCode} of ${spec.code} must come before it`);
    }
    const path = `${parent?.path ?? '/'}${id}/`;
    const depth = parent === undefined ? 0 : parent.depth + 1;
    known.set(spec.code, { id, path, depth });
    rows.push({ id, spec, path, depth });
  });
  const idOf = (code: string | null): number | null => (code === null ? null : known.get(code)!.id);

  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const column = <T>(pick: (r: Row) => T): T[] => chunk.map(pick);
    await manager.query(
      `INSERT INTO organisation (id, code, kind, name_th, short_name, saraban_prefix, province_code,
         geocode, parent_id, supervisor_id, province_id, district_id, path, depth, derived, source, version)
       SELECT id, code, kind, name_th, short_name, saraban_prefix, province_code, geocode, parent_id,
         supervisor_id, province_id, district_id, path, depth, derived, $16, 1
       FROM unnest($1::int[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
         $7::varchar[], $8::varchar[], $9::int[], $10::int[], $11::int[], $12::int[], $13::text[],
         $14::smallint[], $15::boolean[])
         AS t(id, code, kind, name_th, short_name, saraban_prefix, province_code, geocode, parent_id,
           supervisor_id, province_id, district_id, path, depth, derived)`,
      [
        column((r) => r.id),
        column((r) => r.spec.code),
        column((r) => r.spec.kind),
        column((r) => r.spec.nameTh),
        column((r) => r.spec.shortName),
        column((r) => r.spec.sarabanPrefix),
        column((r) => r.spec.provinceCode),
        column((r) => r.spec.geocode),
        column((r) => idOf(r.spec.parentCode)),
        column((r) => idOf(r.spec.supervisorCode)),
        column((r) => idOf(r.spec.provinceRef)),
        column((r) => idOf(r.spec.districtRef)),
        column((r) => r.path),
        column((r) => r.depth),
        column((r) => r.spec.derived),
        source,
      ],
    );
  }
  return rows.length;
}
