import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_chain_tip(organisation)`: takes the chain's transaction-scoped advisory lock (class
 * 71402, as before) and then returns the chain's last `chain_seq` and `hash`, in one round trip.
 * The read must come after the lock in its own snapshot (the previous holder may have committed
 * while this transaction waited); a VOLATILE plpgsql function takes a fresh snapshot for each
 * statement in it, which one plain SQL statement could not.
 */
export class AuditChainTip1764110100000 implements MigrationInterface {
  name = 'AuditChainTip1764110100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_chain_tip(org integer)
        RETURNS TABLE (tip_seq bigint, tip_hash character(64))
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(71402, coalesce(org, 0));
        IF org IS NULL THEN
          RETURN QUERY SELECT e.chain_seq, e.hash FROM audit_event e
            WHERE e.organisation_id IS NULL ORDER BY e.chain_seq DESC LIMIT 1;
        ELSE
          RETURN QUERY SELECT e.chain_seq, e.hash FROM audit_event e
            WHERE e.organisation_id = org ORDER BY e.chain_seq DESC LIMIT 1;
        END IF;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain_tip(integer)`);
  }
}
