import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  auditChainTipSql,
  auditSql,
  AuditTrail,
  eachRowOnItsChain,
  type AuditSqlEntry,
  type AuditSqlValue,
  type SqlParameterSink,
} from '@wian/audit';
import { ApiException, validateCommand } from '@wian/http';
import { IDENTITY_CLOCK, type Actor } from '@wian/identity';
import {
  InputRow,
  isUniqueViolation,
  queryPrepared,
  SqlParams,
  TransactionHost,
} from '@wian/persistence';
import { bangkokCivilDate, civilDateToIso, toBuddhistYear, type Clock } from '@wian/thai';
import { documentInsertCtes, DocumentFactory, type PreparedDocument } from './document.factory.js';
import { entryColumns, LINE_COLUMNS } from './register-entry.sql.js';
import { RegisterReceiptDto } from './document-input.dto.js';
import { parseInstantField } from './field-parse.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntry } from './register-entry.entity.js';
import type { Register } from './register.entity.js';
import { nextNumberSql, numberUpsertSql, receiptSeries } from './running-number.service.js';
import { isValidated } from './validated-input.js';

/** Clock skew allowed between a clerk's machine and the server for "not in the future". */
const FUTURE_TOLERANCE_MS = 60_000;

/** Longest action or remarks text and the idempotency key's bounds, as RegisterReceiptDto. */
const TEXT_MAX = 2000;
const KEY_MIN = 8;
const KEY_MAX = 128;

export interface ReceiptOutcome {
  entry: RegisterEntry;
  /** False when an existing entry was returned (same document or same idempotency key). */
  created: boolean;
}

/** What {@link ReceiptService.receiveDocument} takes besides the register and the document. */
export interface ReceiveDocumentOptions {
  /** When the letter arrived (default now); never in the future. */
  receivedAt?: Date;
  /** การปฏิบัติ */
  action?: string | null;
  /** หมายเหตุ */
  remarks?: string | null;
  /** Same key, same entry. */
  idempotencyKey?: string | null;
}

/** The register line's own values, the same whichever way the letter came in. */
interface LineRequest {
  register: Register;
  receivedAt: Date;
  yearBe: number;
  action: string | null;
  remarks: string | null;
  actor: Actor | null;
  idempotencyKey: string | null;
}

/** One row of a receipt statement: the line written now, or the one found instead. */
type OutcomeRow = Omit<RegisterEntry, 'register' | 'document'> & {
  created: boolean;
  secrecy: string | null;
  /** The audit chain's last row before this line's (null for an empty chain or no line). */
  tip_seq: string | null;
  tip_hash: string | null;
};

/**
 * The line's own values as placeholders, in LINE_COLUMNS order around what the caller supplies:
 * `head` (id, register_id, year_be), `at` (registered_at), `tail` (action … idempotency_key);
 * `id` is the new line's id.
 */
function lineValues(
  params: SqlParameterSink,
  line: LineRequest,
  registerId: string,
): { id: string; idSql: string; head: string; at: string; tail: string } {
  const user = line.actor?.kind === 'user' ? line.actor : null;
  const id = randomUUID();
  const idSql = params.add(id, 'uuid');
  return {
    id,
    idSql,
    head: `${idSql}, ${registerId}, ${params.add(line.yearBe, 'int')}`,
    at: params.add(line.receivedAt, 'timestamptz'),
    tail: [
      params.add(line.action, 'text'),
      params.add(line.remarks, 'text'),
      params.add(user?.userId ?? null, 'uuid'),
      params.add(user?.positionId ?? null, 'uuid'),
      params.add(line.idempotencyKey, 'text'),
    ].join(', '),
  };
}

/**
 * The audit chain's tip, read and locked by the same statement once the line is written (the
 * argument depends on the line, so the counter's lock is always taken before the chain's, as
 * everywhere else): the line's columns, then tip_seq and tip_hash.
 */
function tipCte(params: SqlParams, line: LineRequest): string {
  const chain = `CASE WHEN line.id IS NOT NULL THEN ${params.add(line.register.organisationId, 'int')} END`;
  return `tip AS (SELECT line.*, t.tip_seq, t.tip_hash
      FROM line LEFT JOIN LATERAL ${auditChainTipSql(chain)} AS t ON true)`;
}

