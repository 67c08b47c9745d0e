import { Inject, Injectable } from '@nestjs/common';
import {
  AuditTrail,
  auditChainTipSql,
  auditSql,
  eachRowOnItsChain,
  type SqlParameterSink,
} from '@wian/audit';
import { Organisation } from '@wian/hierarchy';
import { ApiException, validateCommand } from '@wian/http';
import { IDENTITY_CLOCK, type Actor } from '@wian/identity';
import {
  Coalescer,
  type InputRow,
  queryPrepared,
  SqlParams,
  TransactionHost,
} from '@wian/persistence';
import {
  bangkokToday,
  civilDateToIso,
  formatDocumentNumber,
  parseUnitPrefix,
  toBuddhistYear,
  toThaiDigits,
  type Clock,
  type DocumentNumber,
} from '@wian/thai';
import { randomUUID } from 'node:crypto';
import { DocumentInput } from './document-input.dto.js';
import { Document } from './document.entity.js';
import {
  assumingExistence,
  DocumentFactory,
  documentInsertCtes,
  existenceGuardSql,
  type NamedIds,
  type PreparedDocument,
} from './document.factory.js';
import { RegisterDirectory } from './register-directory.service.js';
import { RegisterEntry } from './register-entry.entity.js';
import { entryColumns, LINE_COLUMNS } from './register-entry.sql.js';
import { dispatchSeries, numberUpsertSql, RunningNumberService } from './running-number.service.js';
import { isValidated } from './validated-input.js';

export type OutgoingSeries = 'normal' | 'circular' | 'order';

const SERIES: readonly OutgoingSeries[] = ['normal', 'circular', 'order'];

/** The letter's document row as draft() then dispatch() leave it: written, then numbered. */
const ISSUED_VERSION = 2;

function noSarabanPrefix(field: string, nameTh: string): ApiException {
  return ApiException.conflict({
    field,
    rule: 'sarabanPrefix',
    message_th: `${nameTh} ยังไม่มีรหัสหนังสือ (เช่น สน 0023.6) ผู้ดูแลต้องกำหนดก่อน`,
    message_en: `${nameTh} has no saraban prefix (e.g. สน 0023.6); an administrator must set it first`,
  });
}

/**
 * The number's text around its running part, e.g. `สน 0023.6/ว ` and `` (or `` and `/2566` for
 * an order), so that the statement can write the text with the number it takes: exactly what
 * formatDocumentNumber writes (Arabic digits) for every running number.
 */
function numberTemplate(number: Omit<DocumentNumber, 'running'>): { head: string; tail: string } {
  const one = formatDocumentNumber({ ...number, running: 1 }, { digits: 'arabic' });
  const two = formatDocumentNumber({ ...number, running: 2 }, { digits: 'arabic' });
  let at = 0;
  while (at < one.length && one[at] === two[at]) at++;
  if (one.length !== two.length || one.slice(at + 1) !== two.slice(at + 1))
    throw new Error(`unexpected number format: ${one}`);
  return { head: one.slice(0, at), tail: one.slice(at + 1) };
}

/** An issuing organisation as the issue statement needs it. */
interface IssuerRow {
  name_th: string;
  saraban_prefix: string | null;
  register_id: string | null;
}

/** What {@link DispatchService.issue} needs to build its statement, all checked. */
interface IssueRequest {
  organisationId: number;
  series: OutgoingSeries;
  /** The prefix the statement expects the organisation still to have (null for orders). */
  sarabanPrefix: string | null;
  registerId: string;
  prepared: PreparedDocument;
  named: NamedIds;
  actor: Actor | null;
}

