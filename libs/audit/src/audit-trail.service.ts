import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@wian/thai';
import { TransactionHost } from '@wian/persistence';
import type { EntityManager } from 'typeorm';
import { AUDIT_CLOCK } from './audit-clock.token.js';
import type { AuditEntry } from './audit-entry.js';
import { AuditEvent } from './audit-event.entity.js';
import { auditHash, normalisePayload } from './audit-hash.js';
import {
  AuditSqlValue,
  canonicalTemplate,
  documentTemplate,
  normaliseSqlPayload,
  templateSql,
  type AuditSqlEntry,
  type SqlParameterSink,
} from './audit-sql.js';
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

interface ChainTip {
  chainSeq: string;
  hash: string;
}

/**
 * SQL of a FROM item that locks `organisation`'s chain until the transaction ends and then
 * yields its last row as `tip_seq`, `tip_hash` (no row for an empty chain). `organisation` is
 * an SQL expression of type integer (a placeholder). A hot path folds it into a statement it
 * sends anyway, with {@link AuditTrail.appendSql} for the rows; the statement must take its
 * other locks before it (make the argument depend on a row it writes first).
 */
export function auditChainTipSql(organisation: string): string {
  return `audit_chain_tip(${organisation})`;
}

/**
 * The `from` of {@link AuditTrail.appendSql} in a set-based statement: each row's entries onto
 * its own chain's tip, paired with its command's row of \`input i\` (by `i.id`) through `tip`,
 * a CTE with one row per chain and the columns `tip_org` and `row_id` (the row's id).
 * `columns` of `tip` are what the entries' SQL values read, as `r.<column>`.
 */
export function eachRowOnItsChain(
  tip: string,
  columns: readonly string[] = [],
): (source: string) => string {
  const read = columns.map((column) => `, t.${column}`).join('');
  return (
    source,
  ) => `(SELECT coalesce(s.tip_seq, 0) + 1 AS seq, s.tip_hash::text AS prev, t.row_id${read}
             FROM ${source} s JOIN ${tip} t ON t.tip_org = s.tip_org) r
          JOIN input i ON i.id = r.row_id`;
}

interface TipRow {
  tip_seq: string;
  tip_hash: string;
}

type EventFields = ReturnType<typeof fieldsOf>;

/** An entry checked and completed from the request context: the columns before chaining. */
function fieldsOf(entry: AuditEntry, context: RequestContextData | undefined) {
  if (!ACTION.test(entry.action) || entry.action.length > 64) {
    throw new RangeError(`Audit action must look like "context.verb", got "${entry.action}"`);
  }
  const entityId = entry.entityId ?? null;
  return {
    action: entry.action,
    entityType: limited('entity type', entry.entityType ?? null, 64),
    entityId: limited('entity id', entityId === null ? null : String(entityId), 64),
    organisationId: pick(entry, context, 'organisationId'),
    actorUserId: pick(entry, context, 'actorUserId'),
    actorApiKeyId: pick(entry, context, 'actorApiKeyId'),
    positionId: pick(entry, context, 'positionId'),
    onBehalfOfPositionId: pick(entry, context, 'onBehalfOfPositionId'),
    delegationId: pick(entry, context, 'delegationId'),
    requestId: clipped(pick(entry, context, 'requestId'), 128),
    ip: clipped(pick(entry, context, 'ip'), 64),
    payload: normalisePayload(entry.payload),
  };
}

