import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@wian/thai';
import { TransactionHost } from '@wian/persistence';
import { AUDIT_CLOCK } from './audit-clock.token.js';
import type { AuditEntry } from './audit-entry.js';
import { AuditEvent } from './audit-event.entity.js';
import { auditHash, normalisePayload } from './audit-hash.js';
import { RequestContext, type RequestContextData } from '@wian/http';

/** Class key of `pg_advisory_xact_lock(class, organisation)` owned by the audit trail. */
export const AUDIT_CHAIN_LOCK_CLASS = 71_402;

const ACTION = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/;

function limited(field: string, value: string | null, max: number): string | null {
  if (value !== null && (value.length === 0 || value.length > max)) {
    throw new RangeError(`Audit ${field} must have 1 to ${max} characters, got ${value.length}`);
  }
  return value;
}

/** Caller-supplied text (request id, address) is cut to the column rather than refused. */
function clipped(value: string | null, max: number): string | null {
  return value === null ? null : value.slice(0, max);
}

function pick<K extends keyof RequestContextData & keyof AuditEntry>(
  entry: AuditEntry,
  context: RequestContextData | undefined,
  key: K,
): NonNullable<AuditEntry[K]> | NonNullable<RequestContextData[K]> | null {
  const own = entry[key];
  if (own !== undefined) return own ?? null;
  return context?.[key] ?? null;
}

/**
 * Appends to the audit trail inside the caller's transaction, so the entry commits or rolls
 * back with the write it describes. Appends to one organisation's chain are serialised by a
 * transaction-scoped advisory lock; different organisations append in parallel.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly tx: TransactionHost,
    @Inject(AUDIT_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Records one event (fields not given come from the current {@link RequestContext}).
   * Joins the open transaction, or runs in its own when there is none. The chain's lock is
   * held until that transaction ends, so record late in a long transaction.
   *
   * @throws RangeError for an action that is not `context.verb` or an over-long field.
   */
  async record(entry: AuditEntry): Promise<AuditEvent> {
    const context = RequestContext.current();
    if (!ACTION.test(entry.action) || entry.action.length > 64) {
      throw new RangeError(`Audit action must look like "context.verb", got "${entry.action}"`);
    }
    const organisationId = pick(entry, context, 'organisationId');
    const entityId = entry.entityId ?? null;
    const fields = {
      action: entry.action,
      entityType: limited('entity type', entry.entityType ?? null, 64),
      entityId: limited('entity id', entityId === null ? null : String(entityId), 64),
      organisationId,
      actorUserId: pick(entry, context, 'actorUserId'),
      actorApiKeyId: pick(entry, context, 'actorApiKeyId'),
      positionId: pick(entry, context, 'positionId'),
      onBehalfOfPositionId: pick(entry, context, 'onBehalfOfPositionId'),
      delegationId: pick(entry, context, 'delegationId'),
      requestId: clipped(pick(entry, context, 'requestId'), 128),
      ip: clipped(pick(entry, context, 'ip'), 64),
      payload: normalisePayload(entry.payload),
    };
    return this.tx.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [
        AUDIT_CHAIN_LOCK_CLASS,
        organisationId ?? 0,
      ]);
      // Read after the lock: the previous holder has committed, so its row is visible.
      const [last] = await manager.query<Array<{ chain_seq: string; hash: string }>>(
        organisationId === null
          ? `SELECT chain_seq, hash FROM audit_event WHERE organisation_id IS NULL
              ORDER BY chain_seq DESC LIMIT 1`
          : `SELECT chain_seq, hash FROM audit_event WHERE organisation_id = $1
              ORDER BY chain_seq DESC LIMIT 1`,
        organisationId === null ? [] : [organisationId],
      );
      const row = {
        ...fields,
        chainSeq: last === undefined ? '1' : (BigInt(last.chain_seq) + 1n).toString(),
        occurredAt: this.clock.now(),
        prevHash: last?.hash ?? null,
      };
      const hash = auditHash(row);
      const [inserted] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO audit_event (chain_seq, occurred_at, action, entity_type, entity_id,
           organisation_id, actor_user_id, actor_api_key_id, position_id,
           on_behalf_of_position_id, delegation_id, request_id, ip, payload, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16)
         RETURNING id`,
        [
          row.chainSeq,
          row.occurredAt,
          row.action,
          row.entityType,
          row.entityId,
          row.organisationId,
          row.actorUserId,
          row.actorApiKeyId,
          row.positionId,
          row.onBehalfOfPositionId,
          row.delegationId,
          row.requestId,
          row.ip,
          JSON.stringify(row.payload),
          row.prevHash,
          hash,
        ],
      );
      return manager.create(AuditEvent, { ...row, id: inserted.id, hash });
    });
  }
}
