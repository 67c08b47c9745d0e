import { Inject, Injectable } from '@nestjs/common';
import type { SqlParameterSink } from '@wian/audit';
import { AppConfig } from '@wian/config';
import { IDENTITY_CLOCK } from '@wian/identity';
import { JobName, jobId, Outbox } from '@wian/jobs';
import { SqlParams, TransactionHost } from '@wian/persistence';
import type { Clock } from '@wian/thai';
import { planDeadlineJobs, type ReminderPolicy, type WorkingDayCalendar } from './deadline-plan.js';
import type { ScheduledJobKind } from './scheduled-job.entity.js';
import { WORKING_DAY_CALENDAR } from './working-day-calendar.token.js';

export const JOB_OF_KIND: Record<
  ScheduledJobKind,
  JobName.Reminder | JobName.DeadlineMissed | JobName.Escalation
> = {
  reminder: JobName.Reminder,
  deadline: JobName.DeadlineMissed,
  escalation: JobName.Escalation,
};

export function deadlineJobId(
  kind: ScheduledJobKind,
  circularId: string,
  rev: number,
  step: number,
): string {
  return jobId(JOB_OF_KIND[kind], circularId, `r${rev}`, step);
}

export interface PlannedDeadlineJob {
  jobId: string;
  kind: ScheduledJobKind;
  circularId: string;
  deliveryId: string | null;
  step: number;
  rev: number;
  runAt: Date;
}

export interface SchedulableCircular {
  id: string;
  /** A deadline of one delivery (counted from its receipt) rather than of the whole circular. */
  deliveryId?: string | null;
  deadlineAt: Date | null;
  deadlineRev: number;
  reminderWorkingDaysBefore: number[] | null;
  reminderTime: string | null;
  graceWorkingDays: number | null;
}

/**
 * Plans a circular's reminders, deadline check and escalations and writes them, in the caller's
 * transaction, as `scheduled_job` rows; the outbox relay publishes them as delayed BullMQ jobs
 * once the transaction has committed (`ScheduledJobSource`).
 */
@Injectable()
export class DeadlineScheduler {
  constructor(
    private readonly tx: TransactionHost,
    private readonly outbox: Outbox,
    private readonly config: AppConfig,
    @Inject(WORKING_DAY_CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(IDENTITY_CLOCK) private readonly clock: Clock,
  ) {}

  policyOf(circular: SchedulableCircular): ReminderPolicy {
    return {
      workingDaysBefore:
        circular.reminderWorkingDaysBefore ?? this.config.reminderWorkingDaysBefore,
      time: circular.reminderTime ?? this.config.REMINDER_TIME,
      graceWorkingDays: circular.graceWorkingDays ?? this.config.ESCALATION_GRACE_WORKING_DAYS,
    };
  }

  /** The jobs of each circular with a deadline, with their deterministic ids. */
  async plan(circulars: readonly SchedulableCircular[]): Promise<PlannedDeadlineJob[]> {
    const now = this.clock.now();
    const rows: PlannedDeadlineJob[] = [];
    for (const circular of circulars) {
      if (circular.deadlineAt === null) continue;
      const plan = await planDeadlineJobs(
        new Date(circular.deadlineAt),
        this.policyOf(circular),
        this.calendar,
        now,
      );
      for (const job of plan) {
        rows.push({
          jobId: deadlineJobId(
            job.kind,
            circular.deliveryId ?? circular.id,
            circular.deadlineRev,
            job.step,
          ),
          kind: job.kind,
          circularId: circular.id,
          deliveryId: circular.deliveryId ?? null,
          step: job.step,
          rev: circular.deadlineRev,
          runAt: job.runAt,
        });
      }
    }
    return rows;
  }

  /** Plans and writes, in the caller's transaction; returns the number of jobs planned. */
  async schedule(circulars: readonly SchedulableCircular[]): Promise<number> {
    const rows = await this.plan(circulars);
    if (rows.length === 0) return 0;
    await this.tx.run(async (manager) => {
      const params = new SqlParams();
      await manager.query(`WITH ${scheduledJobCtes(rows, params)} SELECT 1`, params.values);
      await this.outbox.wakeAfterCommit();
    });
    return rows.length;
  }
}

/**
 * The CTE writing planned jobs as `scheduled_job` rows (for the relay to publish), to fold into
 * a statement the caller sends anyway (only when `guard`, SQL over its earlier CTEs, holds).
 * The jobs are one jsonb value added to `params`; set-based, `params` is a command's InputRow
 * and `from` the FROM items that pair its row of \`input i\` with what guards it.
 */
export function scheduledJobCtes(
  rows: readonly PlannedDeadlineJob[],
  params: SqlParameterSink,
  guard: string | null = null,
  from?: string,
): string {
  const jobs = params.add(
    JSON.stringify(
      rows.map((r) => ({
        job_id: r.jobId,
        kind: r.kind,
        circular_id: r.circularId,
        delivery_id: r.deliveryId,
        step: r.step,
        deadline_rev: r.rev,
        run_at: r.runAt,
      })),
    ),
    'jsonb',
  );
  return `planned AS (
      SELECT j.* FROM ${from === undefined ? '' : `${from} CROSS JOIN LATERAL `}jsonb_to_recordset(${jobs})
        AS j(job_id varchar, kind varchar, circular_id uuid, delivery_id uuid, step smallint, deadline_rev int,
             run_at timestamptz)${
               guard === null
                 ? ''
                 : `
       WHERE ${guard}`
             }
    ), scheduled AS (
      INSERT INTO scheduled_job (job_id, kind, circular_id, delivery_id, step, deadline_rev, run_at)
      SELECT job_id, kind, circular_id, delivery_id, step, deadline_rev, run_at FROM planned
      ON CONFLICT (job_id) DO NOTHING
    )`;
}