/** The one row an issue statement returns: the line, the chain's tip before it, the times. */
type IssuedRow = Omit<RegisterEntry, 'register' | 'document'> & {
  tip_seq: string | null;
  tip_hash: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * การส่งหนังสือ: an organisation's own letter gets its outgoing number from the series'
 * dispatch register (ทะเบียนหนังสือส่ง, หนังสือเวียน "ว", คำสั่ง) — the register line number is
 * the letter's running number — in one transaction with the line and its audit row.
 */
@Injectable()
export class DispatchService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly documents: DocumentFactory,
    private readonly registers: RegisterDirectory,
    private readonly numbers: RunningNumberService,
    private readonly audit: AuditTrail,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Per organisation and series: the saraban prefix as last read (null for an order) and the
   * dispatch register. The issue statement writes only while the organisation still has that
   * prefix, so a changed prefix is noticed (and re-read) rather than used stale; registers
   * never change. Remembered once the transaction that read them has committed.
   */
  private readonly issuers = new Map<
    string,
    { sarabanPrefix: string | null; registerId: string }
  >();

  /**
   * Drafts AND numbers a letter of `organisationId` in `series`: the same document with its
   * parts, number (the organisation's saraban prefix, the series' next number for the
   * Buddhist year, Asia/Bangkok), letter date (today), dispatch register line and audit rows
   * (document.draft, register.dispatch) as {@link draft} then {@link dispatch}, with the same
   * validation and refusals.
   *
   * ONE statement once the organisation's prefix and dispatch register are known to the
   * process (one more the first time, two more if the registers do not exist yet): the existence of the organisations,
   * documents and files the letter names, and the prefix, are the statement's guard, so a
   * refused letter writes nothing and takes no number (the refusal itself is then worked out
   * by the usual checks). Inside the caller's open transaction when there is one
   * (TransactionHost), else atomic on its own. The counter's row lock serialises concurrent
   * issues in a series: numbers stay gapless and a rolled-back issue gives its number back.
   *
   * @throws ApiException 400 for an invalid letter or series, 404 for an unknown organisation
   *   or a named organisation, document or file that does not exist, 409 `sarabanPrefix` when
   *   the organisation has none (normal and circular series).
   */
  async issue(
    organisationId: number,
    input: DocumentInput,
    series: OutgoingSeries,
    actor: Actor | null,
  ): Promise<{ document: Document; entry: RegisterEntry }> {
    const unnumbered = await this.unnumbered(input, series);
    for (let attempt = 1; ; attempt++) {
      const issued = await this.issueStatement(
        await this.issueRequest(organisationId, unnumbered, series, actor),
      );
      if (issued !== undefined) return issued;
      // Nothing written: a named id does not exist, or the prefix changed since it was read.
      await this.documents.prepare(unnumbered);
      this.issuers.delete(`${organisationId}:${series}`);
      if (attempt === 3) throw new Error('DispatchService.issue(): the letter was not written');
    }
  }

  /**
   * {@link issue} as CTEs of the caller's own statement, for a caller whose other writes must
   * commit with the letter in one statement (a circular and its deliveries). The letter's CTEs are `number`, `new_document` (and its parts), `line`, `tip`
   * and `letter_audit_1`, `letter_audit_2` (the chain's new tip: columns tip_seq, tip_hash);
   * nothing is written unless the organisation still has its prefix and every id the letter
   * names exists. `written` is SQL that holds when the letter was written: the caller guards its
   * own writes with it. When the caller's statement wrote nothing, it calls {@link issue},
   * which works out the refusal (or, the prefix having changed, tries again).
   *
   * @throws as {@link issue}, for what can be checked before the statement.
   */
  async issueSql(
    organisationId: number,
    input: DocumentInput,
    series: OutgoingSeries,
    actor: Actor | null,
    params: SqlParams,
  ): Promise<{
    ctes: string[];
    written: string;
    documentId: string;
    /** SQL (text) of the number the letter gets. */
    numberText: string;
    deadlineAt: Date | null;
    requestedAction: string | null;
    /** The CTE with the issuing organisation's audit chain tip after the letter's rows. */
    auditTip: string;
  }> {
    const request = await this.requestOf(organisationId, input, series, actor);
    const built = this.issueCtes(request, params, 'letter_audit');
    return {
      ctes: built.ctes,
      written: 'EXISTS (SELECT 1 FROM line)',
      documentId: built.documentId,
      numberText: '(SELECT "letterNumber" FROM line)',
      deadlineAt: request.prepared.deadlineAt,
      requestedAction: request.prepared.requestedAction,
      auditTip: 'letter_audit_2',
    };
  }

  /**
   * {@link issueSql} for a set-based statement that concurrent commands share (a national
   * forward has every district numbering its letter at once): the letter's values become
   * columns of the command's `row` of \`input i\` (which has an `id` column), and its CTEs,
   * the same text for every letter of one shape, write the letter of each row that `rows`
   * (FROM items over \`input i\`, e.g. joined to the rows a transition wrote) yields. The CTEs
   * are those of issueSql; `tip` also has `tip_org`, `row_id` (the row's id) and
   * `letter_number` beside the line's columns, and `letter_audit_2` has `tip_org`. `exclusive`: the counter and the
   * chain the letter takes, which no other command of the statement may take.
   *
   * @throws as {@link issue}, for what can be checked before the statement.
   */
  async issueEach(
    organisationId: number,
    input: DocumentInput,
    series: OutgoingSeries,
    actor: Actor | null,
    row: InputRow,
    rows: string,
  ): Promise<{
    ctes: string[];
    documentId: string;
    deadlineAt: Date | null;
    requestedAction: string | null;
    auditTip: string;
    exclusive: string[];
  }> {
    const request = await this.requestOf(organisationId, input, series, actor);
    const built = this.issueCtes(request, row, 'letter_audit', rows);
    return {
      ctes: built.ctes,
      documentId: built.documentId,
      deadlineAt: request.prepared.deadlineAt,
      requestedAction: request.prepared.requestedAction,
      auditTip: 'letter_audit_2',
      exclusive: [`counter:${built.seriesKey}`, `chain:${organisationId}`],
    };
  }

  /** {@link issueRequest} of a letter as given (validated first). */
  private async requestOf(
    organisationId: number,
    input: DocumentInput,
    series: OutgoingSeries,
    actor: Actor | null,
  ): Promise<IssueRequest> {
    return this.issueRequest(organisationId, await this.unnumbered(input, series), series, actor);
  }

  /**
   * The letter prepared with every id it names taken as existing (the statement checks them),
   * and the organisation's prefix and register. A refusal found here comes with the first
   * refused field, as prepare() with its queries would name it.
   */
  private async issueRequest(
    organisationId: number,
    unnumbered: DocumentInput,
    series: OutgoingSeries,
    actor: Actor | null,
  ): Promise<IssueRequest> {
    const assumed = assumingExistence();
    let prepared: PreparedDocument;
    try {
      prepared = await this.documents.prepare(unnumbered, 'document', assumed.lookup);
    } catch (refusal) {
      // An id checked before the refused field may not exist: that refusal comes first.
      await this.documents.prepare(unnumbered);
      throw refusal;
    }
    const issuer = await this.issuer(organisationId, series, unnumbered);
    return { organisationId, series, ...issuer, prepared, named: assumed.named, actor };
  }

  /** The letter as validated, without the number and date that numbering gives it. */
  private async unnumbered(input: DocumentInput, series: OutgoingSeries): Promise<DocumentInput> {
    if (!SERIES.includes(series)) {
      throw ApiException.badRequest({
        field: 'series',
        rule: 'isIn',
        message_th: 'ชุดเลขต้องเป็น normal, circular หรือ order',
        message_en: 'series must be normal, circular or order',
      });
    }
    const dto = isValidated(input) ? input : await validateCommand(DocumentInput, input);
    // As draft(): the number and date come with the numbering, never from the input.
    return Object.assign(Object.create(DocumentInput.prototype) as DocumentInput, dto, {
      letterNumber: undefined,
      letterDate: undefined,
    });
  }

  /**
   * Outside a transaction, the issuers that concurrent letters of one series need are read by
   * one query (a national forward has every district asking at once).
   */
  private readonly issuerLookups = new Coalescer<number, IssuerRow | null>(
    (series, organisations) => this.issuerRows(series, organisations),
    { alone: () => this.tx.inTransaction },
  );

  /** Organisations' names, prefixes and dispatch registers of `series`, null for an unknown id. */
  private async issuerRows(
    series: string,
    organisations: number[],
  ): Promise<Array<IssuerRow | null>> {
    const rows = await queryPrepared<IssuerRow & { ord: string }>(
      this.tx.manager,
      `SELECT i.ord, o.name_th, o.saraban_prefix, r.id AS register_id
         FROM unnest($1::int[]) WITH ORDINALITY AS i(id, ord)
         JOIN organisation o ON o.id = i.id
         LEFT JOIN LATERAL (SELECT x.id FROM register x WHERE x.organisation_id = i.id
                              AND x.kind = 'dispatch' AND x.series = $2::varchar LIMIT 1) r ON true`,
      [organisations, series],
    );
    const byOrdinal = new Map(rows.map((row) => [Number(row.ord), row]));
    return organisations.map((_, k) => byOrdinal.get(k + 1) ?? null);
  }

  /**
   * The organisation's saraban prefix (null for an order, which has none) and the series'
   * dispatch register, from memory when read before, else in one query (the registers are
   * created first when the organisation has none yet). Refusals (unknown organisation, no
   * prefix) come after the letter's own, as with draft() then dispatch().
   */
  private async issuer(
    organisationId: number,
    series: OutgoingSeries,
    unnumbered: DocumentInput,
  ): Promise<{ sarabanPrefix: string | null; registerId: string }> {
    const key = `${organisationId}:${series}`;
    const cached = this.issuers.get(key);
    if (cached !== undefined) return cached;
    const row = await this.issuerLookups.submit(series, organisationId);
    try {
      if (row === null) {
        throw ApiException.notFound(
          'organisationId',
          `ไม่พบหน่วยงานรหัส ${String(organisationId)}`,
          `Unknown organisation ids: ${organisationId}`,
        );
      }
      if (series !== 'order') {
        if (row.saraban_prefix === null) throw noSarabanPrefix('organisationId', row.name_th);
        parseUnitPrefix(row.saraban_prefix);
      }
    } catch (refusal) {
      await this.documents.prepare(unnumbered);
      throw refusal;
    }
    const issuer = {
      sarabanPrefix: series === 'order' ? null : row.saraban_prefix,
      registerId:
        row.register_id ?? (await this.registers.dispatchRegister(organisationId, series)).id,
    };
    await this.tx.afterCommit(() => {
      if (this.issuers.size > 60_000) this.issuers.clear();
      this.issuers.set(key, issuer);
    });
    return issuer;
  }

  /**
   * The statement: counter (only when the guard holds), document with the number, its parts,
   * register line, the audit chain's tip (locked after the counter, as everywhere), the audit
   * rows. No row back when the guard failed (then nothing was written).
   */
  private async issueStatement(
    request: IssueRequest,
  ): Promise<{ document: Document; entry: RegisterEntry } | undefined> {
    const params = new SqlParams();
    const { ctes, documentId, document, user } = this.issueCtes(request, params, 'audit');
    const [row] = await queryPrepared<IssuedRow>(
      this.tx.manager,
      `WITH ${ctes.join(',\n')}
       SELECT tip.*, d.created_at AS "createdAt", d.updated_at AS "updatedAt"
         FROM tip, new_document d`,
      params.values,
    );
    if (row === undefined) return undefined;
    const { createdAt, updatedAt, ...line }: Partial<IssuedRow> = row;
    delete line.tip_seq;
    delete line.tip_hash;
    const saved: Document & Partial<PreparedDocument> = Object.assign(new Document(), document, {
      id: documentId,
      numberRunning: line.number,
      numberText: line.letterNumber,
      createdByUserId: user?.userId ?? null,
      createdAt,
      updatedAt,
      version: ISSUED_VERSION,
    });
    delete saved.parts;
    return { document: saved, entry: Object.assign(new RegisterEntry(), line) };
  }

  /**
   * The issue statement's CTEs (see {@link issueSql}), its audit rows named `<auditName>_n`.
   * With `rows` they are set-based (see {@link issueEach}): `params` is the command's InputRow,
   * and `rows` the FROM items that pair each command's row of \`input i\` with what guards it.
   */
  private issueCtes(
    request: IssueRequest,
    params: SqlParameterSink,
    auditName: string,
    rows?: string,
  ): {
    ctes: string[];
    documentId: string;
    seriesKey: string;
    document: PreparedDocument;
    user: (Actor & { kind: 'user' }) | null;
  } {
    const { organisationId, series, prepared, actor } = request;
    const today = bangkokToday(this.clock);
    const yearBe = toBuddhistYear(today.year);
    const letterDate = civilDateToIso(today);
    const unit =
      request.sarabanPrefix === null
        ? { prefix: null, unitDigits: null, subUnit: null }
        : parseUnitPrefix(request.sarabanPrefix);
    const number = { ...unit, series, year: series === 'order' ? yearBe : null };
    const template = numberTemplate(number);
    const user = actor?.kind === 'user' ? actor : null;
    const seriesKey = dispatchSeries(organisationId, series);

    const org = params.add(organisationId, 'int');
    const guards = [`o.id = ${org}`];
    if (request.sarabanPrefix !== null)
      guards.push(`o.saraban_prefix = ${params.add(request.sarabanPrefix, 'text')}`);
    const existence = existenceGuardSql(params, request.named);
    if (existence !== null) guards.push(existence);
    const head = params.add(template.head, 'text');
    const tail = params.add(template.tail, 'text');
    const text = (source: string): string => `${head} || ${source}.last_number::text || ${tail}`;
    // An index probe per row, whatever the planner believes of the table's size.
    const organisation = (columns: string): string =>
      `LATERAL (SELECT ${columns} FROM organisation x WHERE x.id = ${org} LIMIT 1) o`;
    const seriesSql = params.add(seriesKey, 'text');
    const yearSql = params.add(yearBe, 'int');
    // Each command's row with its own counter (one per series in a statement).
    const numbered =
      rows === undefined
        ? 'number'
        : `input i JOIN number ON number.series_key = ${seriesSql} AND number.year_be = ${yearSql}`;

    const document = Object.assign(prepared, {
      issuingOrganisationId: organisationId,
      origin: 'wian' as const,
      numberPrefix: number.prefix,
      numberUnitDigits: number.unitDigits,
      numberSubUnit: number.subUnit,
      numberSeries: series,
      numberRunning: null,
      numberYear: number.year,
      numberText: null,
      letterDate,
    });
    const inserted = documentInsertCtes(
      params,
      document,
      user?.userId ?? null,
      rows === undefined ? 'EXISTS (SELECT 1 FROM number)' : null,
      rows === undefined
        ? {
            numberRunning: '(SELECT last_number FROM number)',
            numberText: `(SELECT ${text('number')} FROM number)`,
            version: ISSUED_VERSION,
          }
        : {
            numberRunning: 'number.last_number',
            numberText: text('number'),
            version: ISSUED_VERSION,
            from: numbered,
          },
    );
    const toText =
      prepared.salutation ?? (prepared.parts.addressees.map((a) => a.wording).join(', ') || '-');
    const lineId = randomUUID();
    const lineSql = params.add(lineId, 'uuid');
    const ctes = [
      `number AS (${numberUpsertSql(
        seriesSql,
        yearSql,
        `${rows === undefined ? '' : `${rows} CROSS JOIN `}${organisation('x.id, x.saraban_prefix')}
          WHERE ${guards.join(' AND ')}`,
      )})`,
      ...inserted.ctes,
      `line AS (INSERT INTO register_entry (${LINE_COLUMNS})
         SELECT ${lineSql}, ${params.add(request.registerId, 'uuid')},
                ${yearSql}, number.last_number, d.id,
                ${params.add(this.clock.now(), 'timestamptz')}, ${text('number')},
                ${params.add(letterDate, 'date')}, o.name_th, ${params.add(toText, 'text')},
                d.subject, ${params.add(prepared.urgency, 'text')},
                NULL, NULL, ${params.add(user?.userId ?? null, 'uuid')},
                ${params.add(user?.positionId ?? null, 'uuid')}, NULL
           FROM ${numbered} JOIN new_document d ON d.id = ${inserted.idSql}
           CROSS JOIN ${organisation('x.name_th')}
         RETURNING ${entryColumns('')})`,
      rows === undefined
        ? `tip AS (SELECT line.*, t.tip_seq, t.tip_hash
             FROM line LEFT JOIN LATERAL ${auditChainTipSql(
               `CASE WHEN line.id IS NOT NULL THEN ${org} END`,
             )} AS t ON true)`
        : // Each row onto its own chain's tip, read and locked once the line is written.
          `tip AS (SELECT line.*, line."letterNumber" AS letter_number, t.tip_seq, t.tip_hash,
                  ${org} AS tip_org, i.id AS row_id
             FROM line JOIN input i ON ${lineSql} = line.id
             LEFT JOIN LATERAL ${auditChainTipSql(org)} AS t ON true)`,
      ...this.audit.appendSql(
        params,
        'tip',
        organisationId,
        [
          {
            action: 'document.draft',
            entityType: 'document',
            entityId: inserted.id,
            organisationId,
            payload: { subject: prepared.subject },
          },
          {
            action: 'register.dispatch',
            entityType: 'register_entry',
            entityId: lineId,
            organisationId,
            payload: {
              documentId: inserted.id,
              series,
              yearBe,
              number: auditSql.integer(
                rows === undefined ? '(SELECT number FROM line)' : 'r.number',
              ),
              numberText: auditSql.text(
                rows === undefined ? '(SELECT "letterNumber" FROM line)' : 'r.letter_number',
              ),
            },
          },
        ],
        auditName,
        ...(rows === undefined ? [] : [eachRowOnItsChain('tip', ['number', 'letter_number'])]),
      ),
    ];
    return { ctes, documentId: inserted.id, seriesKey, document, user };
  }

  /** A letter written in wian by `organisationId`, not yet numbered. */
  async draft(
    organisationId: number,
    input: DocumentInput,
    actor: Actor | null,
  ): Promise<Document> {
    const dto = await validateCommand(DocumentInput, input);
    // The number and date come at dispatch, never from the draft.
    const prepared = await this.documents.prepare(
      Object.assign(dto, { letterNumber: undefined, letterDate: undefined }),
    );
    return this.tx.run(async () => {
      const saved = await this.documents.save(
        Object.assign(prepared, { issuingOrganisationId: organisationId, origin: 'wian' as const }),
        actor?.kind === 'user' ? actor.userId : null,
      );
      await this.audit.record({
        action: 'document.draft',
        entityType: 'document',
        entityId: saved.id,
        organisationId,
        payload: { subject: saved.subject },
      });
      return saved;
    });
  }

  async dispatch(
    documentId: string,
    series: OutgoingSeries,
    actor: Actor | null,
  ): Promise<{ document: Document; entry: RegisterEntry }> {
    return this.tx.run(async (manager) => {
      const document = await manager.findOne(Document, {
        where: { id: documentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (document === null)
        throw ApiException.notFound('id', 'ไม่พบหนังสือนี้', `No document with id ${documentId}`);
      if (document.origin !== 'wian' || document.issuingOrganisationId === null) {
        throw ApiException.conflict({
          field: 'id',
          rule: 'notOwnLetter',
          message_th: 'ออกเลขส่งได้เฉพาะหนังสือที่หน่วยงานจัดทำในระบบ',
          message_en: 'only a letter written in wian by the organisation gets an outgoing number',
        });
      }
      if (document.numberRunning !== null) {
        throw ApiException.conflict({
          field: 'id',
          rule: 'alreadyNumbered',
          message_th: `หนังสือนี้ได้เลขที่ ${toThaiDigits(document.numberText ?? '')} แล้ว`,
          message_en: `this letter already has number ${document.numberText ?? ''}`,
        });
      }
      const organisation = await manager.findOneByOrFail(Organisation, {
        id: document.issuingOrganisationId,
      });
      const today = bangkokToday(this.clock);
      const yearBe = toBuddhistYear(today.year);
      let unit: { prefix: string | null; unitDigits: string | null; subUnit: string | null } = {
        prefix: null,
        unitDigits: null,
        subUnit: null,
      };
      if (series !== 'order') {
        if (organisation.sarabanPrefix === null) throw noSarabanPrefix('id', organisation.nameTh);
        unit = parseUnitPrefix(organisation.sarabanPrefix);
      }
      const register = await this.registers.dispatchRegister(organisation.id, series);
      const running = await this.numbers.next(dispatchSeries(organisation.id, series), yearBe);
      const number: DocumentNumber = {
        prefix: unit.prefix,
        unitDigits: unit.unitDigits,
        subUnit: unit.subUnit,
        series,
        running,
        year: series === 'order' ? yearBe : null,
      };
      const text = formatDocumentNumber(number, { digits: 'arabic' });
      const now = this.clock.now();
      await manager.update(
        Document,
        { id: documentId },
        {
          numberPrefix: number.prefix,
          numberUnitDigits: number.unitDigits,
          numberSubUnit: number.subUnit,
          numberSeries: series,
          numberRunning: running,
          numberYear: number.year,
          numberText: text,
          letterDate: civilDateToIso(today),
        },
      );
      const addressees = await manager.query<Array<{ wording: string }>>(
        `SELECT wording FROM document_addressee WHERE document_id = $1`,
        [documentId],
      );
      const entry = await manager.save(
        Object.assign(new RegisterEntry(), {
          registerId: register.id,
          yearBe,
          number: running,
          documentId,
          registeredAt: now,
          letterNumber: text,
          letterDate: civilDateToIso(today),
          fromText: organisation.nameTh,
          toText: document.salutation ?? (addressees.map((a) => a.wording).join(', ') || '-'),
          subject: document.subject,
          urgency: document.urgency,
          action: null,
          remarks: null,
          registeredByUserId: actor?.kind === 'user' ? actor.userId : null,
          positionId: actor?.kind === 'user' ? actor.positionId : null,
          idempotencyKey: null,
          cancelledAt: null,
          cancelReason: null,
          cancelledByUserId: null,
        }),
      );
      await this.audit.record({
        action: 'register.dispatch',
        entityType: 'register_entry',
        entityId: entry.id,
        organisationId: organisation.id,
        payload: { documentId, series, yearBe, number: running, numberText: text },
      });
      return { document: await manager.findOneByOrFail(Document, { id: documentId }), entry };
    });
  }
}
