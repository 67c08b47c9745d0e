/**
 * The job catalogue: every queue and job wian runs. Queue and job names are a stored contract
 * (outbox rows, Redis keys, job ids): never rename a value, add new ones.
 */
export enum QueueName {
  /** What follows a delivery's transitions: notices to the recipient and its supervisors. */
  Circulation = 'circulation',
  /** Reminders before a deadline, the deadline check and escalations after it. */
  Deadlines = 'deadlines',
  /** Notifications going out: e-mails and webhooks (the in-app inbox needs no job). */
  Notifications = 'notifications',
}

export enum JobName {
  /**
   * A circular reached one recipient: its inbox gets a notice. Circulars now publish
   * `circular.sent` instead; kept for jobs an older version put in the outbox or the queue.
   */
  DeliverySent = 'delivery.sent',
  /** A circular was sent or forwarded: every recipient's inbox gets a notice, page by page. */
  CircularSent = 'circular.sent',
  /** A circular's deadline moved: every recipient still owing the action hears of it. */
  CircularDeadlineChanged = 'circular.deadline-changed',
  /** A delivery changed state: the sender's inbox gets a notice when it matters. */
  DeliveryTransitioned = 'delivery.transitioned',
  /** Reminds the recipients of a circular that still owe its action. */
  Reminder = 'deadline.reminder',
  /** At the deadline: open deliveries become overdue, supervisors get one digest each. */
  DeadlineMissed = 'deadline.missed',
  /** After the grace period: still-open deliveries are reported one level further up. */
  Escalation = 'deadline.escalate',
  /** Sends one notification to one e-mail address. */
  SendEmail = 'notification.email',
  /** Posts one notification to an organisation's webhook. */
  SendWebhook = 'notification.webhook',
}

/** Deadline jobs carry the circular, the deadline revision they were planned for and a step. */
export interface DeadlineJobPayload {
  circularId: string;
  deadlineRev: number;
  step: number;
  /** For a deadline counted from each recipient's receipt: the one delivery it is about. */
  deliveryId?: string;
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.DeliverySent]: { deliveryId: string };
  [JobName.CircularSent]: { circularId: string };
  [JobName.CircularDeadlineChanged]: {
    circularId: string;
    deadlineRev: number;
    /** The deadline before the change (ISO), null when there was none. */
    previous: string | null;
    reason: string;
  };
  [JobName.DeliveryTransitioned]: { deliveryId: string; eventId: string; eventType: string };
  [JobName.Reminder]: DeadlineJobPayload;
  [JobName.DeadlineMissed]: DeadlineJobPayload;
  [JobName.Escalation]: DeadlineJobPayload;
  [JobName.SendEmail]: { notificationDeliveryId: string };
  [JobName.SendWebhook]: { notificationDeliveryId: string };
}

export type JobPayload<N extends JobName> = JobPayloads[N];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.DeliverySent]: QueueName.Circulation,
  [JobName.CircularSent]: QueueName.Circulation,
  [JobName.CircularDeadlineChanged]: QueueName.Circulation,
  [JobName.DeliveryTransitioned]: QueueName.Circulation,
  [JobName.Reminder]: QueueName.Deadlines,
  [JobName.DeadlineMissed]: QueueName.Deadlines,
  [JobName.Escalation]: QueueName.Deadlines,
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.SendWebhook]: QueueName.Notifications,
};

/** Retry policy of a job kind, where it differs from DEFAULT_JOB_OPTIONS. */
export interface JobRetryPolicy {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
}

/**
 * Jobs that talk to systems outside wian wait longer for them: 16 attempts 5 s apart,
 * doubling, keep an e-mail trying for about two days of SMTP outage; a webhook for about
 * half a day.
 */
export const JOB_RETRY: Partial<Record<JobName, JobRetryPolicy>> = {
  [JobName.SendEmail]: { attempts: 16, backoff: { type: 'exponential', delay: 5_000 } },
  [JobName.SendWebhook]: { attempts: 14, backoff: { type: 'exponential', delay: 5_000 } },
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
