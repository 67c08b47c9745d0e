import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Documents, registers (receipt and dispatch) and their gapless running numbers. */
export class Registers1764102000000 implements MigrationInterface {
  name = 'Registers1764102000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(32) NOT NULL, "issuing_organisation_id" integer, "issuer_name" character varying(500) NOT NULL, "issuer_address" character varying(500), "owning_unit" character varying(500), "number_prefix" character varying(16), "number_unit_digits" character varying(16), "number_sub_unit" character varying(32), "number_series" character varying(16), "number_running" integer, "number_year" integer, "number_text" character varying(64), "letter_date" date, "urgency" character varying(16) NOT NULL DEFAULT 'normal', "urgent_by" TIMESTAMP WITH TIME ZONE, "secrecy" character varying(16) NOT NULL DEFAULT 'none', "subject" character varying(1000) NOT NULL, "salutation" character varying(500), "body" text, "requested_action" text, "deadline_at" TIMESTAMP WITH TIME ZONE, "signature" jsonb, "contact" jsonb, "origin" character varying(16) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "document_secrecy_check" CHECK ("secrecy" IN ('none', 'confidential', 'secret', 'top_secret')), CONSTRAINT "document_urgency_check" CHECK ("urgency" IN ('normal', 'urgent', 'very_urgent', 'most_urgent')), CONSTRAINT "document_type_check" CHECK ("type" IN ('external_letter', 'internal_memo', 'stamped_letter', 'order', 'announcement', 'record')), CONSTRAINT "document_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "document_number_idx" ON "document"  ("number_text") `);
    await q.query(`CREATE INDEX "document_issuer_idx" ON "document"  ("issuing_organisation_id") `);
    await q.query(
      `CREATE TABLE "document_addressee" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "organisation_id" integer, "wording" character varying(500) NOT NULL, CONSTRAINT "document_addressee_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "document_addressee_document_idx" ON "document_addressee"  ("document_id") `,
    );
    await q.query(
      `CREATE TABLE "document_reference" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "ord" smallint NOT NULL, "referenced_document_id" uuid, "cited_number" character varying(64), "cited_date" date, CONSTRAINT "document_reference_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "document_reference_document_idx" ON "document_reference"  ("document_id") `,
    );
    await q.query(
      `CREATE TABLE "document_enclosure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "ord" smallint NOT NULL, "description" character varying(1000) NOT NULL, "count" integer NOT NULL, "unit" character varying(32) NOT NULL, "file_id" uuid, "link" character varying(2000), CONSTRAINT "document_enclosure_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "document_enclosure_document_idx" ON "document_enclosure"  ("document_id") `,
    );
    await q.query(
      `CREATE TABLE "register" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" integer NOT NULL, "kind" character varying(16) NOT NULL, "series" character varying(16), "name" character varying(255) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "register_name_key" UNIQUE ("organisation_id", "kind", "name"), CONSTRAINT "register_series_check" CHECK (("kind" = 'receipt' AND "series" IS NULL) OR ("kind" = 'dispatch' AND "series" IN ('normal', 'circular', 'order'))), CONSTRAINT "register_kind_check" CHECK ("kind" IN ('receipt', 'dispatch')), CONSTRAINT "register_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "register_organisation_idx" ON "register"  ("organisation_id") `);
    await q.query(
      `CREATE TABLE "register_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "register_id" uuid NOT NULL, "year_be" integer NOT NULL, "number" integer NOT NULL, "document_id" uuid NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "letter_number" character varying(64), "letter_date" date, "from_text" character varying(500) NOT NULL, "to_text" character varying(500) NOT NULL, "subject" character varying(1000) NOT NULL, "urgency" character varying(16) NOT NULL, "action" text, "remarks" text, "registered_by_user_id" uuid, "position_id" uuid, "idempotency_key" character varying(128), "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "cancelled_by_user_id" uuid, CONSTRAINT "register_entry_idempotency_key" UNIQUE ("register_id", "idempotency_key"), CONSTRAINT "register_entry_number_key" UNIQUE ("register_id", "year_be", "number"), CONSTRAINT "register_entry_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "register_entry_registered_idx" ON "register_entry"  ("register_id", "registered_at") `,
    );
    await q.query(
      `CREATE INDEX "register_entry_document_idx" ON "register_entry"  ("document_id") `,
    );
    await q.query(
      `CREATE TABLE "running_number" ("series_key" character varying(96) NOT NULL, "year_be" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "running_number_pkey" PRIMARY KEY ("series_key", "year_be"))`,
    );
    await q.query(
      `ALTER TABLE "document" ADD CONSTRAINT "document_issuer_fkey" FOREIGN KEY ("issuing_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_addressee" ADD CONSTRAINT "document_addressee_document_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_addressee" ADD CONSTRAINT "document_addressee_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_reference" ADD CONSTRAINT "document_reference_document_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_reference" ADD CONSTRAINT "document_reference_target_fkey" FOREIGN KEY ("referenced_document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "document_enclosure" ADD CONSTRAINT "document_enclosure_document_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "register" ADD CONSTRAINT "register_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "register_entry" ADD CONSTRAINT "register_entry_register_fkey" FOREIGN KEY ("register_id") REFERENCES "register"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "register_entry" ADD CONSTRAINT "register_entry_document_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Thai substring search on subjects (ILIKE '%…%').
    await q.query(
      `CREATE INDEX "register_entry_subject_trgm_idx" ON "register_entry" USING gin ("subject" gin_trgm_ops)`,
    );
    await q.query(
      `CREATE INDEX "document_subject_trgm_idx" ON "document" USING gin ("subject" gin_trgm_ops)`,
    );
    // A document is received (or dispatched) once per register; a cancelled line does not count.
    await q.query(
      `CREATE UNIQUE INDEX "register_entry_receipt_once_idx" ON "register_entry" ("register_id", "document_id") WHERE "cancelled_at" IS NULL`,
    );
    // One dispatch register per outgoing series of an organisation.
    await q.query(
      `CREATE UNIQUE INDEX "register_dispatch_series_idx" ON "register" ("organisation_id", "series") WHERE "kind" = 'dispatch'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "register_dispatch_series_idx"`);
    await q.query(`DROP INDEX "register_entry_receipt_once_idx"`);
    await q.query(`DROP INDEX "document_subject_trgm_idx"`);
    await q.query(`DROP INDEX "register_entry_subject_trgm_idx"`);
    await q.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "register_entry_document_fkey"`);
    await q.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "register_entry_register_fkey"`);
    await q.query(`ALTER TABLE "register" DROP CONSTRAINT "register_organisation_fkey"`);
    await q.query(
      `ALTER TABLE "document_enclosure" DROP CONSTRAINT "document_enclosure_document_fkey"`,
    );
    await q.query(
      `ALTER TABLE "document_reference" DROP CONSTRAINT "document_reference_target_fkey"`,
    );
    await q.query(
      `ALTER TABLE "document_reference" DROP CONSTRAINT "document_reference_document_fkey"`,
    );
    await q.query(
      `ALTER TABLE "document_addressee" DROP CONSTRAINT "document_addressee_organisation_fkey"`,
    );
    await q.query(
      `ALTER TABLE "document_addressee" DROP CONSTRAINT "document_addressee_document_fkey"`,
    );
    await q.query(`ALTER TABLE "document" DROP CONSTRAINT "document_issuer_fkey"`);
    await q.query(`DROP TABLE "running_number"`);
    await q.query(`DROP INDEX "public"."register_entry_document_idx"`);
    await q.query(`DROP INDEX "public"."register_entry_registered_idx"`);
    await q.query(`DROP TABLE "register_entry"`);
    await q.query(`DROP INDEX "public"."register_organisation_idx"`);
    await q.query(`DROP TABLE "register"`);
    await q.query(`DROP INDEX "public"."document_enclosure_document_idx"`);
    await q.query(`DROP TABLE "document_enclosure"`);
    await q.query(`DROP INDEX "public"."document_reference_document_idx"`);
    await q.query(`DROP TABLE "document_reference"`);
    await q.query(`DROP INDEX "public"."document_addressee_document_idx"`);
    await q.query(`DROP TABLE "document_addressee"`);
    await q.query(`DROP INDEX "public"."document_issuer_idx"`);
    await q.query(`DROP INDEX "public"."document_number_idx"`);
    await q.query(`DROP TABLE "document"`);
  }
}
