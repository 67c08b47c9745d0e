import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayload } from './job-catalogue.js';

export const JOB_PROCESSOR = Symbol('wian:job-processor');

/** What a handler did: `skipped` when its target is gone or already handled. */
export type JobOutcome = 'done' | 'skipped';

/** A job handler: re-reads what it needs from the database and is safe to run twice. */
export interface JobProcessor<N extends JobName> {
  process(payload: JobPayload<N>, job: Job): Promise<JobOutcome>;
}

/** Marks a provider as the one handler of `name`. */
export const ProcessesJob = (name: JobName): ClassDecorator => SetMetadata(JOB_PROCESSOR, name);
