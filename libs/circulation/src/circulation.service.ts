import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@wian/calendar';
import {
  auditChainTipSql,
  auditSql,
  AuditTrail,
  eachRowOnItsChain,
  type AuditSqlValue,
  type SqlParameterSink,
} from '@wian/audit';
import { ApiException, RequestContext, validateCommand } from '@wian/http';
import { IDENTITY_CLOCK, type Actor } from '@wian/identity';
import { JobName, jobId, Outbox, QueueName } from '@wian/jobs';
import {
  InputRow,
  isStatementAbort,
  isUniqueViolation,
  queryPrepared,
  returnedRows,
  SqlParams,
  TransactionHost,
} from '@wian/persistence';
import {
  DispatchService,
  DocumentEnclosure,
  DocumentFactory,
  DocumentInput,
  EnclosureInput,
  numberText,
  parseDeadlineField,
  parseSecrecyField,
  ReferenceInput,
  validatedLetter,
  type StoredLetterParts,
} from '@wian/registers';
import {
  bangkokCivilDate,
  bangkokIsoString,
  civilDateToIso,
  formatThaiDate,
  formatThaiDateTime,
  hasTimeOfDay,
  isClassified,
  parseDocumentNumber,
  SECRECY_LABEL_TH,
  toThaiDigits,
  type Clock,
} from '@wian/thai';
import { Circular } from './circular.entity.js';
import {
  DeadlineScheduler,
  scheduledJobCtes,
  type PlannedDeadlineJob,
} from './deadlines/deadline-scheduler.service.js';
import { CURRENT_DELIVERY_MACHINE_VERSION, DELIVERY_WORKFLOW } from './delivery-workflow.js';
import { DeliveryTransitions, type LoadedDelivery } from './delivery-transitions.service.js';
import { Delivery } from './delivery.entity.js';
import { OrganisationFacts } from './organisation-facts.service.js';
import { RecipientResolver } from './recipient-resolver.service.js';
import type { RecipientSelection } from './recipient-selection.js';
import { ChangeDeadlineDto, ReasonDto } from './delivery-commands.dto.js';
import {
  ForwardCircularDto,
  ReminderPolicyInput,
  SendCircularDto,
  SupersedeCircularDto,
} from './send-circular.dto.js';

/**
 * The references of a forward with the parent letter cited once, by its number and date (as
 * อ้างถึง reads) and linked to it: a reference the clerk typed with the parent's number is
 * that citation, linked; otherwise one is added. Null when the parent is already linked.
 */
function citingParent(
  references: ReferenceInput[],
  parentDocumentId: string,
  letter: CitedLetter,
): ReferenceInput[] | null {
  if (references.some((r) => r.documentId === parentDocumentId)) return null;
  const typed = references.find(
    (r) =>
      r.documentId === undefined &&
      r.number !== undefined &&
      letter.number !== null &&
      sameNumber(r.number, letter.number),
  );
  const number = typed?.number ?? letter.number;
  const date = typed?.date ?? letter.date;
  const link = Object.assign(new ReferenceInput(), {
    documentId: parentDocumentId,
    ...(number === null ? {} : { number }),
    ...(date === null ? {} : { date }),
  });
  return typed === undefined
    ? [...references, link]
    : references.map((r) => (r === typed ? link : r));
}

/** The letter a forward or a correction cites: its stored number and its date (ISO). */
interface CitedLetter {
  number: string | null;
  date: string | null;
}

/** A number as typed (either digit system, any spacing) against one as stored. */
function sameNumber(typed: string, stored: string): boolean {
  try {
    return numberText(parseDocumentNumber(typed)) === stored;
  } catch {
    return false; // not a number at all: the letter's own validation names it
  }
}

/** Beyond this a deadline is taken for a mistyped year unless the request says otherwise. */
const DISTANT_DEADLINE_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * Waits for every one of `asks` (started together), then answers their values or throws the
 * refusal of the first that failed, in the order given: the same refusal as asking one after
 * the other.
 */
async function inOrder<T extends readonly unknown[]>(
  ...asks: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(asks);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map(
    (outcome) => (outcome as PromiseFulfilledResult<unknown>).value,
  ) as unknown as T;
}

/**
 * The letter numbered by the circular's own statement (DispatchService.issueSql, or issueEach
 * set-based): the CTE with the issuer's chain tip after the letter's rows, whether the sender
 * numbered it itself (one chain), and SQL that holds when it was written (set-based, each
 * row's circular is written for its row's letter instead).
 */
type LetterInStatement = { auditTip: string; sameChain: boolean } & (
  { written: string } | { each: true }
);

/**
 * The sender's audit chain tip for the circular's audit row (columns tip_seq, tip_hash; set-based
 * also tip_org, row_id and letter_number): after the letter's rows when the sender numbered the
 * letter itself, else from the chain's own tip, locked after the unit's.
 */
function circularChainTipSql(sender: string, letter: LetterInStatement | null): string {
  if (letter === null)
    return `SELECT t.tip_seq, t.tip_hash FROM circ LEFT JOIN LATERAL ${auditChainTipSql(sender)} AS t ON true`;
  if ('each' in letter) {
    return letter.sameChain
      ? `SELECT a.tip_seq, a.tip_hash, a.tip_org, tip.row_id, tip.letter_number
           FROM ${letter.auditTip} a JOIN tip ON tip.tip_org = a.tip_org`
      : `SELECT t.tip_seq, t.tip_hash, ${sender} AS tip_org, tip.row_id, tip.letter_number
           FROM ${letter.auditTip} a JOIN tip ON tip.tip_org = a.tip_org JOIN input i ON i.id = tip.row_id
           LEFT JOIN LATERAL ${auditChainTipSql(sender)} AS t ON true`;
  }
  return letter.sameChain
    ? `SELECT s.tip_seq, s.tip_hash FROM circ, ${letter.auditTip} s`
    : `SELECT t.tip_seq, t.tip_hash FROM circ, ${letter.auditTip} a
         LEFT JOIN LATERAL ${auditChainTipSql(`CASE WHEN a.tip_seq IS NOT NULL THEN ${sender} END`)} AS t ON true`;
}

export interface SentCircular {
  circular: Circular;
  /** False when an earlier request with the same idempotency key was answered again. */
  created: boolean;
}

