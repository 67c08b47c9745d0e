import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1764116000000 implements MigrationInterface {
  name = 'Notifications1764116000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notification_settings" ("organisation_id" integer NOT NULL, "email_enabled" boolean NOT NULL DEFAULT false, "email_addresses" character varying(254) array NOT NULL DEFAULT '{}', "webhook_enabled" boolean NOT NULL DEFAULT false, "webhook_url" character varying(1000), "webhook_secret" character varying(128), "webhook_secret_created_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_user_id" uuid, CONSTRAINT "notification_settings_pkey" PRIMARY KEY ("organisation_id"))`,
    );
    await q.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_key" character varying(200) NOT NULL, "organisation_id" integer NOT NULL, "user_id" uuid, "kind" character varying(48) NOT NULL, "title_th" character varying(500) NOT NULL, "body_th" text NOT NULL, "link" character varying(1000), "email_subject_th" character varying(500), "email_text_th" text, "email_html_th" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "read_by_user_id" uuid, CONSTRAINT "notification_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "notification_unread_idx" ON "notification"  ("organisation_id") WHERE read_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "notification_user_idx" ON "notification"  ("user_id", "created_at") WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "notification_organisation_idx" ON "notification"  ("organisation_id", "created_at") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "notification_key_key" ON "notification"  ("notification_key") `,
    );
    await q.query(
      `CREATE TABLE "notification_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notification_id" uuid NOT NULL, "channel" character varying(16) NOT NULL, "target" character varying(1000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "notification_delivery_open_idx" ON "notification_delivery"  ("created_at") WHERE status <> 'sent'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "notification_delivery_target_key" ON "notification_delivery"  ("notification_id", "channel", "target") `,
    );
    await q.query(
      `ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "notification_user_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notification_delivery" ADD CONSTRAINT "notification_delivery_notification_fkey" FOREIGN KEY ("notification_id") REFERENCES "notification"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "notification_delivery" DROP CONSTRAINT "notification_delivery_notification_fkey"`,
    );
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_user_fkey"`);
    await q.query(`ALTER TABLE "notification" DROP CONSTRAINT "notification_organisation_fkey"`);
    await q.query(
      `ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_organisation_fkey"`,
    );
    await q.query(`DROP INDEX "public"."notification_delivery_target_key"`);
    await q.query(`DROP INDEX "public"."notification_delivery_open_idx"`);
    await q.query(`DROP TABLE "notification_delivery"`);
    await q.query(`DROP INDEX "public"."notification_key_key"`);
    await q.query(`DROP INDEX "public"."notification_organisation_idx"`);
    await q.query(`DROP INDEX "public"."notification_user_idx"`);
    await q.query(`DROP INDEX "public"."notification_unread_idx"`);
    await q.query(`DROP TABLE "notification"`);
    await q.query(`DROP TABLE "notification_settings"`);
  }
}
