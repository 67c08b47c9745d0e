import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Uploaded files (enclosures, scanned letters), recorded with their SHA-256. */
export class StoredFiles1764104000000 implements MigrationInterface {
  name = 'StoredFiles1764104000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "stored_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" integer NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" integer NOT NULL, "media_type" character varying(100) NOT NULL, "original_name" character varying(255) NOT NULL, "uploaded_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "stored_file_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "stored_file_sha256_idx" ON "stored_file"  ("sha256") `);
    await q.query(
      `CREATE INDEX "stored_file_organisation_idx" ON "stored_file"  ("organisation_id") `,
    );
    await q.query(
      `ALTER TABLE "stored_file" ADD CONSTRAINT "stored_file_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stored_file" DROP CONSTRAINT "stored_file_organisation_fkey"`);
    await q.query(`DROP INDEX "public"."stored_file_organisation_idx"`);
    await q.query(`DROP INDEX "public"."stored_file_sha256_idx"`);
    await q.query(`DROP TABLE "stored_file"`);
  }
}