interface Placement {
  senderId: number;
  parentDelivery: Delivery | null;
  parentCircular: Circular | null;
  /** The parent delivery as read before the transaction (its write checks the version). */
  loaded?: LoadedDelivery;
}

/**
 * Sending a circular and forwarding it down the hierarchy. The addressees are resolved and
 * frozen at sending; each gets a delivery (an XState workflow at state `sent`) with its first
 * history row, and the circular one outbox row for the recipients' notices (`circular.sent`), in
 * the transaction that numbers the letter.
 */
@Injectable()
export class CirculationService {
  constructor(
    private readonly tx: TransactionHost,
    private readonly resolver: RecipientResolver,
    private readonly dispatch: DispatchService,
    private readonly transitions: DeliveryTransitions,
    private readonly audit: AuditTrail,
    private readonly outbox: Outbox,
    private readonly deadlines: DeadlineScheduler,
    private readonly documents: DocumentFactory,
    private readonly organisations: OrganisationFacts,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
  ) {}

  async send(senderId: number, input: SendCircularDto, actor: Actor | null): Promise<SentCircular> {
    const dto = await validateCommand(SendCircularDto, input);
    const repeated = await this.repeated(senderId, dto.idempotencyKey);
    if (repeated !== null) return { circular: repeated, created: false };
    if (dto.document.deadline !== undefined) {
      const deadline = parseDeadlineField(
        'document.deadline',
        dto.document.deadline,
        this.documents.endOfDay(),
      );
      this.refuseImplausibleDeadline('document.deadline', deadline, dto);
      await this.refuseNonWorkingDay('document.deadline', dto.document.deadline, deadline);
    }
    // Validated with the command: DispatchService does not check the letter again.
    dto.document = validatedLetter(dto.document);
    return this.issue({ senderId, parentDelivery: null, parentCircular: null }, dto, actor);
  }

  /**
   * A deadline that has already passed makes every recipient late the moment the circular
   * arrives and sends its escalations to the supervising levels at once: for a national
   * circular, a mistyped year would reach thousands of offices. It is refused unless the
   * request says it is meant (`allowPastDeadline`: a paper circular entered after its deadline,
   * a historical one replayed). A deadline more than a year ahead is almost always a mistyped
   * year (๒๕๙๖ for ๒๕๖๙): nobody would be reminded or followed up until then, so it is refused
   * the same way unless `allowDistantDeadline` says it is meant (decision 36).
   */
  private refuseImplausibleDeadline(
    field: string,
    deadline: Date,
    overrides: { allowPastDeadline?: boolean; allowDistantDeadline?: boolean },
  ): void {
    const now = this.clock.now().getTime();
    if (overrides.allowDistantDeadline !== true && deadline.getTime() > now + DISTANT_DEADLINE_MS) {
      throw ApiException.badRequest({
        field,
        rule: 'withinAYear',
        message_th:
          `กำหนดส่ง ${formatThaiDateTime(deadline)} อยู่ห่างจากวันนี้เกิน ๑ ปี การเตือนและการติดตามจะไม่เกิดขึ้นจนถึงวันนั้น ` +
          'ตรวจสอบวันที่และปี พ.ศ. หากตั้งใจ ให้ระบุ allowDistantDeadline: true',
        message_en:
          `the deadline ${bangkokIsoString(deadline)} is more than a year ahead: no reminder or follow-up ` +
          'would happen until then; check the date and the BE/CE year, or send allowDistantDeadline: true if it is meant',
      });
    }
    if (overrides.allowPastDeadline === true || deadline.getTime() > now) return;
    throw ApiException.badRequest({
      field,
      rule: 'notInPast',
      message_th:
        `กำหนดส่ง ${formatThaiDateTime(deadline)} ผ่านมาแล้ว ผู้รับทุกรายจะเลยกำหนดทันทีและระบบจะแจ้งหน่วยเหนือ ` +
        'ตรวจสอบวันที่และปี พ.ศ. หากตั้งใจ ให้ระบุ allowPastDeadline: true',
      message_en:
        `the deadline ${bangkokIsoString(deadline)} has passed: every recipient would be late at once ` +
        'and escalations would go out; check the date and the BE/CE year, or send allowPastDeadline: true if it is meant',
    });
  }

  /**
   * A classified letter (ลับ, ลับมาก, ลับที่สุด) is not circulated (decision 37): the
   * regulation on official secrets has it go by name, in sealed envelopes, through the
   * classified-documents registrar, and wian gives its recipients no way to read it. Refused
   * at sending rather than delivered unreadable to every recipient.
   */
  private refuseClassified(secrecy: string | undefined): void {
    const level = parseSecrecyField('document.secrecy', secrecy);
    if (!isClassified(level)) return;
    throw ApiException.badRequest({
      field: 'document.secrecy',
      rule: 'notClassified',
      message_th: `หนังสือชั้นความลับ (${SECRECY_LABEL_TH[level]}) ส่งเวียนผ่านระบบไม่ได้ ให้ส่งตามระเบียบว่าด้วยการรักษาความลับของทางราชการ`,
      message_en: `a classified letter (${level}) cannot be circulated: send it as the regulation on official secrets requires`,
    });
  }

  /**
   * A deadline written as a date is the end of that working day (docs/deadlines.md): a date
   * that is no working day (a weekend, a public holiday of the calendar) is refused, naming the
   * working days either side, rather than moved silently. A deadline with a time is taken as
   * written.
   */
  private async refuseNonWorkingDay(field: string, written: string, deadline: Date): Promise<void> {
    if (hasTimeOfDay(written)) return;
    const day = bangkokCivilDate(deadline);
    if (await this.calendar.isWorkingDay(day)) return;
    const [before, after, holidays] = await Promise.all([
      this.calendar.addWorkingDays(day, -1),
      this.calendar.addWorkingDays(day, 1),
      this.calendar.holidaysOn(day),
    ]);
    const why = holidays.length === 0 ? '' : ` (${holidays.map((h) => h.nameTh).join(', ')})`;
    throw ApiException.badRequest({
      field,
      rule: 'workingDay',
      message_th: `กำหนดส่ง${formatThaiDate(day, 'full')}ไม่ใช่วันทำการ${why} ให้กำหนดเป็นวันทำการ เช่น ${formatThaiDate(before, 'full')} หรือ${formatThaiDate(after, 'full')}`,
      message_en: `the deadline ${civilDateToIso(day)} is not a working day${holidays.length === 0 ? '' : ` (${holidays.map((h) => h.nameEn ?? h.nameTh).join(', ')})`}: give a working day such as ${civilDateToIso(before)} or ${civilDateToIso(after)}`,
    });
  }

