import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@wian/calendar';
import { ApiException, validateCommand } from '@wian/http';
import type { Actor } from '@wian/identity';
import { Coalescer, InputRow, queryPrepared, TransactionHost } from '@wian/persistence';
import {
  FileStorage,
  parseInstantField,
  ReceiptService,
  RegisterDirectory,
  type StoredFile,
} from '@wian/registers';
import { bangkokCivilDate, civilDateToIso, compareCivilDates, formatThaiDate } from '@wian/thai';
import {
  AcknowledgeDeliveryDto,
  InstructDeliveryDto,
  ReasonDto,
  ReceiveDeliveryDto,
  ReportDoneDto,
} from './delivery-commands.dto.js';
import { DeliveryTransitions, type TransitionOutcome } from './delivery-transitions.service.js';
import {
  DeadlineScheduler,
  scheduledJobCtes,
  type PlannedDeadlineJob,
} from './deadlines/deadline-scheduler.service.js';
import { OrganisationFacts } from './organisation-facts.service.js';
import type { DoneEvidence } from './delivery.entity.js';
import { STATE_LABEL_TH, type ProgressState } from './delivery-workflow.js';

interface Official {
  userId: string;
  positionId: string;
  fullName: string;
  positionTitle: string;
  organisationId: number;
  organisationPath: string;
  organisationKind: string;
  organisationName: string;
}

/** No report can be made or remade on these any more. */
const FINISHED_STATES: ReadonlySet<ProgressState> = new Set(['closed', 'recalled', 'superseded']);

/** What a recipient organisation does with a delivery: receive, acknowledge, instruct, report. */
@Injectable()
export class DeliveryActions {
  private readonly officials = new Map<string, { official: Official; until: number }>();

  constructor(
    private readonly tx: TransactionHost,
    private readonly organisations: OrganisationFacts,
    private readonly transitions: DeliveryTransitions,
    private readonly registers: RegisterDirectory,
    private readonly receipts: ReceiptService,
    private readonly calendar: BusinessCalendar,
    private readonly deadlines: DeadlineScheduler,
    private readonly files: FileStorage,
  ) {}

  /**
   * ลงรับ: the letter gets the recipient's next receipt number. One statement writes the
   * delivery (its version checked), its history and outbox rows, and only then the number, the
   * register line and its audit rows (and, for a deadline counted from receipt, the
   * recipient's deadline jobs): a refused or concurrent receive writes nothing. Receipts of
   * different organisations at the same moment share that statement.
   */
  async receive(
    deliveryId: string,
    input: ReceiveDeliveryDto,
    actor: Actor | null,
  ): Promise<TransitionOutcome> {
    const dto = await validateCommand(ReceiveDeliveryDto, input);
    const given =
      dto.receivedAt === undefined ? undefined : parseInstantField('receivedAt', dto.receivedAt);
    const idempotencyKey = dto.idempotencyKey ?? null;
    const loaded = await this.transitions.read(deliveryId, { idempotencyKey, circular: true });
    const circular = loaded.circular!;
    if (given !== undefined) notReceivedBeforeSent(given, new Date(circular.createdAt));
    // "Within N working days of receipt": this recipient's deadline starts when it receives.
    const deadlineFromReceipt =
      circular.deadlineWorkingDays !== null && loaded.delivery.deadlineAt === null;
    let receipt: Awaited<ReturnType<ReceiptService['receiveDocumentEach']>> | undefined;
    let jobs: PlannedDeadlineJob[] = [];
    return this.transitions.apply({
      deliveryId,
      loaded,
      event: { type: 'RECEIVE' },
      actor,
      idempotencyKey,
      payload: dto.action === undefined ? undefined : { action: dto.action },
      check: async (delivery) => {
        const register =
          dto.registerId === undefined
            ? await this.registers.centralReceiptRegister(delivery.recipientOrganisationId)
            : await this.registers.get(dto.registerId);
        if (
          register.organisationId !== delivery.recipientOrganisationId ||
          register.kind !== 'receipt'
        ) {
          throw ApiException.badRequest({
            field: 'registerId',
            rule: 'ownReceiptRegister',
            message_th: 'ต้องลงรับในทะเบียนรับของหน่วยงานผู้รับเอง',
            message_en:
              'the letter must be received in a receipt register of the recipient organisation',
          });
        }
        receipt = await this.receipts.receiveDocumentEach(register, circular.documentId, actor, {
          ...(given === undefined ? {} : { receivedAt: given }),
          action: dto.action ?? null,
          remarks: dto.remarks ?? null,
        });
        const receivedAt = receipt.receivedAt;
        if (!deadlineFromReceipt) return { receivedAt };
        const deadlineAt = await this.calendar.relativeDeadline(
          receivedAt,
          circular.deadlineWorkingDays!,
        );
        jobs = await this.deadlines.plan([
          {
            id: delivery.circularId,
            deliveryId: delivery.id,
            deadlineAt,
            deadlineRev: circular.deadlineRev,
            reminderWorkingDaysBefore: circular.reminderWorkingDaysBefore,
            reminderTime: circular.reminderTime,
            graceWorkingDays: circular.graceWorkingDays,
          },
        ]);
        return { receivedAt, deadlineAt };
      },
      alongsideEach: () => {
        const { row, sql, entryId, exclusive } = receipt!;
        // A recipient's own deadline jobs ride along, for its row once written.
        const planned =
          jobs.length === 0
            ? []
            : [scheduledJobCtes(jobs, row, null, 'input i JOIN updated ON updated.id = i.id')];
        return {
          row,
          sql: [sql, ...planned].join(',\n'),
          sets: { receiptEntryId: entryId },
          exclusive,
        };
      },
    });
  }

