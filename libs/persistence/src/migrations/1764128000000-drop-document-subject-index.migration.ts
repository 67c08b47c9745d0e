import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query searches letters by subject: a clerk searches a register, and register entries
 * carry the subject with their own trigram index. The letter's index cost every letter written
 * (a national fan-out writes some 1,900) a trigram GIN insert for nothing.
 */
export class DropDocumentSubjectIndex1764128000000 implements MigrationInterface {
  name = 'DropDocumentSubjectIndex1764128000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "document_subject_trgm_idx"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "document_subject_trgm_idx" ON "document" USING gin ("subject" gin_trgm_ops)`,
    );
  }
}
