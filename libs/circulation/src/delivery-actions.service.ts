import { Injectable } from '@nestjs/common';
import { BusinessCalendar } from '@wian/calendar';
import { ApiException, validateCommand } from '@wian/http';
import type { Actor } from '@wian/identity';
import { queryPrepared, TransactionHost } from '@wian/persistence';
import { parseInstantField, ReceiptService, RegisterDirectory } from '@wian/registers';
import { toThaiDigits } from '@wian/thai';
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
  ) {}

  /**
   * ลงรับ: the letter gets the recipient's next receipt number. One statement writes the
   * delivery (its version checked), its history and outbox rows, and only then the number, the
   * register line and its audit rows (and, for a deadline counted from receipt, the
   * recipient's deadline jobs): a refused or concurrent receive writes nothing.
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
    const written = 'EXISTS (SELECT 1 FROM updated)';
    let receipt: { ctes: string[]; entryId: string; receivedAt: Date } | undefined;
    let jobs: PlannedDeadlineJob[] = [];
    return this.transitions.apply({
      deliveryId,
      loaded,
      event: { type: 'RECEIVE' },
      actor,
      idempotencyKey,
      payload: dto.action === undefined ? undefined : { action: dto.action },
      check: async (delivery, params) => {
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
        receipt = await this.receipts.receiveDocumentSql(
          params,
          register,
          circular.documentId,
          actor,
          {
            ...(given === undefined ? {} : { receivedAt: given }),
            action: dto.action ?? null,
            remarks: dto.remarks ?? null,
          },
          written,
        );
        const receivedAt = receipt.receivedAt;
        if (circular.deadlineWorkingDays === null || delivery.deadlineAt !== null)
          return { receivedAt };
        // "Within N working days of receipt": this recipient's deadline starts now.
        const deadlineAt = await this.calendar.relativeDeadline(
          receivedAt,
          circular.deadlineWorkingDays,
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
      computed: () => ({ receiptEntryId: receipt!.entryId }),
      alongside: (_delivery, params) =>
        [
          ...receipt!.ctes,
          ...(jobs.length === 0 ? [] : [scheduledJobCtes(jobs, params.values, written)]),
        ].join(',\n'),
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
      // otherwise the acknowledgement gets a row of its own; in the transition's statement.
      alongside: (delivery, params) => {
        const [id, user, position, name, title, unit, unitName] = [
          params.add(delivery.id, 'uuid'),
          params.add(official.userId, 'uuid'),
          params.add(official.positionId, 'uuid'),
          params.add(official.fullName, 'varchar'),
          params.add(official.positionTitle, 'varchar'),
          params.add(official.organisationId, 'int'),
          params.add(official.organisationName, 'varchar'),
        ];
        return `ack_claimed AS (
            UPDATE delivery_acknowledgement a SET user_id = ${user}, position_id = ${position},
                   official_name = ${name}, position_title = ${title}, acknowledged_at = now()
             WHERE EXISTS (SELECT 1 FROM updated)
               AND a.id = (SELECT id FROM delivery_acknowledgement
                            WHERE delivery_id = ${id} AND unit_organisation_id = ${unit}
                              AND user_id IS NULL LIMIT 1)
            RETURNING a.id
          ), ack_added AS (
            INSERT INTO delivery_acknowledgement (delivery_id, unit_organisation_id, unit_name, user_id, position_id,
              official_name, position_title, acknowledged_at)
            SELECT ${id}, ${unit}, ${unitName}, ${user}, ${position}, ${name},
                   ${title}, now()
              FROM updated WHERE NOT EXISTS (SELECT 1 FROM ack_claimed)
          )`;
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
            message_th: `หน่วยงานรหัส ${foreign.map((f) => toThaiDigits(f)).join(', ')} ไม่ใช่หน่วยงานภายในของผู้รับ`,
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
      payload: { note: dto.note },
      columns: { doneAt: new Date(), doneNote: dto.note, doneEvidence: evidence },
    });
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
    const rows = await queryPrepared<{
      full_name_th: string;
      title_th: string;
      organisation_id: number;
      path: string;
      kind: string;
      name_th: string;
    }>(
      this.tx.manager,
      `SELECT u.full_name_th, p.title_th, p.organisation_id, o.path, o.kind, o.name_th
         FROM app_user u, position p JOIN organisation o ON o.id = p.organisation_id
        WHERE u.id = $1::uuid AND p.id = $2::uuid`,
      [actor.userId, actor.positionId],
    );
    const row = rows[0];
    const official: Official = {
      userId: actor.userId,
      positionId: actor.positionId,
      fullName: row.full_name_th,
      positionTitle: row.title_th,
      organisationId: row.organisation_id,
      organisationPath: row.path,
      organisationKind: row.kind,
      organisationName: row.name_th,
    };
    if (this.officials.size > 10_000) this.officials.clear();
    // Names and titles change rarely; a minute of staleness on a signature line is acceptable.
    this.officials.set(cacheKey, { official, until: Date.now() + 60_000 });
    return official;
  }
}
