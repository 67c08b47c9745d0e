import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import type { Organisation } from './organisation.entity.js';
import { ORGANISATION_KIND_LABEL_TH } from './organisation-kind.js';
import { OrganisationRepository } from './organisation.repository.js';
import type { OrganisationListQuery, PageQuery, SubtreeQuery } from './organisation-query.dto.js';
import { OrganisationView, type OrganisationPage, type SubtreeView } from './organisation.view.js';

/** Answers questions about the organisation tree for the API, the CLI and other features. */
@Injectable()
export class OrganisationDirectory {
  constructor(private readonly organisations: OrganisationRepository) {}

  async get(id: number): Promise<Organisation> {
    const found = await this.organisations.findById(id);
    if (!found) {
      throw ApiException.notFound(
        'id',
        `ไม่พบหน่วยงานรหัส ${String(id)}`,
        `No organisation with id ${id}`,
      );
    }
    return found;
  }

  async getByCode(code: string): Promise<Organisation> {
    const found = await this.organisations.findByCode(code);
    if (!found) {
      throw ApiException.notFound(
        'code',
        `ไม่พบหน่วยงานรหัส "${code}"`,
        `No organisation with code "${code}"`,
      );
    }
    return found;
  }

  async list(query: OrganisationListQuery): Promise<OrganisationPage> {
    const { items, total } = await this.organisations.list(
      {
        kind: query.kind,
        provinceId: query.provinceId,
        districtId: query.districtId,
        name: query.q,
        active: query.active,
      },
      query,
    );
    return {
      items: items.map((o) => OrganisationView.of(o)),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async children(id: number, page: PageQuery): Promise<OrganisationPage> {
    await this.get(id);
    const { items, total } = await this.organisations.children(id, page);
    return {
      items: items.map((o) => OrganisationView.of(o)),
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }

  async subtree(id: number, query: SubtreeQuery): Promise<SubtreeView> {
    const root = await this.get(id);
    const [counts, members] = await Promise.all([
      this.organisations.subtreeCounts(root),
      this.organisations.subtreeMembers(root, { kind: query.kind }, query),
    ]);
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const membersTotal =
      query.kind === undefined ? total : (counts.find((c) => c.kind === query.kind)?.count ?? 0);
    return {
      root: OrganisationView.of(root),
      total,
      countsByKind: counts.map((c) => ({ ...c, labelTh: ORGANISATION_KIND_LABEL_TH[c.kind] })),
      members: {
        items: members.map((o) => OrganisationView.of(o)),
        total: membersTotal,
        limit: query.limit,
        offset: query.offset,
      },
    };
  }

  async ancestors(id: number): Promise<OrganisationView[]> {
    const organisation = await this.get(id);
    return (await this.organisations.ancestors(organisation)).map((o) => OrganisationView.of(o));
  }
}