  /** รับทราบ by a named official. Acknowledging twice answers the first acknowledgement. */
  async acknowledge(
    deliveryId: string,
    input: AcknowledgeDeliveryDto,
    actor: Actor | null,
  ): Promise<TransitionOutcome> {
    const dto = await validateCommand(AcknowledgeDeliveryDto, input);
    const official = await this.official(actor);
    const idempotencyKey = dto.idempotencyKey ?? null;
    const loaded = await this.transitions.read(deliveryId, {
      idempotencyKey,
      acknowledgedBy: official.userId,
    });
    if (loaded.acknowledgementId !== null)
      return { delivery: loaded.delivery, eventId: loaded.acknowledgementId, replayed: true };
    return this.transitions.apply({
      deliveryId,
      loaded,
      event: { type: 'ACKNOWLEDGE' },
      actor,
      idempotencyKey,
      payload: {
        officialName: official.fullName,
        positionTitle: official.positionTitle,
        ...(dto.note === undefined ? {} : { note: dto.note }),
      },
      check: async (delivery) => {
        const member = await this.organisations.isOwnUnit(
          official.organisationId,
          delivery.recipientOrganisationId,
        );
        if (!member) {
          throw new ApiException(
            403,
            'only officials of the recipient or its internal units acknowledge',
            [
              {
                field: 'actor',
                rule: 'recipientOfficial',
                message_th: 'ลงนามรับทราบได้เฉพาะเจ้าหน้าที่ของหน่วยงานผู้รับหรือหน่วยงานภายในของหน่วยงานนั้น',
                message_en:
                  'only officials of the recipient organisation or its internal units can acknowledge',
              },
            ],
          );
        }
        return { acknowledgedAt: delivery.acknowledgedAt ?? new Date() };
      },
      // The official's unit, if the head routed the letter to it, is marked as acknowledged;
      // otherwise the acknowledgement gets a row of its own; in the transition's statement,
      // set-based, so concurrent acknowledgements of other deliveries share it.
      alongsideEach: () => {
        const row = new InputRow('ack_');
        const [user, position, name, title, unit, unitName] = [
          row.add(official.userId, 'uuid'),
          row.add(official.positionId, 'uuid'),
          row.add(official.fullName, 'varchar'),
          row.add(official.positionTitle, 'varchar'),
          row.add(official.organisationId, 'int'),
          row.add(official.organisationName, 'varchar'),
        ];
        return {
          row,
          sql: `ack_claimed AS (
            UPDATE delivery_acknowledgement a SET user_id = ${user}, position_id = ${position},
                   official_name = ${name}, position_title = ${title}, acknowledged_at = now()
              FROM input i JOIN updated u ON u.id = i.id,
                   LATERAL (SELECT x.ctid AS tid FROM delivery_acknowledgement x
                             WHERE x.delivery_id = i.id AND x.unit_organisation_id = ${unit}
                               AND x.user_id IS NULL LIMIT 1) l
             WHERE a.ctid = l.tid
            RETURNING a.delivery_id
          ), ack_added AS (
            INSERT INTO delivery_acknowledgement (delivery_id, unit_organisation_id, unit_name, user_id, position_id,
              official_name, position_title, acknowledged_at)
            SELECT i.id, ${unit}, ${unitName}, ${user}, ${position}, ${name}, ${title}, now()
              FROM input i JOIN updated u ON u.id = i.id
             WHERE NOT EXISTS (SELECT 1 FROM ack_claimed c WHERE c.delivery_id = i.id)
          )`,
        };
      },
    });
  }

