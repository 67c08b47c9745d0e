import { ApiProperty } from '@nestjs/swagger';
import { formatThaiDate, formatThaiDateTime, toThaiDigits } from '@wian/thai';
import {
  CIRCULAR_STATUSES,
  ROLLUP_RULES,
  type Circular,
  type CircularStatus,
  type RollupRule,
} from './circular.entity.js';
import type { DeliveryEventType } from './delivery-machine.v1.js';
import {
  DELIVERY_EVENT_TYPES,
  DELIVERY_WORKFLOW,
  PROGRESS_STATES,
  STATE_LABEL_TH,
  TIMELINESS_STATES,
  type ProgressState,
  type TimelinessState,
} from './delivery-workflow.js';
import type { Delivery, DoneEvidence } from './delivery.entity.js';
import type { RecipientSelection } from './recipient-selection.js';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export class CircularView {
  @ApiProperty() id!: string;
  @ApiProperty() documentId!: string;
  @ApiProperty({ nullable: true, type: String, example: 'มท 0810.7/ว 307' }) number!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'มท ๐๘๑๐.๗/ว ๓๐๗' }) numberTh!:
    string | null;
  @ApiProperty() subject!: string;
  @ApiProperty() senderOrganisationId!: number;
  @ApiProperty({ nullable: true, type: String }) parentDeliveryId!: string | null;
  @ApiProperty() rootCircularId!: string;
  @ApiProperty() depth!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deadline!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'วันศุกร์ที่ ๒๔ มีนาคม ๒๕๖๖' })
  deadlineTh!: string | null;
  @ApiProperty({ enum: ROLLUP_RULES }) rollupRule!: RollupRule;
  @ApiProperty({ enum: CIRCULAR_STATUSES }) status!: CircularStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The circular this one corrects and replaces',
  })
  supersedesCircularId!: string | null;
  @ApiProperty() recipientCount!: number;
  @ApiProperty() selection!: RecipientSelection;
  @ApiProperty() createdAt!: string;

  static of(c: Circular, document: { numberText: string | null; subject: string }): CircularView {
    return Object.assign(new CircularView(), {
      id: c.id,
      documentId: c.documentId,
      number: document.numberText,
      numberTh: document.numberText === null ? null : toThaiDigits(document.numberText),
      subject: document.subject,
      senderOrganisationId: c.senderOrganisationId,
      parentDeliveryId: c.parentDeliveryId,
      rootCircularId: c.rootCircularId,
      depth: c.depth,
      deadline: iso(c.deadlineAt),
      deadlineTh: c.deadlineAt === null ? null : formatThaiDate(new Date(c.deadlineAt), 'full'),
      rollupRule: c.rollupRule,
      status: c.status,
      supersedesCircularId: c.supersedesCircularId,
      recipientCount: c.recipientCount,
      selection: c.selection,
      createdAt: new Date(c.createdAt).toISOString(),
    });
  }
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() circularId!: string;
  @ApiProperty() rootCircularId!: string;
  @ApiProperty({ nullable: true, type: String }) parentDeliveryId!: string | null;
  @ApiProperty() recipientOrganisationId!: number;
  @ApiProperty() depth!: number;
  @ApiProperty({ enum: PROGRESS_STATES }) state!: ProgressState;
  @ApiProperty({ example: 'ลงรับแล้ว' }) stateTh!: string;
  @ApiProperty({ enum: TIMELINESS_STATES }) timeliness!: TimelinessState;
  @ApiProperty() timelinessTh!: string;
  @ApiProperty({ description: 'The workflow version this delivery runs on' })
  machineVersion!: number;
  @ApiProperty({ description: 'Optimistic version: +1 on every transition' }) version!: number;
  @ApiProperty({
    enum: DELIVERY_EVENT_TYPES,
    isArray: true,
    description: 'Events the current state accepts',
  })
  allowedEvents!: DeliveryEventType[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deadline!: string | null;
  @ApiProperty({ nullable: true, type: String }) deadlineTh!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) receiptEntryId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acknowledgedAt!:
    string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) forwardedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) doneAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) doneNote!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'What the recipient reported with done: a link, an uploaded file, fields',
    properties: {
      link: { type: 'string' },
      fileId: { type: 'string', format: 'uuid' },
      fields: { type: 'object', additionalProperties: { type: 'string' } },
    },
  })
  doneEvidence!: DoneEvidence | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'สั่งการ: the head’s latest instruction',
  })
  instruction!: string | null;

  static of(d: Delivery): DeliveryView {
    const allowed = DELIVERY_WORKFLOW.has(d.machineVersion)
      ? DELIVERY_EVENT_TYPES.filter(
          (type) => DELIVERY_WORKFLOW.apply(d.machineVersion, d.snapshot, { type }).ok,
        )
      : [];
    return Object.assign(new DeliveryView(), {
      id: d.id,
      circularId: d.circularId,
      rootCircularId: d.rootCircularId,
      parentDeliveryId: d.parentDeliveryId,
      recipientOrganisationId: d.recipientOrganisationId,
      depth: d.depth,
      state: d.state,
      stateTh: STATE_LABEL_TH[d.state],
      timeliness: d.timeliness,
      timelinessTh: STATE_LABEL_TH[d.timeliness],
      machineVersion: d.machineVersion,
      version: d.version,
      allowedEvents: allowed,
      deadline: iso(d.deadlineAt),
      deadlineTh: d.deadlineAt === null ? null : formatThaiDateTime(new Date(d.deadlineAt)),
      receiptEntryId: d.receiptEntryId,
      receivedAt: iso(d.receivedAt),
      acknowledgedAt: iso(d.acknowledgedAt),
      forwardedAt: iso(d.forwardedAt),
      doneAt: iso(d.doneAt),
      doneNote: d.doneNote,
      doneEvidence: d.doneEvidence,
      instruction: d.instruction,
    });
  }
}

/** A page of circulars, as the list routes answer it. */
export class CircularPage {
  @ApiProperty({ description: 'All the circulars that match, not only this page' }) total!: number;
  @ApiProperty({ type: [CircularView] }) items!: CircularView[];
}

/** A page of deliveries, as the list routes answer it. */
export class DeliveryPage {
  @ApiProperty({ description: 'All the deliveries that match, not only this page' })
  total!: number;
  @ApiProperty({ type: [DeliveryView] }) items!: DeliveryView[];
}
