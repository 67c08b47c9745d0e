import { Injectable } from '@nestjs/common';
import { ApiException, RequestContext } from '@wian/http';
import type { Actor } from '@wian/identity';
import { JobName, jobId, Outbox, type OutboxEntry } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
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

  async apply(command: TransitionCommand): Promise<TransitionOutcome> {
    return this.tx.run(async (manager) => {
      const key = command.idempotencyKey ?? null;
      if (key !== null) {
        const replay = await manager.query<Array<{ id: string; type: string }>>(
          `SELECT id, type FROM delivery_event WHERE delivery_id = $1 AND idempotency_key = $2`,
          [command.deliveryId, key],
        );
        if (replay[0] !== undefined) {
          if (replay[0].type !== command.event.type) {
            throw ApiException.conflict({
              field: 'idempotencyKey',
              rule: 'sameRequest',
              message_th: 'รหัสคำขอนี้ใช้กับการดำเนินการอื่นไปแล้ว',
              message_en: `this idempotency key was used for ${replay[0].type}, not ${command.event.type}`,
            });
          }
          const delivery = await this.load(command.deliveryId);
          return { delivery, eventId: replay[0].id, replayed: true };
        }
      }
      // Locked: a concurrent transition of the same delivery waits, then sees the new state.
      const delivery = await this.load(command.deliveryId, true);
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

      const columns = { ...command.columns, ...(await command.effect?.(delivery)) };
      const sets = [
        'snapshot = $3',
        'state = $4',
        'timeliness = $5',
        'version = version + 1',
        'updated_at = now()',
      ];
      const params: unknown[] = [
        delivery.id,
        delivery.version,
        JSON.stringify(result.next),
        result.next.value.progress,
        result.next.value.timeliness,
      ];
      for (const [name, value] of Object.entries(columns) as Array<
        [keyof DeliveryColumns, unknown]
      >) {
        if (value === undefined) continue;
        params.push(name === 'doneEvidence' && value !== null ? JSON.stringify(value) : value);
        sets.push(`${COLUMN_SQL[name]} = $${params.length}`);
      }
      // An UPDATE answers [rows, affected] through TypeORM.
      const [updated] = await manager.query<[Array<{ version: number }>, number]>(
        `UPDATE delivery SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
        params,
      );
      if (updated.length !== 1) throw this.stale(null);

      const context = RequestContext.current();
      const userId = command.actor?.kind === 'user' ? command.actor.userId : null;
      const inserted = await manager.query<Array<{ id: string }>>(
        `INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, actor_user_id,
           position_id, on_behalf_of_position_id, delegation_id, api_key_id, occurred_at, payload, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), $11, $12) RETURNING id`,
        [
          delivery.id,
          delivery.version + 1,
          command.event.type,
          stateText(delivery.snapshot),
          stateText(result.next),
          userId,
          command.actor?.kind === 'user' ? command.actor.positionId : null,
          context?.onBehalfOfPositionId ?? null,
          context?.delegationId ?? null,
          command.actor?.kind === 'api_key' ? command.actor.apiKeyId : null,
          command.payload === undefined ? null : JSON.stringify(command.payload),
          key,
        ],
      );
      const eventId = inserted[0].id;
      if (PUBLISHED.has(command.event.type)) {
        const entry: OutboxEntry<JobName.DeliveryTransitioned> = {
          name: JobName.DeliveryTransitioned,
          jobId: jobId(JobName.DeliveryTransitioned, delivery.id, delivery.version + 1),
          payload: { deliveryId: delivery.id, eventId, eventType: command.event.type },
        };
        await this.outbox.add([entry]);
      }
      Object.assign(delivery, columns, {
        snapshot: result.next,
        state: result.next.value.progress,
        timeliness: result.next.value.timeliness,
        version: delivery.version + 1,
      });
      return { delivery, eventId, replayed: false };
    });
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
    payload: Record<string, unknown> | null = null,
  ): Promise<number> {
    if (deliveryIds.length === 0) return 0;
    const inserted = await this.tx.manager.query<Array<{ delivery_id: string }>>(
      `WITH updated AS (
         UPDATE delivery SET version = version + 1, updated_at = now()
          WHERE id = ANY($1::uuid[]) RETURNING id, version, state || '/' || timeliness AS st
       )
       INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, occurred_at, payload)
       SELECT id, version, $2, st, st, now(), $3::jsonb FROM updated RETURNING delivery_id`,
      [deliveryIds, type, payload === null ? null : JSON.stringify(payload)],
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
