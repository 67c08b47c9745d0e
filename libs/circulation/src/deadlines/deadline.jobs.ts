import { Injectable } from '@nestjs/common';
import {
  JobName,
  ProcessesJob,
  type JobOutcome,
  type JobPayload,
  type JobProcessor,
} from '@wian/jobs';
import type { Job } from 'bullmq';
import { DeadlineRunner } from './deadline-runner.service.js';

@Injectable()
@ProcessesJob(JobName.Reminder)
export class ReminderJob implements JobProcessor<JobName.Reminder> {
  constructor(private readonly runner: DeadlineRunner) {}

  process(payload: JobPayload<JobName.Reminder>, job: Job): Promise<JobOutcome> {
    return this.runner.remind(job.id!, payload);
  }
}

@Injectable()
@ProcessesJob(JobName.DeadlineMissed)
export class DeadlineMissedJob implements JobProcessor<JobName.DeadlineMissed> {
  constructor(private readonly runner: DeadlineRunner) {}

  process(payload: JobPayload<JobName.DeadlineMissed>, job: Job): Promise<JobOutcome> {
    return this.runner.deadlinePassed(job.id!, payload);
  }
}

@Injectable()
@ProcessesJob(JobName.Escalation)
export class EscalationJob implements JobProcessor<JobName.Escalation> {
  constructor(private readonly runner: DeadlineRunner) {}

  process(payload: JobPayload<JobName.Escalation>, job: Job): Promise<JobOutcome> {
    return this.runner.escalate(job.id!, payload);
  }
}