  /** สั่งการ: the head's instruction, routing the letter to internal units. */
  async instruct(
    deliveryId: string,
    input: InstructDeliveryDto,
    actor: Actor | null,
  ): Promise<TransitionOutcome> {
    const dto = await validateCommand(InstructDeliveryDto, input);
    return this.transitions.apply({
      deliveryId,
      event: { type: 'INSTRUCT' },
      actor,
      idempotencyKey: dto.idempotencyKey ?? null,
      payload: { instruction: dto.instruction, unitIds: dto.unitIds ?? [] },
      columns: { instruction: dto.instruction },
      effect: async (delivery) => {
        const unitIds = [...new Set(dto.unitIds ?? [])];
        if (unitIds.length === 0) return {};
        const units = await this.tx.manager.query<Array<{ id: number; name_th: string }>>(
          `SELECT u.id, u.name_th FROM organisation u, organisation r
            WHERE u.id = ANY($1::int[]) AND r.id = $2 AND u.id <> r.id AND left(u.path, length(r.path)) = r.path`,
          [unitIds, delivery.recipientOrganisationId],
        );
        const own = [];
        for (const unit of units)
          if (await this.organisations.isOwnUnit(unit.id, delivery.recipientOrganisationId))
            own.push(unit);
        units.splice(0, units.length, ...own);
        const found = new Set(units.map((u) => u.id));
        const foreign = unitIds.filter((id) => !found.has(id));
        if (foreign.length > 0) {
          throw ApiException.badRequest({
            field: `unitIds.${(dto.unitIds ?? []).indexOf(foreign[0])}`,
            rule: 'ownUnit',
            message_th: `หน่วยงานรหัส ${foreign.join(', ')} ไม่ใช่หน่วยงานภายในของผู้รับ`,
            message_en: `organisations ${foreign.join(', ')} are not units of the recipient`,
          });
        }
        await this.tx.manager.query(
          `INSERT INTO delivery_acknowledgement (delivery_id, unit_organisation_id, unit_name, assigned_at)
           SELECT $1, u.id, u.name, now() FROM unnest($2::int[], $3::varchar[]) AS u(id, name)
            WHERE NOT EXISTS (SELECT 1 FROM delivery_acknowledgement a
                               WHERE a.delivery_id = $1 AND a.unit_organisation_id = u.id)`,
          [delivery.id, units.map((u) => u.id), units.map((u) => u.name_th)],
        );
        return {};
      },
    });
  }

