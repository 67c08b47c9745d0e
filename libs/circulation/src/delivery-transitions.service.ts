import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiException, RequestContext, type RequestContextData } from '@wian/http';
import type { Actor } from '@wian/identity';
import { JobName, Outbox, QueueName } from '@wian/jobs';
import {
  Coalescer,
  type InputRow,
  isUniqueViolation,
  queryPrepared,
  SqlParams,
  TransactionHost,
} from '@wian/persistence';
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
  /** The number and date of the circular's letter (needs `circular`), to cite it. */
  letter?: boolean;
  /** The acknowledgement this user already made of the delivery, if any. */
  acknowledgedBy?: string;
}

/**
 * `LATERAL (… l.tid)`: the row of \`table\` whose id is \`id\`, for a set-based statement to
 * join by \`ctid\`. A plain join would let the planner hash a table it believes small: a cached
 * plan keeps that belief while the table grows (a national fan-out fills \`delivery\` in
 * seconds) and reads the whole table at every call. This form is an index probe per row, always.
 */
function byId(table: string, id: string): string {
  return `LATERAL (SELECT x.ctid AS tid FROM ${table} x WHERE x.id = ${id} LIMIT 1) l`;
}

interface ReadRequest {
  id: string;
  options: ReadOptions;
}

/** A delivery as one query read it, with what {@link ReadOptions} asked for. */
export interface LoadedDelivery {
  delivery: Delivery;
  replay: { id: string; type: string } | null;
  circular: Circular | null;
  enclosures: CarriedEnclosure[];
  /** The circular's letter as cited (อ้างถึง): its number and date (ISO), when read. */
  letter: { number: string | null; date: string | null } | null;
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
  computed?: (
    delivery: Delivery,
    params: SqlParams,
  ) => Partial<Record<keyof DeliveryColumns, string>>;
  /**
   * Work like `alongside`, but set-based, so that concurrent commands of one kind are written by
   * one statement (called after `check`).
   */
  alongsideEach?: (delivery: Delivery) => SetBasedWork;
}

/**
 * What rides along a transition in a statement shared by concurrent commands: the command's
 * values as a row of \`input i\` (its `id` is the delivery's), and SQL over \`input i\` and
 * \`updated\` (the rows written) whose text is the same for every command of one kind.
 */
export interface SetBasedWork {
  row: InputRow;
  /** CTEs. */
  sql: string;
  /** Delivery columns the statement computes per row (SQL over `i`), set and returned. */
  sets?: Partial<Record<keyof DeliveryColumns, string>>;
  /**
   * Two commands with a key in common never share a statement (they take the same locks, a
   * register's counter or an audit chain, which one statement cannot take twice).
   */
  exclusive?: readonly string[];
  /**
   * A condition per row (SQL over \`input i\` and the CTEs) that must hold once the row is
   * written, for work that may find its own reason not to write: when it does not, the
   * statement refuses itself as a whole (`wian_abort`, isStatementAbort), nothing is written,
   * and each of its commands is tried again on its own.
   */
  mustHold?: { sql: string; message: string };
  /**
   * A jsonb object (SQL over \`input i\` and the CTEs of `sql`) added to the history event's
   * payload: what the work wrote, such as a forward's letter number, taken in the statement.
   */
  payload?: string;
}

/** A transition the machine accepted, ready to be written. */
interface PreparedWrite {
  delivery: Delivery;
  next: PersistedDelivery;
  command: TransitionCommand;
  columns: DeliveryColumns;
  each: SetBasedWork | undefined;
  key: string | null;
  context: RequestContextData | undefined;
}

/** What the write statement answers per written row. */
type WrittenRow = { id: string; delivery_id: string; held?: boolean } & Record<string, unknown>;

export interface TransitionOutcome {
  delivery: Delivery;
  eventId: string;
  /** True when an earlier request with the same idempotency key was answered again. */
  replayed: boolean;
}

/** The rule of the 409 for a delivery another change got to first. */
const STALE_VERSION = 'currentVersion';

const isStaleVersion = (error: unknown): boolean =>
  error instanceof ApiException && error.details.some((d) => d.rule === STALE_VERSION);

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

