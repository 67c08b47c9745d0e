import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarHolidays1764114000000 implements MigrationInterface {
  name = 'CalendarHolidays1764114000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "calendar_holiday" ("date" date NOT NULL, "kind" character varying(16) NOT NULL, "name_th" character varying(255) NOT NULL, "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by_user_id" uuid, CONSTRAINT "calendar_holiday_kind_check" CHECK ("kind" IN ('substitution', 'special', 'not_observed')), CONSTRAINT "calendar_holiday_pkey" PRIMARY KEY ("date"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "calendar_holiday"`);
  }
}