  /**
   * A recipient's own circular to its subordinates, continuing `deliveryId`: its own number,
   * text and deadline (never later than the parent's), a reference to the parent letter, and
   * the parent's enclosures carried unless replaced.
   */
  async forward(
    deliveryId: string,
    input: ForwardCircularDto,
    actor: Actor | null,
  ): Promise<SentCircular> {
    const dto = await validateCommand(ForwardCircularDto, input);
    // The delivery, its circular and the letter's enclosures in one read; the forward's write
    // checks the delivery's version, so a concurrent change makes it a 409.
    const loaded = await this.transitions.read(deliveryId, {
      circular: true,
      enclosures: dto.carryEnclosures !== false,
      letter: true,
    });
    const parentDelivery = loaded.delivery;
    const parentCircular = loaded.circular!;
    const repeated = await this.repeated(
      parentDelivery.recipientOrganisationId,
      dto.idempotencyKey,
    );
    if (repeated !== null) return { circular: repeated, created: false };
    if (parentCircular.status !== 'active') throw this.inactive(parentCircular);
    const parentDeadline = parentDelivery.deadlineAt ?? parentCircular.deadlineAt;
    if ((dto.deadlineWorkingDays ?? null) !== null && parentDeadline !== null) {
      // Counted from each recipient's receipt, it could fall after the parent's deadline.
      throw ApiException.badRequest({
        field: 'deadlineWorkingDays',
        rule: 'parentDeadlineIsADate',
        message_th: `หนังสือที่ได้รับกำหนดส่งเป็นวันที่ (${formatThaiDateTime(parentDeadline)}) การส่งต่อจึงกำหนดเป็นจำนวนวันทำการนับแต่ได้รับไม่ได้ ให้กำหนดเป็นวันที่ไม่เกินวันดังกล่าว หรือไม่ระบุเพื่อใช้กำหนดเดิม`,
        message_en: `the received circular's deadline is a date (${bangkokIsoString(parentDeadline)}), so the forward cannot count working days from receipt: give a date no later than it, or none to keep it`,
      });
    }
    // The letter as validated with the command, and what the parent letter adds to it: its
    // deadline when the forward gives none, a reference to it, its enclosures.
    const document = dto.document;
    const added: StoredLetterParts = {};
    // A deadline of its own is checked like a sender's; the parent's, carried when none is
    // given, may have passed (a late forward still has to reach the districts).
    const own =
      document.deadline === undefined
        ? null
        : parseDeadlineField('document.deadline', document.deadline, this.documents.endOfDay());
    if (own === null && parentDeadline !== null) {
      added.deadline = parentDeadline.toISOString();
    } else if (own !== null && parentDeadline !== null) {
      if (own.getTime() > parentDeadline.getTime()) {
        throw ApiException.badRequest({
          field: 'document.deadline',
          rule: 'notAfterParentDeadline',
          message_th: `กำหนดส่งต้องไม่เกินกำหนดของหนังสือที่ได้รับ (${formatThaiDateTime(parentDeadline)})`,
          message_en: `the deadline cannot be later than the received circular's (${bangkokIsoString(parentDeadline)})`,
        });
      }
    }
    if (own !== null) {
      this.refuseImplausibleDeadline('document.deadline', own, dto);
      await this.refuseNonWorkingDay('document.deadline', document.deadline!, own);
    }
    const references = citingParent(
      document.references ?? [],
      parentCircular.documentId,
      loaded.letter ?? { number: null, date: null },
    );
    if (references !== null) added.references = references;
    if (dto.carryEnclosures !== false) {
      added.enclosures = [
        ...loaded.enclosures.map((e) => ({
          description: e.description,
          count: e.count,
          unit: e.unit ?? undefined,
          ...(e.fileId === null ? {} : { fileId: e.fileId }),
          ...(e.link === null ? {} : { link: e.link }),
        })),
        ...(document.enclosures ?? []),
      ];
    }
    // A copy: the letter the command validated is not changed.
    const letter = validatedLetter(document, added);
    return this.issue(
      {
        senderId: parentDelivery.recipientOrganisationId,
        parentDelivery,
        parentCircular,
        loaded,
      },
      Object.assign(dto, { document: letter }),
      actor,
    );
  }

