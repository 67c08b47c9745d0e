import { Injectable } from '@nestjs/common';
import {
  JobName,
  ProcessesJob,
  type JobOutcome,
  type JobPayload,
  type JobProcessor,
} from '@wian/jobs';
import { NotificationCenter, type NotifyInput } from '@wian/notifications';
import { TransactionHost } from '@wian/persistence';
import { formatThaiDateTime, toThaiDigits } from '@wian/thai';
import { OWING_STATES } from './delivery-workflow.js';

interface NoticeFacts {
  delivery_id: string;
  circular_id: string;
  state: string;
  recipient_id: number;
  recipient_name: string;
  sender_id: number;
  sender_name: string;
  number_text: string | null;
  subject: string;
  deadline_at: Date | null;
}

async function facts(tx: TransactionHost, deliveryId: string): Promise<NoticeFacts | undefined> {
  const rows = await tx.manager.query<NoticeFacts[]>(
    `SELECT d.id AS delivery_id, d.circular_id, d.state, r.id AS recipient_id, r.name_th AS recipient_name,
            s.id AS sender_id, s.name_th AS sender_name, doc.number_text, doc.subject, d.deadline_at
       FROM delivery d JOIN circular c ON c.id = d.circular_id JOIN document doc ON doc.id = c.document_id
       JOIN organisation r ON r.id = d.recipient_organisation_id JOIN organisation s ON s.id = c.sender_organisation_id
      WHERE d.id = $1`,
    [deliveryId],
  );
  return rows[0];
}

const numberTh = (f: NoticeFacts): string =>
  f.number_text === null ? '' : ` ที่ ${toThaiDigits(f.number_text)}`;

const reasonTh = (end: { reason: string | null }): string =>
  end.reason === null || end.reason === '' ? '' : ` เหตุผล: ${end.reason}`;

/** The notice in a recipient's inbox that a circular reached it (in-app and e-mail). */
function receivedNotice(f: NoticeFacts): NotifyInput {
  const deadline =
    f.deadline_at === null
      ? ''
      : ` กำหนดดำเนินการภายใน ${formatThaiDateTime(new Date(f.deadline_at))}`;
  const title = `หนังสือเวียนใหม่${numberTh(f)} จาก${f.sender_name}`;
  const body = `เรื่อง ${f.subject}${deadline}`;
  return {
    // The same key whichever job writes it: a recipient gets one notice per delivery.
    key: `delivery-sent-${f.delivery_id}`,
    organisationId: f.recipient_id,
    kind: 'circular_received',
    titleTh: title,
    bodyTh: body,
    link: `/deliveries/${f.delivery_id}`,
    email: { subjectTh: title, textTh: body },
  };
}

/** A delivery recalled or superseded before its notice went out gets none. */
const ended = (f: NoticeFacts): boolean => f.state === 'recalled' || f.state === 'superseded';

/** A circular reached one recipient (jobs published before `circular.sent`). */
@Injectable()
@ProcessesJob(JobName.DeliverySent)
export class DeliverySentJob implements JobProcessor<JobName.DeliverySent> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly center: NotificationCenter,
  ) {}

  async process(payload: JobPayload<JobName.DeliverySent>): Promise<JobOutcome> {
    const f = await facts(this.tx, payload.deliveryId);
    if (f === undefined || ended(f)) return 'skipped';
    return (await this.center.notifyMany([receivedNotice(f)])) > 0 ? 'done' : 'skipped';
  }
}

/** Recipients whose notices one statement reads and one transaction writes. */
const NOTICE_PAGE = 500;

/** The deliveries of a circular with what their notices say, NOTICE_PAGE at a time. */
async function* recipientPages(
  tx: TransactionHost,
  circularId: string,
): AsyncGenerator<NoticeFacts[]> {
  let after = 0;
  for (;;) {
    const page = await tx.manager.query<NoticeFacts[]>(
      `SELECT d.id AS delivery_id, d.circular_id, d.state, r.id AS recipient_id, r.name_th AS recipient_name,
              s.id AS sender_id, s.name_th AS sender_name, doc.number_text, doc.subject, d.deadline_at
         FROM circular c JOIN document doc ON doc.id = c.document_id
         JOIN organisation s ON s.id = c.sender_organisation_id
         JOIN delivery d ON d.circular_id = c.id
         JOIN organisation r ON r.id = d.recipient_organisation_id
        WHERE c.id = $1 AND d.recipient_organisation_id > $2
        ORDER BY d.recipient_organisation_id LIMIT $3`,
      [circularId, after, NOTICE_PAGE],
    );
    if (page.length > 0) yield page;
    if (page.length < NOTICE_PAGE) return;
    after = page[page.length - 1].recipient_id;
  }
}

