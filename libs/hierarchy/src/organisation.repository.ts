import { Injectable } from '@nestjs/common';
import { containsPattern, escapeLike, TransactionHost } from '@wian/persistence';
import { Organisation } from './organisation.entity.js';
import type { OrganisationKind } from './organisation-kind.js';

export interface Page {
  limit: number;
  offset: number;
}

export interface OrganisationFilter {
  kind?: OrganisationKind;
  provinceId?: number;
  districtId?: number;
  /** Substring of the Thai (or short) name. */
  name?: string;
  active?: boolean;
}

/** Reads of the organisation tree. Subtrees are prefix scans of the materialised path. */
@Injectable()
export class OrganisationRepository {
  constructor(private readonly tx: TransactionHost) {}

  private get repo() {
    return this.tx.repository(Organisation);
  }

  findById(id: number): Promise<Organisation | null> {
    return this.repo.findOneBy({ id });
  }

  findByCode(code: string): Promise<Organisation | null> {
    return this.repo.findOneBy({ code });
  }

  findByIds(ids: readonly number[]): Promise<Organisation[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo
      .createQueryBuilder('o')
      .where('o.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  async list(
    filter: OrganisationFilter,
    page: Page,
  ): Promise<{ items: Organisation[]; total: number }> {
    const qb = this.repo.createQueryBuilder('o');
    if (filter.kind !== undefined) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.provinceId !== undefined)
      qb.andWhere('o.province_id = :provinceId', { provinceId: filter.provinceId });
    if (filter.districtId !== undefined)
      qb.andWhere('o.district_id = :districtId', { districtId: filter.districtId });
    if (filter.active !== undefined) qb.andWhere('o.active = :active', { active: filter.active });
    if (filter.name !== undefined) {
      const pattern = containsPattern(filter.name);
      qb.andWhere('(o.name_th ILIKE :pattern OR o.short_name ILIKE :pattern)', { pattern });
      // Exact and shorter names first: "สกลนคร" finds the province before its districts.
      qb.orderBy('(o.short_name = :exact OR o.name_th = :exact)', 'DESC')
        .setParameter('exact', filter.name)
        .addOrderBy('length(o.name_th)', 'ASC');
    }
    qb.addOrderBy('o.depth', 'ASC').addOrderBy('o.path', 'ASC').skip(page.offset).take(page.limit);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  async children(id: number, page: Page): Promise<{ items: Organisation[]; total: number }> {
    const [items, total] = await this.repo.findAndCount({
      where: { parentId: id },
      order: { kind: 'ASC', nameTh: 'ASC' },
      skip: page.offset,
      take: page.limit,
    });
    return { items, total };
  }

  /** How many organisations of each kind are in the subtree under `root` (root excluded). */
  async subtreeCounts(
    root: Organisation,
  ): Promise<Array<{ kind: OrganisationKind; count: number }>> {
    const rows = await this.tx.manager.query<Array<{ kind: OrganisationKind; count: number }>>(
      `SELECT kind, count(*)::int AS count FROM organisation
        WHERE path LIKE $1 AND id <> $2 GROUP BY kind ORDER BY kind`,
      [`${escapeLike(root.path)}%`, root.id],
    );
    return rows;
  }

  /** One page of the subtree in tree order (count them with {@link subtreeCounts}). */
  subtreeMembers(
    root: Organisation,
    filter: { kind?: OrganisationKind },
    page: Page,
  ): Promise<Organisation[]> {
    const qb = this.repo
      .createQueryBuilder('o')
      .where('o.path LIKE :prefix', { prefix: `${escapeLike(root.path)}%` })
      .andWhere('o.id <> :rootId', { rootId: root.id });
    if (filter.kind !== undefined) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    return qb.orderBy('o.path', 'ASC').offset(page.offset).limit(page.limit).getMany();
  }

  /** Refreshes the planner's statistics after a bulk load or import. */
  async analyze(): Promise<void> {
    await this.tx.manager.query('ANALYZE organisation');
  }

  /** Every id in the subtree (root included): what a fan-out to "all of them" reads. */
  async subtreeIds(root: Organisation): Promise<number[]> {
    const rows = await this.tx.manager.query<Array<{ id: number }>>(
      `SELECT id FROM organisation WHERE path LIKE $1`,
      [`${escapeLike(root.path)}%`],
    );
    return rows.map((r) => r.id);
  }

  /** From the root of the tree down to the parent of `organisation`. */
  async ancestors(organisation: Organisation): Promise<Organisation[]> {
    const ids = organisation.path
      .split('/')
      .filter((part) => part !== '')
      .map(Number)
      .filter((id) => id !== organisation.id);
    const found = await this.findByIds(ids);
    return found.sort((a, b) => a.depth - b.depth);
  }
}
