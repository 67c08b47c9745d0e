import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';

export interface OrganisationFact {
  id: number;
  path: string;
  kind: string;
  nameTh: string;
  active: boolean;
}

interface FactRow {
  id: number;
  path: string;
  kind: string;
  name_th: string;
  active: boolean;
}

const factOf = (row: FactRow): OrganisationFact => ({
  id: row.id,
  path: row.path,
  kind: row.kind,
  nameTh: row.name_th,
  active: row.active,
});

const TTL_MS = 60_000;

/**
 * Units that act for the organisation above them: its divisions, groups and sections, and the
 * local-administration office of a province or district (สถ.จ., สถ.อ.).
 */
export const OWN_UNIT_KINDS: ReadonlySet<string> = new Set([
  'internal_unit',
  'division',
  'provincial_la_office',
  'district_la_office',
]);
const MAX = 20_000;

/**
 * What circulation reads about an organisation on every command (path, kind, name), kept a
 * minute: the tree changes a few times a year, by import. A miss reloads the whole tree when
 * the last whole load is a minute old (up to MAX organisations), else reads the one.
 */
@Injectable()
export class OrganisationFacts {
  private readonly cache = new Map<number, { fact: OrganisationFact; until: number }>();

  constructor(private readonly tx: TransactionHost) {}

  async facts(id: number, field = 'organisationId'): Promise<OrganisationFact> {
    const hit = this.cache.get(id);
    if (hit !== undefined && hit.until > Date.now()) return hit.fact;
    if (Date.now() - this.wholeTreeAt > TTL_MS) {
      // The whole tree (~10,000 rows, one query) rather than one organisation at a time: a
      // national circular touches most of it within the minute.
      await (this.loading ??= this.loadWholeTree().finally(() => (this.loading = null)));
      const loaded = this.cache.get(id);
      if (loaded !== undefined && loaded.until > Date.now()) return loaded.fact;
    }
    const rows = await this.tx.manager.query<FactRow[]>(
      `SELECT id, path, kind, name_th, active FROM organisation WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    if (row === undefined)
      throw ApiException.notFound(
        field,
        `ไม่พบหน่วยงานรหัส ${String(id)}`,
        `No organisation with id ${id}`,
      );
    const fact = factOf(row);
    if (this.cache.size >= MAX) this.cache.clear();
    this.cache.set(id, { fact, until: Date.now() + TTL_MS });
    return fact;
  }

  private wholeTreeAt = 0;
  private loading: Promise<void> | null = null;

  private async loadWholeTree(): Promise<void> {
    const at = Date.now();
    const rows = await this.tx.manager.query<FactRow[]>(
      `SELECT id, path, kind, name_th, active FROM organisation
        WHERE (SELECT count(*) FROM organisation) <= $1`,
      [MAX],
    );
    this.wholeTreeAt = at;
    if (rows.length === 0) return;
    this.cache.clear();
    for (const row of rows) this.cache.set(row.id, { fact: factOf(row), until: at + TTL_MS });
  }

  /**
   * Whether `unitId` is one of `ownerId`'s own units: below it, with every organisation on the
   * way (the unit included) of a kind that acts for the one above (OWN_UNIT_KINDS). A district
   * under a province is not; the province's สถ.จ. and its groups are.
   */
  async isOwnUnit(unitId: number, ownerId: number): Promise<boolean> {
    if (unitId === ownerId) return true;
    const unit = await this.facts(unitId);
    const owner = await this.facts(ownerId);
    if (!unit.path.startsWith(owner.path)) return false;
    const between = unit.path
      .slice(owner.path.length)
      .split('/')
      .filter((part) => part !== '')
      .map(Number);
    for (const id of between) if (!OWN_UNIT_KINDS.has((await this.facts(id)).kind)) return false;
    return true;
  }
}