/**
 * A circular was sent or forwarded: a notice in each recipient's inbox, unless its delivery
 * was recalled or superseded since. One job per circular (not per recipient): a national
 * circular's 7,850 notices are written NOTICE_PAGE at a time, in recipient order. A retry
 * after a failure starts again from the first page; notices already written are kept, not
 * doubled (their keys are the delivery's).
 */
@Injectable()
@ProcessesJob(JobName.CircularSent)
export class CircularSentJob implements JobProcessor<JobName.CircularSent> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly center: NotificationCenter,
  ) {}

  async process(payload: JobPayload<JobName.CircularSent>): Promise<JobOutcome> {
    let written = 0;
    for await (const page of recipientPages(this.tx, payload.circularId)) {
      const open = page.filter((f) => !ended(f));
      if (open.length > 0) written += await this.center.notifyMany(open.map(receivedNotice));
    }
    return written > 0 ? 'done' : 'skipped';
  }
}

/**
 * A circular's deadline moved: each recipient that still owes the action gets a notice with the
 * new deadline, the old one and the reason, page by page like CircularSentJob. A job whose
 * revision is no longer the circular's does nothing: the later change sends its own.
 */
@Injectable()
@ProcessesJob(JobName.CircularDeadlineChanged)
export class CircularDeadlineChangedJob implements JobProcessor<JobName.CircularDeadlineChanged> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly center: NotificationCenter,
  ) {}

  async process(payload: JobPayload<JobName.CircularDeadlineChanged>): Promise<JobOutcome> {
    const [circular] = await this.tx.manager.query<
      Array<{ status: string; deadline_rev: number; deadline_at: Date | null }>
    >(`SELECT status, deadline_rev, deadline_at FROM circular WHERE id = $1`, [payload.circularId]);
    if (
      circular === undefined ||
      circular.status !== 'active' ||
      circular.deadline_rev !== payload.deadlineRev ||
      circular.deadline_at === null
    ) {
      return 'skipped';
    }
    const deadline = formatThaiDateTime(new Date(circular.deadline_at));
    const previous =
      payload.previous === null ? '' : ` (เดิม ${formatThaiDateTime(new Date(payload.previous))})`;
    let written = 0;
    for await (const page of recipientPages(this.tx, payload.circularId)) {
      const owing = page.filter((f) => OWING.has(f.state));
      if (owing.length > 0) {
        written += await this.center.notifyMany(
          owing.map((f) => {
            const title = `เปลี่ยนกำหนดส่ง หนังสือเวียน${numberTh(f)} เป็น ${deadline}`;
            const body = `เรื่อง ${f.subject} กำหนดใหม่ ${deadline}${previous} เหตุผล: ${payload.reason}`;
            return {
              key: `deadline-changed-${f.delivery_id}-r${payload.deadlineRev}`,
              organisationId: f.recipient_id,
              kind: 'deadline_changed',
              titleTh: title,
              bodyTh: body,
              link: `/deliveries/${f.delivery_id}`,
              email: { subjectTh: title, textTh: body },
            };
          }),
        );
      }
    }
    return written > 0 ? 'done' : 'skipped';
  }
}

const OWING: ReadonlySet<string> = new Set(OWING_STATES);

/** What a recall or a replacement says about itself (the RECALL / SUPERSEDE event's payload). */
interface EndFacts {
  reason: string | null;
  /** The circular recalled or replaced: this one, or one above it in the tree. */
  ended_circular_id: string | null;
  /** Its sender. */
  ended_by_name: string | null;
  ended_by_id: number | null;
  /** The corrected circular's number, for a replacement. */
  replacement_number: string | null;
}

async function endFacts(tx: TransactionHost, eventId: string): Promise<EndFacts> {
  const rows = await tx.manager.query<EndFacts[]>(
    `SELECT e.payload->>'reason' AS reason, c.id AS ended_circular_id, o.name_th AS ended_by_name, o.id AS ended_by_id,
            nd.number_text AS replacement_number
       FROM delivery_event e
       LEFT JOIN circular c ON c.id = (e.payload->>'circularId')::uuid
       LEFT JOIN organisation o ON o.id = c.sender_organisation_id
       LEFT JOIN circular n ON n.id = (e.payload->>'supersededBy')::uuid
       LEFT JOIN document nd ON nd.id = n.document_id
      WHERE e.id = $1`,
    [eventId],
  );
  return (
    rows[0] ?? {
      reason: null,
      ended_circular_id: null,
      ended_by_name: null,
      ended_by_id: null,
      replacement_number: null,
    }
  );
}