/**
 * Appends to the audit trail inside the caller's transaction, so the entry commits or rolls
 * back with the write it describes. Appends to one organisation's chain are serialised by a
 * transaction-scoped advisory lock (taken by `audit_chain_tip()`, migration
 * AuditChainTip1764110100000); different organisations append in parallel.
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
   * Two round trips: `audit_chain_tip()` locks the chain and reads its last row, then the
   * INSERT.
   *
   * @throws RangeError for an action that is not `context.verb` or an over-long field.
   */
  async record(entry: AuditEntry): Promise<AuditEvent> {
    const [event] = await this.recordAll([entry]);
    return event;
  }

  /**
   * Records several events in order, in the same two round trips as one: the tips of their
   * chains (locked in ascending organisation order, so two callers cannot deadlock on each
   * other's chains), then one multi-row INSERT. Nothing is written when an entry is refused.
   *
   * @throws RangeError as {@link record}.
   */
  async recordAll(entries: AuditEntry[]): Promise<AuditEvent[]> {
    if (entries.length === 0) return [];
    const context = RequestContext.current();
    const rows = entries.map((entry) => fieldsOf(entry, context));
    return this.tx.run(async (manager) => {
      const chains = [...new Set(rows.map((r) => r.organisationId))].sort(
        (a, b) => (a ?? 0) - (b ?? 0),
      );
      const tips = new Map<number | null, ChainTip | null>();
      if (chains.length === 1) {
        const [tip] = await manager.query<TipRow[]>(
          'SELECT tip_seq, tip_hash FROM audit_chain_tip($1::int)',
          [chains[0]],
        );
        tips.set(
          chains[0],
          tip === undefined ? null : { chainSeq: tip.tip_seq, hash: tip.tip_hash },
        );
      } else {
        // One call per chain, in the order given (the locks are taken in that order).
        const found = await manager.query<Array<TipRow & { org: number | null }>>(
          `SELECT c.org, t.tip_seq, t.tip_hash
             FROM unnest($1::int[]) WITH ORDINALITY AS c(org, i)
             LEFT JOIN LATERAL audit_chain_tip(c.org) AS t ON true
            ORDER BY c.i`,
          [chains],
        );
        for (const tip of found) {
          tips.set(
            tip.org,
            tip.tip_seq === null ? null : { chainSeq: tip.tip_seq, hash: tip.tip_hash },
          );
        }
      }
      return this.append(manager, rows, tips);
    });
  }

  /**
   * CTEs (`audit_1`, `audit_2`…, or `<name>_1`… to keep two sets apart in one statement) that
   * append `entries` to `organisationId`'s chain inside the caller's statement, onto the tip that the statement's CTE `tipSource` read with
   * {@link auditChainTipSql} (columns tip_seq, tip_hash: one row when the entries are to be
   * written, none otherwise). The database computes each hash, SHA-256 over the same canonical
   * document (rendered here, with the statement's own values filled in where the payload holds
   * {@link AuditSqlValue}s): appending costs no round trip, and a statement that does all its
   * writes this way is atomic without an explicit transaction. The result is what
   * {@link record} would have written; verifyAuditChains checks it the same way.
   *
   * A set-based statement appends one entry per row of its input (each on a chain of its own):
   * `params` is then a sink that turns each value into a column of the row
   * (`InputRow`), and `from(source)` the FROM clause that pairs each row with its tip
   * ({@link eachRowOnItsChain}): it
   * yields `r.seq` (the new chain_seq) and `r.prev` (the tip's hash) besides what the entries'
   * SQL values read. Each CTE returns tip_seq, tip_hash and tip_org for the next entry.
   *
   * @throws Error for an entry of another chain or a condition on an entry that is not the
   *   last; RangeError as {@link record}.
   */
  appendSql(
    params: SqlParameterSink,
    tipSource: string,
    organisationId: number | null,
    entries: AuditSqlEntry[],
    name = 'audit',
    from: (source: string) => string = (source) =>
      `(SELECT coalesce(s.tip_seq, 0) + 1 AS seq, s.tip_hash::text AS prev FROM ${source} s) r`,
  ): string[] {
    const context = RequestContext.current();
    const occurredAt = this.clock.now();
    let source = tipSource;
    return entries.map((entry, i) => {
      const { payload, when, ...rest } = entry;
      if (when !== undefined && i < entries.length - 1) {
        throw new Error('AuditTrail.appendSql(): only the last entry may have a condition');
      }
      const fields = fieldsOf(rest, context);
      if (fields.organisationId !== organisationId) {
        throw new Error('AuditTrail.appendSql(): every entry must belong to the tip’s chain');
      }
      const values = normaliseSqlPayload(payload);
      // The payload's canonical text is sent once: the hashed document embeds the same SQL
      // expression that fills the payload column.
      const payloadSql = templateSql(params, canonicalTemplate(values));
      const document = documentTemplate(
        { ...fields, chainSeq: '', occurredAt, prevHash: null },
        new AuditSqlValue(payloadSql),
        `'"' || r.seq::text || '"'`,
        `coalesce('"' || r.prev || '"', 'null')`,
      );
      const p = (value: unknown, cast: string): string => params.add(value, cast);
      const cteName = `${name}_${i + 1}`;
      const cte = `${cteName} AS (INSERT INTO audit_event (chain_seq, occurred_at, action, entity_type,
           entity_id, organisation_id, actor_user_id, actor_api_key_id, position_id,
           on_behalf_of_position_id, delegation_id, request_id, ip, payload, prev_hash, hash)
         SELECT r.seq, ${p(occurredAt, 'timestamptz')}, ${p(fields.action, 'text')},
                ${p(fields.entityType, 'text')}, ${p(fields.entityId, 'text')},
                ${p(fields.organisationId, 'int')}, ${p(fields.actorUserId, 'uuid')},
                ${p(fields.actorApiKeyId, 'uuid')}, ${p(fields.positionId, 'uuid')},
                ${p(fields.onBehalfOfPositionId, 'uuid')}, ${p(fields.delegationId, 'uuid')},
                ${p(fields.requestId, 'text')}, ${p(fields.ip, 'text')},
                (${payloadSql})::jsonb, r.prev,
                encode(sha256(convert_to(coalesce(r.prev, '') || chr(10) || ${templateSql(
                  params,
                  document,
                )}, 'UTF8')), 'hex')
           FROM ${from(source)}${when === undefined ? '' : `\n          WHERE ${when}`}
         RETURNING chain_seq AS tip_seq, hash AS tip_hash, organisation_id AS tip_org)`;
      source = cteName;
      return cte;
    });
  }

  /** Chains the rows onto the given tips and writes them in one INSERT. */
  private async append(
    manager: EntityManager,
    rows: EventFields[],
    tips: Map<number | null, ChainTip | null>,
  ): Promise<AuditEvent[]> {
    const occurredAt = this.clock.now();
    const chained = rows.map((fields) => {
      const last = tips.get(fields.organisationId) ?? null;
      const row = {
        ...fields,
        chainSeq: last === null ? '1' : (BigInt(last.chainSeq) + 1n).toString(),
        occurredAt,
        prevHash: last?.hash ?? null,
      };
      const hash = auditHash(row);
      tips.set(fields.organisationId, { chainSeq: row.chainSeq, hash });
      return { ...row, hash };
    });
    const params: unknown[] = [];
    const values = chained.map((row) => {
      const first = params.length;
      params.push(
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
        row.hash,
      );
      const n = (k: number): string => `$${first + k}`;
      return `(${n(1)}::bigint, ${n(2)}::timestamptz, ${[3, 4, 5].map(n).join(', ')}, ${n(6)}::int, ${[
        7, 8, 9, 10, 11, 12, 13,
      ]
        .map(n)
        .join(', ')}, ${n(14)}::jsonb, ${n(15)}, ${n(16)})`;
    });
    const inserted = await manager.query<Array<{ id: string }>>(
      `INSERT INTO audit_event (chain_seq, occurred_at, action, entity_type, entity_id,
         organisation_id, actor_user_id, actor_api_key_id, position_id,
         on_behalf_of_position_id, delegation_id, request_id, ip, payload, prev_hash, hash)
       VALUES ${values.join(', ')}
       RETURNING id`,
      params,
    );
    // Rows come back in VALUES order (a plain multi-row INSERT ... RETURNING keeps it).
    return chained.map((row, i) => manager.create(AuditEvent, { ...row, id: inserted[i].id }));
  }
}
