import { Injectable } from '@nestjs/common';
import { ApiException, RequestContext } from '@wian/http';
import type { Actor } from '@wian/identity';
import { JobName, Outbox, QueueName } from '@wian/jobs';
import { isUniqueViolation, TransactionHost } from '@wian/persistence';
import type { DeliveryEvent, DeliveryEventType } from './delivery-machine.v1.js';
import {
  DELIVERY_WORKFLOW,
  EVENT_LABEL_TH,
  STATE_LABEL_TH,
  type PersistedDelivery,
} from './delivery-workflow.js';
import { Delivery } from './delivery.entity.js';

/** Columns a transition may set besides the snapshot (times, receipt, report). */
export type DeliveryColumns = Partial<
  Pick<
    Delivery,
    | 'receiptEntryId'
    | 'receivedAt'
    | 'acknowledgedAt'
    | 'forwardedAt'
    | 'doneAt'
    | 'doneNote'
    | 'doneEvidence'
    | 'instruction'
    | 'deadlineAt'
  >
>;

export interface TransitionCommand {
  deliveryId: string;
  event: DeliveryEvent;
  actor: Actor | null;
  /** If-Match: the version the caller saw; a different current version is a 409. */
  expectedVersion?: number;
  idempotencyKey?: string | null;
  payload?: Record<string, unknown>;
  /**
   * Work that belongs to the transition (a receipt register line, a forward's circular): runs
   * in the same transaction after the machine accepted the event, before the row is written.
   */
  effect?: (delivery: Delivery) => Promise<DeliveryColumns>;
  columns?: DeliveryColumns;
  /**
   * A check after the machine accepted the event, without writes (refuse by throwing); may
   * answer columns to set, like an effect, without needing a transaction.
   */
  check?: (delivery: Delivery) => Promise<DeliveryColumns | undefined>;
  /**
   * More CTEs of the write statement, written only when the transition is (they may read
   * `updated`); the function appends its parameters to `params` and returns the SQL.
   */
  alongside?: (delivery: Delivery, params: unknown[]) => string;
}

export interface TransitionOutcome {
  delivery: Delivery;
  eventId: string;
  /** True when an earlier request with the same idempotency key was answered again. */
  replayed: boolean;
}

/** Events that something after commit cares about (notices now, deadline scheduling next). */
const PUBLISHED: ReadonlySet<DeliveryEventType> = new Set([
  'RECEIVE',
  'FORWARD',
  'REPORT_DONE',
  'CLOSE',
  'REOPEN',
  'RECALL',
  'SUPERSEDE',
  'DEADLINE_MISSED',
  'ESCALATE',
  'DEADLINE_EXTENDED',
]);

const COLUMN_SQL: Record<keyof DeliveryColumns, string> = {
  receiptEntryId: 'receipt_entry_id',
  receivedAt: 'received_at',
  acknowledgedAt: 'acknowledged_at',
  forwardedAt: 'forwarded_at',
  doneAt: 'done_at',
  doneNote: 'done_note',
  doneEvidence: 'done_evidence',
  instruction: 'instruction',
  deadlineAt: 'deadline_at',
};

const stateText = (s: PersistedDelivery): string => `${s.value.progress}/${s.value.timeliness}`;

/**
 * Every change of a delivery goes through here: load the row, let its machine version decide,
 * write row (optimistic version), history event and outbox rows in one transaction.
 */
