import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A committed job waiting for the relay, from whichever table holds it. */
export interface PendingJob {
  /** What the source marks published: its row's key. */
  key: string;
  queue: string;
  name: string;
  /** Deterministic, so a second publication (after a crash) is ignored by BullMQ. */
  jobId: string;
  payload: object;
  runAt: Date | null;
}

/**
 * A table whose committed rows are jobs for the outbox relay to publish. `outbox_message` is
 * one; a module whose own rows already say everything a job needs (`scheduled_job`) is
 * another, so that it does not write every job twice, once as its record and once as an
 * outbox row.
 */
export interface OutboxSource {
  /** For logs: the table. */
  readonly name: string;
  /**
   * Up to `limit` unpublished jobs, locked in `manager`'s transaction with
   * `FOR UPDATE SKIP LOCKED`, so several relays share the work.
   */
  claim(manager: EntityManager, limit: number): Promise<PendingJob[]>;
  /** Marks claimed jobs published, in the transaction that claimed them. */
  markPublished(manager: EntityManager, keys: readonly string[]): Promise<void>;
  /** Whether any committed job is unpublished, including jobs another relay has locked. */
  hasUnpublished(manager: EntityManager): Promise<boolean>;
}

/** The sources besides `outbox_message`; each registers itself when its module starts. */
@Injectable()
export class OutboxSources {
  private readonly sources: OutboxSource[] = [];

  register(source: OutboxSource): void {
    if (this.sources.some((s) => s.name === source.name))
      throw new Error(`outbox source ${source.name} is registered twice`);
    this.sources.push(source);
  }

  all(): readonly OutboxSource[] {
    return this.sources;
  }
}
