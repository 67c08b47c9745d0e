import { Injectable } from '@nestjs/common';
import { ApiException, RequestContext } from '@wian/http';
import type { Actor } from '@wian/identity';
import { JobName, Outbox, QueueName } from '@wian/jobs';
import { isUniqueViolation, queryPrepared, SqlParams, TransactionHost } from '@wian/persistence';
import { Circular } from './circular.entity.js';
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

/** An enclosure of the delivery's letter, as a forward carries it. */
export interface CarriedEnclosure {
  description: string;
  count: number;
  unit: string;
  fileId: string | null;
  link: string | null;
}

/** What {@link DeliveryTransitions.read} also reads, in the same query. */
export interface ReadOptions {
  /** The event an earlier request with this key produced, if any. */
  idempotencyKey?: string | null;
  /** Lock the row until the transaction ends (only inside one). */
  lock?: boolean;
  /** The delivery's circular. */
  circular?: boolean;
  /** The enclosures of the circular's letter (needs `circular`). */
  enclosures?: boolean;
  /** The acknowledgement this user already made of the delivery, if any. */
  acknowledgedBy?: string;
}

/** A delivery as one query read it, with what {@link ReadOptions} asked for. */
export interface LoadedDelivery {
  delivery: Delivery;
  replay: { id: string; type: string } | null;
  circular: Circular | null;
  enclosures: CarriedEnclosure[];
  acknowledgementId: string | null;
}

export interface TransitionCommand {
  deliveryId: string;
  /**
   * The statement's parameters, when the caller has already built CTEs of its own with them
   * (for `alongside`); the transition adds its own.
   */
  params?: SqlParams;
  /**
   * The delivery as the caller has just read it ({@link DeliveryTransitions.read}, with the
   * same idempotency key): not read again; the write's version check refuses it if it changed.
   */
  loaded?: LoadedDelivery;
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
   * answer columns to set, like an effect, without needing a transaction, and prepare SQL for
   * `computed` and `alongside` with the statement's parameters.
   */
  check?: (delivery: Delivery, params: SqlParams) => Promise<DeliveryColumns | undefined>;
  /**
   * More CTEs of the write statement, written only when the transition is (they may read
   * `updated`); the function appends its parameters to `params` and returns the SQL.
   */
  alongside?: (delivery: Delivery, params: SqlParams) => string;
  /**
   * Columns whose values the statement computes (SQL expressions, which may add parameters);
   * they are returned and set on the delivery like `columns`.
   */
  computed?: (delivery: Delivery, params: SqlParams) => Partial<Record<keyof DeliveryColumns, string>>;
  /**
   * A condition over the `alongside` CTEs that must hold once the row is written; when it does
   * not, the statement refuses itself as a whole (`wian_abort`, isStatementAbort) and nothing
   * is written: for work that rides along and may find its own reason not to write.
   */
  mustHold?: { sql: string; message: string };
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

const COLUMN_CAST: Record<keyof DeliveryColumns, string> = {
  receiptEntryId: 'uuid',
  receivedAt: 'timestamptz',
  acknowledgedAt: 'timestamptz',
  forwardedAt: 'timestamptz',
  doneAt: 'timestamptz',
  doneNote: 'text',
  doneEvidence: 'jsonb',
  instruction: 'text',
  deadlineAt: 'timestamptz',
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
    // A transition with an effect (a receipt line, a forward's circular) runs in a transaction
    // with the row locked, so a concurrent one waits and then sees the new state. Without an
    // effect the single write statement is the transaction: the version check in its WHERE
    // refuses a concurrent loser, and nothing else was written.
    if (command.effect === undefined && !this.tx.inTransaction)
      return this.attempt(command, false, command.loaded);
    // Read before the transaction: the row was not locked, the version check decides.
    if (command.loaded !== undefined)
      return this.tx.run(() => this.attempt(command, false, command.loaded));
    return this.tx.run(() => this.attempt(command, true));
  }