  /**
   * Numbers the letter and writes the circular, its deliveries with their history rows, the
   * notice job of its recipients, its deadline jobs and its audit row, and for a forward the
   * parent's FORWARD: one statement (DispatchService.issueSql), or step by step when that
   * statement finds a reason not to write the letter.
   */
  private async issue(
    place: Placement,
    dto: SendCircularDto,
    actor: Actor | null,
  ): Promise<SentCircular> {
    this.refuseClassified(dto.document.secrecy);
    const selection: RecipientSelection = {
      selectors: (dto.selectors ?? []).map((s) => ({
        kind: s.kind,
        ...(s.organisationId === undefined ? {} : { organisationId: s.organisationId }),
        ...(s.kinds === undefined ? {} : { kinds: s.kinds }),
      })),
      organisationIds: dto.organisationIds ?? [],
    };
    if ((dto.deadlineWorkingDays ?? null) !== null && (dto.document.deadline ?? null) !== null) {
      throw ApiException.badRequest({
        field: 'deadlineWorkingDays',
        rule: 'oneDeadline',
        message_th:
          'ระบุกำหนดเป็นวันที่ (document.deadline) หรือเป็นจำนวนวันทำการนับแต่ได้รับหนังสือ อย่างใดอย่างหนึ่ง',
        message_en:
          'give the deadline as a date (document.deadline) or as working days after receipt, not both',
      });
    }
    // A forward outside a transaction is set-based work (writeEach below): its letter is
    // prepared, and its issuer looked up, while the recipients are resolved. Independent
    // questions, asked at once and refused in the same order as one after the other.
    const row =
      place.parentDelivery !== null && !this.tx.inTransaction ? new InputRow('fw_') : null;
    const issuing = this.issuingUnit(place.senderId, dto.issuingUnitId);
    const [recipients, issuingId, letterEach] = await inOrder(
      this.resolver.resolve(place.senderId, selection),
      issuing,
      row === null
        ? Promise.resolve(null)
        : issuing.then((id) =>
            this.dispatch.issueEach(
              id,
              dto.document,
              'circular',
              actor,
              row,
              'input i JOIN updated ON updated.id = i.id',
            ),
          ),
    );
    const userId = actor?.kind === 'user' ? actor.userId : null;
    const positionId = actor?.kind === 'user' ? actor.positionId : null;

    const newCircular = (letter: {
      documentId: string;
      deadlineAt: Date | null;
      requestedAction: string | null;
    }): Circular => {
      const id = randomUUID();
      return Object.assign(new Circular(), {
        id,
        documentId: letter.documentId,
        senderOrganisationId: place.senderId,
        parentDeliveryId: place.parentDelivery?.id ?? null,
        rootCircularId: place.parentCircular?.rootCircularId ?? id,
        depth: place.parentCircular === null ? 0 : place.parentCircular.depth + 1,
        deadlineAt: letter.deadlineAt,
        deadlineRev: 1,
        deadlineWorkingDays: dto.deadlineWorkingDays ?? null,
        reminderWorkingDaysBefore: dto.reminders?.workingDaysBefore ?? null,
        reminderTime: dto.reminders?.time ?? null,
        graceWorkingDays: dto.reminders?.graceWorkingDays ?? null,
        requestedAction: letter.requestedAction,
        rollupRule: dto.rollupRule ?? place.parentCircular?.rollupRule ?? 'own_and_forwarded',
        status: 'active' as const,
        supersedesCircularId: null,
        selection,
        recipientCount: recipients.length,
        sentByUserId: userId,
        sentByPositionId: positionId,
        idempotencyKey: dto.idempotencyKey ?? null,
        recalledAt: null,
        recallReason: null,
        recallIdempotencyKey: null,
        version: 1,
      });
    };
    // The parent's FORWARD says what was forwarded: the circular, its letter's number (in Thai
    // digits too, as the history reads it) and how many recipients.
    const payload = (circularId: string, number?: string | null) => ({
      circularId,
      ...(number === undefined ? {} : { number, numberTh: number && toThaiDigits(number) }),
      recipients: recipients.length,
    });

    /**
     * Writes the circular with everything of it in ONE statement. `inStatement` (a send): the
     * letter is numbered by that statement too (DispatchService.issueSql); null when its own
     * guard refused it (a prefix changed, a named id is gone), and the caller goes step by
     * step. Otherwise the letter is numbered first (DispatchService.issue, with its refusals
     * and retries) in the caller's transaction, and for a forward the parent's FORWARD writes
     * the circular with it.
     */
    const write = async (inStatement: boolean): Promise<Circular | null> => {
      const params = new SqlParams();
      const letter = inStatement
        ? await this.dispatch
            .issueSql(issuingId, dto.document, 'circular', actor, params)
            .then((sql) => ({
              ...sql,
              number: auditSql.text(sql.numberText) as string | AuditSqlValue | null,
              inStatement: {
                written: sql.written,
                auditTip: sql.auditTip,
                sameChain: issuingId === place.senderId,
              },
            }))
        : await this.dispatch
            .issue(issuingId, dto.document, 'circular', actor)
            .then(({ document }) => ({
              ctes: [] as string[],
              documentId: document.id,
              deadlineAt: document.deadlineAt,
              requestedAction: document.requestedAction,
              number: document.numberText as string | AuditSqlValue | null,
              inStatement: null,
            }));
      const circular = newCircular(letter);
      const jobs = await this.deadlines.plan([circular]);
      const ctes = [
        ...letter.ctes,
        this.circularCtes(
          params,
          circular,
          place,
          recipients,
          jobs,
          actor,
          letter.number,
          letter.inStatement,
        ),
      ].join(',\n');
      let createdAt: Date;
      if (place.parentDelivery === null) {
        const rows = await queryPrepared<{ created_at: Date }>(
          this.tx.manager,
          `WITH ${ctes} SELECT created_at FROM circ`,
          params.values,
        );
        if (rows.length === 0) return null;
        createdAt = rows[0].created_at;
      } else {
        // forwarded_at is the statement's now(), which is also the circular's created_at.
        const { delivery } = await this.transitions.apply({
          deliveryId: place.parentDelivery.id,
          ...(place.loaded === undefined ? {} : { loaded: place.loaded }),
          event: { type: 'FORWARD' },
          actor,
          payload: payload(circular.id, typeof letter.number === 'string' ? letter.number : null),
          params,
          computed: () => ({ forwardedAt: 'now()' }),
          alongside: () => ctes,
        });
        createdAt = delivery.forwardedAt!;
      }
      await this.outbox.wakeAfterCommit();
      return Object.assign(circular, { createdAt, updatedAt: createdAt });
    };

    /**
     * A forward outside a transaction: the parent's FORWARD with the letter and the circular as
     * set-based work riding along, so that the forwards of many organisations at once share
     * one statement (DeliveryTransitions). Null when the statement refused itself (a prefix
     * changed, a named id is gone): the caller then goes step by step.
     */
    const writeEach = async (
      parent: Delivery,
      row: InputRow,
      letter: NonNullable<typeof letterEach>,
    ): Promise<Circular | null> => {
      const circular = newCircular(letter);
      const jobs = await this.deadlines.plan([circular]);
      const circularId = row.add(circular.id, 'uuid');
      const sql = this.circularCtes(row, circular, place, recipients, jobs, actor, null, {
        auditTip: letter.auditTip,
        sameChain: issuingId === place.senderId,
        each: true,
      });
      let createdAt: Date;
      try {
        const { delivery } = await this.transitions.apply({
          deliveryId: parent.id,
          ...(place.loaded === undefined ? {} : { loaded: place.loaded }),
          event: { type: 'FORWARD' },
          actor,
          payload: payload(circular.id),
          alongsideEach: () => ({
            row,
            sql: [...letter.ctes, sql].join(',\n'),
            // forwarded_at is the statement's now(), which is also the circular's created_at.
            sets: { forwardedAt: 'now()' },
            exclusive: [...letter.exclusive, `chain:${place.senderId}`],
            mustHold: {
              sql: `EXISTS (SELECT 1 FROM circ WHERE circ.id = ${circularId})`,
              message: 'the letter was not written',
            },
            payload: `(SELECT jsonb_build_object('number', tip.letter_number, 'numberTh',
                translate(tip.letter_number, '0123456789', '๐๑๒๓๔๕๖๗๘๙')) FROM tip WHERE tip.row_id = i.id)`,
          }),
        });
        createdAt = delivery.forwardedAt!;
      } catch (error) {
        if (isStatementAbort(error)) return null;
        throw error;
      }
      return Object.assign(circular, { createdAt, updatedAt: createdAt });
    };

    // A statement that refuses itself ends an open transaction, so inside one (a supersede
    // sending the corrected letter) a forward goes step by step at once.
    const written = async (): Promise<Circular> =>
      (place.parentDelivery === null
        ? await write(true)
        : row === null || letterEach === null
          ? null
          : await writeEach(place.parentDelivery, row, letterEach)) ??
      (await this.tx.run(async () => (await write(false))!));

    try {
      return { circular: await written(), created: true };
    } catch (error) {
      const repeated = await this.repeatedAfterRace(error, place.senderId, dto.idempotencyKey);
      if (repeated !== null) return { circular: repeated, created: false };
      throw error;
    }
  }

