import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { TransactionHost } from '@wian/persistence';
import { formatThaiDateTime, toThaiDigits } from '@wian/thai';
import { Circular } from '../circular.entity.js';
import {
  didNothing,
  SCHEDULED_JOB_KINDS,
  ScheduledJob,
  type ScheduledJobKind,
} from './scheduled-job.entity.js';

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

export class ScheduledJobView {
  @ApiProperty({ example: 'deadline.reminder-3f0c…-r1-3' }) jobId!: string;
  @ApiProperty({ enum: SCHEDULED_JOB_KINDS }) kind!: ScheduledJobKind;
  @ApiProperty({ description: 'Reminder: working days before; escalation: the level; 0 otherwise' })
  step!: number;
  @ApiProperty({ example: 'เตือนก่อนครบกำหนด ๓ วันทำการ' }) titleTh!: string;
  @ApiProperty({ description: 'The deadline revision it was planned for' }) deadlineRev!: number;
  @ApiProperty({ description: 'Planned for the circular’s current deadline' }) current!: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Set when the deadline counts from one recipient’s receipt',
  })
  deliveryId!: string | null;
  @ApiProperty() runAt!: string;
  @ApiProperty({ example: 'วันอังคารที่ ๒๑ มีนาคม ๒๕๖๖ ๐๘:๓๐ น.' }) runAtTh!: string;
  @ApiProperty({ enum: SCHEDULE_STATUSES }) status!: ScheduleStatus;
  @ApiProperty({ example: 'รอถึงเวลา' }) statusTh!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'When the outbox relay put it in BullMQ',
  })
  publishedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) doneAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'reminded 12',
    description: 'What the run did',
  })
  outcome!: string | null;
}

export class SchedulePage {
  @ApiProperty({ description: 'All the jobs that match, not only this page' }) total!: number;
  @ApiProperty({ type: [ScheduledJobView] }) items!: ScheduledJobView[];
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
    const { deadlineRev } = await this.tx
      .repository(Circular)
      .findOneOrFail({ select: { id: true, deadlineRev: true }, where: { id: circularId } });
    const [jobs, total] = await this.tx.repository(ScheduledJob).findAndCount({
      where: {
        circularId,
        ...(options.deliveryId === undefined ? {} : { deliveryId: options.deliveryId }),
      },
      order: {
        deadlineRev: 'DESC',
        deliveryId: { direction: 'ASC', nulls: 'FIRST' },
        runAt: 'ASC',
        jobId: 'ASC',
      },
      take: options.limit,
      skip: options.offset,
    });
    return { total, items: jobs.map((job) => viewOf(job, deadlineRev)) };
  }
}

function statusOf(job: ScheduledJob): ScheduleStatus {
  if (job.doneAt === null) return job.publishedAt === null ? 'planned' : 'queued';
  return didNothing(job.outcome) ? 'cancelled' : 'done';
}

function viewOf(job: ScheduledJob, currentRev: number): ScheduledJobView {
  const status = statusOf(job);
  const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());
  return Object.assign(new ScheduledJobView(), {
    jobId: job.jobId,
    kind: job.kind,
    step: job.step,
    titleTh: scheduledJobTitleTh(job.kind, job.step),
    deadlineRev: job.deadlineRev,
    current: job.deadlineRev === currentRev,
    deliveryId: job.deliveryId,
    runAt: new Date(job.runAt).toISOString(),
    runAtTh: formatThaiDateTime(new Date(job.runAt), 'full'),
    status,
    statusTh: STATUS_TH[status],
    publishedAt: iso(job.publishedAt),
    doneAt: iso(job.doneAt),
    outcome: job.outcome,
  });
}
