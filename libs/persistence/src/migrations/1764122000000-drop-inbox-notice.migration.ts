import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The circulation-only inbox gives way to the notifications library's (one inbox for all). */
export class DropInboxNotice1764122000000 implements MigrationInterface {
  name = 'DropInboxNotice1764122000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "inbox_notice"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "inbox_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_key" character varying(200) NOT NULL, "organisation_id" integer NOT NULL, "delivery_id" uuid, "kind" character varying(32) NOT NULL, "title_th" character varying(500) NOT NULL, "body_th" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "read_by_user_id" uuid, CONSTRAINT "inbox_notice_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "inbox_notice_organisation_idx" ON "inbox_notice"  ("organisation_id", "created_at") `,
    );
    await q.query(`CREATE UNIQUE INDEX "inbox_notice_key" ON "inbox_notice"  ("notice_key") `);
  }
}
