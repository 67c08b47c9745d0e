import type { MigrationInterface, QueryRunner } from 'typeorm';
/** Users, positions and who holds them, sessions, API keys and delegations of authority. */

export class Identity1764098000000 implements MigrationInterface {
  name = 'Identity1764098000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" integer NOT NULL, "name" character varying(255) NOT NULL, "key_hash" character(64) NOT NULL, "scopes" character varying(64) array NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_key_hash_key" UNIQUE ("key_hash"), CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "api_key_organisation_idx" ON "api_key"  ("organisation_id") `);
    await q.query(
      `CREATE TABLE "position" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" integer NOT NULL, "title_th" character varying(255) NOT NULL, "roles" character varying(32) array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "position_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "position_organisation_idx" ON "position"  ("organisation_id") `);
    await q.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "full_name_th" character varying(255) NOT NULL, "email" character varying(255), "password_hash" character varying(255) NOT NULL, "is_system_admin" boolean NOT NULL DEFAULT false, "active" boolean NOT NULL DEFAULT true, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "app_user_username_key" UNIQUE ("username"), CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "delegation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(32) NOT NULL, "principal_position_id" uuid NOT NULL, "delegate_position_id" uuid, "delegate_user_id" uuid, "scope_all" boolean NOT NULL, "scope_actions" character varying(64) array NOT NULL DEFAULT '{}', "order_number" character varying(255) NOT NULL, "order_date" date NOT NULL, "valid_from" date NOT NULL, "valid_until" date, "allow_subdelegation" boolean NOT NULL DEFAULT false, "parent_delegation_id" uuid, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by_user_id" uuid, "revoke_reason" text, "first_used_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, CONSTRAINT "delegation_one_delegate_check" CHECK (("delegate_position_id" IS NULL) <> ("delegate_user_id" IS NULL)), CONSTRAINT "delegation_kind_check" CHECK ("kind" IN ('acting_on_behalf', 'acting_in_post')), CONSTRAINT "delegation_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "delegation_delegate_user_idx" ON "delegation"  ("delegate_user_id") `,
    );
    await q.query(
      `CREATE INDEX "delegation_delegate_position_idx" ON "delegation"  ("delegate_position_id") `,
    );
    await q.query(
      `CREATE INDEX "delegation_principal_idx" ON "delegation"  ("principal_position_id") `,
    );
    await q.query(
      `CREATE TABLE "position_holding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "position_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "position_holding_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "position_holding_position_idx" ON "position_holding"  ("position_id") `,
    );
    await q.query(`CREATE INDEX "position_holding_user_idx" ON "position_holding"  ("user_id") `);
    await q.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "family_id" uuid NOT NULL, "user_id" uuid NOT NULL, "position_id" uuid, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(64), "ip" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "refresh_token_hash_key" UNIQUE ("token_hash"), CONSTRAINT "refresh_token_pkey" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "refresh_token_family_idx" ON "refresh_token"  ("family_id") `);
    await q.query(
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "position" ADD CONSTRAINT "position_organisation_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delegation" ADD CONSTRAINT "delegation_principal_fkey" FOREIGN KEY ("principal_position_id") REFERENCES "position"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delegation" ADD CONSTRAINT "delegation_delegate_position_fkey" FOREIGN KEY ("delegate_position_id") REFERENCES "position"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delegation" ADD CONSTRAINT "delegation_delegate_user_fkey" FOREIGN KEY ("delegate_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "delegation" ADD CONSTRAINT "delegation_parent_fkey" FOREIGN KEY ("parent_delegation_id") REFERENCES "delegation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "position_holding" ADD CONSTRAINT "position_holding_user_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "position_holding" ADD CONSTRAINT "position_holding_position_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "refresh_token_user_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "refresh_token_user_fkey"`);
    await q.query(
      `ALTER TABLE "position_holding" DROP CONSTRAINT "position_holding_position_fkey"`,
    );
    await q.query(`ALTER TABLE "position_holding" DROP CONSTRAINT "position_holding_user_fkey"`);
    await q.query(`ALTER TABLE "delegation" DROP CONSTRAINT "delegation_parent_fkey"`);
    await q.query(`ALTER TABLE "delegation" DROP CONSTRAINT "delegation_delegate_user_fkey"`);
    await q.query(`ALTER TABLE "delegation" DROP CONSTRAINT "delegation_delegate_position_fkey"`);
    await q.query(`ALTER TABLE "delegation" DROP CONSTRAINT "delegation_principal_fkey"`);
    await q.query(`ALTER TABLE "position" DROP CONSTRAINT "position_organisation_fkey"`);
    await q.query(`ALTER TABLE "api_key" DROP CONSTRAINT "api_key_organisation_fkey"`);
    await q.query(`DROP INDEX "public"."refresh_token_family_idx"`);
    await q.query(`DROP TABLE "refresh_token"`);
    await q.query(`DROP INDEX "public"."position_holding_user_idx"`);
    await q.query(`DROP INDEX "public"."position_holding_position_idx"`);
    await q.query(`DROP TABLE "position_holding"`);
    await q.query(`DROP INDEX "public"."delegation_principal_idx"`);
    await q.query(`DROP INDEX "public"."delegation_delegate_position_idx"`);
    await q.query(`DROP INDEX "public"."delegation_delegate_user_idx"`);
    await q.query(`DROP TABLE "delegation"`);
    await q.query(`DROP TABLE "app_user"`);
    await q.query(`DROP INDEX "public"."position_organisation_idx"`);
    await q.query(`DROP TABLE "position"`);
    await q.query(`DROP INDEX "public"."api_key_organisation_idx"`);
    await q.query(`DROP TABLE "api_key"`);
  }
}
