import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail. A trigger refuses UPDATE, DELETE and TRUNCATE for everyone,
 * the owner included, so the only way to change the trail is DDL (disabling the trigger),
 * which the application's role should not be allowed (docs/audit-trail.md).
 */
export class Audit1764100000000 implements MigrationInterface {
  name = 'Audit1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "audit_event" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "chain_seq" bigint NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "action" character varying(64) NOT NULL,
        "entity_type" character varying(64),
        "entity_id" character varying(64),
        "organisation_id" integer,
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "position_id" uuid,
        "on_behalf_of_position_id" uuid,
        "delegation_id" uuid,
        "request_id" character varying(128),
        "ip" character varying(64),
        "payload" jsonb NOT NULL DEFAULT '{}',
        "prev_hash" character(64),
        "hash" character(64) NOT NULL,
        CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "audit_event_chain_key" UNIQUE ("organisation_id", "chain_seq")
      )`);
    // The unique constraint treats NULL organisations as distinct; this covers their chain.
    await q.query(
      `CREATE UNIQUE INDEX "audit_event_null_org_chain_key" ON "audit_event" ("chain_seq") WHERE "organisation_id" IS NULL`,
    );
    await q.query(`CREATE INDEX "audit_event_occurred_at_idx" ON "audit_event" ("occurred_at")`);
    await q.query(`CREATE INDEX "audit_event_actor_user_idx" ON "audit_event" ("actor_user_id")`);
    await q.query(`CREATE INDEX "audit_event_action_idx" ON "audit_event" ("action")`);
    await q.query(
      `CREATE INDEX "audit_event_entity_idx" ON "audit_event" ("entity_type", "entity_id")`,
    );
    await q.query(`
      CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_event"
        FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()`);
    await q.query(`
      CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON "audit_event"
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_event"`);
    await q.query(`DROP FUNCTION audit_event_immutable()`);
  }
}
