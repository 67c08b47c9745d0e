import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The same letter typed in twice is recognised by its number, issuer and date: one composite
 * index answers that check from the index alone (it was a scan of every document with the
 * number). It also serves lookups by number alone, so the single-column index goes.
 */
export class DocumentLetterIndex1764110000000 implements MigrationInterface {
  name = 'DocumentLetterIndex1764110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "document_letter_idx" ON "document" ("number_text", "issuer_name", "letter_date")`,
    );
    await q.query(`DROP INDEX "public"."document_number_idx"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "document_number_idx" ON "document" ("number_text")`);
    await q.query(`DROP INDEX "public"."document_letter_idx"`);
  }
}
