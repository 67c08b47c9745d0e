import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryRecipientFacts1764120000000 implements MigrationInterface {
  name = 'DeliveryRecipientFacts1764120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "delivery" ADD "recipient_kind" character varying(32)`);
    await q.query(`ALTER TABLE "delivery" ADD "province_id" integer`);
    await q.query(`ALTER TABLE "delivery" ADD "district_id" integer`);
    // Deliveries sent before this migration take their recipient's facts as they are now.
    await q.query(
      `UPDATE "delivery" d SET "recipient_kind" = o."kind", "province_id" = o."province_id", "district_id" = o."district_id"
         FROM "organisation" o WHERE o."id" = d."recipient_organisation_id"`,
    );
    await q.query(`ALTER TABLE "delivery" ALTER COLUMN "recipient_kind" SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "delivery" DROP COLUMN "district_id"`);
    await q.query(`ALTER TABLE "delivery" DROP COLUMN "province_id"`);
    await q.query(`ALTER TABLE "delivery" DROP COLUMN "recipient_kind"`);
  }
}
