import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RelativeDeadlines1764124000000 implements MigrationInterface {
  name = 'RelativeDeadlines1764124000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "circular" ADD "deadline_working_days" smallint`);
    await q.query(`ALTER TABLE "scheduled_job" ADD "delivery_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "scheduled_job" DROP COLUMN "delivery_id"`);
    await q.query(`ALTER TABLE "circular" DROP COLUMN "deadline_working_days"`);
  }
}