  private async attempt(
    command: TransitionCommand,
    lock: boolean,
    loaded?: LoadedDelivery,
  ): Promise<TransitionOutcome> {
    const key = command.idempotencyKey ?? null;
    const read = loaded ?? (await this.read(command.deliveryId, { idempotencyKey: key, lock }));
    if (read.replay !== null) {
      if (read.replay.type !== command.event.type) {
        throw ApiException.conflict({
          field: 'idempotencyKey',
          rule: 'sameRequest',
          message_th: 'รหัสคำขอนี้ใช้กับการดำเนินการอื่นไปแล้ว',
          message_en: `this idempotency key was used for ${read.replay.type}, not ${command.event.type}`,
        });
      }
      return { delivery: read.delivery, eventId: read.replay.id, replayed: true };
    }
    const delivery = read.delivery;
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

    const params = command.params ?? new SqlParams();
    const checked = await command.check?.(delivery, params);
    const columns = { ...command.columns, ...checked, ...(await command.effect?.(delivery)) };
    const context = RequestContext.current();
    const publish = PUBLISHED.has(command.event.type);
    const p = (value: unknown, cast: string): string => params.add(value, cast);
    const id = p(delivery.id, 'uuid');
    const version = p(delivery.version, 'int');
    const state = p(result.next.value.progress, 'varchar');
    const timeliness = p(result.next.value.timeliness, 'varchar');
    const type = p(command.event.type, 'varchar');
    const sets = [
      `snapshot = ${p(JSON.stringify(result.next), 'jsonb')}`,
      `state = ${state}`,
      `timeliness = ${timeliness}`,
      'version = version + 1',
      'updated_at = now()',
    ];
    for (const [name, value] of Object.entries(columns) as Array<
      [keyof DeliveryColumns, unknown]
    >) {
      if (value === undefined) continue;
      const cast = COLUMN_CAST[name];
      sets.push(
        `${COLUMN_SQL[name]} = ${p(name === 'doneEvidence' && value !== null ? JSON.stringify(value) : value, cast)}`,
      );
    }
    const computed = Object.entries(command.computed?.(delivery, params) ?? {}) as Array<
      [keyof DeliveryColumns, string]
    >;
    for (const [name, sql] of computed) sets.push(`${COLUMN_SQL[name]} = ${sql}`);
    const returned = computed.map(([name]) => `, updated.${COLUMN_SQL[name]} AS "${name}"`).join('');
    const queue = publish ? p(QueueName.Circulation, 'varchar') : 'NULL::varchar';
    const job = p(JobName.DeliveryTransitioned, 'varchar');
    // Row, history event and outbox row in one statement, with whatever rides along.
    const text = `WITH updated AS (
         UPDATE delivery SET ${sets.join(', ')} WHERE id = ${id} AND version = ${version}
         RETURNING id, version${computed.map(([name]) => `, ${COLUMN_SQL[name]}`).join('')}
       ), event AS (
         INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, actor_user_id, position_id,
           on_behalf_of_position_id, delegation_id, api_key_id, occurred_at, payload, idempotency_key)
         SELECT id, version, ${type}, ${p(stateText(delivery.snapshot), 'varchar')},
                ${state} || '/' || ${timeliness},
                ${p(command.actor?.kind === 'user' ? command.actor.userId : null, 'uuid')},
                ${p(command.actor?.kind === 'user' ? command.actor.positionId : null, 'uuid')},
                ${p(context?.onBehalfOfPositionId ?? null, 'uuid')}, ${p(context?.delegationId ?? null, 'uuid')},
                ${p(command.actor?.kind === 'api_key' ? command.actor.apiKeyId : null, 'uuid')}, now(),
                ${p(command.payload === undefined ? null : JSON.stringify(command.payload), 'jsonb')},
                ${p(key, 'varchar')}
           FROM updated
         RETURNING id, delivery_id, seq
       ), published AS (
         INSERT INTO outbox_message (queue, job_name, job_id, payload)
         SELECT ${queue}, ${job}, ${job} || '-' || delivery_id || '-' || seq,
                jsonb_build_object('deliveryId', delivery_id, 'eventId', id, 'eventType', ${type})
           FROM event WHERE ${queue} IS NOT NULL
         ON CONFLICT (job_id) DO NOTHING
       )${command.alongside === undefined ? '' : `, ${command.alongside(delivery, params)}`}
       SELECT event.id${returned}${
         command.mustHold === undefined
           ? ''
           : `, CASE WHEN ${command.mustHold.sql} THEN true ELSE wian_abort(${p(command.mustHold.message, 'text')}) END AS held`
       } FROM event, updated`;
    let written: Array<{ id: string } & Record<string, unknown>>;
    try {
      written = await queryPrepared(this.tx.manager, text, params.values);
    } catch (error) {
      if (
        key !== null &&
        command.params === undefined &&
        isUniqueViolation(error, 'delivery_event_idempotency_key') &&
        !this.tx.inTransaction
      )
        return this.attempt(command, false);
      throw error;
    }
    if (written.length !== 1) throw this.stale(null);
    if (publish) await this.outbox.wakeAfterCommit();
    const [{ id: eventId, ...values }] = written;
    delete values.held;
    Object.assign(delivery, columns, values, {
      snapshot: result.next,
      state: result.next.value.progress,
      timeliness: result.next.value.timeliness,
      version: delivery.version + 1,
    });
    return { delivery, eventId, replayed: false };
  }

