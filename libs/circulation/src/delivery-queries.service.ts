import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ApiException } from '@wian/http';
import { TransactionHost } from '@wian/persistence';
import { DocumentSignature } from '@wian/registers';
import { formatThaiDate, formatThaiDateTime, parseIsoCivilDate, toThaiDigits } from '@wian/thai';
import {
  EVENT_LABEL_TH,
  PROGRESS_STATES,
  STATE_LABEL_TH,
  TIMELINESS_STATES,
  type ProgressState,
  type TimelinessState,
} from './delivery-workflow.js';
import type { DeliveryEventType } from './delivery-machine.v1.js';
import { Circular } from './circular.entity.js';
import { Delivery } from './delivery.entity.js';

/** The letter of one link of the chain: its number, date, sender and signer. */
export class ChainLetter {
  @ApiProperty({ nullable: true, type: String, example: 'มท 0810.7/ว 307' })
  number!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'มท ๐๘๑๐.๗/ว ๓๐๗' })
  numberTh!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', example: '2023-03-06' })
  date!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '๖ มี.ค. ๒๕๖๖' })
  dateTh!: string | null;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  senderOrganisationId!: number;

  @ApiProperty({ example: 'กรมส่งเสริมการปกครองท้องถิ่น' })
  senderNameTh!: string;

  @ApiProperty({ type: () => DocumentSignature, nullable: true })
  signature!: DocumentSignature | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '(นายศิริพันธ์ ศรีกงพลี) รองอธิบดี ปฏิบัติราชการแทน อธิบดีกรมส่งเสริมการปกครองท้องถิ่น',
    description: 'Who signed, as one line',
  })
  signedTh!: string | null;
}

/** The organisation a link of the chain reached. */
export class ChainRecipient {
  @ApiProperty()
  organisationId!: number;

  @ApiProperty({ example: 'จังหวัดสกลนคร' })
  nameTh!: string;
}

/** The receipt number (เลขรับ) the recipient gave the letter. */
export class ChainReceipt {
  @ApiProperty({ example: 1993 })
  number!: number;

  @ApiProperty({ example: 2566 })
  yearBe!: number;

  @ApiProperty({ example: '๑๙๙๓' })
  numberTh!: string;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ example: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.' })
  registeredAtTh!: string;
}

/** One letter of the chain that reached an organisation, from the first sender down. */
export class ChainLink {
  @ApiProperty({ format: 'uuid' })
  deliveryId!: string;

  @ApiProperty({ format: 'uuid' })
  circularId!: string;

  @ApiProperty({ description: '1 for the first sender’s recipients, +1 per forward' })
  depth!: number;

  @ApiProperty({ type: () => ChainLetter })
  letter!: ChainLetter;

  @ApiProperty({ type: () => ChainRecipient })
  recipient!: ChainRecipient;

  @ApiProperty({
    type: () => ChainReceipt,
    nullable: true,
    description: 'null until the recipient receives it (ลงรับ)',
  })
  receipt!: ChainReceipt | null;

  @ApiProperty({ enum: PROGRESS_STATES })
  state!: ProgressState;

  @ApiProperty({ example: 'ลงรับแล้ว' })
  stateTh!: string;

  @ApiProperty({ enum: TIMELINESS_STATES })
  timeliness!: TimelinessState;
}

/** A unit the head routed the letter to, or an official who acknowledged it (or not yet). */
export class AcknowledgementView {
  @ApiProperty({ nullable: true, type: Number }) unitOrganisationId!: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'กลุ่มงานบริการสาธารณะท้องถิ่น' })
  unitNameTh!: string | null;
  @ApiProperty({ description: 'The head routed the letter to this unit (สั่งการ)' })
  routed!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'นายสมชาย ใจดี' })
  officialName!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'นักวิเคราะห์นโยบายและแผน' })
  positionTitle!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.' })
  acknowledgedAtTh!: string | null;
}

/** One transition of a delivery: who, on whose behalf, when, from → to. */
export class DeliveryEventView {
  @ApiProperty({ description: "The delivery's version after the transition" }) seq!: number;
  @ApiProperty({ example: 'RECEIVE' }) type!: string;
  @ApiProperty({ example: 'ลงรับ' }) typeTh!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'sent/on_time',
    description: 'progress/timeliness before; null for the sending',
  })
  from!: string | null;
  @ApiProperty({ example: 'received/on_time', description: 'progress/timeliness after' })
  to!: string;
  @ApiProperty({ nullable: true, type: String }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'นายสมชาย ใจดี' })
  actorNameTh!: string | null;
  @ApiProperty({ nullable: true, type: String }) positionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) onBehalfOfPositionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) delegationId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: '๘ มี.ค. ๒๕๖๖ ๐๙:๑๕ น.' }) occurredAtTh!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  payload!: Record<string, unknown> | null;
}

