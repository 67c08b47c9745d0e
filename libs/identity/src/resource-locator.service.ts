import { isUUID } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import type { ResourceSpec } from '@wian/http';

export interface LocatedOrganisation {
  organisationId: number;
  organisationPath: string;
}

const NAMES: Record<ResourceSpec['kind'], [string, string]> = {
  organisation: ['หน่วยงาน', 'organisation'],
  position: ['ตำแหน่ง', 'position'],
  user: ['ผู้ใช้', 'user'],
  delegation: ['การมอบอำนาจ', 'delegation'],
  api_key: ['กุญแจ API', 'API key'],
  register: ['ทะเบียน', 'register'],
  register_entry: ['รายการในทะเบียน', 'register entry'],
  document: ['หนังสือ', 'document'],
  file: ['ไฟล์', 'file'],
  circular: ['หนังสือเวียน', 'circular'],
  delivery: ['รายการหนังสือเวียนถึงหน่วยงาน', 'delivery'],
};

/**
 * The internal units a recipient's head routed the circular to (สั่งการ, the acknowledgement
 * rows the instruction wrote): their officials acknowledge it, so they read the letter too.
 */
const ROUTED_UNITS = `SELECT a.unit_organisation_id AS org_id
    FROM delivery d JOIN delivery_acknowledgement a ON a.delivery_id = d.id
   WHERE d.circular_id IN (SELECT id FROM reader_seed) AND a.unit_organisation_id IS NOT NULL`;

/**
 * The circulars through which a resource is shared, as three CTEs over `$1` (the resource id):
 * `tree_seed` (circulars whose senders, up the tree, may read), `reader_seed` (circulars whose
 * recipients may) and `extra` (other organisations). Null when the kind shares nothing that
 * way (a delivery is shared with its senders only).
 */
function sharedSeeds(
  kind: ResourceSpec['kind'],
  mode: NonNullable<ResourceSpec['shared']>,
): string | null {
  const none = 'SELECT NULL::uuid AS id WHERE false';
  const readers = (circulars: string) => (mode === 'readers' ? circulars : none);
  switch (kind) {
    case 'circular':
      return `tree_seed AS (SELECT $1::uuid AS id),
              reader_seed AS (${readers('SELECT $1::uuid AS id')}), extra AS (${ROUTED_UNITS})`;
    case 'document': {
      // The letter of a circular; a classified letter is for its named positions only.
      const letterOf = `SELECT c.id FROM circular c JOIN document doc ON doc.id = c.document_id
                         WHERE c.document_id = $1::uuid AND doc.secrecy = 'none'`;
      return `tree_seed AS (${letterOf}), reader_seed AS (${readers(letterOf)}),
              extra AS (${ROUTED_UNITS})`;
    }
    case 'file': {
      const enclosed = `SELECT c.id FROM document_enclosure e
                          JOIN document doc ON doc.id = e.document_id AND doc.secrecy = 'none'
                          JOIN circular c ON c.document_id = e.document_id
                         WHERE e.file_id = $1::uuid`;
      // Evidence is uploaded by the reporting recipient (DeliveryActions.reportDone checks it),
      // so its deliveries are found among that organisation's.
      const evidence = `SELECT d.circular_id, d.recipient_organisation_id FROM stored_file f
                          JOIN delivery d ON d.recipient_organisation_id = f.organisation_id
                         WHERE f.id = $1::uuid AND d.done_evidence ->> 'fileId' = $1::text`;
      return `evidence AS (${evidence}),
              tree_seed AS (${enclosed} UNION SELECT circular_id FROM evidence),
              reader_seed AS (${readers(enclosed)}),
              extra AS (SELECT recipient_organisation_id AS org_id FROM evidence
                        UNION ${ROUTED_UNITS})`;
    }
    case 'delivery':
      // The status of a delivery, for the senders of its circular's tree: the recipient's
      // history and acknowledgements are what its senders follow up. A classified letter's
      // delivery stays where it is.
      return mode === 'senders'
        ? `tree_seed AS (SELECT c.id FROM delivery d JOIN circular c ON c.id = d.circular_id
                          JOIN document doc ON doc.id = c.document_id AND doc.secrecy = 'none'
                         WHERE d.id = $1::uuid),
           reader_seed AS (${none}), extra AS (SELECT NULL::int AS org_id WHERE false)`
        : null;
    case 'organisation':
    case 'position':
    case 'user':
    case 'delegation':
    case 'api_key':
    case 'register':
    case 'register_entry':
      return null;
  }
}

const PATH_CACHE_MS = 60_000;
const PATH_CACHE_MAX = 20_000;

/**
 * Finds the organisation(s) a request is about, for the policy. A user belongs to the
 * organisations of the positions they hold now or later.
 */
@Injectable()
export class ResourceLocator {
  /**
   * Organisation id → path, for a minute: the tree changes a few times a year (imports), and
   * this lookup is on every authorised request.
   */
  private readonly paths = new Map<number, { path: string; until: number }>();

  constructor(private readonly tx: TransactionHost) {}