  /**
   * The delivery (locked or not) in one query with what `options` asks for: the event an
   * idempotency key already produced, the circular and its letter's enclosures, an official's
   * acknowledgement.
   */
  async read(id: string, options: ReadOptions = {}): Promise<LoadedDelivery> {
    const circular = options.circular === true;
    const params: unknown[] = [id, options.idempotencyKey ?? null];
    const selects = ['d.*', 'r.id AS replay_id', 'r.type AS replay_type'];
    if (circular) {
      selects.push(...this.circularColumns().map(([, column]) => `c.${column} AS "c__${column}"`));
      if (options.enclosures === true)
        selects.push(`(SELECT json_agg(json_build_object('description', e.description, 'count', e.count,
                   'unit', e.unit, 'fileId', e.file_id, 'link', e.link) ORDER BY e.ord)
              FROM document_enclosure e WHERE e.document_id = c.document_id) AS enclosures`);
    }
    if (options.acknowledgedBy !== undefined) {
      params.push(options.acknowledgedBy);
      selects.push(`(SELECT a.id FROM delivery_acknowledgement a
          WHERE a.delivery_id = d.id AND a.user_id = $3::uuid LIMIT 1) AS acknowledgement_id`);
    }
    const rows = await queryPrepared<Record<string, unknown>>(
      this.tx.manager,
      `SELECT ${selects.join(', ')}
         FROM delivery d LEFT JOIN delivery_event r ON r.delivery_id = d.id AND r.idempotency_key = $2::varchar
         ${circular ? 'JOIN circular c ON c.id = d.circular_id' : ''}
        WHERE d.id = $1::uuid ${options.lock === true ? 'FOR UPDATE OF d' : ''}`,
      params,
    );
    const row = rows[0];
    if (row === undefined)
      throw ApiException.notFound(
        'id',
        'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
        `No delivery with id ${id}`,
      );
    const delivery = Object.assign(
      new Delivery(),
      Object.fromEntries(this.deliveryColumns().map(([property, column]) => [property, row[column]])),
    );
    return {
      delivery,
      replay:
        row.replay_id === null
          ? null
          : { id: row.replay_id as string, type: row.replay_type as string },
      circular: circular
        ? Object.assign(
            new Circular(),
            Object.fromEntries(
              this.circularColumns().map(([property, column]) => [property, row[`c__${column}`]]),
            ),
          )
        : null,
      enclosures: (row.enclosures as CarriedEnclosure[] | null | undefined) ?? [],
      acknowledgementId: (row.acknowledgement_id as string | null | undefined) ?? null,
    };
  }

  private deliveryColumnList: ReadonlyArray<readonly [string, string]> | undefined;
  private circularColumnList: ReadonlyArray<readonly [string, string]> | undefined;

  private deliveryColumns(): ReadonlyArray<readonly [string, string]> {
    return (this.deliveryColumnList ??= this.columnsOf(Delivery));
  }

  private circularColumns(): ReadonlyArray<readonly [string, string]> {
    return (this.circularColumnList ??= this.columnsOf(Circular));
  }

  private columnsOf(entity: typeof Delivery | typeof Circular): Array<readonly [string, string]> {
    return this.tx.dataSource
      .getMetadata(entity)
      .columns.map((c) => [c.propertyName, c.databaseName] as const);
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
