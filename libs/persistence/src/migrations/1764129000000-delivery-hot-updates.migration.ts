import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery's row changes at every transition (state, snapshot, version), three to five times
 * in its life. With `state` in two of its indexes every change was a new entry in all five; no
 * query reads the state from an index (progress and inbox read the rows), so the indexes keep
 * their leading column only, and pages keep a fifth free: a transition is then a heap-only
 * (HOT) update, with no index entry at all and no bloat for the indexes to carry.
 */
export class DeliveryHotUpdates1764129000000 implements MigrationInterface {
  name = 'DeliveryHotUpdates1764129000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "delivery_root_idx"`);
    await q.query(`CREATE INDEX "delivery_root_idx" ON "delivery" ("root_circular_id")`);
    await q.query(`DROP INDEX "delivery_recipient_idx"`);
    await q.query(
      `CREATE INDEX "delivery_recipient_idx" ON "delivery" ("recipient_organisation_id")`,
    );
    await q.query(`ALTER TABLE "delivery" SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "delivery" RESET (fillfactor)`);
    await q.query(`DROP INDEX "delivery_recipient_idx"`);
    await q.query(
      `CREATE INDEX "delivery_recipient_idx" ON "delivery" ("recipient_organisation_id", "state")`,
    );
    await q.query(`DROP INDEX "delivery_root_idx"`);
    await q.query(`CREATE INDEX "delivery_root_idx" ON "delivery" ("root_circular_id", "state")`);
  }
}