  /**
   * The CTEs writing the circular (`circ`), its deliveries, their first history rows, the outbox
   * row of their notices, its deadline jobs and its audit row (circular.send or
   * circular.forward, hashed onto the sender's chain by the database), whatever the number of
   * recipients. Set-based (`letter.each`), `params` is the command's InputRow and each
   * command's circular is written for its row of \`input i\` whose letter was
   * (DispatchService.issueEach's `tip`).
   */
  private circularCtes(
    params: SqlParameterSink,
    circular: Circular,
    place: Placement,
    recipients: readonly number[],
    jobs: readonly PlannedDeadlineJob[],
    actor: Actor | null,
    numberText: string | null | AuditSqlValue,
    letter: LetterInStatement | null = null,
  ): string {
    const context = RequestContext.current();
    const initial = DELIVERY_WORKFLOW.initial(CURRENT_DELIVERY_MACHINE_VERSION);
    const each = letter !== null && 'each' in letter;
    const p = (value: unknown, cast: string): string => params.add(value, cast);
    // Arrays as literals (digits need no quoting): one value, a column of the row set-based.
    const array = (values: readonly number[] | null, cast: string): string =>
      `${p(values === null ? null : `{${values.join(',')}}`, 'text')}::${cast}`;
    const id = p(circular.id, 'uuid');
    const root = p(circular.rootCircularId, 'uuid');
    const parent = p(circular.parentDeliveryId, 'uuid');
    const deadline = p(circular.deadlineAt, 'timestamptz');
    const user = p(circular.sentByUserId, 'uuid');
    const position = p(circular.sentByPositionId, 'uuid');
    const sender = p(circular.senderOrganisationId, 'int');
    // The rows each CTE reads: this circular's, or set-based each command's own.
    const written = each ? 'input i JOIN tip ON tip.row_id = i.id' : null;
    const ofCircular = each ? `input i JOIN circ ON circ.id = ${id}` : null;
    const created = each ? `created JOIN input i ON ${id} = created.circular_id` : 'created';
    const ctes = [
      `circ AS (
         INSERT INTO circular (id, document_id, sender_organisation_id, parent_delivery_id, root_circular_id, depth,
           deadline_at, requested_action, rollup_rule, status, selection, recipient_count, sent_by_user_id,
           sent_by_position_id, idempotency_key, version, reminder_working_days_before, reminder_time,
           grace_working_days, deadline_rev, deadline_working_days)
         SELECT ${id}, ${p(circular.documentId, 'uuid')}, ${sender}, ${parent}, ${root},
           ${p(circular.depth, 'smallint')}, ${deadline}, ${p(circular.requestedAction, 'text')},
           ${p(circular.rollupRule, 'varchar')}, 'active', ${p(JSON.stringify(circular.selection), 'jsonb')},
           ${p(circular.recipientCount, 'int')}, ${user}, ${position}, ${p(circular.idempotencyKey, 'varchar')}, 1,
           ${array(circular.reminderWorkingDaysBefore, 'smallint[]')}, ${p(circular.reminderTime, 'varchar')},
           ${p(circular.graceWorkingDays, 'smallint')}, 1, ${p(circular.deadlineWorkingDays, 'smallint')}
         ${written !== null ? `FROM ${written}` : letter === null || 'each' in letter ? '' : `WHERE ${letter.written}`}
         RETURNING id, created_at
       )`,
      `created AS (
         INSERT INTO delivery (circular_id, root_circular_id, parent_delivery_id, recipient_organisation_id, depth,
           machine_version, snapshot, state, timeliness, deadline_at, recipient_kind, province_id, district_id)
         SELECT ${id}, ${root}, ${parent}, o.id, ${p((place.parentDelivery?.depth ?? 0) + 1, 'smallint')},
                ${p(CURRENT_DELIVERY_MACHINE_VERSION, 'smallint')}, ${p(JSON.stringify(initial), 'jsonb')},
                'sent', 'on_time', ${deadline}, o.kind, o.province_id, o.district_id
           FROM ${ofCircular === null ? '' : `${ofCircular} CROSS JOIN LATERAL `}unnest(${array(recipients, 'int[]')}) AS r
           CROSS JOIN LATERAL (SELECT x.id, x.kind, x.province_id, x.district_id FROM organisation x
                                WHERE x.id = r LIMIT 1) o
          ${ofCircular === null ? 'WHERE EXISTS (SELECT 1 FROM circ)' : ''}
         RETURNING id, circular_id
       )`,
      `history AS (
         INSERT INTO delivery_event (delivery_id, seq, type, from_state, to_state, actor_user_id, position_id,
           on_behalf_of_position_id, delegation_id, api_key_id, occurred_at, payload)
         SELECT created.id, 1, 'SEND', NULL, 'sent/on_time', ${user}, ${position},
                ${p(context?.onBehalfOfPositionId ?? null, 'uuid')}, ${p(context?.delegationId ?? null, 'uuid')},
                ${p(actor?.kind === 'api_key' ? actor.apiKeyId : null, 'uuid')}, now(), NULL
           FROM ${created}
       )`,
      // The recipients' notices: one job for the circular, not one per delivery. Its names are
      // the catalogue's constants (set-based, a parameter would be a column of the input).
      `sent AS (
         INSERT INTO outbox_message (queue, job_name, job_id, payload)
         SELECT '${QueueName.Circulation}', '${JobName.CircularSent}',
                '${JobName.CircularSent}-' || circ.id, jsonb_build_object('circularId', circ.id)
           FROM circ
       )`,
      ofCircular === null
        ? scheduledJobCtes(jobs, params, 'EXISTS (SELECT 1 FROM circ)')
        : scheduledJobCtes(jobs, params, null, ofCircular),
      `circ_tip AS (${circularChainTipSql(sender, letter)})`,
      ...this.audit.appendSql(
        params,
        'circ_tip',
        circular.senderOrganisationId,
        [
          {
            action: place.parentDelivery === null ? 'circular.send' : 'circular.forward',
            entityType: 'circular',
            entityId: circular.id,
            organisationId: circular.senderOrganisationId,
            payload: {
              documentId: circular.documentId,
              number: each ? auditSql.text('r.letter_number') : numberText,
              recipients: recipients.length,
              parentDeliveryId: place.parentDelivery?.id ?? null,
            },
          },
        ],
        'audit',
        ...(each ? [eachRowOnItsChain('circ_tip', ['letter_number'])] : []),
      ),
    ];
    return ctes.join(',\n');
  }

