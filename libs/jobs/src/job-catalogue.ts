/**
 * The job catalogue: every queue and job wian runs. Queue and job names are a stored contract
 * (outbox rows, Redis keys, job ids): never rename a value, add new ones.
 */
export enum QueueName {
  /** What follows a delivery's transitions: notices to the recipient and its supervisors. */
  Circulation = 'circulation',
}

export enum JobName {
  /** A circular reached a recipient: its inbox gets a notice. */
  DeliverySent = 'delivery.sent',
  /** A delivery changed state: the sender's inbox gets a notice when it matters. */
  DeliveryTransitioned = 'delivery.transitioned',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.DeliverySent]: { deliveryId: string };
  [JobName.DeliveryTransitioned]: { deliveryId: string; eventId: string; eventType: string };
}

export type JobPayload<N extends JobName> = JobPayloads[N];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DeliverySent]: QueueName.Circulation,
  [JobName.DeliveryTransitioned]: QueueName.Circulation,
};

/**
 * A job id that is the same every time the same thing is published, so a second publication
 * (a relay retried after a crash) is ignored by BullMQ. BullMQ 6 refuses ids with ':'.
 */
export function jobId(name: JobName, ...parts: Array<string | number>): string {
  const id = [name, ...parts].join('-');
  if (id.includes(':')) throw new Error(`job id must not contain ':' (${id})`);
  return id;
}
