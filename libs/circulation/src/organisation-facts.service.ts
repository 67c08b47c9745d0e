import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { toThaiDigits } from '@wian/thai';

export interface OrganisationFact {
  id: number;
  path: string;
  kind: string;
  nameTh: string;
  active: boolean;
}

const TTL_MS = 60_000;
const MAX = 20_000;

/**
 * What circulation reads about an organisation on every command (path, kind, name), kept a
 * minute: the tree changes a few times a year, by import.
 */
@Injectable()
export class OrganisationFacts {
  private readonly cache = new Map<number, { fact: OrganisationFact; until: number }>();

  constructor(private readonly tx: TransactionHost) {}

  async facts(id: number, field = 'organisationId'): Promise<OrganisationFact> {
    const hit = this.cache.get(id);
    if (hit !== undefined && hit.until > Date.now()) return hit.fact;
    const rows = await this.tx.manager.query<
      Array<{ id: number; path: string; kind: string; name_th: string; active: boolean }>
    >(`SELECT id, path, kind, name_th, active FROM organisation WHERE id = $1`, [id]);
    const row = rows[0];
    if (row === undefined)
      throw ApiException.notFound(
        field,
        `ไม่พบหน่วยงานรหัส ${toThaiDigits(id)}`,
        `No organisation with id ${id}`,
      );
    const fact = {
      id: row.id,
      path: row.path,
      kind: row.kind,
      nameTh: row.name_th,
      active: row.active,
    };
    if (this.cache.size >= MAX) this.cache.clear();
    this.cache.set(id, { fact, until: Date.now() + TTL_MS });
    return fact;
  }
}