/** Reading deliveries: the chain of letters, acknowledgements and history. */
@Injectable()
export class DeliveryQueries {
  constructor(private readonly tx: TransactionHost) {}

  /** The letters that reached the recipient of `deliveryId`: numbers, dates, signers, receipts. */
  async chain(deliveryId: string): Promise<ChainLink[]> {
    const rows = await this.tx.manager.query<
      Array<{
        id: string;
        circular_id: string;
        depth: number;
        state: ProgressState;
        timeliness: TimelinessState;
        recipient_id: number;
        recipient_name: string;
        number_text: string | null;
        letter_date: string | null;
        subject: string;
        signature: DocumentSignature | null;
        sender_id: number;
        sender_name: string;
        receipt_number: number | null;
        year_be: number | null;
        registered_at: Date | null;
      }>
    >(
      `WITH RECURSIVE up AS (
         SELECT id, parent_delivery_id, 0 AS lvl FROM delivery WHERE id = $1
         UNION ALL
         SELECT p.id, p.parent_delivery_id, up.lvl + 1 FROM delivery p JOIN up ON p.id = up.parent_delivery_id
       )
       SELECT d.id, d.circular_id, d.depth, d.state, d.timeliness, ro.id AS recipient_id, ro.name_th AS recipient_name,
              doc.number_text, to_char(doc.letter_date, 'YYYY-MM-DD') AS letter_date, doc.subject, doc.signature,
              so.id AS sender_id, so.name_th AS sender_name, e.number AS receipt_number, e.year_be, e.registered_at
         FROM up JOIN delivery d ON d.id = up.id
         JOIN circular c ON c.id = d.circular_id
         JOIN document doc ON doc.id = c.document_id
         JOIN organisation so ON so.id = c.sender_organisation_id
         JOIN organisation ro ON ro.id = d.recipient_organisation_id
         LEFT JOIN register_entry e ON e.id = d.receipt_entry_id
        ORDER BY up.lvl DESC`,
      [deliveryId],
    );
    if (rows.length === 0)
      throw ApiException.notFound(
        'id',
        'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
        `No delivery with id ${deliveryId}`,
      );
    return rows.map((r) => ({
      deliveryId: r.id,
      circularId: r.circular_id,
      depth: r.depth,
      letter: {
        number: r.number_text,
        numberTh: r.number_text === null ? null : toThaiDigits(r.number_text),
        date: r.letter_date,
        dateTh: r.letter_date === null ? null : formatThaiDate(parseIsoCivilDate(r.letter_date)),
        subject: r.subject,
        senderOrganisationId: r.sender_id,
        senderNameTh: r.sender_name,
        signature: r.signature,
        signedTh: r.signature === null ? null : signatureLine(r.signature),
      },
      recipient: { organisationId: r.recipient_id, nameTh: r.recipient_name },
      receipt:
        r.receipt_number === null || r.year_be === null || r.registered_at === null
          ? null
          : {
              number: r.receipt_number,
              yearBe: r.year_be,
              numberTh: toThaiDigits(r.receipt_number),
              registeredAt: new Date(r.registered_at).toISOString(),
              registeredAtTh: formatThaiDateTime(new Date(r.registered_at), 'short'),
            },
      state: r.state,
      stateTh: STATE_LABEL_TH[r.state],
      timeliness: r.timeliness,
    }));
  }

