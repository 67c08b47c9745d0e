import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Circulation1764112000000 implements MigrationInterface {
  name = 'Circulation1764112000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "circular" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "sender_organisation_id" integer NOT NULL, "parent_delivery_id" uuid, "root_circular_id" uuid NOT NULL, "depth" smallint NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE, "requested_action" text, "rollup_rule" character varying(32) NOT NULL DEFAULT 'own_and_forwarded', "status" character varying(16) NOT NULL DEFAULT 'active', "supersedes_circular_id" uuid, "selection" jsonb NOT NULL, "recipient_count" integer NOT NULL, "sent_by_user_id" uuid, "sent_by_position_id" uuid, "idempotency_key" character varying(200), "recalled_at" TIMESTAMP WITH TIME ZONE, "recall_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "circular_status_check" CHECK ("status" IN ('active', 'recalled', 'superseded')), CONSTRAINT "circular_rollup_rule_check" CHECK ("rollup_rule" IN ('own_and_forwarded', 'own_only')), CONSTRAINT "circular_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "circular_idempotency_key" ON "circular"  ("sender_organisation_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "circular_parent_delivery_idx" ON "circular"  ("parent_delivery_id") `,
    );
    await q.query(
      `CREATE INDEX "circular_sender_idx" ON "circular"  ("sender_organisation_id", "created_at") `,
    );
    await q.query(`CREATE INDEX "circular_root_idx" ON "circular"  ("root_circular_id") `);
    await q.query(
      `CREATE TABLE "delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "circular_id" uuid NOT NULL, "root_circular_id" uuid NOT NULL, "parent_delivery_id" uuid, "recipient_organisation_id" integer NOT NULL, "depth" smallint NOT NULL, "machine_version" smallint NOT NULL, "snapshot" jsonb NOT NULL, "state" character varying(16) NOT NULL, "timeliness" character varying(16) NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE, "receipt_entry_id" uuid, "received_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "forwarded_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "done_note" text, "done_evidence" jsonb, "instruction" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "delivery_timeliness_check" CHECK ("timeliness" IN ('on_time', 'overdue', 'escalated')), CONSTRAINT "delivery_state_check" CHECK ("state" IN ('sent', 'received', 'acknowledged', 'forwarded', 'done', 'closed', 'recalled', 'superseded')), CONSTRAINT "delivery_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "delivery_parent_idx" ON "delivery"  ("parent_delivery_id") `);
    await q.query(
      `CREATE INDEX "delivery_recipient_idx" ON "delivery"  ("recipient_organisation_id", "state") `,
    );
    await q.query(`CREATE INDEX "delivery_root_idx" ON "delivery"  ("root_circular_id", "state") `);
    await q.query(
      `CREATE UNIQUE INDEX "delivery_circular_recipient_key" ON "delivery"  ("circular_id", "recipient_organisation_id") `,
    );
    await q.query(
      `CREATE TABLE "delivery_acknowledgement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "unit_organisation_id" integer, "unit_name" character varying(500), "assigned_at" TIMESTAMP WITH TIME ZONE, "user_id" uuid, "position_id" uuid, "official_name" character varying(255), "position_title" character varying(255), "acknowledged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "delivery_acknowledgement_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "delivery_ack_delivery_idx" ON "delivery_acknowledgement"  ("delivery_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "delivery_ack_user_key" ON "delivery_acknowledgement"  ("delivery_id", "user_id") WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "delivery_ack_unit_key" ON "delivery_acknowledgement"  ("delivery_id", "unit_organisation_id") WHERE unit_organisation_id IS NOT NULL AND user_id IS NULL`,
    );
    await q.query(
      `CREATE TABLE "delivery_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(32) NOT NULL, "from_state" character varying(40), "to_state" character varying(40) NOT NULL, "actor_user_id" uuid, "actor_name" character varying(255), "position_id" uuid, "on_behalf_of_position_id" uuid, "delegation_id" uuid, "api_key_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payload" jsonb, "idempotency_key" character varying(200), CONSTRAINT "delivery_event_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "delivery_event_idempotency_key" ON "delivery_event"  ("delivery_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "delivery_event_seq_key" ON "delivery_event"  ("delivery_id", "seq") `,
    );
    await q.query(
      `CREATE TABLE "inbox_notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "notice_key" character varying(200) NOT NULL, "organisation_id" integer NOT NULL, "delivery_id" uuid, "kind" character varying(32) NOT NULL, "title_th" character varying(500) NOT NULL, "body_th" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "read_by_user_id" uuid, CONSTRAINT "inbox_notice_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "inbox_notice_organisation_idx" ON "inbox_notice"  ("organisation_id", "created_at") `,
    );
    await q.query(`CREATE UNIQUE INDEX "inbox_notice_key" ON "inbox_notice"  ("notice_key") `);
    await q.query(
      `CREATE TABLE "outbox_message" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "queue" character varying(64) NOT NULL, "job_name" character varying(64) NOT NULL, "job_id" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "outbox_message_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "outbox_message_unsent_idx" ON "outbox_message"  ("id") WHERE sent_at IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "outbox_message_job_id_key" ON "outbox_message"  ("job_id") `,
    );
    await q.query(
      `ALTER TABLE "circular" ADD CONSTRAINT "circular_document_fkey" FOREIGN KEY ("document_id") REFERENCES "document"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "circular" ADD CONSTRAINT "circular_sender_fkey" FOREIGN KEY ("sender_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "delivery_circular_fkey" FOREIGN KEY ("circular_id") REFERENCES "circular"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "delivery_recipient_fkey" FOREIGN KEY ("recipient_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delivery" ADD CONSTRAINT "delivery_receipt_entry_fkey" FOREIGN KEY ("receipt_entry_id") REFERENCES "register_entry"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delivery_acknowledgement" ADD CONSTRAINT "delivery_ack_delivery_fkey" FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delivery_event" ADD CONSTRAINT "delivery_event_delivery_fkey" FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // A delivery's history is written once and never changed.
    await q.query(`
      CREATE FUNCTION delivery_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'delivery_event rows are history and cannot be changed (%)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER "delivery_event_no_update_delete" BEFORE UPDATE OR DELETE ON "delivery_event"
        FOR EACH ROW EXECUTE FUNCTION delivery_event_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "delivery_event_no_update_delete" ON "delivery_event"`);
    await q.query(`DROP FUNCTION delivery_event_immutable()`);
    await q.query(`ALTER TABLE "delivery_event" DROP CONSTRAINT "delivery_event_delivery_fkey"`);
    await q.query(
      `ALTER TABLE "delivery_acknowledgement" DROP CONSTRAINT "delivery_ack_delivery_fkey"`,
    );
    await q.query(`ALTER TABLE "delivery" DROP CONSTRAINT "delivery_receipt_entry_fkey"`);
    await q.query(`ALTER TABLE "delivery" DROP CONSTRAINT "delivery_recipient_fkey"`);
    await q.query(`ALTER TABLE "delivery" DROP CONSTRAINT "delivery_circular_fkey"`);
    await q.query(`ALTER TABLE "circular" DROP CONSTRAINT "circular_sender_fkey"`);
    await q.query(`ALTER TABLE "circular" DROP CONSTRAINT "circular_document_fkey"`);
    await q.query(`DROP INDEX "public"."outbox_message_job_id_key"`);
    await q.query(`DROP INDEX "public"."outbox_message_unsent_idx"`);
    await q.query(`DROP TABLE "outbox_message"`);
    await q.query(`DROP INDEX "public"."inbox_notice_key"`);
    await q.query(`DROP INDEX "public"."inbox_notice_organisation_idx"`);
    await q.query(`DROP TABLE "inbox_notice"`);
    await q.query(`DROP INDEX "public"."delivery_event_seq_key"`);
    await q.query(`DROP INDEX "public"."delivery_event_idempotency_key"`);
    await q.query(`DROP TABLE "delivery_event"`);
    await q.query(`DROP INDEX "public"."delivery_ack_unit_key"`);
    await q.query(`DROP INDEX "public"."delivery_ack_user_key"`);
    await q.query(`DROP INDEX "public"."delivery_ack_delivery_idx"`);
    await q.query(`DROP TABLE "delivery_acknowledgement"`);
    await q.query(`DROP INDEX "public"."delivery_circular_recipient_key"`);
    await q.query(`DROP INDEX "public"."delivery_root_idx"`);
    await q.query(`DROP INDEX "public"."delivery_recipient_idx"`);
    await q.query(`DROP INDEX "public"."delivery_parent_idx"`);
    await q.query(`DROP TABLE "delivery"`);
    await q.query(`DROP INDEX "public"."circular_root_idx"`);
    await q.query(`DROP INDEX "public"."circular_sender_idx"`);
    await q.query(`DROP INDEX "public"."circular_parent_delivery_idx"`);
    await q.query(`DROP INDEX "public"."circular_idempotency_key"`);
    await q.query(`DROP TABLE "circular"`);
  }
}
