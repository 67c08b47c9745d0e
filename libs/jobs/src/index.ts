export { JOB_QUEUE, JOB_RETRY, JobName, jobId, QueueName } from './job-catalogue.js';
export type {
  DeadlineJobPayload,
  JobPayload,
  JobPayloads,
  JobRetryPolicy,
} from './job-catalogue.js';
export { ProcessesJob } from './job-processor.decorator.js';
export type { JobOutcome, JobProcessor } from './job-processor.decorator.js';
export { DEFAULT_JOB_OPTIONS, JobQueues } from './job-queues.service.js';
export { checkJobHandlers, JobWorkers } from './job-workers.service.js';
export { JobsModule, JobsWorkerModule } from './jobs.module.js';
export { OutboxMessage } from './outbox-message.entity.js';
export { OutboxPruner } from './outbox-pruner.service.js';
export { PeriodicTask } from './periodic-task.js';
export { OutboxRelay } from './outbox-relay.service.js';
export { Outbox } from './outbox.service.js';
export type { OutboxEntry } from './outbox.service.js';
export { OutboxSignal } from './outbox-signal.js';
export { OutboxSources } from './outbox-source.js';
export type { OutboxSource, PendingJob } from './outbox-source.js';
