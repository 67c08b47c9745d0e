import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deadlines1764118000000 implements MigrationInterface {
  name = 'Deadlines1764118000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "scheduled_job" ("job_id" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "circular_id" uuid NOT NULL, "step" smallint NOT NULL, "deadline_rev" integer NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "outcome" character varying(200), CONSTRAINT "scheduled_job_kind_check" CHECK ("kind" IN ('reminder', 'deadline', 'escalation')), CONSTRAINT "scheduled_job_pkey" PRIMARY KEY ("job_id"))`,
    );
    await q.query(`CREATE INDEX "scheduled_job_circular_idx" ON "scheduled_job"  ("circular_id") `);
    await q.query(
      `CREATE INDEX "scheduled_job_pending_idx" ON "scheduled_job"  ("run_at") WHERE done_at IS NULL`,
    );
    await q.query(`ALTER TABLE "circular" ADD "deadline_rev" integer NOT NULL DEFAULT '1'`);
    await q.query(`ALTER TABLE "circular" ADD "reminder_working_days_before" smallint array`);
    await q.query(`ALTER TABLE "circular" ADD "reminder_time" character varying(5)`);
    await q.query(`ALTER TABLE "circular" ADD "grace_working_days" smallint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "circular" DROP COLUMN "grace_working_days"`);
    await q.query(`ALTER TABLE "circular" DROP COLUMN "reminder_time"`);
    await q.query(`ALTER TABLE "circular" DROP COLUMN "reminder_working_days_before"`);
    await q.query(`ALTER TABLE "circular" DROP COLUMN "deadline_rev"`);
    await q.query(`DROP INDEX "public"."scheduled_job_pending_idx"`);
    await q.query(`DROP INDEX "public"."scheduled_job_circular_idx"`);
    await q.query(`DROP TABLE "scheduled_job"`);
  }
}
