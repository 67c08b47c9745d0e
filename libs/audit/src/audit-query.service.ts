import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { escapeLike, TransactionHost } from '@wian/persistence';
import { auditEventsToCsv } from './audit-csv.js';
import { AuditEvent } from './audit-event.entity.js';

/** Filters of the administrator's audit list; every given filter must match. */
export interface AuditFilter {
  /**
   * Only these organisations' chains (the caller computes the subtree it may see); `null` in
   * the list stands for events without an organisation. An empty list matches nothing.
   * Undefined: every organisation.
   */
  organisationIds?: ReadonlyArray<number | null>;
  actorUserId?: string;
  /** Exact action, or a prefix when it ends with "." or "*": `auth.` matches `auth.login`. */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** occurred_at >= from */
  from?: Date;
  /** occurred_at < to */
  to?: Date;
}

export interface AuditPageRequest {
  /** 1..1000, default 100. */
  limit?: number;
  /** Return events older than this id (the `nextCursor` of the previous page). */
  before?: string;
}

export class AuditPage {
  /** Newest first. */
  @ApiProperty({ type: () => [AuditEvent], description: 'Newest first' })
  items!: AuditEvent[];

  /** Pass as `before` for the next page; absent on the last page. */
  @ApiPropertyOptional({
    example: '1001',
    description: 'Pass as `before` for the next page; absent on the last page',
  })
  nextCursor?: string;
}

export const AUDIT_PAGE_LIMIT_MAX = 1000;

/** Reads of the audit trail for administrators: filtered, newest first, keyset-paged. */
@Injectable()
export class AuditQuery {
  constructor(private readonly tx: TransactionHost) {}

  /** @throws RangeError for a limit outside 1..1000 or a cursor that is not an id. */
  async list(filter: AuditFilter, page: AuditPageRequest = {}): Promise<AuditPage> {
    const limit = page.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_PAGE_LIMIT_MAX) {
      throw new RangeError(`limit must be 1 to ${AUDIT_PAGE_LIMIT_MAX}, got ${limit}`);
    }
    if (page.before !== undefined && !/^[1-9][0-9]{0,18}$/.test(page.before)) {
      throw new RangeError(`before must be an audit event id, got "${page.before}"`);
    }
    const qb = this.tx.repository(AuditEvent).createQueryBuilder('e');
    if (filter.organisationIds !== undefined) {
      const ids = filter.organisationIds.filter((id): id is number => id !== null);
      const withoutOrganisation = filter.organisationIds.includes(null);
      if (ids.length === 0 && !withoutOrganisation) return { items: [] };
      const parts: string[] = [];
      if (ids.length > 0) parts.push('e.organisation_id = ANY(:orgIds)');
      if (withoutOrganisation) parts.push('e.organisation_id IS NULL');
      qb.andWhere(`(${parts.join(' OR ')})`, { orgIds: ids });
    }
    if (filter.actorUserId !== undefined) {
      qb.andWhere('e.actor_user_id = :actor', { actor: filter.actorUserId });
    }
    if (filter.action !== undefined) {
      const prefix = /[.*]$/.test(filter.action) ? filter.action.replace(/\*$/, '') : undefined;
      if (prefix === undefined) qb.andWhere('e.action = :action', { action: filter.action });
      else qb.andWhere('e.action LIKE :actionPrefix', { actionPrefix: `${escapeLike(prefix)}%` });
    }
    if (filter.entityType !== undefined) {
      qb.andWhere('e.entity_type = :entityType', { entityType: filter.entityType });
    }
    if (filter.entityId !== undefined) {
      qb.andWhere('e.entity_id = :entityId', { entityId: filter.entityId });
    }
    if (filter.from !== undefined) qb.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to !== undefined) qb.andWhere('e.occurred_at < :to', { to: filter.to });
    if (page.before !== undefined) qb.andWhere('e.id < :before', { before: page.before });
    const rows = await qb
      .orderBy('e.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    return rows.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items };
  }

  /** Every event matching `filter`, newest first, page by page (for exports). */
  async *stream(filter: AuditFilter, pageSize = AUDIT_PAGE_LIMIT_MAX): AsyncGenerator<AuditEvent> {
    let before: string | undefined;
    do {
      const page = await this.list(filter, { limit: pageSize, before });
      yield* page.items;
      before = page.nextCursor;
    } while (before !== undefined);
  }

  /** CSV of `events`: UTF-8 with BOM, English and Thai header (see auditEventsToCsv). */
  toCsv(events: readonly AuditEvent[]): string {
    return auditEventsToCsv(events);
  }
}