  /**
   * The sender withdraws a circular: it and every forward made of it are marked recalled, and
   * every delivery that has not ended gets RECALL (reports already done stay as they are).
   */
  async recall(circularId: string, input: ReasonDto, actor: Actor | null): Promise<Circular> {
    const dto = await validateCommand(ReasonDto, input);
    const found = await this.circularOr404(circularId);
    // The same request again (a retry after a lost answer) answers the recalled circular.
    if (
      dto.idempotencyKey !== undefined &&
      found.status === 'recalled' &&
      found.recallIdempotencyKey === dto.idempotencyKey
    ) {
      return found;
    }
    const circular = this.active(found);
    return this.tx.run(async (manager) => {
      const ended = await this.endTree(
        circularId,
        'recalled',
        { reason: dto.reason },
        actor,
        dto.idempotencyKey,
      );
      await this.audit.record({
        action: 'circular.recall',
        entityType: 'circular',
        entityId: circularId,
        organisationId: circular.senderOrganisationId,
        payload: { reason: dto.reason, ...ended },
      });
      return manager.findOneByOrFail(Circular, { id: circularId });
    });
  }

  /**
   * A corrected circular replaces one already sent: the correction is sent (or forwarded) as a
   * new letter, to the same recipients unless others are chosen, and the old circular and every
   * forward made of it are marked superseded.
   */
  async supersede(
    circularId: string,
    input: SupersedeCircularDto,
    actor: Actor | null,
  ): Promise<SentCircular> {
    const dto = await validateCommand(SupersedeCircularDto, input);
    const found = await this.circularOr404(circularId);
    // The same request again answers the correction it made (the replaced circular is no longer
    // active by then); the correction's sender is the replaced one's.
    const repeated = await this.repeated(found.senderOrganisationId, dto.idempotencyKey);
    if (repeated !== null) return { circular: repeated, created: false };
    const old = this.active(found);
    const [replaced] = await this.tx.manager.query<Array<CitedLetter & { unit: number | null }>>(
      `SELECT number_text AS number, to_char(letter_date, 'YYYY-MM-DD') AS date,
              issuing_organisation_id AS unit
         FROM document WHERE id = $1`,
      [old.documentId],
    );
    this.keepWhatIsNotRestated(old, replaced.unit, dto);
    if ((dto.selectors ?? []).length === 0 && (dto.organisationIds ?? []).length === 0) {
      const rows = await this.tx.manager.query<Array<{ id: number }>>(
        `SELECT recipient_organisation_id AS id FROM delivery WHERE circular_id = $1 ORDER BY 1`,
        [circularId],
      );
      dto.organisationIds = rows.map((r) => r.id);
    }
    const { reason, carryEnclosures, ...letter } = dto;
    letter.document = await this.correctionOf(old, replaced, letter.document, carryEnclosures);
    return this.tx.run(async () => {
      const sent =
        old.parentDeliveryId === null
          ? await this.send(old.senderOrganisationId, letter, actor)
          : await this.forward(
              old.parentDeliveryId,
              { ...letter, ...(carryEnclosures === undefined ? {} : { carryEnclosures }) },
              actor,
            );
      if (!sent.created) return sent;
      await this.tx.manager.query(`UPDATE circular SET supersedes_circular_id = $2 WHERE id = $1`, [
        sent.circular.id,
        circularId,
      ]);
      const ended = await this.endTree(
        circularId,
        'superseded',
        { reason, supersededBy: sent.circular.id },
        actor,
      );
      await this.audit.record({
        action: 'circular.supersede',
        entityType: 'circular',
        entityId: circularId,
        organisationId: old.senderOrganisationId,
        payload: { reason, supersededBy: sent.circular.id, ...ended },
      });
      return {
        circular: await this.tx.repository(Circular).findOneByOrFail({ id: sent.circular.id }),
        created: true,
      };
    });
  }

  /**
   * A correction fixes what it restates and keeps the rest of the circular in force: the
   * deadline (a date, or working days from receipt) with its reminder policy, the issuing unit
   * whose series numbers it, the requested action and the roll-up rule. A typo fix must not
   * cancel every reminder and escalation, nor move the letter to another dispatch register.
   * The deadline kept is the one in force, not a new choice: it is not judged again as past or
   * distant (changeDeadline moves it).
   */
  private keepWhatIsNotRestated(
    old: Circular,
    issuingUnit: number | null,
    dto: SupersedeCircularDto,
  ): void {
    if (dto.document.deadline === undefined && dto.deadlineWorkingDays === undefined) {
      if (old.deadlineWorkingDays !== null) {
        dto.deadlineWorkingDays = old.deadlineWorkingDays;
      } else if (old.deadlineAt !== null) {
        dto.document.deadline = new Date(old.deadlineAt).toISOString();
        dto.allowPastDeadline = true;
        dto.allowDistantDeadline = true;
      }
    }
    if (dto.reminders === undefined) {
      const policy: ReminderPolicyInput = Object.assign(
        new ReminderPolicyInput(),
        old.reminderWorkingDaysBefore === null
          ? {}
          : { workingDaysBefore: old.reminderWorkingDaysBefore },
        old.reminderTime === null ? {} : { time: old.reminderTime },
        old.graceWorkingDays === null ? {} : { graceWorkingDays: old.graceWorkingDays },
      );
      if (Object.keys(policy).length > 0) dto.reminders = policy;
    }
    dto.rollupRule ??= old.rollupRule;
    if (dto.document.requestedAction === undefined && old.requestedAction !== null) {
      dto.document.requestedAction = old.requestedAction;
    }
    if (dto.issuingUnitId === undefined && issuingUnit !== null) dto.issuingUnitId = issuingUnit;
  }

