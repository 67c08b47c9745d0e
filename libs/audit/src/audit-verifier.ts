import type { EntityManager } from 'typeorm';
import { auditHash } from './audit-hash.js';

export type AuditBreakReason = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';

/** The first row at which a chain stops being intact. */
export interface AuditBreak {
  id: string;
  organisationId: number | null;
  chainSeq: string;
  reason: AuditBreakReason;
}

export interface AuditVerification {
  ok: boolean;
  /** Chains seen (all of them when ok). */
  chains: number;
  /** Rows checked (all of them when ok; up to and including the broken one otherwise). */
  rows: number;
  firstBroken?: AuditBreak;
}

export interface AuditVerifyOptions {
  /** Rows read per query (default 5,000). */
  batchSize?: number;
}

interface StoredRow {
  id: string;
  chain_seq: string;
  occurred_at: Date;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  organisation_id: number | null;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  position_id: string | null;
  on_behalf_of_position_id: string | null;
  delegation_id: string | null;
  request_id: string | null;
  ip: string | null;
  payload: Record<string, unknown>;
  prev_hash: string | null;
  hash: string;
}

const COLUMNS = `id, chain_seq, occurred_at, action, entity_type, entity_id, organisation_id,
  actor_user_id, actor_api_key_id, position_id, on_behalf_of_position_id, delegation_id,
  request_id, ip, payload, prev_hash, hash`;

/** Walks one ordered stream of rows (chains one after another) and stops at the first break. */
class ChainWalker {
  chains = 0;
  rows = 0;
  private chainKey: number | null | undefined = undefined;
  private expectedSeq = 1n;
  private previousHash: string | null = null;

  check(row: StoredRow): AuditBreak | undefined {
    if (row.organisation_id !== this.chainKey || this.chains === 0) {
      this.chains++;
      this.chainKey = row.organisation_id;
      this.expectedSeq = 1n;
      this.previousHash = null;
    }
    this.rows++;
    const reason = this.reasonOf(row);
    if (reason !== undefined) {
      return {
        id: row.id,
        organisationId: row.organisation_id,
        chainSeq: row.chain_seq,
        reason,
      };
    }
    this.expectedSeq++;
    this.previousHash = row.hash;
    return undefined;
  }

  private reasonOf(row: StoredRow): AuditBreakReason | undefined {
    if (BigInt(row.chain_seq) !== this.expectedSeq) return 'sequence_gap';
    if (row.prev_hash !== this.previousHash) return 'prev_hash_mismatch';
    const recomputed = auditHash({
      chainSeq: row.chain_seq,
      occurredAt: row.occurred_at,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      organisationId: row.organisation_id,
      actorUserId: row.actor_user_id,
      actorApiKeyId: row.actor_api_key_id,
      positionId: row.position_id,
      onBehalfOfPositionId: row.on_behalf_of_position_id,
      delegationId: row.delegation_id,
      requestId: row.request_id,
      ip: row.ip,
      payload: row.payload,
      prevHash: row.prev_hash,
    });
    return recomputed === row.hash ? undefined : 'hash_mismatch';
  }
}

/**
 * Checks every chain of the audit trail: in each organisation's chain (and the chain of events
 * without one) `chain_seq` runs 1, 2, 3… without gaps, each `prev_hash` is the previous row's
 * `hash`, and each `hash` matches the row's recomputed hash. Reads in keyset-paged batches
 * along the (organisation_id, chain_seq) index, so memory stays flat on millions of rows.
 * Stops at the first broken row (chains in order: without organisation, then by id).
 */
export async function verifyAuditChains(
  manager: EntityManager,
  options: AuditVerifyOptions = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  const walker = new ChainWalker();
  const walk = async (
    page: (after: StoredRow | undefined) => Promise<StoredRow[]>,
  ): Promise<AuditBreak | undefined> => {
    let last: StoredRow | undefined;
    for (;;) {
      const rows = await page(last);
      for (const row of rows) {
        const broken = walker.check(row);
        if (broken !== undefined) return broken;
      }
      if (rows.length < batchSize) return undefined;
      last = rows.at(-1);
    }
  };

  const firstBroken =
    (await walk((after) =>
      manager.query<StoredRow[]>(
        `SELECT ${COLUMNS} FROM audit_event
          WHERE organisation_id IS NULL AND chain_seq > $1
          ORDER BY chain_seq LIMIT $2`,
        [after?.chain_seq ?? '0', batchSize],
      ),
    )) ??
    (await walk((after) =>
      after === undefined
        ? manager.query<StoredRow[]>(
            `SELECT ${COLUMNS} FROM audit_event WHERE organisation_id IS NOT NULL
              ORDER BY organisation_id, chain_seq LIMIT $1`,
            [batchSize],
          )
        : manager.query<StoredRow[]>(
            `SELECT ${COLUMNS} FROM audit_event
              WHERE (organisation_id, chain_seq) > ($1::int, $2::bigint)
              ORDER BY organisation_id, chain_seq LIMIT $3`,
            [after.organisation_id, after.chain_seq, batchSize],
          ),
    ));
  return firstBroken === undefined
    ? { ok: true, chains: walker.chains, rows: walker.rows }
    : { ok: false, chains: walker.chains, rows: walker.rows, firstBroken };
}
