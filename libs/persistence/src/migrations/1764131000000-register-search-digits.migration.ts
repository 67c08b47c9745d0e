import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A register is searched by subject with either digit system: "หนังสือ ๑" and "หนังสือ 1" find
 * the same line whichever the clerk typed when registering it. The query compares the subject
 * with its Thai digits read as Arabic (the search text is normalised the same way), so the
 * trigram index is built on that expression instead of the subject as typed.
 */
export class RegisterSearchDigits1764131000000 implements MigrationInterface {
  name = 'RegisterSearchDigits1764131000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "register_entry_subject_trgm_idx"`);
    await q.query(
      `CREATE INDEX "register_entry_subject_trgm_idx" ON "register_entry"
         USING gin ((translate("subject", '๐๑๒๓๔๕๖๗๘๙', '0123456789')) gin_trgm_ops)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "register_entry_subject_trgm_idx"`);
    await q.query(
      `CREATE INDEX "register_entry_subject_trgm_idx" ON "register_entry" USING gin ("subject" gin_trgm_ops)`,
    );
  }
}