  /** The answer without a query when it is cached (organisations only), else undefined. */
  cached(kind: ResourceSpec['kind'], raw: unknown): LocatedOrganisation[] | undefined {
    if (kind !== 'organisation') return undefined;
    const id =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim())
          ? Number(raw)
          : Number.NaN;
    const hit = this.paths.get(id);
    return hit !== undefined && hit.until > Date.now()
      ? [{ organisationId: id, organisationPath: hit.path }]
      : undefined;
  }

  async locate(
    kind: ResourceSpec['kind'],
    field: string,
    raw: unknown,
  ): Promise<LocatedOrganisation[]> {
    const [th, en] = NAMES[kind];
    const id = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    const valid = kind === 'organisation' ? /^\d{1,9}$/.test(id) : isUUID(id);
    if (!valid) {
      throw ApiException.badRequest({
        field,
        rule: kind === 'organisation' ? 'isInt' : 'isUUID',
        message_th: `${field} ต้องเป็นรหัส${th}ที่ถูกต้อง`,
        message_en: `${field} must be a valid ${en} id`,
      });
    }
    const rows = await this.tx.manager.query<LocatedOrganisation[]>(this.sql(kind), [
      kind === 'organisation' ? Number(id) : id,
    ]);
    const first = rows[0];
    if (kind === 'organisation' && first !== undefined) {
      if (this.paths.size >= PATH_CACHE_MAX) this.paths.clear();
      this.paths.set(first.organisationId, {
        path: first.organisationPath,
        until: Date.now() + PATH_CACHE_MS,
      });
    }
    if (rows.length === 0 && kind !== 'user') {
      throw ApiException.notFound(field, `ไม่พบ${th}รหัส ${id}`, `No ${en} with id ${id}`);
    }
    if (kind === 'user') {
      const exists = await this.tx.manager.query<unknown[]>(
        'SELECT 1 FROM app_user WHERE id = $1',
        [id],
      );
      if (exists.length === 0)
        throw ApiException.notFound(field, `ไม่พบ${th}รหัส ${id}`, `No ${en} with id ${id}`);
    }
    return rows;
  }

  /**
   * Where circulation shared a resource (`ResourceSpec.shared`), keeping only the organisations
   * on the line of `near` (the actor's own, those above it and those under it): no scope of
   * the policy lets an actor through for an organisation beside it, so nothing is lost and a
   * national circular does not bring back its thousands of recipients. The id was checked by
   * `locate()` first.
   */
  async shared(
    kind: ResourceSpec['kind'],
    mode: NonNullable<ResourceSpec['shared']>,
    id: string,
    near: string,
  ): Promise<LocatedOrganisation[]> {
    const seeds = sharedSeeds(kind, mode);
    if (seeds === null) return [];
    return this.tx.manager.query<LocatedOrganisation[]>(
      `WITH RECURSIVE ${seeds},
       -- the senders of those circulars and of the circulars they were forwarded from
       up AS (
         SELECT c.id, c.sender_organisation_id AS org_id, c.parent_delivery_id
           FROM circular c WHERE c.id IN (SELECT id FROM tree_seed)
         UNION
         SELECT p.id, p.sender_organisation_id, p.parent_delivery_id
           FROM up JOIN delivery d ON d.id = up.parent_delivery_id JOIN circular p ON p.id = d.circular_id
       ),
       orgs AS (
         SELECT org_id FROM up
         UNION SELECT d.recipient_organisation_id FROM delivery d
                WHERE d.circular_id IN (SELECT id FROM reader_seed)
         UNION SELECT org_id FROM extra
       )
       SELECT o.id AS "organisationId", o.path AS "organisationPath"
         FROM orgs JOIN organisation o ON o.id = orgs.org_id
        WHERE starts_with($2::text, o.path) OR starts_with(o.path, $2::text)`,
      [id, near],
    );
  }

  private sql(kind: ResourceSpec['kind']): string {
    const select =
      'SELECT DISTINCT o.id AS "organisationId", o.path AS "organisationPath" FROM organisation o';
    switch (kind) {
      case 'organisation':
        return `${select} WHERE o.id = $1`;
      case 'position':
        return `${select} JOIN position p ON p.organisation_id = o.id WHERE p.id = $1`;
      case 'user':
        return `${select} JOIN position p ON p.organisation_id = o.id
                JOIN position_holding h ON h.position_id = p.id
               WHERE h.user_id = $1 AND (h.ends_on IS NULL OR h.ends_on >= CURRENT_DATE)`;
      case 'delegation':
        return `${select} JOIN position p ON p.organisation_id = o.id
                JOIN delegation d ON d.principal_position_id = p.id WHERE d.id = $1`;
      case 'api_key':
        return `${select} JOIN api_key k ON k.organisation_id = o.id WHERE k.id = $1`;
      case 'register':
        return `${select} JOIN register r ON r.organisation_id = o.id WHERE r.id = $1`;
      case 'register_entry':
        return `${select} JOIN register r ON r.organisation_id = o.id
                JOIN register_entry e ON e.register_id = r.id WHERE e.id = $1`;
      case 'document':
        return `${select} JOIN document d ON d.issuing_organisation_id = o.id WHERE d.id = $1`;
      case 'file':
        return `${select} JOIN stored_file f ON f.organisation_id = o.id WHERE f.id = $1`;
      case 'circular':
        return `${select} JOIN circular c ON c.sender_organisation_id = o.id WHERE c.id = $1`;
      case 'delivery':
        return `${select} JOIN delivery d ON d.recipient_organisation_id = o.id WHERE d.id = $1`;
    }
  }
}
