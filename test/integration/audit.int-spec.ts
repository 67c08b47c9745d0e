import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { DataSource, EntityManager } from 'typeorm';
import {
  auditChainTipSql,
  auditHash,
  AuditQuery,
  auditSql,
  AuditTrail,
  RequestContext,
  verifyAuditChains,
  type AuditEvent,
} from '@wian/audit';
import { Organisation } from '@wian/hierarchy';
import { TransactionHost } from '@wian/persistence';
import { ManualClock } from '@wian/thai';
import {
  createTestDatabase,
  openMigratedDataSource,
  type TestDatabase,
} from '../support/test-database.js';

const USER_A = '0b9f5a8e-2c7e-4d3a-9a51-6f1f8e0c2d11';
const USER_B = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const POSITION = '11111111-2222-4333-8444-555555555555';
const ORGS = [101, 102, 103, 104, 105];

interface ChainRow {
  organisation_id: number | null;
  seqs: string[];
}

describe(`audit trail (${process.env.WIAN_TEST_ENGINE ?? 'postgres'})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let tx: TransactionHost;
  let clock: ManualClock;
  let trail: AuditTrail;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await openMigratedDataSource(db);
    tx = new TransactionHost(dataSource);
    clock = new ManualClock(new Date('2026-11-25T01:00:00.000Z'));
    trail = new AuditTrail(tx, clock);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  const verify = (batchSize?: number) => verifyAuditChains(dataSource.manager, { batchSize });

  const count = async (where: string, params: unknown[] = []): Promise<number> => {
    const [row] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM audit_event WHERE ${where}`,
      params,
    );
    return row.n;
  };

  const rowAt = async (organisationId: number, seq: number): Promise<{ id: string }> => {
    const [row] = await dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM audit_event WHERE organisation_id = $1 AND chain_seq = $2`,
      [organisationId, seq],
    );
    return row;
  };

  /** Runs `work` with the immutability trigger switched off, as only the table owner could. */
  const withTriggerDisabled = (work: (manager: EntityManager) => Promise<void>): Promise<void> =>
    dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
      await work(manager);
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
    });

  it('appends 200 concurrent entries in 5 organisations to gapless chains', async () => {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        RequestContext.run({ requestId: `req-${i}`, ip: '203.0.113.7' }, () =>
          tx.run(async () => {
            RequestContext.assign({ actorUserId: i % 2 === 0 ? USER_A : USER_B });
            await new Promise((resolve) => setImmediate(resolve));
            await trail.record({
              action: 'register.receive',
              entityType: 'register_entry',
              entityId: i,
              organisationId: ORGS[i % ORGS.length],
              payload: { n: i },
            });
          }),
        ),
      ),
    );
    const chains = await dataSource.query<ChainRow[]>(
      `SELECT organisation_id, array_agg(chain_seq::text ORDER BY chain_seq) AS seqs
         FROM audit_event GROUP BY organisation_id ORDER BY organisation_id`,
    );
    const expected = Array.from({ length: 40 }, (_, i) => String(i + 1));
    expect(chains).toEqual(ORGS.map((id) => ({ organisation_id: id, seqs: expected })));
    expect(await verify()).toEqual({ ok: true, chains: 5, rows: 200 });
    // The verifier pages through the index; small pages cross chain boundaries mid-page.
    expect(await verify(7)).toEqual({ ok: true, chains: 5, rows: 200 });
    expect(await verify(40)).toEqual({ ok: true, chains: 5, rows: 200 });
  });

  it('fills request id, address and actor from the request context; explicit null wins', async () => {
    const event = await RequestContext.run(
      { requestId: 'req-ctx', ip: '198.51.100.4', organisationId: 101 },
      async () => {
        RequestContext.assign({ actorUserId: USER_A, positionId: POSITION });
        return trail.record({ action: 'delegation.create', entityType: 'delegation' });
      },
    );
    expect(event).toMatchObject({
      requestId: 'req-ctx',
      ip: '198.51.100.4',
      organisationId: 101,
      actorUserId: USER_A,
      positionId: POSITION,
      chainSeq: '41',
    });
    const stored = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT request_id, ip, actor_user_id, position_id, chain_seq, hash
         FROM audit_event WHERE id = $1`,
      [event.id],
    );
    expect(stored).toEqual([
      {
        request_id: 'req-ctx',
        ip: '198.51.100.4',
        actor_user_id: USER_A,
        position_id: POSITION,
        chain_seq: '41',
        hash: event.hash,
      },
    ]);

    const system = await RequestContext.run({ organisationId: 102, actorUserId: USER_A }, () =>
      trail.record({ action: 'auth.login', organisationId: null, actorUserId: USER_B }),
    );
    expect(system).toMatchObject({ organisationId: null, actorUserId: USER_B, chainSeq: '1' });
    expect(system.prevHash).toBeNull();
    const second = await trail.record({ action: 'auth.login_failed', payload: { user: 'x' } });
    expect(second).toMatchObject({ organisationId: null, chainSeq: '2', prevHash: system.hash });
    expect(await verify()).toEqual({ ok: true, chains: 6, rows: 203 });
  });

  it('commits with the write it describes and vanishes when that write rolls back', async () => {
    await tx.run(async (manager) => {
      await manager.insert(Organisation, {
        code: 'audit-ok',
        kind: 'internal_unit',
        nameTh: 'หน่วยทดสอบ',
        path: '/x/',
        depth: 0,
      });
      await trail.record({ action: 'organisation.create', organisationId: 104 });
    });
    expect(await count(`action = 'organisation.create'`)).toBe(1);

    const failure = await tx
      .run(async () => {
        await trail.record({ action: 'organisation.delete', organisationId: 104 });
        throw new Error('the write failed');
      })
      .catch((e: unknown) => e);
    expect(failure).toEqual(new Error('the write failed'));
    expect(await count(`action = 'organisation.delete'`)).toBe(0);
    // The chain continues where the committed rows end.
    const next = await trail.record({ action: 'organisation.update', organisationId: 104 });
    expect(next.chainSeq).toBe('42');
    expect((await verify()).ok).toBe(true);
  });

  it('appends inside a caller’s statement with the same hashes as record() (appendSql)', async () => {
    // Strings JSON escapes (quotes, backslash, control characters), Thai, emoji, as values
    // rendered in Node and as values only the statement knows.
    const tricky = 'เรื่อง "ด่วน" \\ ทดสอบ\n\t\u0001\u001f 😀 /';
    const values: unknown[] = [];
    const params = { add: (value: unknown, cast: string) => `$${values.push(value)}::${cast}` };
    const org = params.add(105, 'int');
    const fromStatement = params.add(tricky, 'text');
    // The request context is read when the SQL is built, as record() reads it.
    const build = (): string[] =>
      trail.appendSql(params, 'tip', 105, [
        {
          action: 'register.receive',
          entityType: 'register_entry',
          entityId: 'e-1',
          organisationId: 105,
          payload: {
            literal: tricky,
            computed: auditSql.text(fromStatement),
            count: auditSql.integer('41 + 1'),
            none: auditSql.text('NULL'),
            nested: {
              list: [1, auditSql.integer('7'), 'x'],
              at: new Date('2026-11-25T01:02:03.004Z'),
            },
          },
        },
        {
          action: 'document.classified_access',
          organisationId: 105,
          payload: { secrecy: 'secret' },
          when: 'false',
        },
      ]);
    await RequestContext.run({ requestId: 'req-sql', actorUserId: USER_B }, () =>
      tx.run((manager) =>
        manager.query(
          `WITH tip AS (SELECT t.tip_seq, t.tip_hash FROM (SELECT 1) one
                LEFT JOIN LATERAL ${auditChainTipSql(org)} AS t ON true),
           ${build().join(',\n')} SELECT 1`,
          values,
        ),
      ),
    );
    const rows = await dataSource.query<Array<Record<string, unknown>>>(
      `SELECT action, request_id, actor_user_id, payload FROM audit_event
        WHERE organisation_id = 105 ORDER BY chain_seq DESC LIMIT 1`,
    );
    expect(rows).toEqual([
      {
        action: 'register.receive',
        request_id: 'req-sql',
        actor_user_id: USER_B,
        payload: {
          literal: tricky,
          computed: tricky,
          count: 42,
          none: null,
          nested: { list: [1, 7, 'x'], at: '2026-11-25T01:02:03.004Z' },
        },
      },
    ]);
    // The conditional second entry was not written; the chain verifies (hash recomputed).
    expect(await count(`action = 'document.classified_access'`)).toBe(0);
    expect((await verify()).ok).toBe(true);
    // record() continues the chain after it.
    const next = await trail.record({ action: 'auth.login', organisationId: 105 });
    expect(next.chainSeq).toBe('42');
    expect((await verify()).ok).toBe(true);
  });

  it('refuses bad entries before writing anything', async () => {
    await expect(trail.record({ action: 'Login' })).rejects.toThrow(RangeError);
    await expect(trail.record({ action: 'auth.login', entityId: 'x'.repeat(65) })).rejects.toThrow(
      RangeError,
    );
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const before = await count('true');
    const refused = async (sql: string): Promise<void> => {
      const error: unknown = await dataSource.query(sql).catch((e: unknown) => e);
      expect(String(error)).toMatch(/audit_event is append-only/);
      expect((error as { driverError?: { code?: string } }).driverError?.code).toBe('42501');
    };
    await refused(`UPDATE audit_event SET payload = '{"n": -1}' WHERE organisation_id = 101`);
    await refused(`DELETE FROM audit_event WHERE organisation_id = 101`);
    await refused(`TRUNCATE audit_event`);
    expect(await count('true')).toBe(before);
    expect((await verify()).ok).toBe(true);
  });

  it('names the row whose content was changed (hash_mismatch)', async () => {
    const target = await rowAt(103, 17);
    await withTriggerDisabled(async (m) => {
      await m.query(`UPDATE audit_event SET payload = '{"n": 999}' WHERE id = $1`, [target.id]);
    });
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { id: target.id, organisationId: 103, chainSeq: '17', reason: 'hash_mismatch' },
    });
    expect((await verify(3)).firstBroken).toEqual((await verify()).firstBroken);

    // Re-hashing the forged row only moves the break to its successor.
    await withTriggerDisabled(async (m) => {
      const [row] = await m.query<AuditRowForHash[]>(`${SELECT_FOR_HASH} WHERE id = $1`, [
        target.id,
      ]);
      await m.query(`UPDATE audit_event SET hash = $1 WHERE id = $2`, [
        auditHash(toHashInput(row)),
        target.id,
      ]);
    });
    const successor = await rowAt(103, 18);
    expect((await verify()).firstBroken).toEqual({
      id: successor.id,
      organisationId: 103,
      chainSeq: '18',
      reason: 'prev_hash_mismatch',
    });
  });

  it('names the row after a deleted one', async () => {
    const db2 = await createTestDatabase();
    const fresh = await openMigratedDataSource(db2);
    try {
      const freshTrail = new AuditTrail(new TransactionHost(fresh), clock);
      for (let i = 0; i < 5; i++)
        await freshTrail.record({ action: 'auth.login', organisationId: 9 });
      const [middle] = await fresh.query<Array<{ id: string }>>(
        `SELECT id FROM audit_event WHERE chain_seq = 3`,
      );
      const [after] = await fresh.query<Array<{ id: string }>>(
        `SELECT id FROM audit_event WHERE chain_seq = 4`,
      );
      await fresh.transaction(async (m) => {
        await m.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
        await m.query('DELETE FROM audit_event WHERE id = $1', [middle.id]);
        await m.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
      });
      expect(await verifyAuditChains(fresh.manager)).toEqual({
        ok: false,
        chains: 1,
        rows: 3,
        firstBroken: { id: after.id, organisationId: 9, chainSeq: '4', reason: 'sequence_gap' },
      });
    } finally {
      await fresh.destroy();
      await db2.drop();
    }
  });

  describe('AuditQuery', () => {
    let qdb: TestDatabase;
    let qds: DataSource;
    let q: AuditQuery;
    let events: AuditEvent[];

    beforeAll(async () => {
      qdb = await createTestDatabase();
      qds = await openMigratedDataSource(qdb);
      const qtx = new TransactionHost(qds);
      const qclock = new ManualClock(new Date('2026-11-25T00:00:00.000Z'));
      const t = new AuditTrail(qtx, qclock);
      q = new AuditQuery(qtx);
      events = [];
      const add = async (entry: Parameters<AuditTrail['record']>[0]): Promise<void> => {
        events.push(await t.record(entry));
        qclock.advance(60_000);
      };
      await add({ action: 'auth.login', organisationId: 1, actorUserId: USER_A });
      await add({ action: 'auth.login_failed', organisationId: 2, actorUserId: USER_B });
      await add({ action: 'auth.logout', organisationId: null, actorUserId: USER_A });
      await add({
        action: 'register.receive',
        organisationId: 1,
        actorUserId: USER_B,
        entityType: 'register_entry',
        entityId: 'ที่ มท 0810.7/ว 1234, ลงวันที่ 8 มี.ค.',
        payload: { subject: 'ขอเชิญประชุม, "ด่วนที่สุด"', lines: 'หนึ่ง\nสอง' },
      });
      await add({ action: 'authx.probe', organisationId: 3, requestId: '=HYPERLINK("x")' });
    });

    afterAll(async () => {
      await qds.destroy();
      await qdb.drop();
    });

    const ids = (items: AuditEvent[]): string[] => items.map((e) => e.id);
    const idsOf = (...positions: number[]): string[] => positions.map((i) => events[i].id);

    it('lists newest first and filters by organisation scope', async () => {
      expect(ids((await q.list({})).items)).toEqual(idsOf(4, 3, 2, 1, 0));
      expect(ids((await q.list({ organisationIds: [1] })).items)).toEqual(idsOf(3, 0));
      expect(ids((await q.list({ organisationIds: [2, null] })).items)).toEqual(idsOf(2, 1));
      expect(ids((await q.list({ organisationIds: [] })).items)).toEqual([]);
    });

    it('filters by actor, action (exact or prefix), entity and time', async () => {
      expect(ids((await q.list({ actorUserId: USER_A })).items)).toEqual(idsOf(2, 0));
      expect(ids((await q.list({ action: 'auth.login' })).items)).toEqual(idsOf(0));
      expect(ids((await q.list({ action: 'auth.' })).items)).toEqual(idsOf(2, 1, 0));
      expect(ids((await q.list({ action: 'auth*' })).items)).toEqual(idsOf(4, 2, 1, 0));
      expect(ids((await q.list({ action: 'auth.log_' })).items)).toEqual([]); // "_" is literal
      expect(
        ids(
          (
            await q.list({
              entityType: 'register_entry',
              entityId: 'ที่ มท 0810.7/ว 1234, ลงวันที่ 8 มี.ค.',
            })
          ).items,
        ),
      ).toEqual(idsOf(3));
      const from = new Date('2026-11-25T00:01:00.000Z');
      const to = new Date('2026-11-25T00:03:00.000Z');
      expect(ids((await q.list({ from, to })).items)).toEqual(idsOf(2, 1));
      expect(ids((await q.list({ from, actorUserId: USER_B })).items)).toEqual(idsOf(3, 1));
    });

    it('pages with a cursor and refuses limits above 1000', async () => {
      const first = await q.list({}, { limit: 2 });
      expect(ids(first.items)).toEqual(idsOf(4, 3));
      const second = await q.list({}, { limit: 2, before: first.nextCursor });
      expect(ids(second.items)).toEqual(idsOf(2, 1));
      const third = await q.list({}, { limit: 2, before: second.nextCursor });
      expect(third).toEqual({ items: [events[0]] });
      const streamed: string[] = [];
      for await (const e of q.stream({ action: 'auth.' }, 1)) streamed.push(e.id);
      expect(streamed).toEqual(idsOf(2, 1, 0));
      await expect(q.list({}, { limit: 1001 })).rejects.toThrow(RangeError);
      await expect(q.list({}, { before: '1; DROP TABLE x' })).rejects.toThrow(RangeError);
    });

    it('returns rows equal to what was recorded, and the chain verifies', async () => {
      expect((await q.list({})).items.reverse()).toEqual(events);
      expect(await verifyAuditChains(qds.manager)).toEqual({ ok: true, chains: 4, rows: 5 });
    });

    it('exports CSV with a BOM, an English and Thai header, and Thai text quoted', async () => {
      const csv = q.toCsv((await q.list({})).items);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain('"ที่ มท 0810.7/ว 1234, ลงวันที่ 8 มี.ค."');
      const records = parse(csv.slice(1));
      const [header, ...rows] = records;
      expect(header[0]).toBe('id / ลำดับที่');
      expect(header).toContain('action / การกระทำ');
      expect(rows).toHaveLength(5);
      const receive = rows[1];
      const column = (name: string): number => header.findIndex((h) => h.startsWith(`${name} `));
      expect(receive[column('entity_id')]).toBe('ที่ มท 0810.7/ว 1234, ลงวันที่ 8 มี.ค.');
      expect(JSON.parse(receive[column('payload')])).toEqual({
        lines: 'หนึ่ง\nสอง',
        subject: 'ขอเชิญประชุม, "ด่วนที่สุด"',
      });
      expect(receive[column('hash')]).toBe(events[3].hash);
      expect(receive[column('occurred_at')]).toBe('2026-11-25T00:03:00.000Z');
      expect(receive[column('Bangkok')]).toBe('25 พ.ย. 2569 07:03:00');
      // A formula in free text is neutralised for spreadsheets.
      expect(rows[0][column('request_id')]).toBe(`'=HYPERLINK("x")`);
    });
  });
});

const SELECT_FOR_HASH = `SELECT chain_seq, occurred_at, action, entity_type, entity_id, organisation_id,
  actor_user_id, actor_api_key_id, position_id, on_behalf_of_position_id, delegation_id,
  request_id, ip, payload, prev_hash FROM audit_event`;

interface AuditRowForHash {
  chain_seq: string;
  occurred_at: Date;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  organisation_id: number | null;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  position_id: string | null;
  on_behalf_of_position_id: string | null;
  delegation_id: string | null;
  request_id: string | null;
  ip: string | null;
  payload: Record<string, unknown>;
  prev_hash: string | null;
}

function toHashInput(row: AuditRowForHash): Parameters<typeof auditHash>[0] {
  return {
    chainSeq: row.chain_seq,
    occurredAt: row.occurred_at,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    organisationId: row.organisation_id,
    actorUserId: row.actor_user_id,
    actorApiKeyId: row.actor_api_key_id,
    positionId: row.position_id,
    onBehalfOfPositionId: row.on_behalf_of_position_id,
    delegationId: row.delegation_id,
    requestId: row.request_id,
    ip: row.ip,
    payload: row.payload,
    prevHash: row.prev_hash,
  };
}