function entryOf(row: OutcomeRow): RegisterEntry {
  const entry: RegisterEntry & Partial<OutcomeRow> = Object.assign(new RegisterEntry(), row);
  delete entry.created;
  delete entry.secrecy;
  delete entry.tip_seq;
  delete entry.tip_hash;
  return entry;
}

/**
 * การรับหนังสือ: a letter gets the register's next เลขรับ for the Buddhist year, in the same
 * transaction as its line and audit row. Registering the same letter again in the same
 * register (or repeating a request with the same idempotency key) returns the first entry.
 *
 * The path is written for volume: the duplicate check, the document with its parts, the number,
 * the line and its audit rows are ONE statement (a prepared one on PostgreSQL; the database
 * hashes the audit rows onto the chain, see AuditTrail.appendSql), atomic on its own or part
 * of the caller's open transaction (docs/benchmarks.md, bench:receipts).
 */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly registers: RegisterDirectory,
    private readonly documents: DocumentFactory,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  async receive(
    registerId: string,
    input: RegisterReceiptDto,
    actor: Actor | null,
    headerKey?: string,
  ): Promise<ReceiptOutcome> {
    // Checked here too, so the CLI, jobs and tests get the same rules as HTTP (whose pipe has
    // checked the body already: once is enough).
    const dto = isValidated(input) ? input : await validateCommand(RegisterReceiptDto, input);
    const idempotencyKey = headerKey ?? dto.idempotencyKey ?? null;
    const register = await this.receiptRegister(registerId);
    if (dto.documentId === undefined && dto.document === undefined) {
      throw ApiException.badRequest({
        field: 'document',
        rule: 'required',
        message_th:
          'ต้องระบุ documentId (หนังสือที่อยู่ในระบบแล้ว) หรือ document (รายละเอียดหนังสือ) อย่างใดอย่างหนึ่ง',
        message_en:
          'documentId (a letter already in wian) or document (the letter’s details) is required',
      });
    }
    if (dto.documentId !== undefined && dto.document !== undefined) {
      throw ApiException.badRequest({
        field: 'document',
        rule: 'documentOrDetails',
        message_th: 'ระบุ documentId หรือ document อย่างใดอย่างหนึ่งเท่านั้น ไม่ใช่ทั้งสองอย่าง',
        message_en: 'give either documentId or the document details, not both',
      });
    }
    const receivedAt = this.checkedReceivedAt(
      dto.receivedAt === undefined ? undefined : parseInstantField('receivedAt', dto.receivedAt),
    );
    const line = this.lineRequest(register, receivedAt, actor, {
      action: dto.action ?? null,
      remarks: dto.remarks ?? null,
      idempotencyKey,
    });
    const documentId = dto.documentId;
    if (documentId !== undefined) {
      // The idempotency key is looked up by the same statement.
      return this.recovering(line, documentId, this.tx.inTransaction, () =>
        this.receiveExisting(line, documentId),
      );
    }
    if (idempotencyKey !== null) {
      const repeated = await this.tx
        .repository(RegisterEntry)
        .findOneBy({ registerId, idempotencyKey });
      if (repeated) return { entry: repeated, created: false };
    }
    // Everything is parsed and checked before the statement: a refusal writes nothing.
    const prepared = await this.documents.prepare(dto.document!);
    const letterDate = prepared.letterDate;
    if (letterDate !== null && letterDate > civilDateToIso(bangkokCivilDate(receivedAt))) {
      throw ApiException.badRequest({
        field: 'document.letterDate',
        rule: 'notAfterReceipt',
        message_th: 'วันที่ของหนังสือต้องไม่หลังวันที่รับ (ตรวจสอบปี พ.ศ./ค.ศ.)',
        message_en: 'the letter cannot be dated after its receipt (check the BE/CE year)',
      });
    }
    return this.recovering(line, undefined, this.tx.inTransaction, () =>
      this.receiveNew(line, prepared),
    );
  }

  /**
   * Receives a letter that is already in wian (a delivery through wian) into a receipt
   * register: its line gets the register's next number, with the audit row, exactly as
   * {@link receive} does with a `documentId`. When the document already has a line in this
   * register that is not cancelled (or the idempotency key was used there), that line is
   * returned with `created: false` and nothing is written.
   *
   * One statement (the register is looked up once per process): inside the caller's open
   * transaction when there is one (TransactionHost), else atomic on its own. Inside a caller's
   * transaction a race with another transaction receiving the same document into the same
   * register ends that transaction with the unique violation (`register_entry_receipt_once_idx`, or
   * `register_entry_idempotency_key`): retried, it returns the line the other one wrote.
   *
   * @throws ApiException 404 for an unknown register or document, 400 for a dispatch register,
   *   a time of receipt in the future, or an over-long action, remarks or key.
   */
  async receiveDocument(
    registerId: string,
    documentId: string,
    actor: Actor | null,
    options: ReceiveDocumentOptions = {},
  ): Promise<ReceiptOutcome> {
    const line = await this.documentLine(registerId, documentId, actor, options);
    return this.recovering(line, documentId, this.tx.inTransaction, () =>
      this.receiveExisting(line, documentId),
    );
  }

  /**
   * {@link receiveDocument} as set-based CTEs of a statement that writes many deliveries' RECEIVE
   * at once: each command is a row of \`input i\` (its delivery's `id`, and `row`'s columns),
   * and its letter is received only when its delivery is in \`updated\` (its version held).
   * The SQL is the same for every command (everything that differs is in the row), so
   * concurrent receipts by different organisations share one statement. `entryId` (SQL over
   * `i`) is the line the letter ends up with: the one it already has in the register, else the
   * one written here. Two commands of one register must not share a statement (`exclusive`):
   * each takes the register's counter and its organisation's audit chain.
   */
  async receiveDocumentEach(
    register: Register,
    documentId: string,
    actor: Actor | null,
    options: Omit<ReceiveDocumentOptions, 'idempotencyKey'>,
  ): Promise<{
    row: InputRow;
    sql: string;
    entryId: string;
    receivedAt: Date;
    exclusive: string[];
  }> {
    const line = await this.documentLine(register, documentId, actor, options);
    const row = new InputRow('rc_');
    const registerId = row.add(line.register.id, 'uuid');
    const document = row.add(documentId, 'uuid');
    const series = row.add(receiptSeries(line.register.id), 'text');
    const year = row.add(line.yearBe, 'int');
    const organisation = row.add(line.register.organisationId, 'int');
    const own = lineValues(row, line, registerId);
    // A scalar subquery, an index probe per row: as an anti-join a cached plan may scan the
    // whole register (see DeliveryTransitions' byId).
    const existing = `(SELECT e.id FROM register_entry e WHERE e.register_id = ${registerId}
          AND e.document_id = ${document} AND e.cancelled_at IS NULL LIMIT 1)`;
    const audit = this.auditCtes(
      row,
      line,
      {
        lineId: own.id,
        documentId,
        letterNumber: auditSql.text('r.letter_number'),
        classified: { secrecy: auditSql.text('r.secrecy'), when: `r.secrecy <> 'none'` },
      },
      {
        name: 'rc_audit',
        tip: 'rc_tip',
        number: 'r.number',
        from: eachRowOnItsChain('rc_tip', ['number', 'letter_number', 'secrecy']),
      },
    );
    const sql = [
      // The letter, for the deliveries written whose register has no line for it yet.
      `rc_doc AS (SELECT i.id AS delivery_id, d.id, d.number_text, d.letter_date, d.issuer_name,
              d.subject, d.urgency, d.secrecy, coalesce(d.salutation, (SELECT string_agg(a.wording, ', ')
                FROM document_addressee a WHERE a.document_id = d.id), '-') AS to_text
         FROM input i JOIN updated u ON u.id = i.id
         CROSS JOIN LATERAL (SELECT * FROM document x WHERE x.id = ${document} LIMIT 1) d
        WHERE ${existing} IS NULL)`,
      `rc_number AS (${numberUpsertSql(series, year, 'rc_doc JOIN input i ON i.id = rc_doc.delivery_id')})`,
      `rc_line AS (INSERT INTO register_entry (${LINE_COLUMNS})
         SELECT ${own.head}, n.last_number, doc.id, ${own.at}, doc.number_text,
                doc.letter_date, doc.issuer_name, doc.to_text, doc.subject, doc.urgency, ${own.tail}
           FROM rc_doc doc JOIN input i ON i.id = doc.delivery_id
           JOIN rc_number n ON n.series_key = ${series} AND n.year_be = ${year}
         RETURNING id, number, letter_number)`,
      // The chain's tip, read and locked once the line is written (counter before chain).
      `rc_tip AS (SELECT l.number, l.letter_number, doc.secrecy, i.id AS row_id,
              t.tip_seq, t.tip_hash, ${organisation} AS tip_org
         FROM rc_line l JOIN input i ON ${own.idSql} = l.id
         JOIN rc_doc doc ON doc.delivery_id = i.id
         LEFT JOIN LATERAL ${auditChainTipSql(organisation)} AS t ON true)`,
      ...audit,
    ].join(',\n');
    return {
      row,
      sql,
      entryId: `coalesce(${existing}, ${own.idSql})`,
      receivedAt: line.receivedAt,
      exclusive: [`register:${line.register.id}`, `chain:${line.register.organisationId}`],
    };
  }

  /** The checked line of a letter already in wian. */
  private async documentLine(
    registerOrId: Register | string,
    documentId: string,
    actor: Actor | null,
    options: ReceiveDocumentOptions,
  ): Promise<LineRequest> {
    const text = (field: string, value: string | null | undefined, min: number, max: number) => {
      if (value === undefined || value === null) return null;
      if (value.length < min || value.length > max) {
        throw ApiException.badRequest({
          field,
          rule: value.length > max ? 'maxLength' : 'minLength',
          message_th: `${field} ต้องมีความยาว ${min} ถึง ${max} ตัวอักษร`,
          message_en: `${field} must have ${min} to ${max} characters`,
        });
      }
      return value;
    };
    const fields = {
      action: text('action', options.action, 0, TEXT_MAX),
      remarks: text('remarks', options.remarks, 0, TEXT_MAX),
      idempotencyKey: text('idempotencyKey', options.idempotencyKey, KEY_MIN, KEY_MAX),
    };
    const register = await this.receiptRegister(registerOrId);
    const receivedAt = this.checkedReceivedAt(options.receivedAt);
    // Not a uuid: no such document (rather than the database refusing the cast).
    if (!isUUID(documentId))
      throw ApiException.notFound('documentId', 'ไม่พบหนังสือนี้', `No document with id ${documentId}`);
    return this.lineRequest(register, receivedAt, actor, fields);
  }

  private async receiptRegister(registerOrId: Register | string): Promise<Register> {
    const register =
      typeof registerOrId === 'string' ? await this.registers.get(registerOrId) : registerOrId;
    if (register.kind !== 'receipt') {
      throw ApiException.badRequest({
        field: 'registerId',
        rule: 'receiptRegister',
        message_th: 'ทะเบียนนี้เป็นทะเบียนหนังสือส่ง ไม่ใช่ทะเบียนรับ',
        message_en: 'this is a dispatch register, not a receipt register',
      });
    }
    return register;
  }

  private checkedReceivedAt(given: Date | undefined): Date {
    const now = this.clock.now();
    const receivedAt = given ?? now;
    if (Number.isNaN(receivedAt.getTime())) {
      throw ApiException.badRequest({
        field: 'receivedAt',
        rule: 'instant',
        message_th: 'วันเวลารับไม่ถูกต้อง',
        message_en: 'the time of receipt is not a valid date',
      });
    }
    if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw ApiException.badRequest({
        field: 'receivedAt',
        rule: 'notFuture',
        message_th: 'วันเวลารับต้องไม่เป็นเวลาในอนาคต',
        message_en: 'the time of receipt cannot be in the future',
      });
    }
    return receivedAt;
  }

  private lineRequest(
    register: Register,
    receivedAt: Date,
    actor: Actor | null,
    fields: Pick<LineRequest, 'action' | 'remarks' | 'idempotencyKey'>,
  ): LineRequest {
    return {
      register,
      receivedAt,
      yearBe: toBuddhistYear(bangkokCivilDate(receivedAt).year),
      actor,
      ...fields,
    };
  }

  /**
   * Two identical requests at once: the loser's transaction (and its number) rolled back, and
   * the winner's line is returned. Not possible inside a caller's transaction, which the
   * violation has already ended: there the error goes to the caller.
   */
  private async recovering(
    line: LineRequest,
    documentId: string | undefined,
    joined: boolean,
    work: () => Promise<ReceiptOutcome>,
  ): Promise<ReceiptOutcome> {
    try {
      return await work();
    } catch (error) {
      if (joined) throw error;
      const registerId = line.register.id;
      const idempotencyKey = line.idempotencyKey;
      if (isUniqueViolation(error, 'register_entry_idempotency_key') && idempotencyKey !== null) {
        return {
          entry: await this.tx
            .repository(RegisterEntry)
            .findOneByOrFail({ registerId, idempotencyKey }),
          created: false,
        };
      }
      if (isUniqueViolation(error, 'register_entry_receipt_once_idx') && documentId !== undefined) {
        const [row] = await this.tx.manager.query<OutcomeRow[]>(
          `SELECT ${entryColumns('e')} FROM register_entry e
            WHERE e.register_id = $1 AND e.document_id = $2 AND e.cancelled_at IS NULL`,
          [registerId, documentId],
        );
        if (row !== undefined) return { entry: entryOf(row), created: false };
      }
      throw error;
    }
  }

  /**
   * A letter typed in: one statement checks that the same letter (issuer, number, date) has no
   * line in this register yet, and only then writes the document, its parts, the number and
   * the line.
   */
  private async receiveNew(line: LineRequest, prepared: PreparedDocument): Promise<ReceiptOutcome> {
    const params = new SqlParams();
    const registerId = params.add(line.register.id, 'uuid');
    const ctes: string[] = [];
    let guard: string | null = null;
    if (prepared.numberText !== null) {
      // Driven from the letter's identity (document_letter_idx), not from the register's lines.
      const letterDate =
        prepared.letterDate === null
          ? 'd.letter_date IS NULL'
          : `d.letter_date = ${params.add(prepared.letterDate, 'date')}`;
      ctes.push(`same AS (SELECT ${entryColumns('e')}
          FROM document d JOIN register_entry e ON e.document_id = d.id
         WHERE d.number_text = ${params.add(prepared.numberText, 'text')}
           AND d.issuer_name = ${params.add(prepared.issuerName, 'text')} AND ${letterDate}
           AND e.register_id = ${registerId} AND e.cancelled_at IS NULL
         LIMIT 1)`);
      guard = 'NOT EXISTS (SELECT 1 FROM same)';
    }
    const createdBy = line.actor?.kind === 'user' ? line.actor.userId : null;
    const document = documentInsertCtes(params, prepared, createdBy, guard);
    ctes.push(...document.ctes);
    const toText =
      prepared.salutation ?? (prepared.parts.addressees.map((a) => a.wording).join(', ') || '-');
    const own = lineValues(params, line, registerId);
    ctes.push(
      `number AS (${nextNumberSql(params, receiptSeries(line.register.id), line.yearBe, 'new_document')})`,
      `line AS (INSERT INTO register_entry (${LINE_COLUMNS})
         SELECT ${own.head}, number.last_number, ${params.add(document.id, 'uuid')}, ${own.at},
                ${params.add(prepared.numberText, 'text')}, ${params.add(prepared.letterDate, 'date')},
                ${params.add(prepared.issuerName, 'text')}, ${params.add(toText, 'text')},
                ${params.add(prepared.subject, 'text')}, ${params.add(prepared.urgency, 'text')},
                ${own.tail}
           FROM number
         RETURNING ${entryColumns('')})`,
    );
    ctes.push(
      tipCte(params, line),
      ...this.auditCtes(params, line, {
        lineId: own.id,
        documentId: document.id,
        letterNumber: prepared.numberText,
        classified:
          prepared.secrecy === 'none' ? null : { secrecy: prepared.secrecy, when: undefined },
      }),
    );
    const outcome = await this.lineStatement(
      ctes,
      `SELECT true AS created, NULL::text AS secrecy, tip.* FROM tip`,
      guard === null ? null : `SELECT false, NULL, same.*, NULL, NULL FROM same`,
      params,
    );
    if (outcome === undefined) throw new Error('the receipt statement returned no row');
    return { entry: entryOf(outcome), created: outcome.created };
  }

  /**
   * A letter already in wian: one statement finds the document and any line it (or the
   * idempotency key) already has in this register, and only when there is none takes the
   * number and writes the line.
   */
  private async receiveExisting(line: LineRequest, documentId: string): Promise<ReceiptOutcome> {
    const params = new SqlParams();
    const ctes = this.existingLineCtes(params, line, documentId);
    const outcome = await this.lineStatement(
      ctes,
      `SELECT true AS created, doc.secrecy::text, tip.* FROM tip, doc`,
      `SELECT false, NULL, prior.*, NULL, NULL FROM prior`,
      params,
    );
    if (outcome === undefined)
      throw ApiException.notFound('documentId', 'ไม่พบหนังสือนี้', `No document with id ${documentId}`);
    return { entry: entryOf(outcome), created: outcome.created };
  }

  /**
   * The CTEs of a letter already in wian: `doc`, `prior` (the line it, or the idempotency key,
   * already has in this register), then, only when there is none, the number, `line`, `tip`
   * and the audit rows.
   */
  private existingLineCtes(params: SqlParams, line: LineRequest, documentId: string): string[] {
    const registerId = params.add(line.register.id, 'uuid');
    const id = params.add(documentId, 'uuid');
    const key = line.idempotencyKey === null ? null : params.add(line.idempotencyKey, 'text');
    const own = lineValues(params, line, registerId);
    return [
      `doc AS (SELECT d.id, d.number_text, d.letter_date, d.issuer_name, d.subject, d.urgency,
              d.secrecy, coalesce(d.salutation, (SELECT string_agg(a.wording, ', ')
                FROM document_addressee a WHERE a.document_id = d.id), '-') AS to_text
         FROM document d WHERE d.id = ${id})`,
      // A repeated key wins over the document's line, as the key is looked up first.
      `prior AS (SELECT ${entryColumns('e')} FROM register_entry e
         WHERE e.register_id = ${registerId}
           AND ((e.document_id = ${id} AND e.cancelled_at IS NULL)${
             key === null ? '' : ` OR e.idempotency_key = ${key}`
           })
         ${key === null ? '' : `ORDER BY e.idempotency_key = ${key} DESC NULLS LAST`} LIMIT 1)`,
      `number AS (${nextNumberSql(
        params,
        receiptSeries(line.register.id),
        line.yearBe,
        'doc WHERE NOT EXISTS (SELECT 1 FROM prior)',
      )})`,
      `line AS (INSERT INTO register_entry (${LINE_COLUMNS})
         SELECT ${own.head}, number.last_number, doc.id, ${own.at}, doc.number_text,
                doc.letter_date, doc.issuer_name, doc.to_text, doc.subject, doc.urgency, ${own.tail}
           FROM doc, number
         RETURNING ${entryColumns('')})`,
      tipCte(params, line),
      ...this.auditCtes(params, line, {
        lineId: own.id,
        documentId,
        letterNumber: auditSql.text('(SELECT "letterNumber" FROM line)'),
        classified: {
          secrecy: auditSql.text('(SELECT secrecy FROM doc)'),
          when: `EXISTS (SELECT 1 FROM doc WHERE doc.secrecy <> 'none')`,
        },
      }),
    ];
  }

  private async lineStatement(
    ctes: string[],
    created: string,
    existing: string | null,
    params: SqlParams,
  ): Promise<OutcomeRow | undefined> {
    const rows = await queryPrepared<OutcomeRow>(
      this.tx.manager,
      `WITH ${ctes.join(',\n')}\n${created}${existing === null ? '' : `\nUNION ALL ${existing}`}`,
      params.values,
    );
    return rows[0];
  }

  /**
   * The audit rows of the new line, appended by the same statement (nothing when it writes no
   * line): register.receive, and document.classified_access for a classified letter.
   */
  private auditCtes(
    params: SqlParameterSink,
    line: LineRequest,
    what: {
      lineId: string;
      documentId: string;
      letterNumber: string | null | AuditSqlValue;
      classified: { secrecy: string | AuditSqlValue; when: string | undefined } | null;
    },
    sql: {
      name?: string;
      tip: string;
      /** The line's number. */
      number: string;
      from?: (source: string) => string;
    } = { tip: 'tip', number: '(SELECT number FROM line)' },
  ): string[] {
    const organisationId = line.register.organisationId;
    const entries: AuditSqlEntry[] = [
      {
        action: 'register.receive',
        entityType: 'register_entry',
        entityId: what.lineId,
        organisationId,
        payload: {
          registerId: line.register.id,
          yearBe: line.yearBe,
          number: auditSql.integer(sql.number),
          documentId: what.documentId,
          letterNumber: what.letterNumber,
        },
      },
    ];
    if (what.classified !== null) {
      entries.push({
        action: 'document.classified_access',
        entityType: 'document',
        entityId: what.documentId,
        organisationId,
        payload: { via: 'register.receive', secrecy: what.classified.secrecy },
        ...(what.classified.when === undefined ? {} : { when: what.classified.when }),
      });
    }
    return this.audit.appendSql(params, sql.tip, organisationId, entries, sql.name, sql.from);
  }
}