  /** The requested action is done: a note and optional evidence (link, file, form fields). */
  async reportDone(
    deliveryId: string,
    input: ReportDoneDto,
    actor: Actor | null,
  ): Promise<TransitionOutcome> {
    const dto = await validateCommand(ReportDoneDto, input);
    const evidence: DoneEvidence | null =
      dto.evidence === undefined
        ? null
        : {
            ...(dto.evidence.link === undefined ? {} : { link: dto.evidence.link }),
            ...(dto.evidence.fileId === undefined ? {} : { fileId: dto.evidence.fileId }),
            ...(dto.evidence.fields === undefined
              ? {}
              : { fields: this.fields(dto.evidence.fields) }),
          };
    if (evidence?.fileId !== undefined) {
      const owned = await this.tx.manager.query<unknown[]>(
        `SELECT 1 FROM stored_file f JOIN delivery d ON d.recipient_organisation_id = f.organisation_id
          WHERE f.id = $1 AND d.id = $2`,
        [evidence.fileId, deliveryId],
      );
      if (owned.length === 0)
        throw ApiException.notFound(
          'evidence.fileId',
          'ไม่พบไฟล์นี้ในหน่วยงานผู้รับ',
          'No such file uploaded by the recipient organisation',
        );
    }
    return this.transitions.apply({
      deliveryId,
      event: { type: 'REPORT_DONE' },
      actor,
      idempotencyKey: dto.idempotencyKey ?? null,
      // The history keeps the evidence too: a report reopened and made again replaces the
      // delivery's own columns, not what was reported before.
      payload: evidence === null ? { note: dto.note } : { note: dto.note, evidence },
      columns: { doneAt: new Date(), doneNote: dto.note, doneEvidence: evidence },
    });
  }

  /**
   * A file to cite as the evidence of this delivery's report (`evidence.fileId`), stored for
   * its recipient organisation, which is what reportDone accepts. The route is authorised by
   * delivery.act, like the report itself, so whoever may report may upload its evidence, and
   * only while a report can still be made or remade.
   */
  async uploadEvidence(
    deliveryId: string,
    content: Buffer,
    originalName: string,
    actor: Actor | null,
  ): Promise<StoredFile> {
    const [delivery] = await this.tx.manager.query<
      Array<{ recipient_organisation_id: number; state: ProgressState }>
    >('SELECT recipient_organisation_id, state FROM delivery WHERE id = $1', [deliveryId]);
    if (delivery === undefined)
      throw ApiException.notFound(
        'id',
        'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
        `No delivery with id ${deliveryId}`,
      );
    if (FINISHED_STATES.has(delivery.state))
      throw ApiException.conflict({
        field: 'state',
        rule: 'reportOpen',
        message_th: `แนบหลักฐานไม่ได้ เพราะรายการนี้${STATE_LABEL_TH[delivery.state]}`,
        message_en: `evidence cannot be added: this delivery is ${delivery.state}`,
      });
    return this.files.store(delivery.recipient_organisation_id, content, originalName, actor);
  }

  /** The sender accepts a report and closes the delivery, or returns it for more work. */
  async close(
    deliveryId: string,
    actor: Actor | null,
    idempotencyKey?: string,
  ): Promise<TransitionOutcome> {
    return this.transitions.apply({
      deliveryId,
      event: { type: 'CLOSE' },
      actor,
      idempotencyKey: idempotencyKey ?? null,
    });
  }

  async reopen(
    deliveryId: string,
    input: ReasonDto,
    actor: Actor | null,
  ): Promise<TransitionOutcome> {
    const dto = await validateCommand(ReasonDto, input);
    return this.transitions.apply({
      deliveryId,
      event: { type: 'REOPEN' },
      actor,
      idempotencyKey: dto.idempotencyKey ?? null,
      payload: { reason: dto.reason },
      columns: { doneAt: null, doneNote: null, doneEvidence: null },
    });
  }

  private fields(raw: Record<string, unknown>): Record<string, string> {
    const entries = Object.entries(raw);
    if (
      entries.length > 50 ||
      entries.some(([k, v]) => typeof v !== 'string' || k.length > 100 || v.length > 2000)
    ) {
      throw ApiException.badRequest({
        field: 'evidence.fields',
        rule: 'stringFields',
        message_th: 'ช่องข้อมูลต้องเป็นข้อความ ไม่เกิน ๕๐ ช่อง ชื่อไม่เกิน ๑๐๐ ตัวอักษร ค่าไม่เกิน ๒,๐๐๐ ตัวอักษร',
        message_en:
          'fields must be at most 50 text values (names ≤ 100, values ≤ 2,000 characters)',
      });
    }
    return Object.fromEntries(entries) as Record<string, string>;
  }

