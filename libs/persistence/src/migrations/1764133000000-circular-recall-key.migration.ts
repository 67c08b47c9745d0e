import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recall repeated with the same idempotency key answers the recalled circular instead of
 * "already recalled" (a network retry of the clerk's request): the key is kept with the recall.
 */
export class CircularRecallKey1764133000000 implements MigrationInterface {
  name = 'CircularRecallKey1764133000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "circular" ADD "recall_idempotency_key" character varying(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "circular" DROP COLUMN "recall_idempotency_key"`);
  }
}
