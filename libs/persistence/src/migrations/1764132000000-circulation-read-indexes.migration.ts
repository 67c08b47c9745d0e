import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reading what circulation shares (docs/identity.md): the guard finds the circulars whose
 * letter a document is, and the letters that carry a file as an enclosure, on every read of a
 * document or file that is not its own organisation's. Both by index, not by a scan.
 */
export class CirculationReadIndexes1764132000000 implements MigrationInterface {
  name = 'CirculationReadIndexes1764132000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "circular_document_idx" ON "circular" ("document_id")`);
    await q.query(
      `CREATE INDEX "document_enclosure_file_idx" ON "document_enclosure" ("file_id")
        WHERE file_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "document_enclosure_file_idx"`);
    await q.query(`DROP INDEX "circular_document_idx"`);
  }
}