  private async official(actor: Actor | null): Promise<Official> {
    if (actor?.kind !== 'user' || actor.positionId === null) {
      throw new ApiException(403, 'only an official acting in a position can acknowledge', [
        {
          field: 'actor',
          rule: 'namedOfficial',
          message_th: 'การลงนามรับทราบต้องทำโดยเจ้าหน้าที่ที่ระบุตัวตนและตำแหน่ง',
          message_en: 'an acknowledgement is signed by a named official acting in a position',
        },
      ]);
    }
    const cacheKey = `${actor.userId}:${actor.positionId}`;
    const cached = this.officials.get(cacheKey);
    if (cached !== undefined && cached.until > Date.now()) return cached.official;
    const official = await this.officialLookups.submit('', {
      userId: actor.userId,
      positionId: actor.positionId,
    });
    if (this.officials.size > 10_000) this.officials.clear();
    // Names and titles change rarely; a minute of staleness on a signature line is acceptable.
    this.officials.set(cacheKey, { official, until: Date.now() + 60_000 });
    return official;
  }

  /** Officials signing at the same moment are looked up by one query. */
  private readonly officialLookups = new Coalescer<
    { userId: string; positionId: string },
    Official
  >((_key, wanted) => this.lookUpOfficials(wanted), { alone: () => this.tx.inTransaction });

  private async lookUpOfficials(
    wanted: Array<{ userId: string; positionId: string }>,
  ): Promise<Array<Official | Error>> {
    const rows = await queryPrepared<{
      ord: string;
      full_name_th: string;
      title_th: string;
      organisation_id: number;
      path: string;
      kind: string;
      name_th: string;
    }>(
      this.tx.manager,
      `SELECT i.ord, x.*
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS i(user_id, position_id, ord)
         CROSS JOIN LATERAL (
           SELECT u.full_name_th, p.title_th, p.organisation_id, o.path, o.kind, o.name_th
             FROM app_user u, position p JOIN organisation o ON o.id = p.organisation_id
            WHERE u.id = i.user_id AND p.id = i.position_id LIMIT 1) x`,
      [wanted.map((w) => w.userId), wanted.map((w) => w.positionId)],
    );
    const byOrdinal = new Map(rows.map((row) => [Number(row.ord), row]));
    return wanted.map((w, i): Official | Error => {
      const row = byOrdinal.get(i + 1);
      if (row === undefined) {
        return new ApiException(403, 'no such official in that position', [
          {
            field: 'actor',
            rule: 'namedOfficial',
            message_th: 'ไม่พบเจ้าหน้าที่ผู้นี้ในตำแหน่งที่ระบุ',
            message_en: 'no such official in that position',
          },
        ]);
      }
      return {
        userId: w.userId,
        positionId: w.positionId,
        fullName: row.full_name_th,
        positionTitle: row.title_th,
        organisationId: row.organisation_id,
        organisationPath: row.path,
        organisationKind: row.kind,
        organisationName: row.name_th,
      };
    });
  }
}

/**
 * A letter cannot be received before the day it was sent and dated (a clerk may still stamp
 * the paper copy that came earlier the same day, before the circular reached wian).
 */
function notReceivedBeforeSent(receivedAt: Date, sentAt: Date): void {
  if (Number.isNaN(receivedAt.getTime())) return; // the register refuses it with its own rule
  const sentOn = bangkokCivilDate(sentAt);
  if (compareCivilDates(bangkokCivilDate(receivedAt), sentOn) >= 0) return;
  throw ApiException.badRequest({
    field: 'receivedAt',
    rule: 'notBeforeSent',
    message_th: `วันที่ลงรับต้องไม่ก่อนวันที่ส่งหนังสือ (ส่งเมื่อ${formatThaiDate(sentAt, 'full')})`,
    message_en: `a letter cannot be received before the day it was sent (${civilDateToIso(sentOn)})`,
  });
}