  /**
   * The corrected letter refers to the one it replaces (อ้างถึง, as a correction does). A
   * department's own circular that gives no enclosures keeps the replaced letter's, unless
   * `carryEnclosures: false`; one that lists enclosures is the whole corrected letter. (A
   * forward's correction carries its parent's enclosures, as any forward.)
   */
  private async correctionOf(
    old: Circular,
    replaced: CitedLetter,
    document: DocumentInput,
    carryEnclosures: boolean | undefined,
  ): Promise<DocumentInput> {
    const references = document.references ?? [];
    const corrected: DocumentInput = Object.assign(new DocumentInput(), document, {
      references: citingParent(references, old.documentId, replaced) ?? references,
    });
    if (
      old.parentDeliveryId === null &&
      document.enclosures === undefined &&
      carryEnclosures !== false
    ) {
      const kept = await this.tx
        .repository(DocumentEnclosure)
        .find({ where: { documentId: old.documentId }, order: { ord: 'ASC' } });
      corrected.enclosures = kept.map((e) =>
        Object.assign(new EnclosureInput(), {
          description: e.description,
          count: e.count,
          unit: e.unit,
          ...(e.fileId === null ? {} : { fileId: e.fileId }),
          ...(e.link === null ? {} : { link: e.link }),
        }),
      );
    }
    return corrected;
  }

  /**
   * Moves a circular's deadline. Reminders and escalations are planned again for the new
   * deadline (jobs of the old one find their revision stale and do nothing), deliveries already
   * overdue are back on time when the new deadline is ahead, and forwards whose own deadline
   * would now be later than this one are brought forward with it. Forwards that had no date
   * (none given, or working days from receipt while the parent had no date) take this one: a
   * forward's deadline is never later than its parent's.
   */
  async changeDeadline(
    circularId: string,
    input: ChangeDeadlineDto,
    actor: Actor | null,
  ): Promise<Circular> {
    const dto = await validateCommand(ChangeDeadlineDto, input);
    const circular = await this.activeCircular(circularId);
    const deadline = parseDeadlineField('deadline', dto.deadline, this.documents.endOfDay());
    this.refuseImplausibleDeadline('deadline', deadline, dto);
    await this.refuseNonWorkingDay('deadline', dto.deadline, deadline);
    if (circular.parentDeliveryId !== null) {
      const parent = await this.transitions.load(circular.parentDeliveryId);
      if (
        parent.deadlineAt !== null &&
        deadline.getTime() > new Date(parent.deadlineAt).getTime()
      ) {
        throw ApiException.badRequest({
          field: 'deadline',
          rule: 'notAfterParentDeadline',
          message_th: `กำหนดส่งต้องไม่เกินกำหนดของหนังสือที่ได้รับ (${formatThaiDateTime(new Date(parent.deadlineAt))})`,
          message_en: `the deadline cannot be later than the received circular's (${bangkokIsoString(new Date(parent.deadlineAt))})`,
        });
      }
    }
    return this.tx.run(async (manager) => {
      await this.moveDeadline(circular, deadline, dto.reason, actor);
      return manager.findOneByOrFail(Circular, { id: circularId });
    });
  }

