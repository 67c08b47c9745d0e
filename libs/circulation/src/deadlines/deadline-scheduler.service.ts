import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@wian/config';
import { IDENTITY_CLOCK } from '@wian/identity';
import { JobName, jobId, Outbox, type OutboxEntry } from '@wian/jobs';
import { TransactionHost } from '@wian/persistence';
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

export interface SchedulableCircular {
  id: string;
  deadlineAt: Date | null;
  deadlineRev: number;
  reminderWorkingDaysBefore: number[] | null;
  reminderTime: string | null;
  graceWorkingDays: number | null;
}

/**
 * Plans a circular's reminders, deadline check and escalations and writes them, in the caller's
 * transaction, as `scheduled_job` rows (the truth) and outbox rows (delayed BullMQ jobs).
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

  /** Returns the number of jobs planned (0 for a circular without a deadline). */
  async schedule(circulars: readonly SchedulableCircular[]): Promise<number> {
    const now = this.clock.now();
    const rows: Array<{
      jobId: string;
      kind: ScheduledJobKind;
      circularId: string;
      step: number;
      rev: number;
      runAt: Date;
    }> = [];
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
          jobId: deadlineJobId(job.kind, circular.id, circular.deadlineRev, job.step),
          kind: job.kind,
          circularId: circular.id,
          step: job.step,
          rev: circular.deadlineRev,
          runAt: job.runAt,
        });
      }
    }
    if (rows.length === 0) return 0;
    await this.tx.run(async (manager) => {
      await manager.query(
        `INSERT INTO scheduled_job (job_id, kind, circular_id, step, deadline_rev, run_at)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::smallint[], $5::int[], $6::timestamptz[])
         ON CONFLICT (job_id) DO NOTHING`,
        [
          rows.map((r) => r.jobId),
          rows.map((r) => r.kind),
          rows.map((r) => r.circularId),
          rows.map((r) => r.step),
          rows.map((r) => r.rev),
          rows.map((r) => r.runAt),
        ],
      );
      const entries: OutboxEntry[] = rows.map((r) => ({
        name: JOB_OF_KIND[r.kind],
        jobId: r.jobId,
        payload: { circularId: r.circularId, deadlineRev: r.rev, step: r.step },
        runAt: r.runAt,
      }));
      await this.outbox.add(entries);
    });
    return rows.length;
  }
}