/** A report or a recall: the other side hears of it. Other transitions need no notice. */
@Injectable()
@ProcessesJob(JobName.DeliveryTransitioned)
export class DeliveryTransitionedJob implements JobProcessor<JobName.DeliveryTransitioned> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly center: NotificationCenter,
  ) {}

  private async send(input: NotifyInput): Promise<JobOutcome> {
    const created = await this.center.notifyMany([
      { ...input, email: { subjectTh: input.titleTh, textTh: input.bodyTh } },
    ]);
    return created > 0 ? 'done' : 'skipped';
  }

  async process(payload: JobPayload<JobName.DeliveryTransitioned>): Promise<JobOutcome> {
    const f = await facts(this.tx, payload.deliveryId);
    if (f === undefined) return 'skipped';
    const key = `delivery-event-${payload.eventId}`;
    switch (payload.eventType) {
      case 'REPORT_DONE':
        return this.send({
          key,
          organisationId: f.sender_id,
          kind: 'report_done',
          titleTh: `${f.recipient_name} รายงานผลการดำเนินการแล้ว`,
          bodyTh: `ตามหนังสือ${numberTh(f)} เรื่อง ${f.subject}`,
          link: `/deliveries/${f.delivery_id}`,
        });
      case 'RECALL': {
        // Recalled with the whole tree: by this circular's sender, or by one above it.
        const end = await endFacts(this.tx, payload.eventId);
        const by =
          end.ended_by_id === null || end.ended_by_id === f.sender_id
            ? `โดย${f.sender_name}`
            : `เนื่องจาก${end.ended_by_name ?? ''}เรียกคืนหนังสือต้นเรื่อง`;
        return this.send({
          key,
          organisationId: f.recipient_id,
          kind: 'circular_recalled',
          titleTh: `หนังสือเวียน${numberTh(f)} ถูกเรียกคืน${by}`,
          bodyTh: `เรื่อง ${f.subject} ไม่ต้องดำเนินการต่อ${reasonTh(end)}`,
          link: `/deliveries/${f.delivery_id}`,
        });
      }
      case 'SUPERSEDE': {
        const end = await endFacts(this.tx, payload.eventId);
        if (end.ended_circular_id !== null && end.ended_circular_id !== f.circular_id) {
          // Below the replaced circular's own recipients: the corrected letter went to those
          // recipients, not here. The letter this one received (its sender's forward) is void;
          // the corrected one will come, if at all, from the same sender.
          return this.send({
            key,
            organisationId: f.recipient_id,
            kind: 'circular_superseded',
            titleTh: `หนังสือเวียน${numberTh(f)} ถูกยกเลิก เนื่องจาก${end.ended_by_name ?? ''}ออกหนังสือต้นเรื่องฉบับแก้ไขแทนฉบับเดิม`,
            bodyTh: `เรื่อง ${f.subject} ไม่ต้องดำเนินการตามหนังสือฉบับนี้ ให้รอหนังสือฉบับแก้ไขจาก${f.sender_name}${reasonTh(end)}`,
            link: `/deliveries/${f.delivery_id}`,
          });
        }
        const replacement =
          end.replacement_number === null
            ? ''
            : ` ฉบับแก้ไข ที่ ${toThaiDigits(end.replacement_number)}`;
        const from =
          end.ended_by_id === null || end.ended_by_id === f.sender_id
            ? ''
            : ` (${end.ended_by_name ?? ''}ออกหนังสือต้นเรื่องฉบับแก้ไข)`;
        return this.send({
          key,
          organisationId: f.recipient_id,
          kind: 'circular_superseded',
          titleTh: `หนังสือเวียน${numberTh(f)} ถูกแทนที่ด้วยฉบับแก้ไข${from}`,
          bodyTh: `เรื่อง ${f.subject} ให้ดำเนินการตามฉบับแก้ไขแทน${replacement}${reasonTh(end)}`,
          link: `/deliveries/${f.delivery_id}`,
        });
      }
      default:
        return 'skipped';
    }
  }
}
