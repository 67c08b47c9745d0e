import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For statements of data-modifying CTEs:
 * - `wian_abort(message)` raises SQLSTATE WN001, so such a statement can refuse itself as a
 *   whole when one of its parts wrote nothing while another did (plain SQL has no RAISE). Used
 *   as `CASE WHEN <condition> THEN true ELSE wian_abort('…') END`.
 * - `audit_chain_tip()` returns at most one row; declared so (the default estimate is 1,000),
 *   a statement that appends to two chains is no longer estimated at a million rows, which
 *   made PostgreSQL JIT-compile it (~100–300 ms) at every execution.
 */
export class StatementHelpers1764126000000 implements MigrationInterface {
  name = 'StatementHelpers1764126000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION wian_abort(message text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
       BEGIN
         RAISE EXCEPTION '%', message USING ERRCODE = 'WN001';
       END
       $$`,
    );
    await q.query(`ALTER FUNCTION audit_chain_tip(integer) ROWS 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER FUNCTION audit_chain_tip(integer) ROWS 1000`);
    await q.query(`DROP FUNCTION wian_abort(text)`);
  }
}
