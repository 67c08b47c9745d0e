import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TransactionHost } from '@wian/persistence';
import { formatThaiDateTime, toThaiDigits } from '@wian/thai';
import { SCHEDULED_JOB_KINDS, type ScheduledJobKind } from './scheduled-job.entity.js';

export const SCHEDULE_STATUSES = ['planned', 'queued', 'done', 'cancelled'] as const;
/**
 * planned: written, not yet in BullMQ; queued: in BullMQ, waiting for its time; done: ran;
 * cancelled: made stale (the deadline moved, the circular was recalled or ended) before or when
 * it ran, so it did nothing.
 */
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

const STATUS_TH: Record<ScheduleStatus, string> = {
  planned: 'รอเข้าคิว',
  queued: 'รอถึงเวลา',
  done: 'ดำเนินการแล้ว',
  cancelled: 'ยกเลิก',
};

/** What a job does, as a clerk reads it: "เตือนก่อนครบกำหนด ๓ วันทำการ". */
export function scheduledJobTitleTh(kind: ScheduledJobKind, step: number): string {
  switch (kind) {
    case 'reminder':
      return step === 0 ? 'เตือนในวันครบกำหนด' : `เตือนก่อนครบกำหนด ${toThaiDigits(step)} วันทำการ`;
    case 'deadline':
      return 'ตรวจเมื่อครบกำหนด แจ้งผู้กำกับดูแลรายที่ยังไม่รายงานผล';
    case 'escalation':
      return `ยกระดับครั้งที่ ${toThaiDigits(step)} แจ้งหน่วยเหนือขึ้นไป ${toThaiDigits(step)} ระดับ`;
  }
}

interface Row {
  job_id: string;
  kind: ScheduledJobKind;
  step: number;
  deadline_rev: number;
  current_rev: number;
  delivery_id: string | null;
  run_at: Date;
  published_at: Date | null;
  done_at: Date | null;
  outcome: string | null;
  total: number;
}

export class ScheduledJobView {
  @ApiProperty({ example: 'deadline.reminder-3f0c…-r1-3' }) jobId!: string;
  @ApiProperty({ enum: SCHEDULED_JOB_KINDS }) kind!: ScheduledJobKind;
  @ApiProperty({ description: 'Reminder: working days before; escalation: the level; 0 otherwise' })
  step!: number;
  @ApiProperty({ example: 'เตือนก่อนครบกำหนด ๓ วันทำการ' }) titleTh!: string;
  @ApiProperty({ description: 'The deadline revision it was planned for' }) deadlineRev!: number;
  @ApiProperty({ description: 'Planned for the circular’s current deadline' }) current!: boolean;
  @ApiPropertyOptional({ description: 'Set when the deadline counts from one recipient’s receipt' })
  deliveryId!: string | null;
  @ApiProperty() runAt!: string;
  @ApiProperty({ example: 'วันอังคารที่ ๒๑ มีนาคม ๒๕๖๖ ๐๘:๓๐ น.' }) runAtTh!: string;
  @ApiProperty({ enum: SCHEDULE_STATUSES }) status!: ScheduleStatus;
  @ApiProperty({ example: 'รอถึงเวลา' }) statusTh!: string;
  @ApiPropertyOptional({ description: 'When the outbox relay put it in BullMQ' })
  publishedAt!: string | null;
  @ApiPropertyOptional() doneAt!: string | null;
  @ApiPropertyOptional({ example: 'reminded 12', description: 'What the run did' })
  outcome!: string | null;
}

export interface SchedulePage {
  total: number;
  items: ScheduledJobView[];
}

/**
 * A circular's reminders, deadline check and escalations as the database holds them, for the
 * sender's clerk and supervisors: when each runs, in Thai, and whether it has.
 */
@Injectable()
export class DeadlineSchedule {
  constructor(private readonly tx: TransactionHost) {}

  async ofCircular(
    circularId: string,
    options: { deliveryId?: string; limit: number; offset: number },
  ): Promise<SchedulePage> {
    const rows = await this.tx.manager.query<Row[]>(
      `SELECT s.job_id, s.kind, s.step, s.deadline_rev, c.deadline_rev AS current_rev, s.delivery_id,
              s.run_at, s.published_at, s.done_at, s.outcome, count(*) OVER ()::int AS total
         FROM scheduled_job s JOIN circular c ON c.id = s.circular_id
        WHERE s.circular_id = $1 AND ($2::uuid IS NULL OR s.delivery_id = $2::uuid)
        ORDER BY s.deadline_rev DESC, s.delivery_id NULLS FIRST, s.run_at, s.job_id
        LIMIT $3 OFFSET $4`,
      [circularId, options.deliveryId ?? null, options.limit, options.offset],
    );
    const total =
      rows[0]?.total ??
      (options.offset === 0
        ? 0
        : (
            await this.tx.manager.query<Array<{ n: number }>>(
              `SELECT count(*)::int AS n FROM scheduled_job
                WHERE circular_id = $1 AND ($2::uuid IS NULL OR delivery_id = $2::uuid)`,
              [circularId, options.deliveryId ?? null],
            )
          )[0].n);
    return { total, items: rows.map(viewOf) };
  }
}

function statusOf(row: Row): ScheduleStatus {
  if (row.done_at === null) return row.published_at === null ? 'planned' : 'queued';
  return /^(stale|superseded)\b/.test(row.outcome ?? '') ? 'cancelled' : 'done';
}

function viewOf(row: Row): ScheduledJobView {
  const status = statusOf(row);
  const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
  return Object.assign(new ScheduledJobView(), {
    jobId: row.job_id,
    kind: row.kind,
    step: row.step,
    titleTh: scheduledJobTitleTh(row.kind, row.step),
    deadlineRev: row.deadline_rev,
    current: row.deadline_rev === row.current_rev,
    deliveryId: row.delivery_id,
    runAt: new Date(row.run_at).toISOString(),
    runAtTh: formatThaiDateTime(new Date(row.run_at), 'full'),
    status,
    statusTh: STATUS_TH[status],
    publishedAt: iso(row.published_at),
    doneAt: iso(row.done_at),
    outcome: row.outcome,
  });
}
