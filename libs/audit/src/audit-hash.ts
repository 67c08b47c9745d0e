import { createHash } from 'node:crypto';

/**
 * The fields of an audit row that its hash covers: every column except `id` (assigned by
 * the database) and `hash` itself, under the column names an auditor sees in SQL.
 */
export interface AuditHashInput {
  chainSeq: string;
  occurredAt: Date;
  action: string;
  entityType: string | null;
  entityId: string | null;
  organisationId: number | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  positionId: string | null;
  onBehalfOfPositionId: string | null;
  delegationId: string | null;
  requestId: string | null;
  ip: string | null;
  payload: Record<string, unknown>;
  prevHash: string | null;
}

/**
 * Canonical JSON (RFC 8785, "JCS", for the values wian stores): object keys sorted by UTF-16
 * code units, no whitespace, strings and numbers written as `JSON.stringify` writes them,
 * `Date`s as ISO-8601 UTC strings with milliseconds (`2026-01-31T03:04:05.678Z`).
 *
 * @throws TypeError for values JSON cannot represent faithfully (undefined, functions,
 *   symbols, bigints, NaN, ±Infinity, invalid dates).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('canonicalJson: invalid Date');
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${String(value)}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  throw new TypeError('canonicalJson: unsupported value');
}

/**
 * The payload exactly as it comes back from the `jsonb` column: what `JSON.stringify` keeps
 * (undefined members dropped, dates as ISO strings, NaN as null), as a plain object.
 *
 * @throws TypeError when the payload is not a JSON object.
 */
export function normalisePayload(payload: unknown): Record<string, unknown> {
  if (payload === undefined || payload === null) return {};
  const text = JSON.stringify(payload) as string | undefined;
  const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('An audit payload must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** The object hashed for a row: its columns except `id` and `hash`, under their SQL names. */
export function auditHashObject(row: AuditHashInput): Record<string, unknown> {
  return {
    action: row.action,
    actor_api_key_id: row.actorApiKeyId,
    actor_user_id: row.actorUserId,
    chain_seq: row.chainSeq,
    delegation_id: row.delegationId,
    entity_id: row.entityId,
    entity_type: row.entityType,
    ip: row.ip,
    occurred_at: row.occurredAt,
    on_behalf_of_position_id: row.onBehalfOfPositionId,
    organisation_id: row.organisationId,
    payload: row.payload,
    position_id: row.positionId,
    prev_hash: row.prevHash,
    request_id: row.requestId,
  };
}

/** The canonical document hashed for a row: its columns under their SQL names. */
export function auditHashDocument(row: AuditHashInput): string {
  return canonicalJson(auditHashObject(row));
}

/**
 * The hash of an audit row:
 *
 *     hash = lower-hex SHA-256 of UTF-8( (prev_hash ?? '') + '\n' + canonicalJson(document) )
 *
 * where `document` is the object of the row's columns except `id` and `hash`, keyed by column
 * name, with `chain_seq` as a decimal string, `organisation_id` as a number or null,
 * `occurred_at` as an ISO-8601 UTC string with milliseconds and `payload` as stored (see
 * {@link canonicalJson}). The first row of a chain has `prev_hash` null (hashed as '').
 * docs/audit-trail.md gives the recipe for independent verification.
 */
export function auditHash(row: AuditHashInput): string {
  return createHash('sha256')
    .update(`${row.prevHash ?? ''}\n${auditHashDocument(row)}`, 'utf8')
    .digest('hex');
}