@Injectable()
export class DeliveryTransitions {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
  ) {}

  private columns: ReadonlyArray<readonly [string, string]> | undefined;

  async apply(command: TransitionCommand): Promise<TransitionOutcome> {
    // A transition with an effect (a receipt line, a forward's circular) runs in a transaction
    // with the row locked, so a concurrent one waits and then sees the new state. Without an
    // effect the single write statement is the transaction: the version check in its WHERE
    // refuses a concurrent loser, and nothing else was written.
    if (command.effect === undefined && !this.tx.inTransaction) return this.attempt(command, false);
    return this.tx.run(() => this.attempt(command, true));
  }

  private async attempt(command: TransitionCommand, lock: boolean): Promise<TransitionOutcome> {
    const manager = this.tx.manager;
    const key = command.idempotencyKey ?? null;
    const loaded = await this.loadWithReplay(command.deliveryId, key, lock);
    if (loaded.replay !== null) {
      if (loaded.replay.type !== command.event.type) {
        throw ApiException.conflict({
          field: 'idempotencyKey',
          rule: 'sameRequest',
          message_th: 'รหัสคำขอนี้ใช้กับการดำเนินการอื่นไปแล้ว',
          message_en: `this idempotency key was used for ${loaded.replay.type}, not ${command.event.type}`,
        });
      }
      return { delivery: loaded.delivery, eventId: loaded.replay.id, replayed: true };
    }
    const delivery = loaded.delivery;
    if (command.expectedVersion !== undefined && command.expectedVersion !== delivery.version)
      throw this.stale(delivery.version);
    if (!DELIVERY_WORKFLOW.has(delivery.machineVersion)) {
      throw ApiException.conflict({
        field: 'machineVersion',
        rule: 'machineVersionExists',
        message_th: `ขั้นตอนงานรุ่น ${delivery.machineVersion} ไม่มีแล้ว ผู้ดูแลระบบต้องย้ายรายการนี้ไปรุ่นปัจจุบันก่อน`,
        message_en: `delivery machine v${delivery.machineVersion} no longer exists; an administrator must upgrade this delivery first`,
      });
    }
    const result = DELIVERY_WORKFLOW.apply(
      delivery.machineVersion,
      delivery.snapshot,
      command.event,
    );
    if (!result.ok) throw this.refused(delivery, command.event.type, result.allowedIn);

    const checked = await command.check?.(delivery);
    const columns = { ...command.columns, ...checked, ...(await command.effect?.(delivery)) };
    const context = RequestContext.current();
    const publish = PUBLISHED.has(command.event.type);
    const params: unknown[] = [
      delivery.id,
      delivery.version,
      JSON.stringify(result.next),
      result.next.value.progress,
      result.next.value.timeliness,
      command.event.type,
      stateText(delivery.snapshot),
      command.actor?.kind === 'user' ? command.actor.userId : null,
      command.actor?.kind === 'user' ? command.actor.positionId : null,
      context?.onBehalfOfPositionId ?? null,
      context?.delegationId ?? null,
      command.actor?.kind === 'api_key' ? command.actor.apiKeyId : null,
      command.payload === undefined ? null : JSON.stringify(command.payload),
      key,
      publish ? QueueName.Circulation : null,
      JobName.DeliveryTransitioned,
    ];
    const sets = [
      'snapshot = $3',
      'state = $4',
      'timeliness = $5',
      'version = version + 1',
      'updated_at = now()',
    ];
    for (const [name, value] of Object.entries(columns) as Array<
      [keyof DeliveryColumns, unknown]
    >) {
      if (value === undefined) continue;
      params.push(name === 'doneEvidence' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${COLUMN_SQL[name]} = $${params.length}`);
    }
    let written: Array<{ id: string }>;
    try {
      // Row, history event and outbox row in one statement.
      written = await manager.query<Array<{ id: string }>>(
        `WITH updated AS (
           UPDATE delivery SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING id, version
         ), event AS (
           INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, actor_user_id, position_id,
             on_behalf_of_position_id, delegation_id, api_key_id, occurred_at, payload, idempotency_key)
           SELECT id, version, $6, $7, $4::varchar || '/' || $5::varchar, $8, $9, $10, $11, $12, now(), $13, $14
             FROM updated
           RETURNING id, delivery_id, seq
         ), published AS (
           INSERT INTO outbox_message (queue, job_name, job_id, payload)
           SELECT $15::varchar, $16::varchar, $16::varchar || '-' || delivery_id || '-' || seq,
                  jsonb_build_object('deliveryId', delivery_id, 'eventId', id, 'eventType', $6::varchar)
             FROM event WHERE $15::varchar IS NOT NULL
           ON CONFLICT (job_id) DO NOTHING
         )${command.alongside === undefined ? '' : `, ${command.alongside(delivery, params)}`}
         SELECT id FROM event`,
        params,
      );
    } catch (error) {
      if (
        key !== null &&
        isUniqueViolation(error, 'delivery_event_idempotency_key') &&
        !this.tx.inTransaction
      )
        return this.attempt(command, false);
      throw error;
    }
    if (written.length !== 1) throw this.stale(null);
    if (publish) await this.outbox.wakeAfterCommit();
    Object.assign(delivery, columns, {
      snapshot: result.next,
      state: result.next.value.progress,
      timeliness: result.next.value.timeliness,
      version: delivery.version + 1,
    });
    return { delivery, eventId: written[0].id, replayed: false };
  }

  /** The delivery (locked or not) and, for an idempotency key, the event it already produced. */
  private async loadWithReplay(
    id: string,
    key: string | null,
    lock: boolean,
  ): Promise<{ delivery: Delivery; replay: { id: string; type: string } | null }> {
    const rows = await this.tx.manager.query<Array<Record<string, unknown>>>(
      `SELECT d.*, r.id AS replay_id, r.type AS replay_type
         FROM delivery d LEFT JOIN delivery_event r ON r.delivery_id = d.id AND r.idempotency_key = $2
        WHERE d.id = $1 ${lock ? 'FOR UPDATE OF d' : ''}`,
      [id, key],
    );
    const row = rows[0];
    if (row === undefined)
      throw ApiException.notFound(
        'id',
        'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
        `No delivery with id ${id}`,
      );
    this.columns ??= this.tx.dataSource
      .getMetadata(Delivery)
      .columns.map((c) => [c.propertyName, c.databaseName] as const);
    const delivery = Object.assign(
      new Delivery(),
      Object.fromEntries(this.columns.map(([property, column]) => [property, row[column]])),
    );
    return {
      delivery,
      replay:
        row.replay_id === null
          ? null
          : { id: row.replay_id as string, type: row.replay_type as string },
    };
  }

  /**
   * One event for many deliveries at once (the deadline scheduler's DEADLINE_MISSED, ESCALATE):
   * the machine runs once per distinct snapshot, and one statement writes every row and its
   * history event. Deliveries whose state refuses the event are left alone and not returned.
   * No outbox rows: the caller notifies in bulk (digests).
   */
  async applyMany(
    deliveryIds: readonly string[],
    event: DeliveryEvent,
    payload: Record<string, unknown> | null = null,
  ): Promise<Array<{ id: string; recipientOrganisationId: number; escalationLevel: number }>> {
    if (deliveryIds.length === 0) return [];
    return this.tx.run(async (manager) => {
      const rows = await manager.query<
        Array<{
          id: string;
          machine_version: number;
          snapshot: PersistedDelivery;
          recipient_organisation_id: number;
        }>
      >(
        `SELECT id, machine_version, snapshot, recipient_organisation_id FROM delivery
          WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [deliveryIds],
      );
      const outcomes = new Map<string, PersistedDelivery | null>();
      const changed: Array<{
        id: string;
        from: PersistedDelivery;
        next: PersistedDelivery;
        org: number;
      }> = [];
      for (const row of rows) {
        const groupKey = `${row.machine_version}|${JSON.stringify(row.snapshot.value)}|${JSON.stringify(row.snapshot.context)}`;
        let next = outcomes.get(groupKey);
        if (next === undefined) {
          const result = DELIVERY_WORKFLOW.has(row.machine_version)
            ? DELIVERY_WORKFLOW.apply(row.machine_version, row.snapshot, event)
            : { ok: false as const, allowedIn: [] };
          next = result.ok ? result.next : null;
          outcomes.set(groupKey, next);
        }
        if (next !== null)
          changed.push({
            id: row.id,
            from: row.snapshot,
            next,
            org: row.recipient_organisation_id,
          });
      }
      if (changed.length === 0) return [];
      await manager.query(
        `WITH input AS (
           SELECT * FROM unnest($1::uuid[], $2::jsonb[], $3::varchar[], $4::varchar[], $5::varchar[])
             AS u(id, snapshot, state, timeliness, from_state)
         ), updated AS (
           UPDATE delivery d SET snapshot = i.snapshot, state = i.state, timeliness = i.timeliness,
                  version = d.version + 1, updated_at = now()
             FROM input i WHERE d.id = i.id
           RETURNING d.id, d.version, i.state, i.timeliness, i.from_state
         )
         INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, occurred_at, payload)
         SELECT id, version, $6, from_state, state || '/' || timeliness, now(), $7::jsonb FROM updated`,
        [
          changed.map((c) => c.id),
          changed.map((c) => JSON.stringify(c.next)),
          changed.map((c) => c.next.value.progress),
          changed.map((c) => c.next.value.timeliness),
          changed.map((c) => stateText(c.from)),
          event.type,
          payload === null ? null : JSON.stringify(payload),
        ],
      );
      return changed.map((c) => ({
        id: c.id,
        recipientOrganisationId: c.org,
        escalationLevel: c.next.context.escalationLevel,
      }));
    });
  }

  /**
   * A history event that changes no state (a reminder sent) for many deliveries at once; the
   * version still moves so the history keeps one row per version.
   */
  async recordMany(
    deliveryIds: readonly string[],
    type: string,
    payload: Record<string, unknown> | null | ReadonlyArray<Record<string, unknown> | null> = null,
  ): Promise<number> {
    if (deliveryIds.length === 0) return 0;
    const payloads = Array.isArray(payload)
      ? (payload as ReadonlyArray<Record<string, unknown> | null>)
      : deliveryIds.map(() => payload as Record<string, unknown> | null);
    const inserted = await this.tx.manager.query<Array<{ delivery_id: string }>>(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $3::jsonb[]) AS u(id, payload)
       ), updated AS (
         UPDATE delivery d SET version = d.version + 1, updated_at = now()
           FROM input i WHERE d.id = i.id
         RETURNING d.id, d.version, d.state || '/' || d.timeliness AS st, i.payload
       )
       INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, occurred_at, payload)
       SELECT id, version, $2, st, st, now(), payload FROM updated RETURNING delivery_id`,
      [deliveryIds, type, payloads.map((p) => (p === null ? null : JSON.stringify(p)))],
    );
    return inserted.length;
  }

  async load(id: string, lock = false): Promise<Delivery> {
    const found = await this.tx.repository(Delivery).findOne({
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (found === null)
      throw ApiException.notFound(
        'id',
        'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
        `No delivery with id ${id}`,
      );
    return found;
  }

  private refused(delivery: Delivery, type: DeliveryEventType, allowedIn: string[]): ApiException {
    const now = `${STATE_LABEL_TH[delivery.state]} / ${STATE_LABEL_TH[delivery.timeliness]}`;
    const allowedTh = allowedIn
      .map((s) => STATE_LABEL_TH[s as keyof typeof STATE_LABEL_TH])
      .join(', ');
    return new ApiException(
      409,
      `${type} is not allowed in state ${delivery.state}/${delivery.timeliness}`,
      [
        {
          field: 'state',
          rule: 'transitionAllowed',
          message_th:
            allowedIn.length === 0
              ? `${EVENT_LABEL_TH[type]}ไม่ได้ในสถานะ "${now}"`
              : `${EVENT_LABEL_TH[type]}ไม่ได้ในสถานะ "${now}" ทำได้เมื่อสถานะเป็น: ${allowedTh}`,
          message_en:
            allowedIn.length === 0
              ? `${type} is not allowed in state ${delivery.state}/${delivery.timeliness}`
              : `${type} is not allowed in state ${delivery.state}/${delivery.timeliness}; it is allowed in: ${allowedIn.join(', ')}`,
        },
      ],
    );
  }

  private stale(current: number | null): ApiException {
    return ApiException.conflict({
      field: 'version',
      rule: 'currentVersion',
      message_th: 'รายการนี้ถูกเปลี่ยนแปลงโดยผู้อื่นในขณะเดียวกัน โปรดโหลดใหม่แล้วลองอีกครั้ง',
      message_en:
        current === null
          ? 'this delivery was changed by someone else at the same time; reload and try again'
          : `this delivery is at version ${current}; reload and try again`,
    });
  }
}
