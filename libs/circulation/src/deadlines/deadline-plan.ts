import { bangkokCivilDate, bangkokInstant, type CivilDate } from '@wian/thai';
import type { ScheduledJobKind } from './scheduled-job.entity.js';

/** The working-day arithmetic the plan needs (the Thai business calendar). */
export interface WorkingDayCalendar {
  addWorkingDays(date: CivilDate, days: number): Promise<CivilDate>;
}

export interface ReminderPolicy {
  /** Working days before the deadline day; 0 is the deadline day itself. */
  workingDaysBefore: number[];
  /** HH:MM, Asia/Bangkok. */
  time: string;
  /** Working days after the deadline before each further escalation. */
  graceWorkingDays: number;
}

export interface PlannedJob {
  kind: ScheduledJobKind;
  step: number;
  runAt: Date;
}

/** Levels above the recipient's supervisor a late delivery may climb (district → province → department). */
export const MAX_ESCALATION_LEVELS = 3;

function timeOf(value: string): [number, number] {
  const [h, m] = value.split(':').map(Number);
  return [h, m];
}

/**
 * When the reminders, the deadline check and the escalations of a circular run: reminders at
 * `time` on the working days before the deadline (only those still ahead of `now` and before
 * the deadline itself), the deadline check at the deadline, escalation k `grace × k` working
 * days after the deadline day at the deadline's time of day.
 */
export async function planDeadlineJobs(
  deadlineAt: Date,
  policy: ReminderPolicy,
  calendar: WorkingDayCalendar,
  now: Date,
): Promise<PlannedJob[]> {
  const jobs: PlannedJob[] = [];
  const day = bangkokCivilDate(deadlineAt);
  const [hour, minute] = timeOf(policy.time);
  for (const before of [...new Set(policy.workingDaysBefore)].sort((a, b) => b - a)) {
    const reminderDay = before === 0 ? day : await calendar.addWorkingDays(day, -before);
    const runAt = bangkokInstant(reminderDay, hour, minute);
    if (runAt.getTime() > now.getTime() && runAt.getTime() < deadlineAt.getTime())
      jobs.push({ kind: 'reminder', step: before, runAt });
  }
  jobs.push({ kind: 'deadline', step: 0, runAt: deadlineAt });
  const deadlineTime = deadlineAt.getTime() - bangkokInstant(day).getTime();
  for (let level = 1; level <= MAX_ESCALATION_LEVELS; level += 1) {
    const escalationDay = await calendar.addWorkingDays(
      day,
      Math.max(1, policy.graceWorkingDays) * level,
    );
    jobs.push({
      kind: 'escalation',
      step: level,
      runAt: new Date(bangkokInstant(escalationDay).getTime() + deadlineTime),
    });
  }
  return jobs;
}