  /**
   * Moves the circular's deadline and, set-based whatever the size of the tree, the deadline of
   * every forward below it that would otherwise be later: one revision more each, their pending
   * jobs superseded and planned again, overdue deliveries back on time when the new deadline is
   * ahead, one audit row per circular moved.
   */
  private async moveDeadline(
    circular: Circular,
    deadline: Date,
    reason: string,
    _actor: Actor | null,
  ): Promise<void> {
    const manager = this.tx.manager;
    type Moved = {
      id: string;
      deadline_rev: number;
      old_deadline: Date | null;
      sender_organisation_id: number;
      reminder_working_days_before: number[] | null;
      reminder_time: string | null;
      grace_working_days: number | null;
    };
    const moved = returnedRows<Moved>(
      await manager.query(
        `WITH RECURSIVE tree AS (
         SELECT id, deadline_at FROM circular WHERE id = $1
         UNION ALL
         SELECT c.id, c.deadline_at FROM circular c
           JOIN delivery d ON d.id = c.parent_delivery_id JOIN tree t ON d.circular_id = t.id
          WHERE c.status = 'active' AND (c.deadline_at > $2 OR c.deadline_at IS NULL)
       )
       UPDATE circular c SET deadline_at = $2, deadline_rev = c.deadline_rev + 1, deadline_working_days = NULL,
              updated_at = now(), version = c.version + 1
         FROM tree t WHERE c.id = t.id
       RETURNING c.id, c.deadline_rev, t.deadline_at AS old_deadline, c.sender_organisation_id,
                 c.reminder_working_days_before, c.reminder_time, c.grace_working_days`,
        [circular.id, deadline],
      ),
    );
    const ids = moved.map((m) => m.id);
    await manager.query(
      `UPDATE delivery SET deadline_at = $2
        WHERE circular_id = ANY($1::uuid[]) AND state IN ('sent', 'received', 'acknowledged', 'forwarded')`,
      [ids, deadline],
    );
    await manager.query(
      `UPDATE scheduled_job s SET done_at = now(), outcome = 'superseded: deadline rev ' || c.deadline_rev
         FROM circular c WHERE c.id = s.circular_id AND s.circular_id = ANY($1::uuid[]) AND s.done_at IS NULL`,
      [ids],
    );
    if (deadline.getTime() > this.clock.now().getTime()) {
      const late = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM delivery WHERE circular_id = ANY($1::uuid[]) AND timeliness <> 'on_time'
            AND state IN ('sent', 'received', 'acknowledged', 'forwarded')`,
        [ids],
      );
      await this.transitions.applyMany(
        late.map((l) => l.id),
        { type: 'DEADLINE_EXTENDED' },
        { deadlineAt: deadline.toISOString(), reason },
      );
    }
    const jobs = await this.deadlines.plan(
      moved.map((m) => ({
        id: m.id,
        deadlineAt: deadline,
        deadlineRev: m.deadline_rev,
        reminderWorkingDaysBefore: m.reminder_working_days_before,
        reminderTime: m.reminder_time,
        graceWorkingDays: m.grace_working_days,
      })),
    );
    if (jobs.length > 0) {
      const params = new SqlParams();
      await manager.query(`WITH ${scheduledJobCtes(jobs, params)} SELECT 1`, params.values);
      await this.outbox.wakeAfterCommit();
    }
    // Every recipient still owing the action hears of the new deadline: one job per circular
    // moved, its notices written page by page (as for a circular sent).
    await this.outbox.add(
      moved.map((m) => ({
        name: JobName.CircularDeadlineChanged,
        jobId: jobId(JobName.CircularDeadlineChanged, m.id, `r${m.deadline_rev}`),
        payload: {
          circularId: m.id,
          deadlineRev: m.deadline_rev,
          previous: m.old_deadline === null ? null : new Date(m.old_deadline).toISOString(),
          reason,
        },
      })),
    );
    await this.audit.recordAll(
      moved.map((m) => ({
        action: 'circular.deadline_change',
        entityType: 'circular',
        entityId: m.id,
        organisationId: m.sender_organisation_id,
        payload: {
          from: m.old_deadline === null ? null : new Date(m.old_deadline).toISOString(),
          to: deadline.toISOString(),
          reason,
          deadlineRev: m.deadline_rev,
          ...(m.id === circular.id ? {} : { movedWith: circular.id }),
        },
      })),
    );
  }

  private async activeCircular(circularId: string): Promise<Circular> {
    return this.active(await this.circularOr404(circularId));
  }

  private async circularOr404(circularId: string): Promise<Circular> {
    const circular = await this.tx.repository(Circular).findOneBy({ id: circularId });
    if (circular === null)
      throw ApiException.notFound('id', 'ไม่พบหนังสือเวียนนี้', `No circular with id ${circularId}`);
    return circular;
  }

  private active(circular: Circular): Circular {
    if (circular.status !== 'active') throw this.inactive(circular);
    return circular;
  }

  /** Marks a circular and its forwards ended, and sends RECALL or SUPERSEDE to open deliveries. */
  private async endTree(
    circularId: string,
    status: 'recalled' | 'superseded',
    payload: Record<string, unknown>,
    actor: Actor | null,
    /** The recall request's key, kept on the recalled circular to answer it again. */
    recallKey?: string,
  ): Promise<{ circulars: number; deliveries: number }> {
    const tree = `WITH RECURSIVE cs AS (
        SELECT id FROM circular WHERE id = $1
        UNION ALL
        SELECT c.id FROM circular c JOIN delivery d ON d.id = c.parent_delivery_id JOIN cs ON d.circular_id = cs.id
      )`;
    const changed = returnedRows(
      await this.tx.manager.query(
        `${tree} UPDATE circular SET status = $2::varchar, recalled_at = CASE WHEN $2::varchar = 'recalled' THEN now() END,
               recall_reason = $3, recall_idempotency_key = CASE WHEN id = $1 THEN $4::varchar END,
               updated_at = now(), version = version + 1
         WHERE id IN (SELECT id FROM cs) AND status = 'active' RETURNING id`,
        [
          circularId,
          status,
          typeof payload.reason === 'string' ? payload.reason : null,
          recallKey ?? null,
        ],
      ),
    );
    // Reminders, deadline checks and escalations of the tree will not run: the schedule says
    // so now (ยกเลิก) instead of when each comes due and finds the circular ended.
    await this.tx.manager.query(
      `${tree} UPDATE scheduled_job SET done_at = now(), outcome = 'stale: ' || $2::varchar
        WHERE circular_id IN (SELECT id FROM cs) AND done_at IS NULL`,
      [circularId, status],
    );
    const open = await this.tx.manager.query<Array<{ id: string }>>(
      `${tree} SELECT d.id FROM delivery d JOIN cs ON d.circular_id = cs.id
        WHERE d.state IN ('sent', 'received', 'acknowledged', 'forwarded') ORDER BY d.depth, d.id`,
      [circularId],
    );
    for (const delivery of open) {
      await this.transitions.apply({
        deliveryId: delivery.id,
        event: { type: status === 'recalled' ? 'RECALL' : 'SUPERSEDE' },
        actor,
        payload: { ...payload, circularId },
      });
    }
    return { circulars: changed.length, deliveries: open.length };
  }

  private async issuingUnit(senderId: number, unitId: number | undefined): Promise<number> {
    if (unitId === undefined || unitId === senderId) return senderId;
    // Only the sender's own units number its letters: never a subordinate organisation's register.
    if (!(await this.organisations.isOwnUnit(unitId, senderId).catch(() => false))) {
      throw ApiException.badRequest({
        field: 'issuingUnitId',
        rule: 'ownUnit',
        message_th: `หน่วยงานรหัส ${String(unitId)} ไม่ใช่หน่วยงานภายในของผู้ส่ง จึงออกเลขหนังสือแทนไม่ได้`,
        message_en: `organisation ${unitId} is not a unit of the sender and cannot number its letter`,
      });
    }
    return unitId;
  }

  private async repeated(senderId: number, key: string | undefined): Promise<Circular | null> {
    if (key === undefined) return null;
    return this.tx
      .repository(Circular)
      .findOneBy({ senderOrganisationId: senderId, idempotencyKey: key });
  }

  private async repeatedAfterRace(
    error: unknown,
    senderId: number,
    key: string | undefined,
  ): Promise<Circular | null> {
    if (key === undefined) return null;
    if (!isUniqueViolation(error, 'circular_idempotency_key')) return null;
    return this.repeated(senderId, key);
  }

  inactive(circular: Circular): ApiException {
    return ApiException.conflict({
      field: 'circularId',
      rule: 'circularActive',
      message_th:
        circular.status === 'recalled'
          ? 'หนังสือเวียนฉบับนี้ถูกเรียกคืนแล้ว'
          : 'หนังสือเวียนฉบับนี้ถูกแทนที่ด้วยฉบับแก้ไขแล้ว',
      message_en: `this circular is ${circular.status}`,
    });
  }
}