/** One value of the input as JSON: a jsonb column's string is JSON already. */
function jsonValue(v: unknown, cast: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return cast === 'jsonb' ? v : JSON.stringify(v);
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * The rows of a write statement's \`input\` as one jsonb array (one object per command):
 * jsonb_to_recordset reads it in one pass, where \`unnest\` over an array per column costs a
 * function scan per column (milliseconds for the 150 columns of a forward). A jsonb column's
 * value is JSON text already and goes in as it is.
 */
function inputJson<W>(
  writes: readonly W[],
  columns: ReadonlyArray<readonly [name: string, cast: string, value: (w: W) => unknown]>,
): string {
  // Hot: a batch of 32 forwards is some 5,000 values. One string built in place, a number or
  // boolean without a JSON.stringify call, was 2.5 times faster than an array per row and join.
  const keys = columns.map(([name], k) => `${k === 0 ? '' : ','}"${name}":`);
  let json = '[';
  for (let r = 0; r < writes.length; r++) {
    const w = writes[r];
    json += r === 0 ? '{' : ',{';
    for (let k = 0; k < columns.length; k++) {
      const [, cast, value] = columns[k];
      json += keys[k] + jsonValue(value(w), cast);
    }
    json += '}';
  }
  return `${json}]`;
}

const stateText = (s: PersistedDelivery): string => `${s.value.progress}/${s.value.timeliness}`;

/**
 * Every change of a delivery goes through here: load the row, let its machine version decide,
 * write row (optimistic version), history event and outbox rows in one transaction.
 */
@Injectable()
export class DeliveryTransitions {
  /** Concurrent autocommit writes, one statement per shape (see {@link Coalescer}). */
  private readonly writes = new Coalescer<PreparedWrite, WrittenRow>(
    (shape, writes) => this.writeBatch(shape, writes),
    {
      // A statement runs on one core. On PostgreSQL batches of 32 let several run side by side
      // (one batch of 64 forwards was slower than two of 32); PGlite runs one statement at a
      // time, so there everything waiting goes together (docs/benchmarks.md).
      maxBatch: () => (this.tx.embedded ? 256 : 32),
      // One statement writes a delivery once, and takes a register's counter or an audit
      // chain once: commands that share one go in different statements, numbered in turn.
      exclusive: (write) => [`delivery:${write.delivery.id}`, ...(write.each?.exclusive ?? [])],
    },
  );
  /** Concurrent reads, one statement per kind of read; a locking read or one in a transaction alone. */
  private readonly reads = new Coalescer<ReadRequest, LoadedDelivery>(
    (_kind, requests) => this.readBatch(requests),
    { alone: (request) => request.options.lock === true || this.tx.inTransaction },
  );

  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
  ) {}

  async apply(command: TransitionCommand): Promise<TransitionOutcome> {
    try {
      return await this.applyOnce(command);
    } catch (error) {
      // A caller that named no version (no If-Match) asked for the change, not for the change
      // to one version: when another change won the race (a clerk receiving just as the 16:30
      // deadline check marks the delivery overdue), the machine decides once more on the row as
      // it now is; an event that is no longer allowed is then refused for its state. A caller
      // that named a version, or one inside a transaction (which the failed write ended), gets
      // the 409.
      if (
        command.expectedVersion !== undefined ||
        this.tx.inTransaction ||
        !isStaleVersion(error)
      ) {
        throw error;
      }
      return this.applyOnce({ ...command, loaded: undefined });
    }
  }

  private async applyOnce(command: TransitionCommand): Promise<TransitionOutcome> {
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
    const write: PreparedWrite = {
      delivery,
      next: result.next,
      command,
      columns,
      each: command.alongsideEach?.(delivery),
      key,
      context: RequestContext.current(),
    };
    let written: WrittenRow;
    try {
      written = this.coalescible(command)
        ? await this.writes.submit(this.shapeOf(write), write)
        : await this.writeOne(write, params);
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
    const { id: eventId, ...values }: Partial<WrittenRow> = written;
    delete values.delivery_id;
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
   * Commands that may share a statement with concurrent ones: autocommit, and whatever rides
   * along is set-based (`alongsideEach`), not SQL of their own.
   */
  private coalescible(command: TransitionCommand): boolean {
    return (
      !this.tx.inTransaction &&
      command.params === undefined &&
      command.effect === undefined &&
      command.alongside === undefined &&
      command.computed === undefined
    );
  }

  /** Writes of one shape (columns set, work riding along) share one statement's text. */
  private shapeOf(write: PreparedWrite): string {
    const set = Object.keys(write.columns)
      .filter((name) => write.columns[name as keyof DeliveryColumns] !== undefined)
      .sort();
    const each = write.each;
    if (each === undefined) return set.join(',');
    return [
      set.join(','),
      each.row.columns.map(([name, , cast]) => `${name}:${cast}`).join(','),
      JSON.stringify(each.sets ?? {}),
      each.sql,
      each.payload ?? '',
    ].join('|');
  }

  /** One command's write, with the SQL of its own that rides along. */
  private async writeOne(write: PreparedWrite, params: SqlParams): Promise<WrittenRow> {
    const { command, delivery } = write;
    const computed = Object.entries(command.computed?.(delivery, params) ?? {}) as Array<
      [keyof DeliveryColumns, string]
    >;
    const text = this.writeSql([write], params, {
      computed,
      alongside: command.alongside?.(delivery, params),
    });
    const rows = await queryPrepared<WrittenRow>(this.tx.manager, text, params.values);
    if (rows.length !== 1) throw this.stale(null);
    if (PUBLISHED.has(command.event.type)) await this.outbox.wakeAfterCommit();
    return rows[0];
  }

  /**
   * Concurrent writes of one shape in one statement; each command gets its own row or its own
   * refusal (a concurrent version).
   */
  private async writeBatch(
    _shape: string,
    writes: PreparedWrite[],
  ): Promise<Array<WrittenRow | Error>> {
    // One order of locks for every batch (a recipient's delivery, counter and chain): two
    // batches never wait on each other in a circle.
    const ordered = [...writes].sort(
      (a, b) =>
        a.delivery.recipientOrganisationId - b.delivery.recipientOrganisationId ||
        (a.delivery.id < b.delivery.id ? -1 : 1),
    );
    // A statement that fails as a whole (a forward whose letter's guard refused it, say) is
    // run again command by command by the Coalescer: the failure lands on its own command.
    const params = new SqlParams();
    const rows = await queryPrepared<WrittenRow>(
      this.tx.manager,
      this.writeSql(ordered, params, {}),
      params.values,
    );
    if (writes.some((w) => PUBLISHED.has(w.command.event.type)))
      await this.outbox.wakeAfterCommit();
    const byDelivery = new Map(rows.map((row) => [row.delivery_id, row]));
    return writes.map((w) => byDelivery.get(w.delivery.id) ?? this.stale(null));
  }

  /**
   * The write statement of one or more commands: every command is a row of \`input\` (its new
   * snapshot, the version it read, its history and outbox values); rows, history events and
   * outbox rows are written set-based, with whatever rides along. A row whose version moved
   * meanwhile is not written, and nothing of its command is.
   */
  private writeSql(
    writes: PreparedWrite[],
    params: SqlParams,
    single: {
      computed?: Array<[keyof DeliveryColumns, string]>;
      alongside?: string;
    },
  ): string {
    const columns: Array<[name: string, cast: string, value: (w: PreparedWrite) => unknown]> = [];
    const input = (name: string, cast: string, value: (w: PreparedWrite) => unknown): void => {
      columns.push([name, cast, value]);
    };
    const actor = (w: PreparedWrite) => w.command.actor;
    input('id', 'uuid', (w) => w.delivery.id);
    input('version', 'int', (w) => w.delivery.version);
    input('snapshot', 'jsonb', (w) => JSON.stringify(w.next));
    input('state', 'varchar', (w) => w.next.value.progress);
    input('timeliness', 'varchar', (w) => w.next.value.timeliness);
    input('type', 'varchar', (w) => w.command.event.type);
    input('from_state', 'varchar', (w) => stateText(w.delivery.snapshot));
    input('actor_user_id', 'uuid', (w) => {
      const a = actor(w);
      return a?.kind === 'user' ? a.userId : null;
    });
    input('position_id', 'uuid', (w) => {
      const a = actor(w);
      return a?.kind === 'user' ? a.positionId : null;
    });
    input('on_behalf_of_position_id', 'uuid', (w) => w.context?.onBehalfOfPositionId ?? null);
    input('delegation_id', 'uuid', (w) => w.context?.delegationId ?? null);
    input('api_key_id', 'uuid', (w) => {
      const a = actor(w);
      return a?.kind === 'api_key' ? a.apiKeyId : null;
    });
    input('payload', 'jsonb', (w) =>
      w.command.payload === undefined ? null : JSON.stringify(w.command.payload),
    );
    input('idempotency_key', 'varchar', (w) => w.key);
    input('publish', 'boolean', (w) => PUBLISHED.has(w.command.event.type));
    const [first] = writes;
    const sets = [
      'snapshot = i.snapshot',
      'state = i.state',
      'timeliness = i.timeliness',
      'version = d.version + 1',
      'updated_at = now()',
    ];
    for (const name of Object.keys(first.columns) as Array<keyof DeliveryColumns>) {
      if (first.columns[name] === undefined) continue;
      const column = COLUMN_SQL[name];
      input(`c_${column}`, COLUMN_CAST[name], (w) => {
        const value = w.columns[name];
        return name === 'doneEvidence' && value !== null ? JSON.stringify(value) : value;
      });
      sets.push(`${column} = i.c_${column}`);
    }
    const each = first.each;
    each?.row.columns.forEach(([name, , cast], k) => {
      input(name, cast, (w) => w.each?.row.columns[k][1] ?? null);
    });
    const computed = [
      ...(single.computed ?? []),
      ...(Object.entries(each?.sets ?? {}) as Array<[keyof DeliveryColumns, string]>),
    ];
    for (const [name, sql] of computed) sets.push(`${COLUMN_SQL[name]} = ${sql}`);
    const returned = computed
      .map(([name]) => `, updated.${COLUMN_SQL[name]} AS "${name}"`)
      .join('');
    const queue = params.add(QueueName.Circulation, 'varchar');
    const job = params.add(JobName.DeliveryTransitioned, 'varchar');
    // Work whose result goes into the event's payload is written before the event (a CTE reads
    // only those before it); other work after it.
    const [before, after] =
      each?.payload === undefined ? [undefined, each?.sql] : [each.sql, undefined];
    const ctes = [after, single.alongside].filter((sql) => sql !== undefined && sql !== '');
    const mustHold = each?.mustHold;
    return `WITH input AS (
         SELECT * FROM jsonb_to_recordset(${params.add(inputJson(writes, columns), 'jsonb')})
           AS i(${columns.map(([name, cast]) => `${name} ${cast}`).join(', ')})
       ), updated AS (
         UPDATE delivery d SET ${sets.join(', ')}
           FROM input i, ${byId('delivery', 'i.id')}
          WHERE d.ctid = l.tid AND d.version = i.version
         RETURNING d.id, d.version${computed.map(([name]) => `, d.${COLUMN_SQL[name]}`).join('')}
       ),${before === undefined || before === '' ? '' : ` ${before},`} event AS (
         INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, actor_user_id, position_id,
           on_behalf_of_position_id, delegation_id, api_key_id, occurred_at, payload, idempotency_key)
         SELECT u.id, u.version, i.type, i.from_state, i.state || '/' || i.timeliness, i.actor_user_id,
                i.position_id, i.on_behalf_of_position_id, i.delegation_id, i.api_key_id, now(),
                ${
                  each?.payload === undefined
                    ? 'i.payload'
                    : `COALESCE(i.payload, '{}'::jsonb) || COALESCE(${each.payload}, '{}'::jsonb)`
                }, i.idempotency_key
           FROM updated u JOIN input i ON i.id = u.id
         RETURNING id, delivery_id, seq, type
       ), published AS (
         INSERT INTO outbox_message (queue, job_name, job_id, payload)
         SELECT ${queue}, ${job}, ${job} || '-' || e.delivery_id || '-' || e.seq,
                jsonb_build_object('deliveryId', e.delivery_id, 'eventId', e.id, 'eventType', e.type)
           FROM event e JOIN input i ON i.id = e.delivery_id WHERE i.publish
         ON CONFLICT (job_id) DO NOTHING
       )${ctes.length === 0 ? '' : `, ${ctes.join(',\n')}`}
       SELECT event.id, event.delivery_id${returned}${
         mustHold === undefined
           ? ''
           : `, CASE WHEN ${mustHold.sql} THEN true ELSE wian_abort(${params.add(mustHold.message, 'text')}) END AS held`
       } FROM event JOIN updated ON updated.id = event.delivery_id${
         mustHold === undefined ? '' : ' JOIN input i ON i.id = updated.id'
       }`;
  }

  /**
   * The delivery (locked or not) in one query with what `options` asks for: the event an
   * idempotency key already produced, the circular and its letter's enclosures, an official's
   * acknowledgement. Outside a transaction, concurrent reads of one kind share the query.
   */
  async read(id: string, options: ReadOptions = {}): Promise<LoadedDelivery> {
    // Not a uuid: no such delivery (rather than the database refusing the cast for a batch).
    if (!isUUID(id)) throw this.notFound(id);
    return this.reads.submit(
      `${options.circular === true}|${options.enclosures === true}|${options.letter === true}|${options.acknowledgedBy !== undefined}`,
      { id, options },
    );
  }

  /** Reads of one kind (the same options but for the key and the user) in one query. */
  private async readBatch(requests: ReadRequest[]): Promise<Array<LoadedDelivery | Error>> {
    const [{ options }] = requests;
    const circular = options.circular === true;
    const params: unknown[] = [
      requests.map((r) => r.id),
      requests.map((r) => r.options.idempotencyKey ?? null),
    ];
    const selects = ['i.ord', 'd.*', 'r.id AS replay_id', 'r.type AS replay_type'];
    if (circular) {
      selects.push(...this.circularColumns().map(([, column]) => `c.${column} AS "c__${column}"`));
      if (options.enclosures === true)
        selects.push(`(SELECT json_agg(json_build_object('description', e.description, 'count', e.count,
                   'unit', e.unit, 'fileId', e.file_id, 'link', e.link) ORDER BY e.ord)
              FROM document_enclosure e WHERE e.document_id = c.document_id) AS enclosures`);
      if (options.letter === true)
        selects.push(`(SELECT json_build_object('number', p.number_text, 'date', p.letter_date)
              FROM document p WHERE p.id = c.document_id) AS letter`);
    }
    params.push(requests.map((r) => r.options.acknowledgedBy ?? null));
    if (options.acknowledgedBy !== undefined) {
      selects.push(`(SELECT a.id FROM delivery_acknowledgement a
          WHERE a.delivery_id = d.id AND a.user_id = i.acknowledged_by LIMIT 1) AS acknowledgement_id`);
    }
    const rows = await queryPrepared<Record<string, unknown>>(
      this.tx.manager,
      `SELECT ${selects.join(', ')}
         FROM unnest($1::uuid[], $2::varchar[], $3::uuid[]) WITH ORDINALITY
                AS i(id, idempotency_key, acknowledged_by, ord)
         CROSS JOIN LATERAL (SELECT * FROM delivery x WHERE x.id = i.id LIMIT 1
                             ${options.lock === true ? 'FOR UPDATE' : ''}) d
         LEFT JOIN LATERAL (SELECT e.id, e.type FROM delivery_event e
                             WHERE e.delivery_id = d.id AND e.idempotency_key = i.idempotency_key
                             LIMIT 1) r ON true
         ${circular ? 'CROSS JOIN LATERAL (SELECT * FROM circular y WHERE y.id = d.circular_id LIMIT 1) c' : ''}`,
      params,
    );
    const byOrdinal = new Map(rows.map((row) => [Number(row.ord), row]));
    return requests.map((request, i) => {
      const row = byOrdinal.get(i + 1);
      return row === undefined ? this.notFound(request.id) : this.loadedOf(row, circular);
    });
  }

  private loadedOf(row: Record<string, unknown>, circular: boolean): LoadedDelivery {
    const delivery = Object.assign(
      new Delivery(),
      Object.fromEntries(
        this.deliveryColumns().map(([property, column]) => [property, row[column]]),
      ),
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
      letter: (row.letter as LoadedDelivery['letter'] | undefined) ?? null,
      acknowledgementId: (row.acknowledgement_id as string | null | undefined) ?? null,
    };
  }

  private notFound(id: string): ApiException {
    return ApiException.notFound(
      'id',
      'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
      `No delivery with id ${id}`,
    );
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
    if (found === null) throw this.notFound(id);
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
      rule: STALE_VERSION,
      message_th: 'รายการนี้ถูกเปลี่ยนแปลงโดยผู้อื่นในขณะเดียวกัน โปรดโหลดใหม่แล้วลองอีกครั้ง',
      message_en:
        current === null
          ? 'this delivery was changed by someone else at the same time; reload and try again'
          : `this delivery is at version ${current}; reload and try again`,
    });
  }
}