  /** Whether `deliveryId` was reached through `circularId` (the circular or a forward of it). */
  async reachedThrough(deliveryId: string, circularId: string): Promise<boolean> {
    const rows = await this.tx.manager.query<unknown[]>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_delivery_id, circular_id FROM delivery WHERE id = $1
         UNION ALL
         SELECT p.id, p.parent_delivery_id, p.circular_id FROM delivery p JOIN up ON p.id = up.parent_delivery_id
       ) SELECT 1 FROM up WHERE circular_id = $2 LIMIT 1`,
      [deliveryId, circularId],
    );
    return rows.length > 0;
  }

  /** An organisation's incoming circulars, newest first. */
  async incoming(
    organisationId: number,
    filter: { state?: ProgressState; limit: number; offset: number },
  ): Promise<{ total: number; items: Delivery[] }> {
    const where = {
      recipientOrganisationId: organisationId,
      ...(filter.state === undefined ? {} : { state: filter.state }),
    };
    const [items, total] = await this.tx.repository(Delivery).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { total, items };
  }

  /** The deliveries of one circular (not of its forwards). */
  async ofCircular(
    circularId: string,
    filter: { state?: ProgressState; limit: number; offset: number },
  ): Promise<{ total: number; items: Delivery[] }> {
    const where = { circularId, ...(filter.state === undefined ? {} : { state: filter.state }) };
    const [items, total] = await this.tx.repository(Delivery).findAndCount({
      where,
      order: { recipientOrganisationId: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { total, items };
  }

  async byIds(ids: string[]): Promise<{ items: Delivery[] }> {
    const items = await this.tx.repository(Delivery).findBy(ids.map((id) => ({ id })));
    if (items.length === 0)
      throw ApiException.notFound(
        'id',
        'ไม่พบรายการหนังสือเวียนถึงหน่วยงานนี้',
        `No delivery with id ${ids.join(', ')}`,
      );
    return { items };
  }

  /** Circulars an organisation sent (and forwarded), newest first. */
  async sent(
    organisationId: number,
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: Circular[] }> {
    const [items, total] = await this.tx.repository(Circular).findAndCount({
      where: { senderOrganisationId: organisationId },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { total, items };
  }

  async circular(
    id: string,
  ): Promise<{ circular: Circular; document: { numberText: string | null; subject: string } }> {
    const circular = await this.tx.repository(Circular).findOneBy({ id });
    if (circular === null)
      throw ApiException.notFound('id', 'ไม่พบหนังสือเวียนนี้', `No circular with id ${id}`);
    const rows = await this.tx.manager.query<
      Array<{ number_text: string | null; subject: string }>
    >(`SELECT number_text, subject FROM document WHERE id = $1`, [circular.documentId]);
    return { circular, document: { numberText: rows[0].number_text, subject: rows[0].subject } };
  }

  async documents(
    ids: string[],
  ): Promise<Map<string, { numberText: string | null; subject: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.tx.manager.query<
      Array<{ id: string; number_text: string | null; subject: string }>
    >(`SELECT id, number_text, subject FROM document WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, { numberText: r.number_text, subject: r.subject }]));
  }

  /** Routed units and officials, acknowledged or not yet. */
  async acknowledgements(deliveryId: string): Promise<AcknowledgementView[]> {
    const rows = await this.tx.manager.query<
      Array<{
        unit_organisation_id: number | null;
        unit_name: string | null;
        assigned_at: Date | null;
        official_name: string | null;
        position_title: string | null;
        acknowledged_at: Date | null;
      }>
    >(
      `SELECT unit_organisation_id, unit_name, assigned_at, official_name, position_title, acknowledged_at
         FROM delivery_acknowledgement WHERE delivery_id = $1
        ORDER BY acknowledged_at NULLS LAST, unit_name`,
      [deliveryId],
    );
    return rows.map((r) => ({
      unitOrganisationId: r.unit_organisation_id,
      unitNameTh: r.unit_name,
      routed: r.assigned_at !== null,
      officialName: r.official_name,
      positionTitle: r.position_title,
      acknowledgedAt: r.acknowledged_at === null ? null : new Date(r.acknowledged_at).toISOString(),
      acknowledgedAtTh:
        r.acknowledged_at === null
          ? null
          : formatThaiDateTime(new Date(r.acknowledged_at), 'short'),
    }));
  }

  async history(deliveryId: string): Promise<DeliveryEventView[]> {
    const rows = await this.tx.manager.query<
      Array<{
        seq: number;
        type: string;
        from_state: string | null;
        to_state: string;
        actor_user_id: string | null;
        full_name_th: string | null;
        position_id: string | null;
        on_behalf_of_position_id: string | null;
        delegation_id: string | null;
        occurred_at: Date;
        payload: Record<string, unknown> | null;
      }>
    >(
      `SELECT e.seq, e.type, e.from_state, e.to_state, e.actor_user_id, u.full_name_th, e.position_id,
              e.on_behalf_of_position_id, e.delegation_id, e.occurred_at, e.payload
         FROM delivery_event e LEFT JOIN app_user u ON u.id = e.actor_user_id
        WHERE e.delivery_id = $1 ORDER BY e.seq`,
      [deliveryId],
    );
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      typeTh:
        r.type === 'SEND' ? 'ส่งหนังสือ' : (EVENT_LABEL_TH[r.type as DeliveryEventType] ?? r.type),
      from: r.from_state,
      to: r.to_state,
      actorUserId: r.actor_user_id,
      actorNameTh: r.full_name_th,
      positionId: r.position_id,
      onBehalfOfPositionId: r.on_behalf_of_position_id,
      delegationId: r.delegation_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      occurredAtTh: formatThaiDateTime(new Date(r.occurred_at), 'short'),
      payload: r.payload,
    }));
  }
}

/** "(นายชยุต วงศ์วณิช) รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดสกลนคร". */
export function signatureLine(s: DocumentSignature): string {
  const capacity =
    s.capacity === 'acting_on_behalf'
      ? ' ปฏิบัติราชการแทน'
      : s.capacity === 'acting_in_post'
        ? ' รักษาราชการแทน'
        : '';
  const principal =
    s.principalPositionTitle === null || capacity === '' ? '' : ` ${s.principalPositionTitle}`;
  return `(${s.signerName}) ${s.positionTitle}${capacity}${principal}`;
}
