import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deadline job was written twice: as its `scheduled_job` row (the truth) and as an outbox row
 * for the relay to publish. The relay now publishes unpublished `scheduled_job` rows itself
 * (decision 31), so the row records when it was published. Rows written before this have their
 * outbox row, which publishes them (or has): they count as published.
 */
export class ScheduledJobPublished1764130000000 implements MigrationInterface {
  name = 'ScheduledJobPublished1764130000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "scheduled_job" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `UPDATE "scheduled_job" s SET "published_at" = coalesce(m."sent_at", now())
         FROM "outbox_message" m WHERE m."job_id" = s."job_id"`,
    );
    await q.query(
      `CREATE INDEX "scheduled_job_unpublished_idx" ON "scheduled_job" ("run_at")
        WHERE published_at IS NULL AND done_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "scheduled_job_unpublished_idx"`);
    await q.query(
      `INSERT INTO "outbox_message" (queue, job_name, job_id, payload, run_at)
       SELECT 'deadlines',
              CASE kind WHEN 'reminder' THEN 'deadline.reminder' WHEN 'deadline' THEN 'deadline.missed'
                        ELSE 'deadline.escalate' END,
              job_id,
              jsonb_strip_nulls(jsonb_build_object('circularId', circular_id, 'deadlineRev', deadline_rev,
                                                   'step', step, 'deliveryId', delivery_id)),
              run_at
         FROM "scheduled_job" WHERE "published_at" IS NULL AND "done_at" IS NULL
       ON CONFLICT (job_id) DO NOTHING`,
    );
    await q.query(`ALTER TABLE "scheduled_job" DROP COLUMN "published_at"`);
  }
}
